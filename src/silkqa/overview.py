"""Overview questions: answered from where a document states its overview.

"Summarise the paper" is answered from the abstract and the conclusion; "What does the paper
say about energy?" or "How do A and B cooperate on energy?" from the section whose heading
names the topic, by the sentences most central to that section. A word used in passing
elsewhere ("devoted its energy to ...") is no evidence of the topic; a heading is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .documents import Document
from .evidence import is_furniture
from .lexical import content_terms
from .questions import Question
from .retrieval import Hit
from .store import Index

_ABSTRACT = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\.?\s*)?(?:abstract|summary|overview|synopsis|introduction|description)\b", re.I
)
_CONCLUSION = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\.?\s*)?\W*(?:conclusions?|concluding remarks|summary|discussion)\b", re.I
)
_ABSTRACT_PARAGRAPH = re.compile(r"^\W*abstract\W", re.I)


@dataclass(frozen=True)
class Unit:
    """A sentence of the document that may go into an overview answer."""

    row: int
    start: int
    end: int
    vector: np.ndarray


def _units(index: Index, doc_id: str, start: int, end: int) -> list[Unit]:
    """The sentences of a document between two offsets, with their vectors, each once."""
    seen: set[tuple[int, int]] = set()
    units: list[Unit] = []
    for row in index.rows_of(doc_id):
        chunk = index.chunks[row]
        if chunk.end <= start or chunk.start >= end:
            continue
        vectors = index.sentence_vectors_of(row)
        for j, (a, b) in enumerate(chunk.sentences):
            if start <= a and b <= end and (a, b) not in seen and j < len(vectors):
                seen.add((a, b))
                units.append(Unit(row, a, b, vectors[j]))
    units.sort(key=lambda u: u.start)
    return units


def _heading_terms(title: str) -> set[str]:
    return content_terms(re.sub(r"[*_#]|\b\d+(?:\.\d+)*\b", " ", title))


def topic_section(doc: Document, topic: str) -> tuple[int, int, str] | None:
    """The section whose heading names the topic: (start, end, heading)."""
    wanted = content_terms(topic)
    if not wanted:
        return None
    best, best_share = None, 0.0
    for section in doc.sections:
        terms = _heading_terms(section.title)
        if not terms:
            continue
        share = len(wanted & terms) / len(wanted)
        # a narrower section (fewer other words in its heading) wins a tie
        if share > best_share or (
            share == best_share and best and len(terms) < len(_heading_terms(best.title))
        ):
            best, best_share = section, share
    if best is None or best_share < 0.5:
        return None
    return *extent(doc, best), best.title


_NUMBERING = re.compile(r"^\W*(\d+(?:\.\d+)*)\.?\s")


def extent(doc: Document, section) -> tuple[int, int]:
    """A section with its subsections: "1. Introduction" runs until "2. ...", over "1.1" and
    "1.2" (headings are kept flat, each ending where the next begins)."""
    number = _NUMBERING.match(section.title)
    if not number:
        return section.start, section.end
    prefix = number.group(1) + "."
    for later in doc.sections:
        if later.start <= section.start:
            continue
        other = _NUMBERING.match(later.title)
        if other is None or not other.group(1).startswith(prefix):  # "2.1" is no part of "1."
            return section.start, later.start
    return section.start, len(doc.text)


@lru_cache(maxsize=256)
def abstract_spans(doc: Document) -> list[tuple[int, int]]:
    # a document's own overview sits near its start: "4.1 Overview" of one tool is not the manual's
    spans = [extent(doc, s) for s in doc.sections if _ABSTRACT.match(s.title)]
    spans = [span for n, span in enumerate(spans) if n == 0 or span[0] < 0.25 * len(doc.text)]
    if not spans:  # "**Abstract:** ..." as a paragraph rather than a heading
        offset = 0
        for paragraph in doc.text.split("\n\n"):
            if _ABSTRACT_PARAGRAPH.match(paragraph):
                spans.append((offset, offset + len(paragraph)))
                break
            offset += len(paragraph) + 2
    return spans


def _conclusion_spans(doc: Document) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in doc.sections if _CONCLUSION.match(s.title)][-1:]


def central(units: list[Unit], query_vector: np.ndarray, limit: int) -> list[Unit]:
    """The sentences nearest the centre of a section, nudged toward the question, in document
    order: what the section is mostly about, not its odd sentence."""
    if not units:
        return []
    vectors = np.stack([u.vector for u in units])
    centre = vectors.mean(axis=0)
    score = vectors @ centre + 0.5 * (vectors @ query_vector)
    picked = sorted(np.argsort(-score)[:limit].tolist())
    return [units[i] for i in picked]


def overview_units(
    index: Index, question: Question, hits: list[Hit], query_vector: np.ndarray, limit: int = 3
) -> list[Unit]:
    """Sentences that answer an overview question, or [] when no document states one."""
    docs: list[str] = []
    for hit in hits:
        if hit.chunk.doc_id not in docs and index.documents[hit.chunk.doc_id].kind != "reference":
            docs.append(hit.chunk.doc_id)
    # "What does the policy say ...": the document whose title the question names comes first
    asked = content_terms(question.text)
    docs.sort(key=lambda d: -len(asked & _title_terms(index.documents[d].title)))
    for doc_id in docs[:3]:
        doc = index.documents[doc_id]
        if question.topic:
            found = topic_section(doc, question.topic)
            if found:
                units = [
                    u
                    for u in _units(index, doc_id, found[0], found[1])
                    if len(doc.text[u.start : u.end].split()) >= 5
                ]
                units = [u for u in units if not _is_heading(doc, u) and not _is_code(doc, u)]
                if units:
                    # a section's opening sentence says what it is about; the rest, its centre
                    rest = central(units[1:], query_vector, limit - 1) if limit > 1 else []
                    return [units[0], *rest]
            continue
        picked: list[Unit] = []
        itself = _describing_itself(index, doc)
        if itself is not None:  # "This manual describes ..." says what the document is about
            picked.append(itself)
        order = ((abstract_spans(doc), 2), (_conclusion_spans(doc), 1))
        if question.wants_conclusion:
            order = ((_conclusion_spans(doc), 2), (abstract_spans(doc), 1))
        for spans, take in order:
            have = {(u.start, u.end) for u in picked}
            units = [
                u
                for a, b in spans
                for u in _units(index, doc_id, a, b)
                if len(doc.text[u.start : u.end].split()) >= 5 and not _is_heading(doc, u)
            ]
            units = list({(u.start, u.end): u for u in units if (u.start, u.end) not in have}.values())
            picked.extend(central(units, query_vector, take))
        if len(picked) <= 1:  # no abstract or conclusion: the document's opening paragraphs say what it is
            have = {(u.start, u.end) for u in picked}
            lead = [u for u in _lead_units(index, doc) if (u.start, u.end) not in have]
            picked += lead[:1] + central(lead[1:], query_vector, 1)  # its opening sentence first
        if picked:
            ends = _conclusion_spans(doc) if question.wants_conclusion else []
            if ends:  # "what does the paper conclude": its conclusion leads
                return sorted(picked, key=lambda u: (not any(a <= u.start < b for a, b in ends), u.start))
            return sorted(picked, key=lambda u: (u is not itself, u.start))
    return []


def _title_terms(title: str) -> set[str]:
    """A title's content words, with their short forms ("specification" also as "spec")."""
    terms = content_terms(title)
    return terms | {t[:4] for t in terms if len(t) > 4}


