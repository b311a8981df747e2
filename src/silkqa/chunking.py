"""Split documents into overlapping, sentence-aligned chunks that remember where they came from.

A chunk never crosses a section boundary (a citation names one section) and is made of whole
sentences, so every sentence inside it can later be quoted exactly. Each chunk also carries
its sentences' spans: answers are composed and quoted at sentence level.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from .documents import Document, citation_markers
from .vocabulary import is_english

MAX_WORDS = 120
OVERLAP_SENTENCES = 1
MAX_SENTENCE_CHARS = 1200

_PARAGRAPH = re.compile(r"\n\s*\n")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    doc_id: str
    source: str
    title: str
    section: str | None
    page: int | None
    start: int
    end: int
    text: str
    markers: tuple[str, ...]
    sentences: tuple[tuple[int, int], ...]  # spans in the document's text


def _hard_split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a run-on 'sentence' (tables, lists without punctuation) at word boundaries."""
    spans: list[tuple[int, int]] = []
    cut = start
    while end - cut > MAX_SENTENCE_CHARS:
        limit = cut + MAX_SENTENCE_CHARS
        space = text.rfind(" ", cut + 1, limit)
        stop = space if space > cut else limit
        spans.append((cut, stop))
        cut = stop
        while cut < end and text[cut].isspace():
            cut += 1
    if cut < end:
        spans.append((cut, end))
    return spans


def _tight(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_ENUMERATOR = re.compile(r"^\s*(?:\d+(?:\.\d+)*|[A-Za-z]|[ivxIVX]+)[.)]?\s*$")


def _join_enumerators(text: str, offsets) -> list[tuple[int, int]]:
    """Glue a bare heading number such as '2.1' or 'a)' to the sentence it introduces."""
    joined: list[tuple[int, int]] = []
    carry: int | None = None
    for s, e in offsets:
        if carry is not None:
            s, carry = carry, None
        if _ENUMERATOR.match(text[s:e]):
            carry = s
            continue
        joined.append((s, e))
    if carry is not None:
        joined.append((carry, len(text.rstrip())))
    return joined


# a quotation that ends in its own full stop, and the sentence going on after it in lower case:
# 'It just says "Sorry, try again." three times and exits.' is one sentence
_QUOTED_END = re.compile(r"[.?!][\"”’']$")


def _goes_on(sentence: str) -> bool:
    """Whether a sentence opens on a word of English in lower case ("three times and exits."),
    as the words after a quotation do; not on a command's name ("npm is required.")."""
    first = re.match(r"([a-z]+)(['’][a-z]+)?\b", sentence)  # "doesn't help" goes on too
    return first is not None and (first.group(2) is not None or is_english(first.group(1)))


def _join_quoted_ends(text: str, offsets: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Glue a sentence the breaker ended at a quotation's full stop to the lower-case words
    that carry it on."""
    joined: list[tuple[int, int]] = []
    for s, e in offsets:
        if (
            joined
            and _goes_on(text[s:e])
            and _QUOTED_END.search(text[joined[-1][0] : joined[-1][1]].rstrip())
        ):
            joined[-1] = (joined[-1][0], e)
            continue
        joined.append((s, e))
    return joined


# a short remark wholly in brackets after a sentence's full stop, on its line: "The port number to
# connect to. (Default: 3306)", "Select one alternately. (Round-Robin)"
_BRACKETED_TAIL = re.compile(r"\([^()\n]{1,60}\)\.?")
BRACKETED_TAIL_WORDS = 6


def _join_bracketed_tails(text: str, offsets: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Glue a short bracketed remark to the sentence before it on its line: it says something
    of that sentence (its default, its long form) and means nothing alone."""
    joined: list[tuple[int, int]] = []
    for s, e in offsets:
        tail = text[s:e].strip()
        if (
            joined
            and _BRACKETED_TAIL.fullmatch(tail)
            and len(tail.split()) <= BRACKETED_TAIL_WORDS
            and "\n" not in text[joined[-1][1] : s]
        ):
            joined[-1] = (joined[-1][0], e)
            continue
        joined.append((s, e))
    return joined


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets into `text`) of text[start:end], paragraph by paragraph.

    Blingfire (a finite-state sentence breaker, ~15x faster than pysbd here, which matters
    because splitting sits on the indexing path next to the encoder) gives the boundaries
    with character offsets, so each span reproduces the text exactly.
    """
    import blingfire

    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for para in _PARAGRAPH.split(text[start:end]):
        if not para.strip():
            continue
        para_start = text.index(para, cursor)
        cursor = para_start + len(para)
        _, offsets = blingfire.text_to_sentences_and_offsets(para)
        covered = 0
        for s, e in _join_enumerators(para, _join_bracketed_tails(para, _join_quoted_ends(para, offsets))):
            s, e = _tight(text, para_start + s, para_start + e)
            covered = e - para_start
            if e > s:
                spans.extend(_hard_split(text, s, e) if e - s > MAX_SENTENCE_CHARS else [(s, e)])
        # anything the splitter passed over at the end of the paragraph still belongs to it
        if covered < len(para) and para[covered:].strip():
            s, e = _tight(text, para_start + covered, para_start + len(para))
            spans.extend(_hard_split(text, s, e))
    return spans


def _regions(doc: Document) -> list[tuple[int, int]]:
    """Contiguous stretches of the text that share one section (or none)."""
    cuts = {0, len(doc.text)}
    for section in doc.sections:
        cuts.update((section.start, section.end))
    points = sorted(c for c in cuts if 0 <= c <= len(doc.text))
    return [(a, b) for a, b in zip(points, points[1:], strict=False) if doc.text[a:b].strip()]


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def chunk_document(
    doc: Document, max_words: int = MAX_WORDS, overlap: int = OVERLAP_SENTENCES
) -> list[Chunk]:
    """Sentence-aligned chunks of at most `max_words` words (a longer sentence stands alone).

    A chunk also never runs onto a later page (a sentence carried over a page break stays
    whole on the page where it starts), so a chunk's page is where its whole text is.
    """
    chunks: list[Chunk] = []
    page_starts = [p.start for p in doc.pages]
    for region_start, region_end in _regions(doc):
        sentences = split_sentences(doc.text, region_start, region_end)
        on_page = [bisect_right(page_starts, s) for s, _ in sentences]
        i = 0
        while i < len(sentences):
            j, words = i, 0
            while j < len(sentences):
                if j > i and on_page[j] != on_page[i]:
                    break
                n = _words(doc.text[sentences[j][0] : sentences[j][1]])
                if j > i and words + n > max_words:
                    break
                words += n
                j += 1
            group = tuple(sentences[i:j])
            start, end = group[0][0], group[-1][1]
            text = doc.text[start:end]
            chunks.append(
                Chunk(
                    chunk_id=f"{doc.doc_id}#{len(chunks)}",
                    doc_id=doc.doc_id,
                    source=doc.source,
                    title=doc.title,
                    section=doc.section_at(start),
                    page=doc.page_at(start),
                    start=start,
                    end=end,
                    text=text,
                    markers=citation_markers(text),
                    sentences=group,
                )
            )
            if j >= len(sentences):
                break
            i = j if on_page[j] != on_page[j - 1] else max(j - overlap, i + 1)
    return chunks
