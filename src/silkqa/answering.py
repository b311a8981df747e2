"""Grounded answers: evidence sentences quoted exactly, numbered citations, and abstention.

No language model runs here: the answer is composed of the sources' own sentences, each
followed by its [n] marker, so every word can be traced. `compose` is the one seam where an
optional generator could later rewrite the evidence; nothing depends on one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from .evidence import Evidence, candidates, select, verified_quote
from .lexical import content_terms
from .retrieval import Hit, search
from .store import Index

EVIDENCE_POOL = 6  # chunks whose sentences compete to be evidence (tuned on the gold set: 5-6 best)
# Abstain when the best evidence's relevance (mean of its sentence and chunk cosines with the
# question) is below this. Calibrated on gold/questions.jsonl with `silkqa eval --calibrate`;
# the README shows the trade-off.
ABSTAIN_BELOW = 0.30

_NUMBER = re.compile(r"\b\d[\d,.]*\b")
# Questions that ask for a figure: an answer must then contain one. The question forms only
# count at the head of a question ("How many ...?"), the measure words anywhere.
_QUANTITY_HEAD = re.compile(
    r"^\W*(?:\w+ )?(?:how many|how much|what (?:percentage|share|proportion|amount|figure|price)|by how much)\b",
    re.I,
)
_QUANTITY_WORDS = re.compile(
    r"\b(?:(?:exchange|growth|interest|inflation|tax|tariff) rate|in percent|per ?cent|population of)\b", re.I
)
# "What is the name of the gas pipeline ...": the answer must at least speak of a pipeline.
_NAME_OF = re.compile(r"\bname of (?:the |a |an |this |that )?(?:\w+ )?(\w{3,})\b", re.I)
_MARKERS = re.compile(r"\[\d[\d,\s–-]*\]")
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]{2,}(?:[\s-][A-Z][a-z]+)*)")


@dataclass(frozen=True)
class TrailEntry:
    """Where an in-text marker of a cited passage leads: a work in the bibliography."""

    marker: str
    key: str
    authors: tuple[str, ...]
    title: str
    venue: str | None
    year: int | None
    in_library: bool
    full_text_source: str | None
    full_text_passage: dict | None = None  # the closest passage of the full text, when present

    def to_json(self) -> dict:
        return {
            "marker": self.marker,
            "key": self.key,
            "authors": list(self.authors),
            "title": self.title,
            "venue": self.venue,
            "year": self.year,
            "in_library": self.in_library,
            "full_text_source": self.full_text_source,
            "full_text_passage": self.full_text_passage,
        }


@dataclass(frozen=True)
class Citation:
    n: int
    chunk_id: str
    doc_id: str
    source: str
    title: str
    section: str | None
    page: int | None
    quote: str
    start: int
    end: int
    passage: str  # the whole chunk the quote sits in, for context
    passage_start: int
    references: tuple[TrailEntry, ...] = ()

    def to_json(self) -> dict:
        return {
            "n": self.n,
            "chunk_id": self.chunk_id,
            "doc_id": self.doc_id,
            "source": self.source,
            "title": self.title,
            "section": self.section,
            "page": self.page,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "passage": self.passage,
            "passage_start": self.passage_start,
            "references": [r.to_json() for r in self.references],
        }


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    abstained: bool
    citations: tuple[Citation, ...]
    hits: tuple[Hit, ...]
    confidence: float
    reason: str | None = None
    closest: tuple[Citation, ...] = field(default=())
    language: str = "en"  # the question's, ISO 639-1; quotes stay in the sources' language

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [c.to_json() for c in self.citations],
            "hits": [h.to_json() for h in self.hits],
            "confidence": round(self.confidence, 4),
            "reason": self.reason,
            "language": self.language,
        }


# --------------------------------------------------------------------------- reference trail


def _paragraph_markers(text: str, start: int, end: int) -> tuple[str, ...]:
    """Markers in the quote, else in the rest of its paragraph (a marker at a paragraph's end
    credits the whole paragraph, the custom of the paper in this library)."""
    from .documents import citation_markers

    inside = citation_markers(text[start:end])
    if inside:
        return inside
    stop = text.find("\n\n", end)
    return citation_markers(text[end : len(text) if stop < 0 else stop])


def _full_text_passage(index: Index, source: str, vector: np.ndarray) -> dict | None:
    rows = [i for i, c in enumerate(index.chunks) if c.source == source]
    if not rows:
        return None
    scores = index.chunk_vectors[rows] @ vector
    best = rows[int(np.argmax(scores))]
    chunk = index.chunks[best]
    return {"chunk_id": chunk.chunk_id, "section": chunk.section, "page": chunk.page, "text": chunk.text}


def reference_trail(
    index: Index, doc_id: str, start: int, end: int, vector: np.ndarray | None = None
) -> tuple[TrailEntry, ...]:
    doc = index.documents[doc_id]
    entries: list[TrailEntry] = []
    if doc.kind == "reference":
        ref = index.reference_by_doc_id(doc_id)
        refs = [("", ref)] if ref else []
    else:
        refs = [(m, index.reference(doc.source, m)) for m in _paragraph_markers(doc.text, start, end)]
    for marker, ref in refs:
        if ref is None:
            continue
        linked = index.links.get(ref.key)
        passage = _full_text_passage(index, linked, vector) if linked and vector is not None else None
        entries.append(
            TrailEntry(
                marker,
                ref.key,
                ref.authors,
                ref.title,
                ref.venue,
                ref.year,
                linked is not None,
                linked,
                passage,
            )
        )
    return tuple(entries)


def cite(index: Index, ev: Evidence, n: int) -> Citation | None:
    """A citation for evidence, with its quote verified against the document once more."""
    quote = verified_quote(index, ev.doc_id, ev.start, ev.end)
    if quote is None or quote != ev.quote:
        return None
    chunk = index.chunks[ev.row]
    doc = index.documents[ev.doc_id]
    return Citation(
        n=n,
        chunk_id=chunk.chunk_id,
        doc_id=chunk.doc_id,
        source=chunk.source,
        title=chunk.title,
        section=doc.section_at(ev.start),
        page=doc.page_at(ev.start),
        quote=quote,
        start=ev.start,
        end=ev.end,
        passage=chunk.text,
        passage_start=chunk.start,
        references=reference_trail(index, ev.doc_id, ev.start, ev.end, ev.vector),
    )


# --------------------------------------------------------------------------- abstention


def specific_terms(question: str) -> set[str]:
    """Numbers and mid-sentence capitalised names: things an answer must mention to be one."""
    terms = {m.group(0).strip(".,") for m in _NUMBER.finditer(question)}
    terms |= {m.group(1) for m in _CAPITALISED.finditer(question)}
    return {t for t in terms if t}


_NUMBER_WORDS = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|half|third|quarter|"
    r"double|twice|triple|percent|per cent)\b",
    re.I,
)


def _figures(text: str) -> list[str]:
    """Quantities in a text: numbers (other than citation markers and years) and number words."""
    text = _MARKERS.sub(" ", text)
    numbers = [n for n in _NUMBER.findall(text) if not re.fullmatch(r"(1[89]|20)\d\d", n.strip(".,"))]
    return numbers + _NUMBER_WORDS.findall(text)


def mentions(text: str, term: str) -> bool:
    """Whether lower-cased `text` mentions `term`, allowing for inflection and demonyms
    (a question's "Chinese" is answered by a passage about "China")."""
    term = term.lower()
    if term in text:
        return True
    stem = term[: max(4, len(term) - 3)]
    return any(w.startswith(stem) for w in re.findall(r"\w+", text))


def abstention_reason(
    question: str, evidence: list[Evidence], passages: list[str], threshold: float = ABSTAIN_BELOW
) -> str | None:
    """Why the evidence does not answer the question, or None if it plausibly does."""
    if not evidence:
        return "nothing in the library matches the question"
    best = evidence[0]
    letters = [ch for ch in question if ch.isalpha()]
    if letters and sum(ch.isascii() for ch in letters) < 0.5 * len(letters):
        return "the question is not in English, the language of the library and of its model"
    if best.relevance < threshold:
        return "the closest passages are only loosely related to the question"
    names = [t for t in specific_terms(question) if not t[0].isdigit()]
    numbers = [t for t in specific_terms(question) if t[0].isdigit()]
    quotes = _MARKERS.sub(" ", " ".join(e.quote for e in evidence)).lower()
    context = " ".join([quotes] + [p.lower() for p in passages])
    missing = [t for t in numbers if not mentions(quotes, t)] + [t for t in names if not mentions(context, t)]
    if missing:
        return f"the sources do not mention {', '.join(sorted(missing))} in this context"
    focus = _NAME_OF.search(question)
    if focus and not mentions(quotes, focus.group(1)):
        return f"the sources name no {focus.group(1)}"
    asks_figure = _QUANTITY_HEAD.search(question) or _QUANTITY_WORDS.search(question)
    if asks_figure and not _figures(best.quote):
        return "the question asks for a figure and the sources give none"
    return None


# --------------------------------------------------------------------------- composing


def compose(citations: list[Citation]) -> str:
    """The answer text: each quoted sentence followed by its marker."""
    return " ".join(f"{c.quote.replace(chr(10) * 2, ' ')} [{c.n}]" for c in citations)


def answer_question(
    index: Index, encoder, question: str, k: int = 5, threshold: float = ABSTAIN_BELOW
) -> Answer:
    query_vector = encoder.encode([question])[0]
    pool = search(index, query_vector, question, k=max(k, EVIDENCE_POOL))
    hits = tuple(pool[:k])
    found = candidates(index, pool, query_vector, content_terms(question), question)
    chosen = select(found)
    confidence = found[0].relevance if found else 0.0
    passages = [h.chunk.text for h in pool[:3]] + [h.chunk.title for h in pool[:1]]
    reason = abstention_reason(question, found[:3], passages, threshold)
    if reason is not None:
        closest = tuple(c for i, ev in enumerate(found[:3], start=1) if (c := cite(index, ev, i)) is not None)
        text = "The library does not answer this question: " + reason + "."
        if closest:
            markers = " ".join(f"[{c.n}]" for c in closest)
            text += (
                f" The closest passages {markers} are listed below; they may help, but they do not answer it."
            )
        return Answer(question, text, True, closest, hits, confidence, reason, closest)
    citations = [c for i, ev in enumerate(chosen, start=1) if (c := cite(index, ev, i)) is not None]
    citations = [Citation(**{**c.__dict__, "n": i}) for i, c in enumerate(citations, start=1)]
    return Answer(question, compose(citations), False, tuple(citations), hits, confidence)


def format_answer(data: dict) -> str:
    """The answer for a terminal: text, then the numbered sources."""
    lines = [data["answer"], ""]
    label = "Closest passages" if data["abstained"] else "Sources"
    if data["citations"]:
        lines.append(f"{label}:")
    for c in data["citations"]:
        where = ", ".join(
            str(x) for x in (c["title"], c["section"], f"page {c['page']}" if c["page"] else None) if x
        )
        lines.append(f"[{c['n']}] {where} ({c['source']})")
        lines.append(f"    “{c['quote']}”")
        for r in c["references"]:
            status = (
                f"full text: {r['full_text_source']}" if r["in_library"] else "full text not in the library"
            )
            lines.append(
                f"    ↳ cites [{r['marker']}] {', '.join(r['authors'])} ({r['year']}). {r['title']}. {r['venue']}. — {status}"
            )
    return "\n".join(lines)
