"""The `silkqa` command as other tools see it: JSON on stdout, exit codes, one-line errors.

Every test here runs the real command in a subprocess. The model loads in a subprocess only
where a command needs it (building the mixed corpus, one batch search, the watch test);
the usage errors return before the model or the index is touched, so they are quick.
"""

from __future__ import annotations

import json
import os
import queue
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from test_documents import PDF_PAGES, make_pdf

from silkqa.store import current_generation, load_index
from silkqa.watching import is_ignored

INDEX_FIELDS = {
    "added",
    "changed",
    "removed",
    "unchanged",
    "skipped",
    "documents",
    "chunks",
    "embedded_chunks",
    "seconds",
}
HIT_FIELDS = {"rank", "score", "chunk_id", "doc_id", "source", "title", "section", "page", "text"}
LATIN_TEXT = (
    "Notes from Almaty\n\n"
    "The café near the old bazaar served naïve tourists a crème brûlée that cost a week of rent.\n"
    "Señora Müller, who ran the hostel, said the façade was restored in 1998 by a Zürich firm.\n"
)
NOTES = (
    "# Field notes on the Fergana valley\n\n"
    "## Irrigation\n\nCanals from the Syr Darya water the cotton fields of the Fergana valley.\n\n"
    "## Markets\n\nThe Sunday livestock market in Karakol sells sheep, yaks and horses.\n"
)


def run(
    *args: str, stdin: str | None = None, env: dict | None = None, cwd: Path
) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SILKQA_")}
    return subprocess.run(
        [sys.executable, "-m", "silkqa.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**clean, **(env or {})},
        cwd=cwd,
        timeout=300,
    )


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("silkqa:")
    return lines[0]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """A small corpus with good, broken, empty and non-UTF-8 files, indexed by `silkqa index --json`."""
    base = tmp_path_factory.mktemp("mixed")
    corpus, index = base / "corpus", base / "index"
    (corpus / "field").mkdir(parents=True)
    (corpus / "field" / "notes.md").write_text(NOTES, encoding="utf-8")
    make_pdf(corpus / "routes.pdf", PDF_PAGES, title="Caravan Routes Report")
    (corpus / "broken.pdf").write_bytes(random.Random(7).randbytes(5000))
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "latin.txt").write_bytes(LATIN_TEXT.encode("cp1252"))
    proc = run("index", "--json", "--corpus", str(corpus), "--index", str(index), cwd=base)
    return base, corpus, index, proc


# --------------------------------------------------------------------------- index


def test_index_json_report(mixed):
    _, _, _, proc = mixed
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1  # exactly one JSON object, nothing else on stdout
    report = json.loads(lines[0])
    assert set(report) >= INDEX_FIELDS
    # files that could not be read are reported under skipped, not as added
    assert report["added"] == ["field/notes.md", "latin.txt", "routes.pdf"]
    assert {s["path"] for s in report["skipped"]} == {"broken.pdf", "empty.txt"}
    assert report["changed"] == report["removed"] == report["unchanged"] == []
    assert all(set(s) >= {"path", "reason"} for s in report["skipped"])
    assert report["documents"] == 3
    assert report["chunks"] == report["embedded_chunks"] > 0
    assert isinstance(report["seconds"], float) and report["seconds"] >= 0


def test_the_index_line_counts_documents_and_cited_works_as_a_student_does():
    from silkqa.cli import _show_report

    report = {"added": [], "changed": [], "removed": [], "skipped": [], "chunks": 31, "embedded_chunks": 0}
    line = _show_report({**report, "documents": 4, "cited_works": 3, "seconds": 0.0})
    assert line.startswith("1 document and 3 cited works, 31 chunks;")
    assert _show_report({**report, "documents": 2, "cited_works": 0, "seconds": 0.0}).startswith(
        "2 documents,"
    )
    # an index written before cited works were counted
    assert _show_report({**report, "documents": 4, "seconds": 0.0}).startswith("4 documents,")


