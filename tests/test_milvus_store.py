"""The Milvus store, run on embedded Milvus Lite: the same answers as the FAISS store, updates
that write only what changed, rebuilds that survive kill -9 and refuse to race, and an
unreachable server reported in one line.

(The answering and claim suites also run on this store: see STORE_MODULES in conftest.py.)
"""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from test_interrupt import QUERIES, SILKQA, _env, _wait_for, write_corpus

from silkqa.errors import StoreUnavailable, UsageError
from silkqa.library import Library


def english_only() -> dict[str, str]:
    """The subprocess environment, with the suite's English-only indexes (conftest.py)."""
    return _env() | {"SILKQA_MULTILINGUAL": "0"}


def race(command: list[str]) -> tuple[list[subprocess.Popen], list[tuple[str, str]]]:
    """The same rebuild started twice at once: one must run (exit 0), the other be told (exit 2)."""
    procs = [
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=english_only()
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=180) for p in procs]
    assert sorted(p.returncode for p in procs) == [0, 2], outs
    return procs, outs


def lite(folder: Path) -> str:
    return f"milvus:{folder / 'store.db'}"


def results(lib: Library) -> list:
    """Hits of every query, and the whole answer to the first: what a user would see."""
    hits = [[(h.chunk.chunk_id, round(h.score, 5)) for h in lib.search(q, k=5)] for q in QUERIES]
    return [*hits, lib.ask(QUERIES[0]).to_json()]


def results_of(uri: str, corpus: Path, encoder) -> list:
    """Open the store in this process, search, and close it again (Milvus Lite serves one
    process at a time, and the rebuilds under test run in others)."""
    lib = Library(corpus, corpus.parent / "no-index", store=uri)
    lib._encoder = encoder
    try:
        return results(lib)
    finally:
        lib.store.close()


# --------------------------------------------------------------------------- same answers


def test_milvus_gives_the_faiss_stores_hits_answers_and_verdicts(faiss_library, milvus_library):
    queries = [
        "energy cooperation and pipelines",
        "who are the main trade partners",
        "transport corridors and railways",
        "investment by Chinese companies",
        "what limits regional cooperation",
    ]
    for query in queries:
        faiss_hits = [
            (h.chunk.chunk_id, round(h.score, 6), round(h.dense, 5)) for h in faiss_library.search(query)
        ]
        milvus_hits = [
            (h.chunk.chunk_id, round(h.score, 6), round(h.dense, 5)) for h in milvus_library.search(query)
        ]
        assert milvus_hits == faiss_hits, query
    for question in queries[:2]:
        assert milvus_library.ask(question).to_json() == faiss_library.ask(question).to_json()
    claim = "China imports natural gas from Turkmenistan."
    assert milvus_library.check(claim).to_json() == faiss_library.check(claim).to_json()
    assert milvus_library.index.manifest["files"] == faiss_library.index.manifest["files"]
    assert milvus_library.index.links == faiss_library.index.links
    assert milvus_library.index.references == faiss_library.index.references
    assert milvus_library.index.documents == faiss_library.index.documents


# --------------------------------------------------------------------------- incremental


