"""Essay mode: a draft split into sentences with exact offsets, headings and questions skipped,
every claim sentence checked as a single check would be, and bad drafts refused in one line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from silkqa.errors import UsageError
from silkqa.essay import (
    MAX_ESSAY_BYTES,
    SharedEncoder,
    essay_markdown,
    essay_text,
    format_essay,
    read_essay,
    split_essay,
)

GOLD = Path(__file__).resolve().parents[1] / "gold" / "claims.jsonl"


def _gold_claims(n: int) -> list[str]:
    rows = [json.loads(line) for line in GOLD.read_text().splitlines() if line.strip()]
    picked = []
    for verdict in ("supported", "contradicted", "not_found"):
        picked += [r["claim"] for r in rows if r["verdict"] == verdict][:n]
    return picked


# --------------------------------------------------------------------------- sentences


def test_sentences_keep_exact_offsets_and_skip_headings_and_questions():
    text = (
        "# Trade in Central Asia\n\n"
        "Why does trade matter?\n"
        "Exports grew quickly, e.g. oil and gas. Imports fell by 3.5% in 2019!\n"
        "- Most trade goes by rail.\n\n"
        "Conclusions\n\n"
        "It is so.\n"
    )
    sentences = split_essay(text)
    assert all(text[s.start : s.end] == s.text for s in sentences)
    by_text = {s.text: s.skip for s in sentences}
    assert by_text["# Trade in Central Asia"] == "heading"
    assert by_text["Conclusions"] == "heading"
    assert by_text["Why does trade matter?"] == "question"
    assert by_text["Exports grew quickly, e.g. oil and gas."] is None  # "e.g." ends no sentence
    assert by_text["Imports fell by 3.5% in 2019!"] is None
    assert by_text["Most trade goes by rail."] is None  # the list mark is not part of it
    assert by_text["It is so."] == "no content words"


def test_a_paragraph_without_line_breaks_splits_into_its_sentences():
    text = "The line opened in 1889. It was worked by horses. Electric trams came later."
    assert [s.text for s in split_essay(text)] == [
        "The line opened in 1889.",
        "It was worked by horses.",
        "Electric trams came later.",
    ]


# --------------------------------------------------------------------------- reading a draft


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "is empty"),
        (b"  \n\n\t ", "is empty"),
        (b"\x7fELF\x02\x01\x00\x00binary", "binary"),
        ("caf\u00e9".encode("latin-1"), "not UTF-8"),
        (b"a" * (MAX_ESSAY_BYTES + 1), "too large"),
    ],
)
def test_bad_drafts_are_refused_with_one_line(raw, message):
    with pytest.raises(UsageError, match=message) as info:
        essay_text(raw, "draft.txt")
    assert "\n" not in str(info.value)


def test_a_draft_is_read_from_txt_md_docx_and_stdin(tmp_path):
    import docx

    (tmp_path / "a.md").write_text("# Title\n\nThe port opened in 1901.\n", encoding="utf-8")
    assert "The port opened in 1901." in read_essay(str(tmp_path / "a.md"))
    document = docx.Document()
    document.add_heading("My essay", level=1)
    document.add_paragraph("The port opened in 1901. It grew fast.")
    document.save(tmp_path / "b.docx")
    text = read_essay(str(tmp_path / "b.docx"))
    assert [s.skip for s in split_essay(text)] == ["heading", None, None]
    stdin = io.TextIOWrapper(io.BytesIO(b"The port opened in 1901.\n"), encoding="utf-8")
    assert read_essay("-", stdin=stdin).strip() == "The port opened in 1901."
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(UsageError, match="an essay must be"):
        read_essay(str(tmp_path / "c.pdf"))
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(UsageError, match="not a readable .docx"):
        read_essay(str(tmp_path / "broken.docx"))


def test_the_shared_encoder_embeds_each_text_once(encoder):
    calls = []

    class Spy:
        def encode(self, texts):
            calls.append(list(texts))
            return encoder.encode(texts)

    shared = SharedEncoder(Spy())
    shared.prepare(["one sentence", "another sentence"])
    vectors = shared.encode(["another sentence", "one sentence"])
    assert calls == [["one sentence", "another sentence"]]
    assert vectors.shape == (2, encoder.dim)


# --------------------------------------------------------------------------- checking


def test_an_essay_checks_each_sentence_as_a_single_check_does(library, one_torch_thread):
    claims = _gold_claims(2)
    text = "# A draft\n\nWhat do the sources say?\n" + " ".join(claims) + "\n"
    data = library.check_essay(text).to_json()
    rows = data["sentences"]
    assert [r["verdict"] for r in rows[:2]] == ["skipped", "skipped"]
    checked = [r for r in rows if r["verdict"] != "skipped"]
    assert [r["text"] for r in checked] == claims
    for row in checked:
        single = library.check(row["text"]).to_json()
        assert row["verdict"] == single["verdict"]
        assert set(single) <= set(row)  # every field of a single check
        assert row["differences"] == single["differences"]
        assert text[row["start"] : row["end"]] == row["text"]
    summary = data["summary"]
    assert summary["sentences"] == len(rows) and summary["checked"] == len(checked)
    assert sum(summary[v] for v in ("supported", "contradicted", "not_found", "skipped")) == len(rows)
    report = format_essay(data)
    assert report.splitlines()[0].startswith(f"{len(checked)} of {len(rows)} sentences checked")
    # a supported sentence shows what supports it, as a contradicted one shows what differs
    for row in (r for r in checked if r["verdict"] == "supported"):
        quote = " ".join(row["evidence"][0]["quote"].split())
        assert f"“{quote}”" in report
    markdown = essay_markdown(data)
    assert markdown.startswith("# Essay check")
    assert all(f"**{r['verdict'].replace('_', ' ')}**" in markdown for r in rows)


def test_the_check_command_reports_an_essay_as_one_json_object(cli, tmp_path, capsys, monkeypatch):
    draft = tmp_path / "draft.md"
    claims = _gold_claims(1)
    draft.write_text("## Findings\n\n" + "\n".join(claims) + "\nIs that all?\n", encoding="utf-8")
    assert cli("check", "--essay", str(draft), "--json") == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    data = json.loads(out[0])
    assert set(data) == {"sentences", "summary"}
    verdicts = [s["verdict"] for s in data["sentences"]]
    assert verdicts[0] == "skipped" and verdicts[-1] == "skipped"
    assert data["summary"]["checked"] == len(claims)
    for s in data["sentences"]:
        assert {"text", "start", "end", "verdict", "evidence", "differences"} <= set(s)
        for d in s["differences"]:
            assert d["quote"] and d["claim_term"] is not None

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(claims[0].encode()), encoding="utf-8"))
    assert cli("check", "--essay", "-", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["checked"] == 1


@pytest.mark.parametrize(
    ("content", "args"),
    [(b"", ()), (b"\x00\x01\x02binary", ()), (None, ("a claim",))],
)
def test_the_check_command_refuses_a_bad_essay_with_exit_2(cli, tmp_path, capsys, content, args):
    draft = tmp_path / "draft.txt"
    if content is not None:
        draft.write_bytes(content)
    else:
        draft.write_text("Some text.", encoding="utf-8")
    assert cli("check", *args, "--essay", str(draft), "--json") == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