def test_broken_files_are_skipped_and_the_rest_is_indexed(mixed):
    _, _, index, proc = mixed
    report = json.loads(proc.stdout)
    reasons = {s["path"]: s["reason"] for s in report["skipped"]}
    assert set(reasons) == {"broken.pdf", "empty.txt"}
    assert "broken PDF" in reasons["broken.pdf"]
    assert "empty" in reasons["empty.txt"]
    assert all(r and "\n" not in r for r in reasons.values())

    loaded = load_index(index)
    assert {d.source for d in loaded.documents.values()} == {"field/notes.md", "latin.txt", "routes.pdf"}
    latin = loaded.documents["latin.txt"].text
    for word in ("café", "naïve", "crème brûlée", "Señora Müller", "façade", "Zürich"):
        assert word in latin
    assert any("crème brûlée" in c.text for c in loaded.chunks if c.source == "latin.txt")


def test_a_second_run_reports_unchanged_files_and_previous_skips(mixed):
    base, corpus, index, _ = mixed
    proc = run("index", "--json", env={"SILKQA_CORPUS": str(corpus), "SILKQA_INDEX": str(index)}, cwd=base)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["added"] == [] and report["embedded_chunks"] == 0
    # a skipped file is in `skipped` only, on every run (it was never indexed)
    assert report["unchanged"] == ["field/notes.md", "latin.txt", "routes.pdf"]
    assert {s["path"] for s in report["skipped"]} == {"broken.pdf", "empty.txt"}


# --------------------------------------------------------------------------- search


def test_search_batch_prints_one_json_line_per_query_in_order(mixed):
    base, corpus, index, _ = mixed
    queries = [
        "camel caravans carrying silk and porcelain through Samarkand",
        "café crème brûlée near the bazaar",
        "livestock market selling yaks and horses",
    ]
    proc = run(
        "search",
        "-",
        "--json",
        "-k",
        "3",
        stdin="\n".join(queries) + "\n",
        env={"SILKQA_CORPUS": str(corpus), "SILKQA_INDEX": str(index)},
        cwd=base,  # no corpus/ or index/ here: the environment variables must be used
    )
    assert proc.returncode == 0, proc.stderr
    results = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["query"] for r in results] == queries

    for result in results:
        hits = result["hits"]
        assert 1 <= len(hits) <= 3
        assert [h["rank"] for h in hits] == list(range(1, len(hits) + 1))
        assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
        for hit in hits:
            assert set(hit) >= HIT_FIELDS
            assert hit["chunk_id"].startswith(hit["doc_id"])

    pdf_hit = results[0]["hits"][0]
    assert pdf_hit["source"] == "routes.pdf" and pdf_hit["title"] == "Caravan Routes Report"
    assert pdf_hit["page"] == 2 and pdf_hit["section"] is None
    assert "Camel caravans carried silk" in pdf_hit["text"]

    latin_hit = results[1]["hits"][0]
    assert latin_hit["source"] == "latin.txt" and latin_hit["page"] is None
    assert "crème brûlée" in latin_hit["text"]

    notes_hit = results[2]["hits"][0]
    assert notes_hit["source"] == "field/notes.md"
    assert notes_hit["section"] == "Markets" and notes_hit["page"] is None


# --------------------------------------------------------------------------- bad usage


def test_bad_usage_exits_2_with_one_line_on_stderr(mixed, tmp_path):
    base, corpus, index, _ = mixed
    where = ["--corpus", str(corpus), "--index", str(index)]
    assert "empty" in one_line_error(run("search", "", "--json", *where, cwd=base))
    assert "no words" in one_line_error(run("search", " ?! ", "--json", *where, cwd=base))
    assert "-k" in one_line_error(run("search", "silk", "-k", "0", "--json", *where, cwd=base))
    missing = one_line_error(run("search", "silk", "--json", "--index", str(tmp_path / "none"), cwd=base))
    assert "silkqa index" in missing
    no_corpus = one_line_error(
        run(
            "index", "--json", "--corpus", str(tmp_path / "nowhere"), "--index", str(tmp_path / "i"), cwd=base
        )
    )
    assert "does not exist" in no_corpus
    # asked of a corpus folder that is not there, nothing is answered from another library's index
    typo = one_line_error(
        run("ask", "silk", "--corpus", str(tmp_path / "nowhere"), "--index", str(index), cwd=base)
    )
    assert "does not exist" in typo

    # argparse errors: usage plus one error line, exit 2, nothing on stdout
    proc = run("search", cwd=base)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.strip().splitlines()[-1].startswith("silkqa: error:")