def test_an_update_embeds_and_writes_only_what_changed(tmp_path, counting_encoder):
    corpus = write_corpus(tmp_path / "corpus", n_docs=6)
    lib = Library(corpus, tmp_path / "index", store=lite(tmp_path))
    lib._encoder = counting_encoder
    store = lib.store
    written: list[tuple[str, str]] = []
    upsert = store._upsert

    def recording(name, rows, *args, **kwargs):
        written.extend((name, row["id"] if "id" in row else row["row"]) for row in rows)
        return upsert(name, rows, *args, **kwargs)

    store._upsert = recording
    try:
        first = lib.update()
        assert first.documents == 6 and first.embedded_chunks == counting_encoder.chunks_encoded > 0
        live = store.live()

        written.clear()
        again = lib.update()
        assert again.embedded_chunks == 0 and len(again.unchanged) == 6
        assert written == [] and store.live() == live  # nothing changed: nothing written, same generation

        docs_before = {r["id"]: r["key"] for r in store._query(store.docs, 'id != ""', ["id", "key"])}
        changed = corpus / "paper-01.md"
        changed.write_text(changed.read_text() + "\nA late note on water sharing in the Fergana valley.\n")
        (corpus / "paper-02.md").unlink()
        encoded = counting_encoder.chunks_encoded
        third = lib.update()
        assert third.changed == ["paper-01.md"] and third.removed == ["paper-02.md"]
        assert 0 < third.embedded_chunks == counting_encoder.chunks_encoded - encoded
        assert third.embedded_chunks < first.embedded_chunks / 3

        # sentence vectors: only those of newly embedded chunks
        sentence_rows = [key for name, key in written if "_sent_" in name]
        assert 0 < len({key.split("/")[0] for key in sentence_rows}) <= third.embedded_chunks
        # documents: only the changed one is written; the removed one's rows are gone
        doc_rows = [key for name, key in written if name == store.docs]
        assert doc_rows and all(key.split("/")[0] not in docs_before.values() for key in doc_rows)

        def stored_documents() -> set[str]:
            return {r["key"] for r in store._query(store.docs, 'id != ""', ["key"])}

        # the previous generation's records stay while its collection does (a replica may be
        # loading it); one update later the replaced and removed papers' records are gone
        assert stored_documents() == set(docs_before.values()) | {k.split("/")[0] for k in doc_rows}
        (corpus / "paper-03.md").write_text("# Paper 3\n\nRewritten: freight on the Almaty route doubled.\n")
        lib.update()
        # of the six first records: papers 0, 4, 5 (live) and 3 (in the generation before)
        assert len(stored_documents() & set(docs_before.values())) == 4
        assert len(stored_documents()) == 6  # ... and the new papers 1 and 3

        index = lib.index
        assert {c.source for c in index.chunks} == {f"paper-0{i}.md" for i in (0, 1, 3, 4, 5)}
        assert any("Fergana" in d.text for d in index.documents.values() if d.source == "paper-01.md")
    finally:
        store.close()

    # and the result is what the FAISS store builds from the same corpus
    faiss = Library(corpus, tmp_path / "faiss-index")
    faiss._encoder = counting_encoder
    faiss.update()
    assert results_of(lite(tmp_path), corpus, counting_encoder) == results(faiss)


# --------------------------------------------------------------------------- kill -9 and races


@pytest.fixture(scope="module")
def built_store(tmp_path_factory, encoder):
    """A Milvus Lite store of 38 papers of a 40-paper corpus, and its answers: each test
    copies it, adds the last two papers and rebuilds (so new documents and vectors are written)."""
    base = tmp_path_factory.mktemp("milvus-interrupt")
    corpus = write_corpus(base / "corpus")
    aside = base / "aside"
    aside.mkdir()
    for name in ("paper-38.md", "paper-39.md"):
        shutil.move(corpus / name, aside / name)
    lib = Library(corpus, base / "index", store=lite(base))
    lib._encoder = encoder
    try:
        assert lib.update().documents == 38
        before = results(lib)
    finally:
        lib.store.close()
    return base, before


def _copy(built_store, tmp_path: Path) -> tuple[Path, str]:
    base, _ = built_store
    shutil.copytree(base / "corpus", tmp_path / "corpus")
    for name in ("paper-38.md", "paper-39.md"):
        shutil.copy(base / "aside" / name, tmp_path / "corpus" / name)
    shutil.copytree(base / "store.db", tmp_path / "store.db")
    return tmp_path / "corpus", lite(tmp_path)


