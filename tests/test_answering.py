"""Grounded answers, read as a user would read them: exact quotes, numbered citations that the
answer text carries, abstention when the library has nothing to say, the reference trail into
the works the paper cites, and the `silkqa ask --json` contract.

All tests use the real model and the default corpus, indexed once per session (conftest).
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from silkqa.evaluation import evaluate_questions, read_jsonl

pytestmark = [pytest.mark.model, pytest.mark.usefixtures("one_torch_thread")]

GOLD_QUESTIONS = Path(__file__).resolve().parents[1] / "gold" / "questions.jsonl"
ROWS = read_jsonl(GOLD_QUESTIONS)
PAPER = "huo-silk-road-central-asia.md"


class _MemoEncoder:
    """The session encoder, remembering the vector of each text it has encoded.

    The model is deterministic, so this changes no result; it only spares the evaluation,
    which encodes each question once per retrieval mode and once more to answer it, the
    repeated forward passes."""

    def __init__(self, inner) -> None:
        self._inner = inner
        self._seen: dict[str, object] = {}

    def encode(self, texts):
        import numpy as np

        missing = [t for t in texts if t not in self._seen]
        for t in missing:  # one at a time, exactly as Library.ask encodes a question
            self._seen[t] = self._inner.encode([t])[0]
        return np.stack([self._seen[t] for t in texts]) if texts else self._inner.encode(texts)

    def __getattr__(self, name):
        return getattr(self._inner, name)


@pytest.fixture(scope="module")
def gold_run(library):
    """evaluate_questions over the whole gold set, once per module, keeping the answers it gave:
    (metrics, {question id: Answer})."""
    from silkqa.library import Library

    lib = Library(library.corpus_dir, library.index_dir)
    lib._index = library.index
    lib._encoder = _MemoEncoder(library.encoder)
    given: dict[str, object] = {}

    def ask(question: str, k: int = 5):
        given[question] = answer = Library.ask(lib, question, k=k)
        return answer

    lib.ask = ask
    metrics = evaluate_questions(lib, ROWS)
    return metrics, {r["id"]: given[r["question"]] for r in ROWS}


@pytest.fixture(scope="module")
def metrics(gold_run):
    return gold_run[0]


@pytest.fixture(scope="module")
def answers(gold_run):
    return gold_run[1]


def _spans_overlap(a, b) -> bool:
    return a.doc_id == b.doc_id and a.start < b.end and b.start < a.end


# --------------------------------------------------------------------------- every gold question


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_every_quote_is_an_exact_span_of_its_document(row, answers, library):
    answer = answers[row["id"]]
    documents = library.index.documents
    for c in answer.citations:
        text = documents[c.doc_id].text
        assert c.quote, c
        assert c.quote in text
        assert text[c.start : c.end] == c.quote


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_citations_are_numbered_from_one(row, answers):
    answer = answers[row["id"]]
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))


def test_every_citation_is_marked_in_the_answer_text(answers):
    """GUIDE.md: a citation's `n` matches the [n] marker in the answer, for every gold
    question, answered or not (an abstention lists its closest passages as citations)."""
    unmarked = {
        r["id"]: [c.n for c in answers[r["id"]].citations if f"[{c.n}]" not in answers[r["id"]].answer]
        for r in ROWS
    }
    unmarked = {qid: ns for qid, ns in unmarked.items() if ns}
    abstained = sorted(qid for qid in unmarked if answers[qid].abstained)
    assert not unmarked, (
        f"citations without their [n] in the answer: {unmarked}; abstentions among them: {abstained}"
    )


def test_answerable_questions_get_citations(answers):
    for r in ROWS:
        answer = answers[r["id"]]
        if r["answerable"] and not answer.abstained:
            assert answer.citations, r["id"]


# --------------------------------------------------------------------------- acceptance thresholds


def test_answers_cite_the_answering_passage(metrics):
    assert metrics["answers_citing_passage"] >= 0.85, metrics["failures"]


def test_few_answerable_questions_are_refused(metrics):
    assert metrics["wrongly_refused"] <= 0.10, metrics["failures"]


def test_unanswerable_questions_are_refused(metrics):
    assert metrics["abstention_recall"] >= 0.80, metrics["failures"]


def test_hybrid_retrieval_finds_the_passage_in_the_top_five(metrics):
    assert metrics["retrieval"]["hybrid"]["recall@5"] >= 0.90, metrics["retrieval"]


def test_paraphrases_cite_a_common_passage(answers):
    groups: dict[str, list[str]] = {}
    for r in ROWS:
        if r["answerable"] and r.get("group"):
            groups.setdefault(r["group"], []).append(r["id"])
    assert len(groups) >= 10
    inconsistent = []
    for name, ids in groups.items():
        first, *rest = (answers[i].citations for i in ids)
        shared = [c for c in first if all(any(_spans_overlap(c, o) for o in other) for other in rest)]
        if not shared:
            inconsistent.append(name)
    assert 1 - len(inconsistent) / len(groups) >= 0.85, inconsistent


# --------------------------------------------------------------------------- abstention


def test_an_off_topic_question_abstains_and_lists_the_closest_passages(library):
    answer = library.ask("How do I change a bicycle tyre?")
    assert answer.abstained
    assert re.search(r"does not (answer|cover)", answer.answer)
    assert "closest passages" in answer.answer.lower()
    assert answer.citations  # the closest passages, for the reader to judge
    assert answer.citations == answer.closest
    data = answer.to_json()
    assert data["abstained"] is True
    assert [c["n"] for c in data["citations"]] == list(range(1, len(answer.citations) + 1))


@pytest.mark.parametrize(
    "question",
    [
        "中国从哈萨克斯坦主要进口什么？",  # what China mainly imports from Kazakhstan
        "Что Китай импортирует из Казахстана?",
    ],
    ids=["chinese", "russian"],
)
def test_a_question_not_in_english_abstains(library, question):
    answer = library.ask(question)
    assert answer.abstained
    assert "English" in answer.reason


def test_a_question_for_a_figure_the_library_lacks_abstains(library):
    # the paper says Uzbekistan sells uranium ore to China, but gives no tonnage
    answer = library.ask("How many tonnes of uranium ore does Uzbekistan sell to China every year?")
    assert answer.abstained, answer.answer
    assert answer.reason


# --------------------------------------------------------------------------- reference trail


def _trail(answer, key: str):
    return [r for c in answer.citations for r in c.references if r.key == key]


def test_a_cited_paragraph_leads_to_its_reference_outside_the_library(library):
    answer = library.ask("Which Central Asian economy grows fastest, and how volatile is its growth?")
    assert not answer.abstained, answer.answer
    entries = _trail(answer, "yueli-2016")
    assert entries, [c.to_json()["references"] for c in answer.citations]
    entry = entries[0]
    assert entry.marker == "1"
    assert entry.in_library is False
    assert entry.full_text_source is None
    assert entry.full_text_passage is None


TRADE_FACILITATION = """\
---
title: {title}
authors:
  - Li Siqi