def _lead_units(index: Index, doc: Document) -> list[Unit]:
    """The prose a document opens with: its sentences before the first section heading (a
    README's lead paragraphs), else the first paragraph of two sentences or more."""
    first = min((s.start for s in doc.sections), default=len(doc.text))
    lead = [
        u
        for u in _units(index, doc.doc_id, 0, min(first, 20_000))
        if len(doc.text[u.start : u.end].split()) >= 6
        and not _is_heading(doc, u)
        and not _is_code(doc, u)
        and not is_furniture(doc.text[u.start : u.end])
    ]
    if len(lead) >= 2:
        return lead
    offset = 0
    for paragraph in doc.text.split("\n\n"):
        units = [
            u
            for u in _units(index, doc.doc_id, offset, offset + len(paragraph))
            if len(doc.text[u.start : u.end].split()) >= 6
            and not _is_heading(doc, u)
            and not is_furniture(doc.text[u.start : u.end])
        ]
        if len(units) >= 2:
            return units
        offset += len(paragraph) + 2
        if offset > 20_000:
            break
    return []


# "This manual describes both how to use the program and ...", "This chapter documents the
# exploit mitigations ...": a document saying what it covers (not "This section describes how to
# install", one part of it); "This Python library is mainly for ...": a README saying what its
# software is for
_SOFTWARE_SAYS = (
    r"\bthis (?:[\w+-]+ ){0,3}(?:library|package|module|tool|program|project|software|utility)\s+"
    r"(?:is (?:mainly |primarily |meant |designed |intended )?(?:for|to|an?)|[a-z]{3,}[^s\W]s)\b"
)
_DOCUMENT_SAYS = (
    r"\b(?:this|the present) (?:manual|document|guide|handbook|tutorial|readme|paper|book|report|chapter|"
    r"specification|spec|article|documentation|text|page)\s+(?:\w+\s+)?(?:describes|explains|covers|documents|"
    r"presents|introduces|shows|discusses|is about|is intended|aims|gives|provides|outlines|summari[sz]es)\b"
    # "In this chapter, you'll learn ownership by ..."
    r"|\bin this (?:chapter|document|guide|tutorial|article|paper),?\s+"
    r"(?:you[’']ll|you will|we[’']ll|we will|we)\s+(?:learn|look|explore|discuss|describe|cover|explain|show|see|present)\b"
)
# "This Python library is mainly for ...", "This module provides ...": a README's software; in a
# manual's later sections "This tool takes ..." is one of its tools, not what the manual is about
_DOCUMENT_DESCRIBES = re.compile(_DOCUMENT_SAYS, re.I)
_DESCRIBES_ITSELF = re.compile(_DOCUMENT_SAYS + "|" + _SOFTWARE_SAYS, re.I)