@pytest.mark.parametrize("moment", ["embedding", "writing sentence vectors", "writing chunks"])
def test_a_killed_milvus_rebuild_leaves_the_previous_generation_answering(
    built_store, encoder, tmp_path, moment
):
    _, before = built_store
    corpus, uri = _copy(built_store, tmp_path)
    log = tmp_path / "stderr.txt"
    # --full to be killed while embedding (every chunk goes through the encoder); otherwise an
    # update that stores the two new papers and then the new generation's chunk table
    full = ["--full"] if moment == "embedding" else []
    proc = subprocess.Popen(
        [SILKQA, "index", *full, "--store", uri, "--corpus", str(corpus)],
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
        env=english_only(),
    )
    try:
        _wait_for(lambda: moment in log.read_text(errors="replace"), proc)
        if moment == "embedding":
            time.sleep(0.5)  # into the encoder's batches
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, log.read_text(errors="replace")[-500:]

    assert results_of(uri, corpus, encoder) == before  # the 38-paper generation, whole

    # the next update completes the work and removes what the killed one left
    lib = Library(corpus, tmp_path / "no-index", store=uri)
    lib._encoder = encoder
    try:
        report = lib.update()
        assert report.added == ["paper-38.md", "paper-39.md"] and report.documents == 40
        collections = sorted(c for c in lib.store.client.list_collections() if "_gen_" in c)
        assert len(collections) == 2  # the live generation and the one before it; leftovers gone
        assert {c.source for c in lib.index.chunks} >= {"paper-38.md", "paper-39.md"}
    finally:
        lib.store.close()


def test_two_milvus_rebuilds_at_once_one_wins_the_other_is_told(encoder, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", n_docs=6)
    uri = lite(tmp_path)
    lib = Library(corpus, tmp_path / "no-index", store=uri)
    lib._encoder = encoder
    try:
        lib.update()
        before = results(lib)
    finally:
        lib.store.close()
    command = [SILKQA, "index", "--full", "--json", "--store", uri, "--corpus", str(corpus)]
    procs, outs = race(command)
    loser_out, loser_err = next(o for p, o in zip(procs, outs, strict=True) if p.returncode == 2)
    assert loser_out == "" and len(loser_err.strip().splitlines()) == 1
    assert "another rebuild" in loser_err and "Traceback" not in loser_err
    winner_out, _ = next(o for p, o in zip(procs, outs, strict=True) if p.returncode == 0)
    assert json.loads(winner_out)["documents"] == 6
    assert results_of(uri, corpus, encoder) == before


# --------------------------------------------------------------------------- faults


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("server", ["closed port", "silent"])
def test_an_unreachable_or_silent_server_is_one_line_and_exit_2(tmp_path, server):
    corpus = write_corpus(tmp_path / "corpus", n_docs=1)
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        if server == "silent":  # accepts connections and never answers: a hung server
            listener.listen(8)
            port = listener.getsockname()[1]
        else:
            port = _closed_port()
        uri = f"http://127.0.0.1:{port}"
        commands = [["ask", "what about railways?"], ["index"], ["search", "railways"]]
        _refused_in_one_line(uri, corpus, commands if server == "closed port" else commands[:1])
    assert not (tmp_path / "index").exists()  # nothing written anywhere


def _refused_in_one_line(uri: str, corpus: Path, commands: list[list[str]]) -> None:
    env = _env() | {"SILKQA_MILVUS_TIMEOUT": "2"}
    for command in commands:
        run = subprocess.run(
            [SILKQA, *command, "--json", "--store", uri, "--corpus", str(corpus)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            cwd=corpus.parent,  # where a default index/ folder would appear if anything were written
        )
        assert run.returncode == 2, (command, run.stderr)
        assert run.stdout == ""
        assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr, run.stderr
        assert f"cannot use the Milvus store {uri}" in run.stderr and "SILKQA_MILVUS_TIMEOUT" in run.stderr


def test_a_bad_store_uri_is_a_usage_error(tmp_path, monkeypatch):
    with pytest.raises(UsageError, match="unknown store"):
        Library(tmp_path, tmp_path, store="sqlite:x")
    with pytest.raises(UsageError, match=r"\.db"):
        Library(tmp_path, tmp_path, store=f"milvus:{tmp_path}/store")
    monkeypatch.setenv("SILKQA_STORE", f"http://127.0.0.1:{_closed_port()}")
    monkeypatch.setenv("SILKQA_MILVUS_TIMEOUT", "1")
    with pytest.raises(StoreUnavailable, match="cannot use the Milvus store"):
        Library(tmp_path, tmp_path).has_index()


def test_the_app_says_in_one_notice_that_the_server_is_unreachable(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    corpus = write_corpus(tmp_path / "corpus", n_docs=1)
    monkeypatch.setenv("SILKQA_CORPUS", str(corpus))
    monkeypatch.setenv("SILKQA_INDEX", str(tmp_path / "index"))
    monkeypatch.setenv("SILKQA_STORE", f"http://127.0.0.1:{_closed_port()}")
    monkeypatch.setenv("SILKQA_MILVUS_TIMEOUT", "1")
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "streamlit_app.py"), default_timeout=180)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1 and "cannot use the Milvus store" in at.error[0].value
    assert not at.tabs and not [b for b in at.button if "Rebuild" in b.label]  # a rebuild would not help


# --------------------------------------------------------------------------- a server, several processes


@pytest.fixture()
def milvus_server(tmp_path):
    """A Milvus server on 127.0.0.1 (Milvus Lite's own gRPC server, the API a cluster speaks),
    stopped and reaped afterwards."""
    import sys

    port = _closed_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "milvus_lite", "server", "--data-dir", str(tmp_path / "server-data"),
         "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert proc.poll() is None and time.monotonic() < deadline, "the Milvus server did not start"
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)


