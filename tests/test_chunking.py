"""Chunks: whole sentences, one section and one page each, pointing exactly into the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_documents import PDF_PAGES, make_pdf

from silkqa.chunking import MAX_WORDS, chunk_document, split_sentences
from silkqa.documents import load_document

ROOT = Path(__file__).resolve().parents[1]
PAPER = ROOT / "corpus" / "huo-silk-road-central-asia.md"


@pytest.fixture(scope="module")
def paper():
    doc = load_document(PAPER, PAPER.name)
    return doc, chunk_document(doc)


def containing(chunks, phrase):
    found = [c for c in chunks if phrase in c.text]
    assert found, phrase
    return found


def test_chunks_point_exactly_into_the_document(paper):
    doc, chunks = paper
    assert len({c.chunk_id for c in chunks}) == len(chunks)
    for chunk in chunks:
        assert chunk.text == doc.text[chunk.start : chunk.end]
        assert chunk.doc_id == doc.doc_id and chunk.source == PAPER.name and chunk.title == doc.title
        assert chunk.sentences[0][0] == chunk.start and chunk.sentences[-1][1] == chunk.end
        for a, b in chunk.sentences:
            assert chunk.start <= a < b <= chunk.end
            assert doc.text[a:b].strip() == doc.text[a:b]


def test_chunks_stay_inside_one_section_and_are_bounded(paper):
    doc, chunks = paper
    for chunk in chunks:
        assert doc.section_at(chunk.start) == chunk.section
        assert doc.section_at(chunk.end - 1) == chunk.section
        if len(chunk.sentences) > 1:
            assert len(chunk.text.split()) <= MAX_WORDS


def test_consecutive_chunks_overlap_by_a_sentence(paper):
    _, chunks = paper
    by_section: dict = {}
    for chunk in chunks:
        by_section.setdefault(chunk.section, []).append(chunk)
    pairs = [(a, b) for group in by_section.values() for a, b in zip(group, group[1:], strict=False)]
    assert pairs
    for a, b in pairs:
        assert b.sentences[0] in a.sentences


def test_a_passage_gets_its_section(paper):
    _, chunks = paper
    for chunk in containing(chunks, "China’s imports from Kazakhstan are mainly crude oil"):
        assert chunk.section == "2.2 Economic, trade and investment"
    for chunk in containing(chunks, "Kazakhstan is famous for its radical industrial reform"):
        assert chunk.section == "1.1 Economic Development of the Five Central Asian Countries"


def test_the_repaired_page_break_sentence_is_one_sentence(paper):
    doc, chunks = paper
    sentences = [doc.text[a:b] for c in chunks for a, b in c.sentences]
    whole = [s for s in sentences if "by reforming the growth mode" in s]
    assert whole
    for sentence in whole:
        assert sentence.startswith("After the global financial crisis, China is eager")
        assert sentence.endswith("so as to form trade complementation with the five Central Asian countries.")


def test_citation_markers_are_kept_on_chunks(paper):
    _, chunks = paper
    cited = containing(chunks, "service trade cooperation is huge [2]")
    for chunk in cited:
        assert "2" in chunk.markers
        assert "<sup>" not in chunk.text
    uncited = containing(chunks, "Kazakhstan is famous for its radical industrial reform")
    assert all(c.markers == () or "[" in c.text for c in uncited)


def test_sentence_splitting_keeps_exact_offsets():
    text = "First sentence here. Second one, with Dr. Smith?\n\nA new paragraph! And 2.1 more."
    spans = split_sentences(text)
    pieces = [text[a:b] for a, b in spans]
    assert pieces[0] == "First sentence here."
    assert pieces[-1].endswith("more.")
    assert all(p == p.strip() and p for p in pieces)
    assert all("\n\n" not in p for p in pieces)


def test_a_run_on_sentence_is_cut_at_word_boundaries():
    text = " ".join(f"word{i}" for i in range(600))  # no punctuation at all
    spans = split_sentences(text)
    assert len(spans) > 1
    assert " ".join(text[a:b] for a, b in spans) == text


def test_pdf_chunks_carry_the_page_they_start_on(tmp_path):
    doc = load_document(make_pdf(tmp_path / "routes.pdf", PDF_PAGES), "routes.pdf")
    chunks = chunk_document(doc)
    assert [c.page for c in containing(chunks, "Pamir range")] == [1]
    assert {c.page for c in containing(chunks, "Camel caravans carried silk")} == {2}
    # the sentence carried over the page break is whole, on the page where it starts
    carried = containing(chunks, "Their ledgers survive in two archives in Bukhara and Khiva.")
    assert {c.page for c in carried} == {2}
    assert {c.page for c in containing(chunks, "modern railways")} == {3}
    for chunk in chunks:
        assert doc.page_at(chunk.start) == chunk.page


def test_a_quotation_ending_in_a_full_stop_does_not_end_the_sentence_around_it():
    text = 'It just says "Sorry, try again." three times and exits. He said "Stop." Then he left.'
    assert [text[a:b] for a, b in split_sentences(text)] == [
        'It just says "Sorry, try again." three times and exits.',
        'He said "Stop."',
        "Then he left.",
    ]
    # a command's name in lower case opens a sentence of its own
    text = 'Use of wide strings L"..." doesn\'t help.'
    assert [text[a:b] for a, b in split_sentences(text)] == [text]
    text = 'See "Installing." npm is required.'
    assert [text[a:b] for a, b in split_sentences(text)] == ['See "Installing."', "npm is required."]


def test_a_short_bracketed_remark_stays_with_the_sentence_before_it_on_its_line():
    text = (
        "waitTimeout: The milliseconds before the ferry leaves. (Default: 5000)\n\n"
        "RR: Select one pier after the other. (Round-Robin)\n\n"
        "The ferry leaves. (Then it sails past the old lighthouse and the pier.)\n\n"
        "The ferry docks.\n(Sometimes late.)"
    )
    quotes = [text[a:b] for a, b in split_sentences(text)]
    assert "waitTimeout: The milliseconds before the ferry leaves. (Default: 5000)" in quotes
    assert "RR: Select one pier after the other. (Round-Robin)" in quotes
    # a remark of more than a few words says something of its own
    assert "The ferry leaves." in quotes
    # on a line of its own, it is no tail
    assert not any(q.startswith("The ferry docks.") and "Sometimes" in q for q in quotes)