def test_an_index_from_another_model_is_refused_by_the_command(mixed, tmp_path):
    _, corpus, index, _ = mixed
    foreign = tmp_path / "index"
    shutil.copytree(index, foreign)
    manifest_path = current_generation(foreign) / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["model"]["name"] = "someone/else-model"
    manifest_path.write_text(json.dumps(manifest))
    for args in (["search", "silk"], ["index"]):
        message = one_line_error(
            run(*args, "--json", "--corpus", str(corpus), "--index", str(foreign), cwd=tmp_path)
        )
        assert "silkqa index --full" in message


def test_an_index_built_from_another_corpus_is_named_in_a_warning(mixed, tmp_path):
    _, corpus, index, _ = mixed
    moved = tmp_path / "moved"
    shutil.copytree(corpus, moved)  # the same library in another folder: no warning
    proc = run("search", "--json", "--corpus", str(moved), "--index", str(index), "Karakol", cwd=tmp_path)
    assert proc.returncode == 0 and "warning" not in proc.stderr, proc.stderr
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.md").write_text("# Other\n\nSomething else entirely.\n", encoding="utf-8")
    proc = run("search", "--json", "--corpus", str(other), "--index", str(index), "Karakol", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stderr.startswith("silkqa: warning: the index in") and "another corpus" in proc.stderr
    assert f"silkqa index --corpus {other}" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


# --------------------------------------------------------------------------- watch


def test_watch_ignores_hidden_and_temporary_files(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "corpus" / "index"
    for name in (".hidden.md", "notes.md.swp", "download.pdf.part", "report.docx~", "#notes.md#", ".git/x"):
        assert is_ignored(corpus / name, corpus, index), name
    assert is_ignored(index / "CURRENT", corpus, index)
    assert is_ignored(tmp_path / "elsewhere.md", corpus, index)
    for name in ("notes.md", "sub/paper.pdf", "page.html"):
        assert not is_ignored(corpus / name, corpus, index), name


def _pump(stream, sink: queue.Queue) -> None:
    for line in stream:
        sink.put(line)


def _next_line(sink: queue.Queue, deadline: float, what: str) -> str:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise AssertionError(f"timed out waiting for {what}")
    try:
        return sink.get(timeout=remaining)
    except queue.Empty:
        raise AssertionError(f"timed out waiting for {what}") from None


def test_index_watch_reports_a_new_file(tmp_path, encoder):
    from silkqa.library import Library

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "first.md").write_text("# First\n\nThe first note is about the Aral Sea.\n", encoding="utf-8")
    lib = Library(corpus, index)
    lib._encoder = encoder
    lib.update()  # already built, so the watcher starts without loading the model

    clean = {k: v for k, v in os.environ.items() if not k.startswith("SILKQA_")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "silkqa.cli", "index", "--watch", "--json"]
        + ["--corpus", str(corpus), "--index", str(index)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env=clean,
    )
    out: queue.Queue = queue.Queue()
    err: queue.Queue = queue.Queue()
    for stream, sink in ((proc.stdout, out), (proc.stderr, err)):
        threading.Thread(target=_pump, args=(stream, sink), daemon=True).start()
    deadline = time.monotonic() + 60
    try:
        initial = json.loads(_next_line(out, deadline, "the initial report"))
        assert initial["unchanged"] == ["first.md"] and initial["embedded_chunks"] == 0
        while "watching" not in _next_line(err, deadline, "the watcher to start"):
            pass

        (corpus / ".scratch.md").write_text("# Hidden\n\nNot for the index.\n")
        staged = corpus / "second.md.tmp"  # written under a temporary name, then renamed
        staged.write_text("# Second\n\nThe second note is about the Caspian Sea.\n", encoding="utf-8")
        staged.rename(corpus / "second.md")

        while True:
            report = json.loads(_next_line(out, deadline, "a report listing second.md"))
            if "second.md" in report["added"]:
                break
        assert set(report) >= INDEX_FIELDS
        assert report["embedded_chunks"] > 0 and report["documents"] == 2
        assert not any("scratch" in p or ".tmp" in p for p in report["added"])

        proc.send_signal(signal.SIGINT)  # Ctrl-C stops it cleanly
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    assert {d.source for d in load_index(index).documents.values()} == {"first.md", "second.md"}


def test_progress_into_a_log_writes_a_few_lines_not_one_per_chunk(monkeypatch):
    """A bar cannot be redrawn in a file: into a log, progress is a line now and then."""
    import io

    from silkqa import cli

    log = io.StringIO()  # not a terminal
    monkeypatch.setattr(sys, "stderr", log)
    update = cli._progress_bar()
    for done in range(1, 2001):
        update("embedding", done, 2000)
    lines = [line for line in log.getvalue().replace("\r", "\n").splitlines() if line.strip()]
    assert 1 <= len(lines) <= 5
    assert "embedding" in lines[0] and "chunk" in lines[0]


def test_a_reader_that_stops_early_is_no_error(mixed, tmp_path):
    """`silkqa search … | head -c 1`: the pipe closes under the command; it says nothing and
    exits as a piped command does (128 + SIGPIPE), not with an "internal error"."""
    base, corpus, index, _ = mixed
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SILKQA_")}
    cmd = [sys.executable, "-m", "silkqa.cli", "search", "-", "--json", "-k", "5"]
    cmd += ["--corpus", str(corpus), "--index", str(index)]
    queries = tmp_path / "queries.txt"
    queries.write_text("market selling yaks\n" * 2000)  # far more answers than a pipe holds
    with queries.open("rb") as stdin:
        proc = subprocess.Popen(
            cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=clean, cwd=base
        )
        proc.stdout.read(1)
        proc.stdout.close()  # the reader goes away after one byte
        err = proc.stderr.read()
        proc.wait(timeout=300)
    assert proc.returncode == 141, err
    assert err.decode().strip() == ""


def test_a_file_named_with_a_newline_or_an_escape_code_cannot_forge_the_text_output(tmp_path):
    from silkqa.answering import format_answer
    from silkqa.cli import _show_report, shown

    hostile = "notes\n\x1b[31mred.md"
    report = {"documents": 1, "chunks": 2, "embedded_chunks": 2, "seconds": 0.5, "added": [hostile]}
    text = _show_report(shown({**report, "changed": [], "removed": [], "skipped": []}))
    assert "\x1b" not in text and "\n" not in text.split("added: ")[1]
    assert "notes\\x0a\\x1b[31mred.md" in text
    answer = {
        "question": "what is red?",
        "answer": "Red is a colour.\x1b[2J",
        "abstained": False,
        "reason": None,
        "citations": [
            {
                "n": 1,
                "title": "Red",
                "source": hostile,
                "section": None,
                "page": None,
                "quote": "Red\x07 is a colour.",
                "references": [],
            }
        ],
    }
    printed = format_answer(shown(answer), bold=False)
    assert "\x1b" not in printed and "\x07" not in printed
    # the JSON output keeps the name as it is, escaped by JSON
    assert shown({"source": "a.md", "n": 1}) == {"source": "a.md", "n": 1}

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / hostile).write_text("# Red\n\nRed is the colour of the sunset over the steppe.\n")
    proc = run("index", "--corpus", str(corpus), "--index", str(tmp_path / "index"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout and "red.md" in proc.stdout