def test_replicas_share_one_server_and_rebuilds_on_it_do_not_race(milvus_server, tmp_path, encoder):
    corpus = write_corpus(tmp_path / "corpus", n_docs=6)
    where = ["--store", milvus_server, "--corpus", str(corpus), "--json"]
    built = subprocess.run(
        [SILKQA, "index", *where], capture_output=True, text=True, env=english_only(), timeout=180
    )
    assert built.returncode == 0, built.stderr
    assert json.loads(built.stdout)["documents"] == 6

    # two app replicas (processes) answer from the same server at once, the same way
    question = "What happened to railway freight along the Almaty route?"
    replicas = [
        subprocess.Popen([SILKQA, "ask", question, *where], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, env=english_only())
        for _ in range(2)
    ]  # fmt: skip
    outs = [p.communicate(timeout=180) for p in replicas]
    assert [p.returncode for p in replicas] == [0, 0], outs
    answers = [json.loads(out) for out, _ in outs]
    assert answers[0] == answers[1] and answers[0]["citations"]
    faiss = Library(corpus, tmp_path / "faiss-index")
    faiss._encoder = encoder
    faiss.update()
    assert answers[0] == json.loads(json.dumps(faiss.ask(question).to_json()))

    # two rebuilds at once against the server: the lease lets one through
    command = [SILKQA, "index", "--full", *where]
    procs, outs = race(command)
    loser_err = next(o[1] for p, o in zip(procs, outs, strict=True) if p.returncode == 2)
    assert "another rebuild" in loser_err and len(loser_err.strip().splitlines()) == 1


def test_a_chinese_question_gets_the_same_answer_from_milvus_as_from_the_files(
    multilingual_library, encoder, tmp_path, monkeypatch
):
    """The multilingual vectors are built after the English generation; Milvus must end with
    all of them written, not with the zeros that stood in while they were being built."""
    monkeypatch.setenv("SILKQA_MULTILINGUAL", "1")
    corpus = tmp_path / "corpus"
    shutil.copytree(multilingual_library.corpus_dir, corpus)
    lib = Library(corpus, tmp_path / "no-index", store=lite(tmp_path))
    lib._encoder = encoder
    try:
        lib.update()
        question = "中国从哈萨克斯坦主要进口什么？"  # what China mainly imports from Kazakhstan
        from_milvus, from_files = lib.ask(question), multilingual_library.ask(question)
        assert not from_milvus.abstained, from_milvus.answer
        assert [c.quote for c in from_milvus.citations] == [c.quote for c in from_files.citations]
    finally:
        lib.store.close()


def test_a_milvus_lite_index_file_cut_short_is_rebuilt_from_its_rows(built_store, encoder, tmp_path):
    # Milvus Lite writes index files in place: a rebuild killed mid-write leaves one cut short
    _, before = built_store
    corpus, uri = _copy(built_store, tmp_path)
    index_files = sorted((tmp_path / "store.db" / "collections").glob("*/partitions/*/indexes/*.idx"))
    assert index_files
    for number, path in enumerate(index_files):
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] if number % 2 else b"")
    assert results_of(uri, corpus, encoder) == before
    assert all(path.stat().st_size > 0 for path in index_files if path.exists())
