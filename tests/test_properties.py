"""Properties of chunking that every citation relies on, checked on generated documents.

A quote is only as good as its offsets: each chunk and each sentence must reproduce the
document's text exactly, keep its section, and together the chunks must lose no text.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from silkqa.chunking import MAX_SENTENCE_CHARS, chunk_document, split_sentences
from silkqa.documents import Document, citation_markers, parse_markdown

SETTINGS = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

# Letters from several scripts, digits and the punctuation that trips sentence splitters.
_ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "0123456789éüçñøßÀÉ"
    "абвгдежзийклмнопрстуфхцчшщыэюяАБВГД"
    "中国与亚的能源合作"
    "'’\"“”-–—/%&,;:()"
)
word = st.text(alphabet=_ALPHABET, min_size=1, max_size=12)
words = st.lists(word, min_size=1, max_size=14).map(" ".join)
ending = st.sampled_from([".", ".", "?", "!", "...", "", ":", ". [3]", " [1, 2].", " (p. 4)."])
sentence = st.builds(lambda w, e: w + e, words, ending)
abbreviated = st.builds(lambda a, b: f"{a} e.g. U.S. Dr. {b}.", words, words)
paragraph = st.lists(st.one_of(sentence, sentence, abbreviated), min_size=1, max_size=7).map(" ".join)
wrapped = st.lists(sentence, min_size=2, max_size=4).map("\n".join)  # soft line breaks
run_on = st.builds(lambda ws, n: " ".join([ws] * n), words, st.integers(40, 120))  # > MAX_SENTENCE_CHARS
heading = st.builds(lambda level, w: "#" * level + " " + w, st.integers(1, 3), words)
numbered = st.builds(lambda n, w: f"{n}. {w}", st.integers(1, 9), words)
block = st.one_of(
    paragraph,
    paragraph,
    paragraph,
    wrapped,
    heading,
    heading,
    numbered,
    st.builds(lambda s: "- " + s, sentence),
    st.just("---"),
    st.sampled_from(["2.1", "a)", "iv."]),
    run_on,
)
markdown = st.lists(block, min_size=1, max_size=14).map("\n\n".join)


def _document(raw: str) -> Document:
    _, text, sections, title = parse_markdown(raw)
    return Document(
        doc_id="doc.md",
        source="doc.md",
        title=title or "doc",
        text=text,
        kind="markdown",
        sections=tuple(sections),
    )


def _non_space(text: str, start: int = 0, end: int | None = None) -> set[int]:
    end = len(text) if end is None else end
    return {i for i in range(start, end) if not text[i].isspace()}


@SETTINGS
@given(raw=markdown)
def test_sections_point_at_their_headings(raw):
    doc = _document(raw)
    previous_end = 0
    for section in doc.sections:
        assert 0 <= section.start < section.end <= len(doc.text)
        assert section.start >= previous_end  # in order, never overlapping
        assert doc.text[section.start : section.start + len(section.title)] == section.title
        previous_end = section.end


@SETTINGS
@given(raw=markdown, max_words=st.integers(3, 150), overlap=st.integers(0, 2))
def test_chunks_reproduce_the_text_keep_their_section_and_lose_nothing(raw, max_words, overlap):
    doc = _document(raw)
    text = doc.text
    chunks = chunk_document(doc, max_words=max_words, overlap=overlap)
    boundaries = {b for s in doc.sections for b in (s.start, s.end)}

    covered_by_chunks: set[int] = set()
    covered_by_sentences: set[int] = set()
    for chunk in chunks:
        assert chunk.text == text[chunk.start : chunk.end]
        assert chunk.text and chunk.text == chunk.text.strip()
        assert chunk.markers == citation_markers(chunk.text)

        # sentences: in order, inside the chunk, exact, tight, spanning it end to end
        assert chunk.sentences
        assert chunk.sentences[0][0] == chunk.start and chunk.sentences[-1][1] == chunk.end
        last = chunk.start
        for a, b in chunk.sentences:
            assert last <= a < b <= chunk.end
            assert text[a:b] == chunk.text[a - chunk.start : b - chunk.start]
            assert text[a:b] == text[a:b].strip()
            covered_by_sentences.update(range(a, b))
            last = b

        # a chunk never crosses a section boundary, and is labelled with its section
        assert not any(chunk.start < b < chunk.end for b in boundaries)
        assert chunk.section == doc.section_at(chunk.start) == doc.section_at(chunk.end - 1)
        covered_by_chunks.update(range(chunk.start, chunk.end))

    assert len({c.chunk_id for c in chunks}) == len(chunks)
    assert _non_space(text) <= covered_by_sentences <= covered_by_chunks
    assert chunks or not text.strip()


@SETTINGS
@given(raw=markdown)
def test_default_chunking_has_the_same_properties(raw):
    doc = _document(raw)
    chunks = chunk_document(doc)
    for chunk in chunks:
        assert chunk.text == doc.text[chunk.start : chunk.end]
        assert chunk.section == doc.section_at(chunk.start)
    covered = set().union(*(range(c.start, c.end) for c in chunks)) if chunks else set()
    assert _non_space(doc.text) <= covered


@SETTINGS
@given(
    paragraphs=st.lists(st.one_of(paragraph, run_on, wrapped), min_size=1, max_size=5), pad=st.integers(0, 3)
)
def test_sentence_spans_are_exact_ordered_bounded_and_complete(paragraphs, pad):
    prefix = "x" * pad + "\n\n" if pad else ""
    text = prefix + "\n\n".join(paragraphs) + "\n"
    start = len(prefix)
    spans = split_sentences(text, start, len(text))
    last = start
    for a, b in spans:
        assert last <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip()
        assert b - a <= MAX_SENTENCE_CHARS
        assert "\n\n" not in text[a:b]  # a sentence never runs across paragraphs
        last = b
    covered = set().union(*(range(a, b) for a, b in spans)) if spans else set()
    assert covered == covered & set(range(start, len(text)))
    assert _non_space(text, start) <= covered
