"""Sentence-level evidence: from retrieved chunks to the few sentences that bear on a text.

Shared by answers and claim checks. A candidate is a sentence (or a sentence with the one
before it, when it opens with a pronoun or connective and would not make sense alone),
scored by its late-chunked vector against the query and by how many of the query's content
words it carries. Quotes are sliced from the document text and verified there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .lexical import content_terms
from .retrieval import Hit
from .store import Index

# Words that make a sentence lean on the one before it (general English, not corpus-specific).
_LEANING = re.compile(r"^(?:it|its|this|these|those|they|their|them|such|he|she|his|her)\b", re.I)
MIN_WORDS = 5
DENSE_WEIGHT = 0.7
LEXICAL_WEIGHT = 0.3


@dataclass(frozen=True)
class Evidence:
    row: int  # chunk row in the index
    doc_id: str
    start: int  # quote span in the document's text
    end: int
    quote: str
    dense: float  # cosine of query and sentence
    lexical: float  # share of the query's content words found in the quote
    score: float
    vector: np.ndarray

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.doc_id, self.start, self.end)


def verified_quote(index: Index, doc_id: str, start: int, end: int) -> str | None:
    """The exact text of a span, or None if it is not (any longer) in the document."""
    doc = index.documents.get(doc_id)
    if doc is None or not (0 <= start < end <= len(doc.text)):
        return None
    quote = doc.text[start:end]
    return quote if quote and quote in doc.text else None


def _paragraph_start(text: str, offset: int) -> int:
    cut = text.rfind("\n\n", 0, offset)
    return 0 if cut < 0 else cut + 2


def candidates(
    index: Index, hits: list[Hit], query_vector: np.ndarray, query_terms: set[str]
) -> list[Evidence]:
    """Every sentence of the hit chunks, scored; each document span appears once."""
    seen: set[tuple[str, int, int]] = set()
    found: list[Evidence] = []
    for hit in hits:
        chunk = hit.chunk
        doc = index.documents[chunk.doc_id]
        vectors = index.sentence_vectors_of(hit.row)
        if doc.kind == "reference":  # a bibliography record is quoted whole
            units = [(chunk.start, chunk.end, index.chunk_vectors[hit.row])]
        else:
            units = [(a, b, vectors[j]) for j, (a, b) in enumerate(chunk.sentences)]
        headings = {(s.start, s.start + len(s.title)) for s in doc.sections}
        for j, (start, end, vector) in enumerate(units):
            sentence = doc.text[start:end]
            if (start, end) in headings or (len(sentence.split()) < MIN_WORDS and doc.kind != "reference"):
                continue
            q_start = start
            # a sentence opening with a pronoun is quoted with the one before it, for sense;
            # it is still scored on its own vector, so the context cannot win it a place
            if _LEANING.match(sentence) and j > 0 and units[j - 1][0] >= _paragraph_start(doc.text, start):
                q_start = units[j - 1][0]
            key = (chunk.doc_id, q_start, end)
            if key in seen:
                continue
            seen.add(key)
            quote = verified_quote(index, chunk.doc_id, q_start, end)
            if quote is None:
                continue
            dense = float(vector @ query_vector)
            terms = content_terms(quote)
            lexical = len(query_terms & terms) / len(query_terms) if query_terms else 0.0
            score = DENSE_WEIGHT * dense + LEXICAL_WEIGHT * lexical
            found.append(Evidence(hit.row, chunk.doc_id, q_start, end, quote, dense, lexical, score, vector))
    found.sort(key=lambda e: -e.score)
    return _drop_contained(found)


def _drop_contained(found: list[Evidence]) -> list[Evidence]:
    """A sentence quoted with its predecessor and also alone: keep the better-scored one only."""
    kept: list[Evidence] = []
    for ev in found:
        if any(k.doc_id == ev.doc_id and k.start < ev.end and ev.start < k.end for k in kept):
            continue
        kept.append(ev)
    return kept


def select(
    found: list[Evidence], limit: int = 3, margin: float = 0.12, diversity: float = 0.7
) -> list[Evidence]:
    """Maximal marginal relevance over candidates close to the best one."""
    if not found:
        return []
    best = found[0].score
    pool = [e for e in found if e.score >= best - margin]
    chosen: list[Evidence] = [pool[0]]
    while len(chosen) < limit:
        rest = [e for e in pool if e not in chosen]
        if not rest:
            break

        def mmr(e: Evidence) -> float:
            redundancy = max(float(e.vector @ c.vector) for c in chosen)
            return diversity * e.score - (1 - diversity) * redundancy

        nxt = max(rest, key=mmr)
        if max(float(nxt.vector @ c.vector) for c in chosen) > 0.92:
            break
        chosen.append(nxt)
    return chosen