def describes_itself(sentence: str) -> bool:
    """ "This manual describes ...", "This Python module returns ...": a document or its
    software saying what it is about."""
    return bool(_DESCRIBES_ITSELF.search(sentence))


INTRODUCTION_AMONG = 3  # a README's introduction is one of its first sections, not a release's "Description"
TAGLINE_REACH = 1000  # characters from a document's start where its one-line description sits
_TAGLINE = re.compile(
    r"(?:An?|The)\s(?!(?:note|word|quick|short|brief)\b)[^.!?:;\d]{12,200}\."
)  # a title line has no full stop
# without an article: "Ultralightweight JSON parser in ANSI C.", "Fetches package manifests and
# tarballs from the npm registry.", "Inspect and manage node_modules trees." - but not a word that
# opens a remark or a pointer ("This release ...", "See the docs.", "Welcome to ...")
_BARE_TAGLINE = re.compile(
    r"(?!(?:This|These|That|Those|It|Its|We|Our|You|Your|I|My|See|Please|Note|Welcome|Thanks?|For|"
    r"If|To|In|On|At|As|By|With|Read|Check|Visit|Click|Install|Download|Documentation|Join|Follow|"
    r"Star|Built|Made|Work|Do|Don|Deprecated|Currently|Looking|Heads|Notice|Warning|Important|Moved|"
    r"Archived|Unmaintained|Maintained|New|Now|Still|Update|Updated|Breaking|Expect|Coming|Under|"
    r"Also|But)\b)[A-Z][\w-]*(?:\s[^\s.!?:;\d]+){3,30}[.!]"
)
_NOT_A_TAGLINE = re.compile(  # a verb of its own, or a legal notice ("The above copyright notice ...")
    r"\b(?:is|are|was|were|has|have|had|will|shall|would|can|could|may|might|must|should|does|do|"
    r"copyright|notice|permission|licen[cs]e[ds]?|warranty|trademarks?)\b",
    re.I,
)
_LEADS_ON = frozenset(
    [
        "with",
        "by",
        "for",
        "from",
        "to",
        "of",
        "in",
        "on",
        "at",
        "and",
        "or",
        "the",
        "a",
        "an",
        "as",
        "via",
        "using",
    ]
)
_BADGE = re.compile(r"\|[^|\s]+\||!?\[.*\]\(.*\)|-")


def _title_line(paragraph: str) -> bool:
    """What a README puts between its title and its first prose: a short line, a row of badges
    ("|pypi version| |Build status|"), or a line that does not end as a sentence does."""
    words = paragraph.split()
    if words and words[-1].lower() in _LEADS_ON:  # "Install it with" goes on below
        return False
    return (
        len(words) < 4
        or all(_BADGE.fullmatch(word) for word in words)
        or (len(words) <= 20 and not paragraph.rstrip().endswith((".", "!", "?", ":")))
    )


def _opens_first_prose(doc: Document, start: int) -> bool:
    """Whether a sentence opens a Markdown or text README's first paragraph of prose, the one
    under its title (a PDF's or web page's opening lines are running heads and menus)."""
    if doc.kind not in {"markdown", "text"}:
        return False
    first = min((s.start for s in doc.sections), default=len(doc.text))
    if start > min(first, TAGLINE_REACH):
        return False
    if not (start == 0 or doc.text[max(0, start - 2) : start] == "\n\n"):
        return False
    before = doc.text[:start].split("\n\n")[1:]  # after the title
    return all(_title_line(paragraph) for paragraph in before)