year: 2018
---

# Trade facilitation between China and Central Asia

## Customs and border procedures

Trade facilitation lowers the cost of moving goods across borders by simplifying customs
declarations, harmonising inspection standards and publishing tariff rules in advance.
Long waits at land border posts raise the price of Central Asian exports to China.

## Logistics and transit

Single-window clearance lets a trader file one electronic declaration for all border agencies.
Better rail transit corridors and bonded logistics parks shorten the time goods spend in transit.

## Estimated effects

A gravity model of bilateral trade suggests that faster customs clearance raises trade volumes
between China and the five Central Asian countries more than further cuts in tariffs would.
"""


@pytest.fixture(scope="module")
def li_2018_title() -> str:
    catalog = json.loads((Path(__file__).resolve().parents[1] / "corpus" / "references.json").read_text())
    return next(e["title"] for e in catalog["entries"] if e["key"] == "li-2018")


def test_a_reference_whose_full_text_is_added_leads_into_that_text(
    corpus_copy, tmp_path, encoder, library, li_2018_title
):
    from conftest import copy_of

    (corpus_copy / "li-2018.md").write_text(
        TRADE_FACILITATION.format(title=json.dumps(li_2018_title, ensure_ascii=False)), encoding="utf-8"
    )
    # start from the session's index so that only the new file goes through the encoder
    lib = copy_of(library, tmp_path)(corpus_copy)
    lib._encoder = encoder
    report = lib.update()
    assert report.added == ["li-2018.md"]
    assert lib.index.links.get("li-2018") == "li-2018.md"

    answer = lib.ask("How large is the cooperation in service trade between China and Central Asia?")
    assert not answer.abstained, answer.answer
    entries = _trail(answer, "li-2018")
    assert entries, [(c.source, c.quote, c.to_json()["references"]) for c in answer.citations]
    entry = entries[0]
    assert entry.marker == "2"
    assert entry.in_library is True
    assert entry.full_text_source == "li-2018.md"
    passage = entry.full_text_passage
    assert passage is not None
    new_doc = next(d for d in lib.index.documents.values() if d.source == "li-2018.md")
    assert passage["text"] in new_doc.text
    assert lib.index.chunks[lib.index.row_of(passage["chunk_id"])].source == "li-2018.md"
    # the JSON form carries the same trail
    cited = [r for c in answer.to_json()["citations"] for r in c["references"] if r["key"] == "li-2018"]
    assert cited[0]["in_library"] is True
    assert cited[0]["full_text_source"] == "li-2018.md"


# --------------------------------------------------------------------------- silkqa ask --json

CITATION_FIELDS = {"n", "chunk_id", "doc_id", "source", "title", "section", "page", "quote"}
HIT_FIELDS = {"rank", "score", "chunk_id", "doc_id", "source", "title", "section", "page", "text"}


def _check_answer_json(data: dict, question: str) -> None:
    assert data["question"] == question
    assert isinstance(data["answer"], str) and data["answer"]
    assert isinstance(data["abstained"], bool)
    assert data["hits"]
    for hit in data["hits"]:
        assert hit.keys() >= HIT_FIELDS
        assert hit["source"] == PAPER or hit["source"].endswith("references.json")
    for c in data["citations"]:
        assert c.keys() >= CITATION_FIELDS
        assert c["page"] is None  # Markdown has no pages
    assert [c["n"] for c in data["citations"]] == list(range(1, len(data["citations"]) + 1))


def test_ask_json_prints_one_object_with_the_contract_fields(cli, capsys):
    question = "What does China mainly import from Kazakhstan?"
    assert cli("ask", question, "--json") == 0
    out = capsys.readouterr().out
    lines = out.strip().splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    _check_answer_json(data, question)
    assert data["abstained"] is False
    assert data["citations"]
    assert any("crude oil" in c["quote"] for c in data["citations"])
    assert any(c["section"] for c in data["citations"])
    for c in data["citations"]:
        assert f"[{c['n']}]" in data["answer"]


def test_ask_batch_in_text_puts_each_answer_under_its_question(cli, capsys, monkeypatch):
    questions = [
        "What does China mainly import from Kazakhstan?",
        "   ",
        "\x00",
        "What is the Silk Road Economic Belt?",
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(questions) + "\n"))
    status = cli("ask", "-")
    captured = capsys.readouterr()
    assert status == 2 and "silkqa:" in captured.err  # the unreadable line is named on stderr, and skipped
    headers = [line for line in captured.out.splitlines() if line.startswith("── ")]
    assert headers == [
        "── What does China mainly import from Kazakhstan?",
        "── What is the Silk Road Economic Belt?",
    ]


def test_ask_batch_prints_one_json_line_per_question_in_order(cli, capsys, monkeypatch):
    questions = [
        "What does China mainly import from Kazakhstan?",
        "What's a good recipe for beef stroganoff?",
        "Which kinds of clean energy have been introduced to Kazakhstan?",
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(questions) + "\n\n"))
    assert cli("ask", "-", "--json") == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == len(questions)
    results = [json.loads(line) for line in lines]
    for data, question in zip(results, questions, strict=True):
        _check_answer_json(data, question)
    assert [d["abstained"] for d in results] == [False, True, False]


def test_the_name_of_a_thing_asked_is_the_thing_not_the_clause_after_it():
    from silkqa.answering import named_focus

    assert named_focus("name of the kiln that undoes the glaze") == "kiln"
    assert named_focus("what is the name of the main pipeline?") == "pipeline"
    assert named_focus("the name of the queue which converts it") == "queue"
    assert named_focus("name of the kiln used for glazing") == "kiln"
    # a name answers "the name of the person who ...", "of the process that ..." without the word
    assert named_focus("What is the name of the person who reviews pull requests?") is None
    assert named_focus("name of the process that undoes the conversion") is None
    assert named_focus("how does it work") is None


def test_a_large_number_is_said_with_or_without_its_thousands_set_apart():
    from silkqa.answering import _said_in_words

    for written in ("For 120.000 people", "for 120,000 people", "for 120 000 people", "for 120000 people"):
        assert _said_in_words(written, "120000"), written
        assert _said_in_words(written, "120,000"), written
    assert not _said_in_words("for 1.120.000 people", "120000")
    assert not _said_in_words("version 120.0001", "120000")
    assert not _said_in_words("for 12,000 people", "120000")


def test_words_across_a_heading_or_a_sentence_break_spell_no_acronym():
    from silkqa.answering import _spells_out
    from silkqa.documents import Document

    def doc(text):
        return Document(doc_id="d.txt", source="d.txt", title="D", text=text, kind="text")

    # "Notes:\n\nThis section" and "... to 24. Strictly speaking, ... NTSC" spell nothing
    assert not _spells_out(doc("Notes:\n\nThis section only applies to NTSC discs, and not PAL."), "NTSC")
    # words in a row beside it still do, in lower case too
    assert _spells_out(doc("It speaks hypertext transfer protocol, HTTP for short, to servers."), "HTTP")
    assert _spells_out(doc("Lines end in carriage return and line feed; CRLF is the default."), "CRLF")
    # an initial's dot is no break: "The U.S. Geological Survey" spells USGS
    assert _spells_out(doc("The U.S. Geological Survey publishes maps; USGS data is free."), "USGS")