def _opens_introduction(doc: Document, start: int, among: int | None = INTRODUCTION_AMONG) -> bool:
    """Whether a sentence is the first of a README's Introduction, About, Overview or
    Description section ("## Description\n\nResource monitor that shows ...")."""
    for a, b in introduction_spans(doc, among):
        section = doc.section_of(a)
        if a <= start < b and section is not None:
            return not doc.text[a + len(section.title) : start].strip()
    return False


def tagline(doc: Document, start: int, end: int) -> bool:
    """A README's one-line description under its title, "A Python library for arbitrary-
    precision floating-point arithmetic.": it says what the software is without naming it,
    so no "X is ..." rule finds it. The first sentence of prose after the title, with no verb of
    its own: "A/An/The ..." where it opens the paragraph, any other wording only as a paragraph of
    its own."""
    if not (
        _opens_first_prose(doc, start)
        # a tagline's form is rare enough to look under such a heading anywhere: btop's README
        # puts its Description after its news
        or (doc.kind in {"markdown", "text"} and _opens_introduction(doc, start, among=None))
    ):
        return False
    # its first sentence: a passage may run on ("A pytest fixture for benchmarking code. It will ...")
    sentence, *rest = re.split(r"(?<=[.!?])\s+(?=[A-Z])", doc.text[start:end].strip(), maxsplit=1)
    if _NOT_A_TAGLINE.search(sentence):
        return False
    own_paragraph = not rest and (doc.text[end:].lstrip(" ").startswith("\n\n") or not doc.text[end:].strip())
    if _TAGLINE.fullmatch(sentence):  # "The following steps ..." opens a paragraph on something else
        return own_paragraph or not sentence.startswith("The ")
    return own_paragraph and bool(_BARE_TAGLINE.fullmatch(sentence))


def says_what_it_is(doc: Document, start: int, end: int, subject: str) -> bool:
    """A document about X saying what it (X) is: "This Python module returns ...", or its
    one-line description under the title ("A Python library for ...")."""
    return own_name(doc, subject) and (
        describes_itself(doc.text[start:end]) or tagline(doc, start, end) or _introduces_itself(doc, start)
    )


# "This is a piece of software ...", not "This is a work in progress" nor "This is a fork of ..."
_THIS_IS = re.compile(r"This is an?\s+(?!(?:work in progress|draft|fork|note|reminder|temporary|beta)\b)\w")
_INTRODUCTION = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:introduction|about|overview|description)\W*$", re.I
)


def introduction_spans(doc: Document, among: int | None = INTRODUCTION_AMONG) -> list[tuple[int, int]]:
    """Where a document introduces itself: an Introduction, About, Overview or Description
    section among its first few (or anywhere, `among` None)."""
    firsts = sorted(doc.sections, key=lambda s: s.start)[:among]
    return [(s.start, s.end) for s in firsts if _INTRODUCTION.match(s.title)]


def _introduces_itself(doc: Document, start: int) -> bool:
    """ "1. Introduction" / "This is a console based decoder/player for ...": the sentence that
    opens a README's introduction, or its first prose under the title, says what its software
    is, as "this"."""
    if not _THIS_IS.match(doc.text, start):
        return False
    # "iodine - http://...\n\nThis is a piece of software that ...", or under "1. Introduction"
    return _opens_first_prose(doc, start) or _opens_introduction(doc, start)


def own_name(doc: Document, name: str) -> bool:
    """Whether a name is what the document is about: its title or file name says it."""
    wanted = content_terms(name)
    return bool(wanted) and wanted <= content_terms(f"{doc.title} {doc.source.rsplit('.', 1)[0]}")


def _describing_itself(index: Index, doc: Document) -> Unit | None:
    """The first sentence, in the first quarter of a document, that says what the document (or
    its software) is about."""
    reach = max(4000, len(doc.text) // 4)
    units = [u for u in _units(index, doc.doc_id, 0, reach) if not _is_heading(doc, u)]
    second = sorted(x.start for x in doc.sections)[1:2]  # where its second section begins
    lead_end = second[0] if second else reach

    def says(u: Unit) -> bool:
        sentence = doc.text[u.start : u.end]
        return bool(_DOCUMENT_DESCRIBES.search(sentence)) or (
            u.start < lead_end and describes_itself(sentence)
        )

    saying = next((u for u in units if says(u)), None)
    # else a README's one-line description under its title says what its software is
    return saying or next((u for u in units if tagline(doc, u.start, u.end)), None)


def _is_code(doc: Document, unit: Unit) -> bool:
    from .selection import looks_like_code  # selection builds on this module

    return looks_like_code(doc.text[unit.start : unit.end])


def _is_heading(doc: Document, unit: Unit) -> bool:
    return any(s.start <= unit.start and unit.end <= s.start + len(s.title) + 8 for s in doc.sections)
