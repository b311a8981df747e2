"""Grounded answers: evidence sentences quoted exactly, numbered citations, and abstention.

No language model runs here: the answer is composed of the sources' own sentences, each
followed by its [n] marker, so every word can be traced. `compose` is the one seam where an
optional generator could later rewrite the evidence; nothing depends on one.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import PurePath

import numpy as np

from .documents import Document
from .evidence import Evidence, asked_names, candidates, rare_names, select, verified_quote, words_of
from .judge import JUDGED, Reading, read_sentences
from .lexical import content_terms, fold
from .overview import says_what_it_is
from .questions import CLASS_NOUNS, Question, analyse
from .reader import (
    CITATION_AUTHOR,
    LICENCE_ASKED,
    LICENCE_NAME,
    NUMBER_WORD,
    SMALL_NUMBERS,
    SMALL_WORDS,
    acronym_expansion,
    answer_span,
    asks_the_same,
    definition_phrase,
    figures,
    fit,
    holds_letters,
    restates,
    text_asked_by_name,
)
from .retrieval import Hit, search
from .selection import (
    CHANGE_KINDS,
    as_written,
    defined_under_heading,
    is_list_item,
    metadata_evidence,
    opens_with_option_asked,
    overview_evidence,
    read,
)
from .store import Index
from .vocabulary import is_english, spelled_right, unknown_names, unwritten_commands

EVIDENCE_POOL = 6  # chunks whose sentences compete to be evidence (tuned on the gold set: 5-6 best)
# Abstain when the best evidence's relevance (mean of its sentence and chunk cosines with the
# question) is below this. Calibrated on gold/questions.jsonl with `silkqa eval --calibrate`;
# the README shows the trade-off.
ABSTAIN_BELOW = 0.30

# A figure answers a "how many" question only in a sentence that shares this much of the
# question's content words; a figure about something else is no answer.
FIGURE_OVERLAP = 0.34
# Below this relevance a quantity question's attribute ("the population of ...") must be named
# in the evidence; above it the passage is close enough that the attribute may be paraphrased.
ATTRIBUTE_RELEVANCE = 0.5
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
# Questions that ask for a figure: an answer must then contain one. The question forms only
# count at the head of a question ("How many ...?"), the measure words anywhere.
_QUANTITY_HEAD = re.compile(
    r"^\W*(?:\w+ )?(?:how many|how much|what (?:percentage|share|proportion|amount|figure|price)|by how much)\b"
    r"|^\W*what(?:'s| is| are)? the (?:maximum|minimum|max|min|largest|smallest|highest|lowest) (?:\w+ ){0,2}?"
    r"(?:size|number|length|width|height|depth|value|amount|count|limit|speed|rate)s?\b",
    re.I,
)
# "What licence is X under?", "Which Python versions does X support?": the answer names one
_ATTRIBUTES_ASKED = (
    (
        re.compile(
            r"^\W*(?:under )?(?:what|which)(?: kind of)? licen[cs]es? (?:is|are|does|do|covers?|applies)\b"
            r"|^\W*what(?:'s|s| is) the licen[cs]e (?:of|for)\b",
            re.I,
        ),
        re.compile(
            r"licen[cs]|\b(?:L?GPL|MIT|BSD|MPL|ISC)\b|\bApache\b|public domain|Creative Commons|copyleft",
            re.I,
        ),
        "licence",
    ),
    (  # the version of a piece of software: what it needs, supports or ships
        re.compile(
            # "what is the latest stable version of X": the release asked about, named before "version"
            r"^\W*(?:what|which)(?:['’]?s)?\s+(?:(?:(?:is|are|was|the)\s+)*(?:latest|current|newest|most recent)\s+(?:stable\s+)?"
            r"(?:release\s+|\w+\s+)?versions?\b(?!\s+control)|"
            r"(?:\w+\s+){0,2}versions?\b(?!\s+control)(?=.*\b(?:supports?|supported|requires?|required|"
            r"needs?|needed|runs?|works?|compatible|bundles?|bundled|ships?|shipped|includes?|included|latest|current|"
            r"uses?|used|vendors?|vendored|embeds?|embedded|introduced?|added|removed?|deprecated?|dropped|drops?)\b))",
            re.I,
        ),
        re.compile(r"\d+\.\d+|\bv\d|\bversions?\s+\d|\b[A-Z][\w+-]*\s+(?!(?:1[5-9]|20)\d\d\b)\d+\b"),
        "version",
    ),
)
VERSION_ASKED = next(asked for asked, _, what in _ATTRIBUTES_ASKED if what == "version")
_QUANTITY_WORDS = re.compile(
    r"\b(?:(?:exchange|growth|interest|inflation|tax|tariff) rate|in percent|per ?cent|population of)\b", re.I
)
# "What is the name of the gas pipeline ...": the answer must at least speak of a pipeline.
# "the name of the main pipeline": the pipeline; "the name of the process that undoes it": the
# process, not "that" (a word is an adjective only when a noun, not a clause, follows it)
_CLAUSE_WORD = r"(?:that|which|who|whose|where|when|used|for|to|in|of|on|by|with|from|is|are|was|were)\b"
_NAME_OF = re.compile(
    rf"\bname of (?:the |a |an |this |that )?(?:(?!{_CLAUSE_WORD})\w+ (?!{_CLAUSE_WORD}))?(?!{_CLAUSE_WORD})(\w{{3,}})\b",
    re.I,
)


# heads an answer need not repeat: "the name of the person who reviews", "... of the function which
# converts": a name, a function's name, answers it
_GENERIC_HEAD = re.compile(
    r"(?:person|people|man|woman|function|method|command|tool|program|file|option|setting|company|thing|one|"
    r"process|procedure|step|technique|algorithm|feature|module|package|library|variable|field|class)s?",
    re.I,
)


def named_focus(asked: str) -> str | None:
    """What a "name of the X" question asks the name of, when an answer must say the word."""
    found = _NAME_OF.search(asked)
    return found.group(1) if found and not _GENERIC_HEAD.fullmatch(found.group(1)) else None


_CODE = re.compile(r"(?<![\w%$-])(?:%[A-Za-z]|--?[A-Za-z][\w-]*|\$\w+|[A-Za-z]\w*_\w+)(?![\w-])")
_MARKERS = re.compile(r"\[\d[\d,\s–-]*\]")
# a name by its letters: capitals ("GPU", "TOML"), lower and upper case mixed ("macOS", "FastAPI"),
# or a file name ("cmd.exe", "fonts.conf")
_MIXED_CASE = re.compile(
    r"(?<![\w.-])(?:[A-Z]{2,}[A-Za-z0-9]*|[a-z]+[A-Z][A-Za-z0-9]*|[A-Z][a-z]+[A-Z][A-Za-z0-9]*"
    r"|[\w-]+\.(?:exe|dll|so|py|js|sh|bat|conf|cfg|ini|json|yaml|yml|toml|xml|txt|md|html|c|h|cpp))(?![\w-])"
)
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
    scope: str = "sentence"  # "sentence": the quote carries the marker; "paragraph": only its paragraph does

    def to_json(self) -> dict:
        return {
            "marker": self.marker,
            "scope": self.scope,
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
    answer_span: dict | None = None  # {"n", "start", "end", "text"}: the phrase that answers
    kind: str = "other"  # the answer type the question asks for (questions.KINDS)
    language: str = "en"  # the question's, ISO 639-1; quotes stay in the sources' language
    read_as: str | None = None  # the question with its typos corrected, when they were ("mouse suport")

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [c.to_json() for c in self.citations],
            "hits": [h.to_json() for h in self.hits],
            "confidence": round(self.confidence, 4),
            "reason": self.reason,
            "answer_span": self.answer_span,
            "answer_type": self.kind,
            "language": self.language,
            "read_as": self.read_as,
        }


# --------------------------------------------------------------------------- reference trail


def _paragraph_markers(text: str, start: int, end: int) -> tuple[tuple[str, ...], str]:
    """Markers in the quote ("sentence"), else in the rest of its paragraph ("paragraph": a
    marker at a paragraph's end credits the paragraph, not this sentence in particular)."""
    from .documents import citation_markers

    inside = citation_markers(text[start:end])
    if inside:
        return inside, "sentence"
    stop = text.find("\n\n", end)
    return citation_markers(text[end : len(text) if stop < 0 else stop]), "paragraph"


def _full_text_passage(index: Index, source: str, vector: np.ndarray) -> dict | None:
    rows = [
        i for doc_id, doc in index.documents.items() if doc.source == source for i in index.rows_of(doc_id)
    ]
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
    scope = "sentence"
    if doc.kind == "reference":
        ref = index.reference_by_doc_id(doc_id)
        refs = [("", ref)] if ref else []
    else:
        markers, scope = _paragraph_markers(doc.text, start, end)
        refs = [(m, index.reference(doc.source, m)) for m in markers]
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
                scope,
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
    """Numbers and mid-sentence capitalised names: things an answer must mention to be one.
    A whole number glued by a hyphen to a word with letters ("UTF-8", "ISO-8859-1", "x86-64") or
    written as a call's argument ("fill(0)", "alloc(1, 2)") is part of a name or code, not a figure
    asked about; a version so glued ("bash-5.2") and a range ("3-5") still are."""
    terms = {
        m.group(0).strip(".,")
        for m in _NUMBER.finditer(question)
        if not _glued_number(question[: m.start()], m.group(0).strip(".,"))
    }
    terms |= {m.group(1) for m in _CAPITALISED.finditer(question)}
    return {t for t in terms if t}


_EXAMPLE_COMMAND = re.compile(
    r"\b(?:like|e\.g\.?|such as|for example|for instance),?\s+--?[A-Za-z][\w-]*[\s=][^,;?]*\Z"
)


def _glued_number(before: str, number: str) -> bool:
    """Whether a number written after `before` belongs to a name or a call rather than counting."""
    if re.search(r"\w\([^()]*\Z", before):  # "fill(0)", "alloc(1, 2)"
        return True
    if _EXAMPLE_COMMAND.search(before):  # "like -n 1 2 3": the values an example gives an option
        return True
    token = re.search(r"[\w.-]*\Z", before).group(0)
    return token.endswith("-") and "." not in number and re.search(r"[^\W\d_]", token) is not None


def lettered_names(question: str) -> set[str]:
    """Names written in capitals or in mixed case ("GPU", "YAML", "macOS", "FastAPI"): a
    library that never mentions one (nor spells an acronym out) cannot answer about it. A
    question typed all in capitals marks nothing by its capitals."""
    if not any(ch.islower() for ch in question):
        return set()
    return {m.group(0) for m in _MIXED_CASE.finditer(question) if len(m.group(0)) >= 3}  # not "US", "OK"


# a dotted name ("socket.sendfile", "st.cache_data()", "pyproject.toml"): one identifier or file,
# not its parts ("send" and "file" are words any library uses)
# ("server.max-connections" whole: "server.max" is the start of every server.max-* option)
_DOTTED = re.compile(r"(?<![\w.])[A-Za-z_]\w+\.[A-Za-z_]\w{2,}(?:-\w+)*(?:\(\))?(?![\w.-])")


def dotted_names(question: str) -> list[str]:
    return [m.group(0).removesuffix("()") for m in _DOTTED.finditer(question)]


# the last parts that make a dotted name a file's ("poetry.lock", "pyproject.toml"; _DOTTED reads
# last parts of three letters or more)
_FILE_ENDINGS = frozenset(
    [
        "md",
        "txt",
        "rst",
        "toml",
        "json",
        "yaml",
        "yml",
        "lock",
        "cfg",
        "conf",
        "ini",
        "py",
        "js",
        "ts",
        "html",
        "htm",
        "xml",
        "sh",
        "gz",
        "zip",
        "tar",
        "exe",
        "dll",
        "so",
        "c",
        "h",
        "cpp",
        "hpp",
        "rb",
        "go",
        "rs",
        "java",
        "vim",
        "el",
        "pdf",
        "csv",
        "log",
    ]
)


def _library_writes(index: Index, name: str) -> bool:
    """Whether some document writes a dotted name (in any case) or is the file it names; a
    module's function ("six.wraps", "chardet.detect") is also known by its own name, which a
    document about the module writes alone."""
    lower, words = name.lower(), LibraryWords(index)
    if words.writes(lower) or any(
        doc.source.lower().endswith(lower) or lower in doc.title.lower() for doc in index.documents.values()
    ):
        return True
    last = lower.rsplit(".", 1)[1]
    return last not in _FILE_ENDINGS and words.uses(last)


def _library_knows(index: Index, name: str) -> bool:
    """Whether some document mentions a name, or spells out the acronym it is ("foreign direct
    investment" for FDI)."""
    return any(_document_knows(doc, name) for doc in index.documents.values())


_ACRONYM_SHAPE = re.compile(r"[A-Z][A-Z0-9&]+")
# a question that asks what an acronym's letters stand for, not what the thing is: narrower than
# reader.asks_expansion, where "what does DHAT mean" may be answered by what DHAT is
_ASKS_EXPANSION = re.compile(
    r"\b(?:stands?|stood) for\b|\b(?:full|long|expanded|spelled[- ]out) (?:form|name)\b|\bexpansion\b"
    r"|\bshort for\b|\babbreviat",
    re.I,
)


def _common_form_in(lower: str, name: str) -> bool:
    """Whether a lower-cased text writes a well-known long form of a name ("foreign direct
    investment" for FDI)."""
    from .claims.paraphrase import COMMON_ABBREVIATIONS  # here: the claims package imports this module

    return any(" ".join(words) in lower for words in COMMON_ABBREVIATIONS.get(name.lower(), ()))


SPELLED_NEAR = 200  # characters around an acronym where words may spell it out


def _spells_out(doc: Document, acronym: str) -> bool:
    """Whether a document may say what an acronym's letters stand for: beside it, as a
    definition is written ("a double-ended queue (deque)", "NOP (no operation)", "a mutex, short
    for ...", "ECDHE: An ephemeral ..."), in a form the reader reads near where it is written,
    in words whose initials spell it there ("link time optimizations"), or anywhere as a
    capitalised name ("Transport Layer Security"). The cheap checks run first: a refusal looks
    at every document."""
    if len(acronym) > 2 and acronym.endswith("s") and acronym[:-1].isupper():
        acronym = acronym[:-1]  # "what do APIs stand for"
    name, text = re.escape(acronym), doc.text
    beside = (
        rf"\(\s*{name}s?\s*\)|"
        rf"(?<![\w-]){name},?\s+(?:or\s|short for|stands? for|means|is an? (?:abbreviation|acronym))"
    )
    if re.search(beside, text, re.I) or re.search(rf"(?<![\w-]){name}:\s+[A-Z]", text):
        return True
    # "NOP (no operation)"; for a name in lower case not the aside "par (not to be confused with
    # ...)": a gloss in brackets whose words may spell it
    glosses = re.finditer(rf"(?<![\w-]){name}s?\s+\(([A-Za-z][^()]{{2,80}})\)", text, re.I)
    letters_only = re.sub(r"[^A-Z0-9]", "", acronym.upper())
    if any(
        not acronym.islower() or holds_letters(g.group(1), letters_only, opening=True)
        for g in itertools.islice(glosses, 50)
    ):
        return True
    if _common_form_in(_words_of(text)[0], acronym):
        return True
    letters = [c for c in acronym if c.isalpha()]
    if len(letters) < 2:
        return False
    # by capitals inside words too: "OpenDocument Spreadsheet" for ODS
    joiner = r"\s*&\s*" if "&" in acronym else r"(?:[\s-]+)?"  # "Kernighan & Ritchie" for K&R
    capitals = joiner.join(rf"{re.escape(c.upper())}[a-z’']+" for c in letters)
    if re.search(rf"(?<![\w-]){capitals}(?![\w-])", text):
        return True
    # words in lower case only near where the acronym is written: by chance, three words in a
    # row somewhere begin with S, G and R
    for written in itertools.islice(re.finditer(rf"(?<![\w-]){name}(?![\w-])", text, re.I), 50):
        window = text[max(0, written.start() - SPELLED_NEAR) : written.end() + SPELLED_NEAR]
        # within a phrase: "Notes:\n\nThis section" spells no NTSC across its colon and line break
        phrases = _PHRASE_BREAK.split(window)
        if any(_loosely_spelled(p, "".join(letters).lower()) for p in phrases) or acronym_expansion(
            window, acronym
        ):
            return True
    return False


# a word of a term asked about that a library must write to define it: three letters or more, not
# a small word ("the", "of")
_SUBJECT_WORD = re.compile(
    r"(?<![\w.+-])(?!(?:the|and|for|with|from|into|its|this|that)\b)[^\W\d_][\w+-]*[\w+](?![\w.+-])", re.I
)
_CLASS_WORD = re.compile(rf"{CLASS_NOUNS}(?:e?s)?", re.I)
_SPELLING_WORD = re.compile(r"[^\W\d_]+")
_PHRASE_BREAK = re.compile(r"(?<!\b[A-Z])[.:;!?()\[\]\n]+(?:\s|$)|\n")  # not "U.S. Geological Survey"


def _initials_in_title(title: str, letters: str) -> bool:
    """Whether a part of a title (split at its colons and dashes) is the acronym's words, one
    word per letter, each opening with it: "screen: frequently asked questions -- known
    problems" is a FAQ; "The Linux Kernel Module Programming Guide" is no MPG."""
    for part in re.split(r"\s*(?::|--|—|–|\s-\s)\s*", title.lower()):
        words = [w for w in _SPELLING_WORD.findall(part) if w not in SMALL_WORDS]
        if "".join(w[0] for w in words) == letters:
            return True
    return False


def _loosely_spelled(text: str, letters: str) -> bool:
    """Whether words of a text spell the letters in order, each word beginning with its letter
    and perhaps holding the next one too, small words passed over: "hypertext transfer
    protocol" for HTTP, "carriage return and line feed" for CRLF. The acronym itself is no
    spelling of it."""
    words = [w for w in (w.lower() for w in _SPELLING_WORD.findall(text)) if w != letters]

    @cache
    def spells(at: int, wanted: int, taken: int) -> bool:
        if wanted == len(letters):
            return taken >= 2
        if at >= len(words) or taken > len(letters) + 1:
            return False
        word = words[at]
        if word[0] == letters[wanted]:
            if spells(at + 1, wanted + 1, taken + 1):
                return True
            rest = letters[wanted + 1 : wanted + 2]
            if rest and rest in word[1:] and spells(at + 1, wanted + 2, taken + 1):
                return True
        return word in SMALL_WORDS and taken > 0 and spells(at + 1, wanted, taken + 1)

    return any(spells(i, 0, 0) for i, w in enumerate(words) if w[0] == letters[0])


@lru_cache(maxsize=1024)  # a document's, once: each name asked about is looked for in every one
def _known_text(doc_id: str, title: str, text: str) -> str:
    """A document's title, its file's own name ("screen-FAQ.txt" is a FAQ, not a TXT) and its
    text, lower-cased and folded."""
    file_words = " ".join(re.split(r"[\W_]+", fold(PurePath(doc_id).stem.lower())))
    return f"{fold(title.lower())}\n{file_words}\n{_words_of(text)[0]}"


def _document_knows(doc: Document, name: str) -> bool:
    """A name in a document as written (not by its stem: "FastAPI" is not "faster"), singular
    or plural ("GPUs"), in its title or text, or the acronym spelled out."""
    if len(name) > 3 and name.endswith("s") and name[:-1].isupper():
        name = name[:-1]
    elif len(name) > 4 and name.endswith("es") and name[:-2].isupper():  # "RTOSes": an RTOS, "RTOSs"
        name = name[:-2]
    lower = _known_text(doc.doc_id, doc.title, doc.text)
    name = fold(name)
    # "96kHz" writes kHz: digits may stand before a unit, not before a code ("x86" in "0x86")
    unit = r"(?<![^\W\d])" if name.isalpha() else r"(?<!\w)"
    if re.search(rf"{unit}(?<![_-]){re.escape(name.lower())}s?(?![\w-])", lower):
        return True
    letters = re.sub(r"[^a-z]", "", name.lower())
    if name.isupper() and len(letters) >= 3 and _initials_in_title(doc.title, letters):
        return True  # spelled out in the title: "screen: frequently asked questions" is the FAQ
    if name.isupper() and re.search(rf"\b[A-Z0-9]*{re.escape(name)}[A-Z0-9]*\b", doc.text):
        return True  # inside a longer name in capitals: "DOS" in "MSDOS"
    if _common_form_in(lower, name):
        return True
    if _mentions_spaced(lower, name) or _writes_numbered_apart(lower, name):
        return True
    return bool(_ACRONYM_SHAPE.fullmatch(name)) and _spelled_in(doc.text, name)


_NUMBERED_NAME = re.compile(r"([a-z][a-z-]{2,}?)-?(\d{1,4})")


def _writes_numbered_apart(lower: str, name: str) -> bool:
    """Whether a lower-cased text writes a name glued to its number with the two apart: "DebConf10"
    as "the 10th DebConf" or "DebConf 10", "Python3" as "Python 3"."""
    glued = _NUMBERED_NAME.fullmatch(name.lower())
    if not glued:
        return False
    word, number = re.escape(glued.group(1)), glued.group(2)
    return (
        re.search(
            # ("python 3.8" is Python3; "open 10 windows" is no Windows10, "the 10th DebConf" is DebConf10)
            rf"(?<![\w.-]){word}\s+{number}(?:\.\d+)*(?![\w.])|(?<![\w.]){number}(?:st|nd|rd|th)\s+{word}(?![\w-])",
            lower,
        )
        is not None
    )


_UNDERSCORED = re.compile(r"(?<![\w.])[A-Za-z]\w*_\w+(?![\w.])")


def _underscores_as_written(question: str, words: LibraryWords) -> str:
    """ "What does get_voltage_time return?" of a PDF whose text reads "get voltage time": the
    name as the library writes it, so that search finds its section (shown as "read as")."""

    def written(match: re.Match) -> str:
        name = match.group(0)
        spaced = _underscores_as_spaces(name)
        if spaced is None or words.writes(name) or not words.writes(spaced):
            return name
        return spaced

    return _UNDERSCORED.sub(written, question)


def _mentions_spaced(text: str, name: str) -> bool:
    """Whether a text writes an underscored name with spaces for its underscores, as a PDF may."""
    spaced = _underscores_as_spaces(name)
    return bool(spaced) and re.search(rf"(?<![\w-]){re.escape(spaced)}(?![\w-])", text, re.I) is not None


def _underscores_as_spaces(name: str) -> str | None:
    """ "get_voltage_time" as a PDF's text has it, "get voltage time": the underscores a PDF
    draws as lines are often not in its text layer."""
    parts = name.split("_")
    if len(parts) < 2 or not all(len(p) >= 2 and p.isalnum() for p in parts):
        return None
    return " ".join(parts)


@lru_cache(maxsize=1024)
def _spelled_in(text: str, acronym: str) -> bool:
    """Whether a document spells an acronym out, once per (document, acronym): looking over a
    whole document costs ~15 ms per 100,000 characters."""
    return acronym_expansion(text, acronym) is not None


# the reader's number words, and those that only count ("a single thread", "per cent")
_NUMBER_WORDS = re.compile(
    rf"\b(?:{NUMBER_WORD}|single|million|billion|trillion|dozen|third|quarter|percent|per cent)\b", re.I
)


def _figures(text: str) -> list[str]:
    """Quantities in a text (numbers with their units, number words; not years), citation
    markers aside."""
    return [m.group(0).strip() for m in figures(_MARKERS.sub(" ", text))]


def mentions(text: str, term: str) -> bool:
    """Whether lower-cased `text` mentions `term`, allowing for inflection and demonyms
    (a question's "Chinese" is answered by a passage about "China")."""
    return _mentioned(text, None, term)


def _mentioned(lower: str, words: tuple[str, ...] | None, term: str) -> bool:
    """`words`: the text's words sorted, where the words that begin with a stem are found by
    bisection (a question's words are looked for in every document)."""
    term = fold(term.lower())  # "Sorensen-Dice" is how a question types "Sørensen–Dice"
    if words is None:
        lower = fold(lower)
    if term in lower:
        return True
    stem = term[: max(4, len(term) - 3)]
    if words is None:
        return any(w.startswith(stem) for w in re.findall(r"\w+", lower))
    return _has_prefix(words, stem)


BYLINE_REACH = 600  # characters from a document's start where its title page names its authors
# a byline is a line of names, not the document's opening sentence ("AVRDUDE - AVR Downloader
# Uploader - is a program for ..." names no author)
BYLINE_LENGTH = 120
# the relation a "who" question asks about, as (the stem a passage that answers uses, the verb
# a refusal names): "Who is the author of X?" -> a passage with "author"/"wrote", "who wrote it"
_ROLES = {
    "invent": ("invent", "invented"),
    "wrote": ("(?:wr[io]t|author)", "wrote"),
    "write": ("(?:wr[io]t|author)", "wrote"),
    "written": ("(?:wr[io]t|author)", "wrote"),
    "author": ("(?:wr[io]t|author)", "wrote"),
    "found": ("found", "founded"),
    "creat": ("creat", "created"),
    "develop": ("develop", "developed"),
    "design": ("design", "designed"),
    "discover": ("discover", "discovered"),
    "maintain": ("maintain", "maintains"),
    "lead": ("(?:lead|led)\\b", "leads"),
    "led": ("(?:lead|led)\\b", "led"),
    "direct": ("direct", "directed"),
    "compose": ("compos", "composed"),
    "build": ("buil[dt]", "built"),
    "built": ("buil[dt]", "built"),
    "coin": ("coin(?:ed|s)?\\b", "coined"),
    "propos": ("propos", "proposed"),
    "edit": ("edit", "edited"),
    "publish": ("publish", "published"),
    # offices: "Who is the president of Uzbekistan?" is not answered by a sentence naming Uzbekistan
    "presid": ("presid", "presides over"),
    "chair": ("chair", "chairs"),
    "head": ("head(?!ers?\\b)", "heads"),
    "manag": ("manag", "manages"),
    "govern": ("govern", "governs"),
}
# "header" names no head of anything
_ROLE = re.compile(rf"\b(?!headers?\b)({'|'.join(_ROLES)})\w*", re.I)
# the verb that follows "who" ("who originally wrote", "who has maintained"), or the role noun of
# "who is the author of": "Who reported a successful build?" asks who reported, not who built
_WHO_VERB = re.compile(
    r"^\W*who\W+(?:(?:has|have|had|was|were|is|are|did|does|first|originally|actually|really|initially)\s+)*"
    r"(?:(?:the|a|an)\s+(?:main\s+|original\s+|current\s+|lead\s+)?)?(\w+)",
    re.I,
)


def _asked_role(question: str) -> re.Match | None:
    """The maker-role a who-question asks about, if it names one where the question asks."""
    head = _WHO_VERB.match(question)
    after_who = _ROLE.match(head.group(1)) if head else None
    if head is None or (after_who is None and re.search(r"\bby\W*$", question)):  # "Who was it written by?"
        return _ROLE.search(question)
    return after_who


_NOT_WHO = "the passages that match the question best do not say who "
_AUTHORSHIP = {"wrote", "edited", "published"}  # roles a title page shows without a verb
_BY_NAME = re.compile(
    r"\bby\s+(?:[A-Z][a-z]+\.?\s+){0,2}[A-Z][a-z]+"
    # "Copyright Isaac Z. Schlueter", "(c) 2004 Jane Roe": a work's copyright names who made it
    r"|(?:\b(?i:copyright)\b|©|\([cC]\))[ \t]*(?:\([cC]\)[ \t]*)?(?:\d{4}(?:[ \t]*[,–-][ \t]*\d{2,4})*,?[ \t]+)?"
    r"(?:by[ \t]+)?(?!(?:Notice|Holders?|License|Licence|Act|Law|Statement|Owner)\b)[A-Z][a-z]+[ \t]+(?:[A-Z]\.[ \t]+)?"
    r"[A-Z][a-z]+"
)
# the counted noun: a plural, not an adjective before it ("how many simultaneous connections")
_HOW_MANY = re.compile(r"\bhow many (?:\w+ ){0,2}?(\w{3,}s)(?<!ous)(?<!ss)(?<!us)\b", re.I)
# auxiliaries the stopword list keeps ("can", "does" as "doe"): they carry no topic
_AUXILIARIES = frozenset(
    {"can", "could", "will", "would", "should", "shall", "may", "might", "must", "doe", "do", "did"}
    | {"is", "are", "was", "were", "be", "been", "have", "has", "had"}
)
_QUANTIFIERS = frozenset({"any", "some", "every", "all", "each"})  # not what a refusal says is unmentioned
_TYPED = {"date": "date", "person": "person", "place": "place", "organisation": "organisation"}

# "When was ICCF Holland founded?": a date answers it only where the passage speaks of that event,
# in any of its words; a date beside something else ("Summer 1994 I spent a year ...") does not.
# (question pattern, what a passage says of the event, the event as a message names it)
_DATED_EVENTS = (
    (
        re.compile(r"\b(?:found(?:ed|ing)?|establish\w*|set up)\b", re.I),
        re.compile(
            r"\b(?:found\w*|establish\w*|set up|start\w*|creat\w*|form(?:ed|ation)|began|begun|since)\b", re.I
        ),
        "was founded",
    ),
    (
        re.compile(r"\b(?:introduc\w*|added|add)\b", re.I),
        re.compile(r"\b(?:introduc\w*|add\w*|new|since|first|appear\w*|support\w*|available)\b", re.I),
        "was introduced",
    ),
    (
        re.compile(r"\bend[- ]of[- ]life\b|\bEOL\b", re.I),
        re.compile(r"\bend[- ]of[- ]life\b|\bEOL\b|\bsupport\w*|\bmaint\w*", re.I),
        "reaches its end of life",
    ),
)


def _dated_event(asked: str, quotes: Sequence[str]) -> str | None:
    """The event a date question asks about that none of `quotes` speaks of, if any."""
    for asked_for, said, event in _DATED_EVENTS:
        if asked_for.search(asked) and not any(said.search(q) for q in quotes):
            return event
    return None


# nouns that only classify: "how many kinds" is answered by "three types", "how many ways" by
# "two patterns"
_CLASSIFIERS = (
    ("kind", "type", "sort", "category", "categories", "class", "variety", "varieties", "form", "group"),
    ("way", "pattern", "method", "option", "choice", "approach", "technique", "mechanism"),
    # what a storage or network text counts by another name: "how many disks" - "3 devices"
    ("disk", "drive", "device"),
    ("machine", "computer", "server", "host"),
    # "how many polishing rounds": "runs one polishing iteration"
    ("round", "iteration", "pass", "cycle", "repetition"),
)


_ONCE_OR_TWICE = re.compile(r"\b(?:once|twice|thrice)\b", re.I)


_DEFAULT_NUMBER = re.compile(r"\(\s*default(?:\s+value)?\s*[:=]\s*\d[\d,._]*\s*\)\W*$", re.I)


_SAME_IN_PLURAL = frozenset({"series", "species"})  # "series" is no plural of a "sery"
# the clippings technical writing uses, and the word each stands for: "24 libs", "3 secs"
_CLIPPED = {
    "lib": "librar", "doc": "document", "param": "parameter", "arg": "argument", "dir": "director",
    "dep": "dependenc", "repo": "repositor", "config": "configuration", "spec": "specification",
    "stat": "statistic", "msg": "message", "pkg": "package", "sec": "second", "min": "minute",
    "hr": "hour", "char": "character", "col": "column", "env": "environment", "attr": "attribute",
}  # fmt: skip


def counts(quote: str, noun: str) -> bool:
    """Whether a quote gives a number of `noun` ("three phases" for "how many phases")."""
    singular = noun.lower() if noun.lower() in _SAME_IN_PLURAL else re.sub(r"(?<=..)ies$", "y", noun.lower())
    singular = singular[:-1] if singular.endswith("s") and not singular.endswith("ss") else singular
    stems = [singular[: max(3, len(singular) - 1)]]
    stems += [w[: max(3, len(w) - 1)] for group in _CLASSIFIERS if singular in group for w in group]
    said = "|".join(re.escape(stem) for stem in dict.fromkeys(stems))
    number = rf"(?:\d[\d,.]*[KMk]?|{_NUMBER_WORDS.pattern})"
    # an aside may stand between: "three (and a half) methods"
    pattern = rf"{number}[\s-]*(?:\([^()]{{1,30}}\)\s*)?(?:[\w-]+\s+){{0,3}}?(?:{said})\w*"
    # "six different, mutually incompatible, compilation models": a list of words that describe
    # them, commas between; not a clause ("2.0 was released, modes are ...", "a double-click, and
    # complete lines")
    described = r"(?!(?:and|or|but|then|was|were|is|are|be|been|has|have|had)\b)(?:[\w-]+ly\s+)?[\w-]+(?<!ed)"
    listed = rf"{number}\s+(?:{described},\s+){{1,3}}(?:{described}\s+)?(?:{said})\w*"
    # "levels 1 to 9", "Number of version components, 0 to 4": a range after the noun counts them too
    # (not years: "the levels, 2019-2020 edition")
    # ("Verbosity levels are from 0 to 5", "levels range from 1 to 9")
    ranged = (
        rf"\b(?:{said})\w*[,:]?\s+(?:(?:are|is|range|ranges|run|runs|go|goes)\s+)?(?:from\s+)?"
        rf"(?!(?:1[5-9]|20)\d\d\b)\d+\s*(?:to|through|-|–)\s*\d+"
    )
    # a header's field named by the noun as asked: "Lines: 560"
    field = rf"(?<![\w-]){re.escape(noun)}:\s*\d+(?:[,.]\d+)*(?![\w.,:])"
    # a setting's value and then what it counts: "/SET server_reconnect_time 300 : Seconds to wait"
    valued = rf"(?<![\w.]){number}\s+:\s+(?:{said})\w*"
    # things counted, then named: "there are 6 independent blocs we call modules"
    named = rf"(?:\d[\d,.]*|(?!one\b){_NUMBER_WORDS.pattern})\s+(?:[\w-]+,?\s+){{0,3}}?(?:(?:which|that)\s+)?(?:we|they|are|is)?\s*(?:call|called|named|known as|termed)\s+(?:{said})\w*"
    if any(re.search(form, quote, re.I) for form in (pattern, listed, ranged, field, valued, named)):
        return True
    # a clipped form of the noun: "Total: 24 libs." counts libraries, "3 docs" documents
    if any(
        singular.startswith(_CLIPPED.get(m.group(1).lower().removesuffix("s"), "\0"))
        for m in re.finditer(rf"{number}\s+([a-z]+)\b", quote, re.I)
    ):
        return True
    # an option's entry that counts in the noun and ends on its default: "connectTimeout: The
    # milliseconds before a timeout occurs ... (Default: 10000)"
    if re.search(rf"\b(?:{said})", quote, re.I) and _DEFAULT_NUMBER.search(quote):
        return True
    if singular == "time" and _ONCE_OR_TWICE.search(quote):
        return True  # "how many times": "only once", "compile each kernel twice"
    # "over N lines (N = 50 by default)": a number given to a letter that counts the noun
    return any(
        re.search(rf"\b{letter}\s*(?:=|is|defaults to)\s*\d", quote)
        for letter in re.findall(rf"\b([A-Z])\s+(?:{said})\w*", quote)
    )


_NOT_COUNTING = frozenset({"method", "reason", "yesno"})

# "X vs Y" / "X versus Y" (not "VS Code"): the word before the first and after each
_VERSUS = re.compile(r"\s+(?:[vV]s\.?|[vV]ersus)\s+")
_SIDE = re.compile(r"[\w][\w.+#-]*")


def compared_sides(question: str) -> list[str]:
    """The names compared by "X vs Y" ("semver vs calver", "a vs b vs c"): words no dictionary
    lists, dotted names and numbers left out. An English word may be compared as a quality
    ("hard vs soft links", "tabs vs spaces") that a document says in other words, so only a
    name the library never writes is a thing it cannot compare."""
    parts = _VERSUS.split(question)
    if len(parts) < 2:
        return []
    sides = [_SIDE.findall(parts[0])[-1:], *(_SIDE.findall(part)[:1] for part in parts[1:])]
    return [
        side.rstrip(".")
        for side in dict.fromkeys(word for found in sides for word in found)
        if content_terms(side) and not side[0].isdigit() and not dotted_names(side) and not is_english(side)
    ]


def _library_mentions(index: Index, term: str) -> bool:
    """Whether any document in the library mentions a term (or a form of it); a code such as
    "%Q" or "--dry-run" only as written."""
    if _CODE.fullmatch(term):
        return any(writes_code(doc.text, term) for doc in index.documents.values())
    lowered = fold(term.lower())
    if _ONE_WORD.fullmatch(lowered):
        # what `document_mentions` finds in some document, found in the library's words at once: a
        # term of word characters occurs in a text only inside one of its words
        vocabulary = _library_vocabulary(index)
        return lowered in vocabulary.joined or _has_prefix(
            vocabulary.words, lowered[: max(4, len(lowered) - 3)]
        )
    return any(document_mentions(doc.text, term) for doc in index.documents.values())


SCATTER_REACH = 40  # characters within which a name's words, written apart, still name it


def _mentions_scattered(lower: str, term: str) -> bool:
    """Whether a lower-cased text writes the words of a name of two or three capitalised words
    near each other in another order ("Cyrillic Serbian" as "Serbian text written in Cyrillic
    letters"): the text mentions it, in its own words."""
    words = term.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w.isalpha() and len(w) >= 4 for w in words):
        return False
    places = []
    for word in words:  # the word, or it with a short ending ("Serbian", "Serbia"), as a whole word
        stem = re.escape(fold(word.lower())[: max(4, len(word) - 1)])
        places.append([m.start() for m in re.finditer(rf"(?<!\w){stem}\w{{0,3}}(?!\w)", lower)])
    return any(all(_near(spots, first) for spots in places[1:]) for first in places[0])


def _near(spots: list[int], at: int) -> bool:
    """Whether a sorted list of offsets holds one within SCATTER_REACH of `at` (by bisection: a
    common word's offsets run to thousands in a long document)."""
    i = bisect_left(spots, at - SCATTER_REACH)
    return i < len(spots) and spots[i] <= at + SCATTER_REACH


_ONE_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Vocabulary:
    """Every word of a library, sorted and each once, and the same one per line (a substring of
    `joined` that has no line break lies inside one word)."""

    words: tuple[str, ...]
    joined: str


@lru_cache(maxsize=4)  # the libraries a process serves; the key's hash is each text's cached one
def _vocabulary(texts: tuple[str, ...]) -> _Vocabulary:
    words = tuple(sorted(set().union(*(_words_of(text)[1] for text in texts))))
    return _Vocabulary(words, "\n".join(words))


_COMPOUND = re.compile(r"(?<![^\W_])[^\W_]+(?:[-_][^\W_]+)+")  # only words joined by "-" or "_": few


@lru_cache(maxsize=4)
def _spellings(texts: tuple[str, ...]) -> tuple[str, ...]:
    """Every compound of the library ("risc-v", "float8_e4m3fn") without its hyphens and
    underscores, and each of its tails after one ("e4m3fn"), sorted: a name is looked up by
    bisection, once the library has been read once."""
    forms: set[str] = set()
    for text in texts:
        for compound in set(_COMPOUND.findall(text.lower())):
            parts = re.split(r"[-_]", compound)
            forms.update("".join(parts[i:]) for i in range(len(parts)))
    return tuple(sorted(forms))


def _library_vocabulary(index: Index) -> _Vocabulary:
    """The library's words, built once per library: an unknown word of a question is looked up
    a dozen times (its typos, its parts), and looking in every document each time cost seconds on
    a library of several hundred documents."""
    return _vocabulary(tuple(doc.text for doc in index.documents.values()))


@lru_cache(maxsize=1024)  # a library's documents, each asked about many times per question
def _words_of(text: str) -> tuple[str, tuple[str, ...]]:
    """A document's text lower-cased and its words (sorted, each once), once per document
    rather than per question (a str caches its hash, so the lookup does not rescan the text).
    A question's unknown word is looked for in every document several times (its typos, its
    parts), so a library larger than the cache would re-read every document each time."""
    lower = fold(text.lower())  # accents and dashes as a question types them
    return lower, tuple(sorted(set(re.findall(r"\w+", lower))))


@dataclass(frozen=True)
class LibraryWords:
    """The library's words, as vocabulary.unknown_names asks about them."""

    index: Index

    def mentions(self, term: str) -> bool:
        return _library_mentions(self.index, term)

    def uses(self, word: str) -> bool:
        return _has_word(_library_vocabulary(self.index).words, fold(word.lower()))

    def begins(self, prefix: str) -> bool:
        return _has_prefix(_library_vocabulary(self.index).words, fold(prefix.lower()))

    def writes(self, text: str) -> bool:
        lowered = fold(text.lower())
        joined = _library_vocabulary(self.index).joined
        if not all(part in joined for part in re.findall(r"\w+", lowered)):
            return False  # a word of it is in no document: no need to read them
        return any(lowered in _words_of(doc.text)[0] for doc in self.index.documents.values())

    def spells(self, name: str) -> bool:
        texts = tuple(doc.text for doc in self.index.documents.values())
        return len(name) >= 3 and _has_prefix(_spellings(texts), name.lower())

    def followers(self, word: str) -> set[str]:
        pattern = re.compile(rf"(?<![\w-]){re.escape(fold(word.lower()))}[ \t]+([a-z][\w-]*)")
        return {
            m.group(1)
            for doc in self.index.documents.values()
            for m in pattern.finditer(_words_of(doc.text)[0])
        }

    def joins(self, first: str, second: str) -> bool:
        words = _library_vocabulary(self.index).words
        first, second = fold(first), fold(second)
        if not (_has_prefix(words, first.lower()) and _has_prefix(words, second.lower())):
            return False  # no word begins so: no need to read the documents
        # two words of one line: "mutual exclusion", not the last word of a heading and the next line's first
        pattern = re.compile(rf"\b{re.escape(first.lower())}\w*[ \t-]+{re.escape(second.lower())}")
        return any(pattern.search(_words_of(doc.text)[0]) for doc in self.index.documents.values())


def _has_word(words: tuple[str, ...], word: str) -> bool:
    at = bisect_left(words, word)
    return at < len(words) and words[at] == word


def _has_prefix(words: tuple[str, ...], prefix: str) -> bool:
    at = bisect_left(words, prefix)
    return at < len(words) and words[at].startswith(prefix)


def _document_names(doc: Document, term: str) -> bool:
    """Whether a document names the term, in its title or its text."""
    return mentions(doc.title.lower(), term) or document_mentions(doc.text, term)


def document_mentions(text: str, term: str) -> bool:
    """`mentions` over a whole document, with its lower-cased text and word set cached; a name's
    words written near each other in another order mention it too."""
    lower, words = _words_of(text)
    return _mentioned(lower, words, term) or _mentions_scattered(lower, term)


def writes_code(text: str, code: str) -> bool:
    """Whether a text writes a code as asked — or, for a format code "%E", lists its letter as
    a table or definition-list key ("E :   Elapsed real time"), as manuals do."""
    if code in text:
        return True
    if _mentions_spaced(text, code):
        return True  # a PDF's "get voltage time" for get_voltage_time
    letter = re.fullmatch(r"%([A-Za-z])", code)
    return bool(letter) and re.search(rf"(?<![\w%]){letter.group(1)}\s+:\s", text) is not None


def code_terms(question: str) -> list[str]:
    """Format codes, options, variables and identifiers ("%Q", "--dry-run", "$in", "max_size"):
    a source that answers about one writes it, exactly."""
    return [m.group(0) for m in _CODE.finditer(question)]


# the words of a question that ask rather than say what it is about
_ASKING = content_terms("what which who whom whose when where why how mean meaning stand stands for do does")
SAID_SHARE = 0.75  # of a question's own words, the share a quote must say to be more than loosely related


def says_the_words(q: Question, quote: str) -> bool:
    """Whether the quote says most of what the question is about, in its words ("Kieron Drake
    minimal testing extension proposal date?" beside "Some Proposals for a Minimal X11 Testing
    Extension, Kieron Drake, ..., April 1991"). A terse question is close in meaning to little;
    a quote that shares its words is not loosely related to it, and the judge reads it."""
    asked = content_terms(q.text) - _ASKING - _AUXILIARIES
    return len(asked) >= 3 and len(asked & content_terms(quote)) >= SAID_SHARE * len(asked)


_ASSIGNMENT = re.compile(r"(?<![\w-])(?:--?)?[A-Za-z_][\w.-]*=[\w./:-]+")


def writes_the_setting_asked(q: Question, quote: str) -> bool:
    """Whether the quote writes, as asked, the setting with its value that the question names
    ("what happens with MANAGE_BUILTINS=yes"): nothing else in such a question carries meaning."""
    settings = _ASSIGNMENT.findall(q.text)
    rest = content_terms(_ASSIGNMENT.sub(" ", q.text)) - _ASKING - _AUXILIARIES
    return bool(settings) and len(rest) <= 2 and all(writes_code(quote, s) for s in settings)


def names_exactly(q: Question, quote: str) -> bool:
    """Whether the quote writes, as asked, the name a definition question asks about — a code
    ("INIT_CWD", "\\K") or a word no dictionary lists ("noshuffle"). Such a question has
    nothing but the name to match in meaning, so its closeness says little; the judge reads
    whether the quote answers."""
    subject = q.subject or ""
    # "vtysh meaning": a lower-case name read as letters is a program's name more than an acronym
    named = q.kind == "definition" or (q.kind == "acronym" and not subject.isupper())
    if not named or len(subject) < 2:
        return False
    # "what does ForwardX11Trusted no do": the name among the subject's words
    names = [w for w in subject.split() if _CODE.fullmatch(w) or not w.isalpha() or not is_english(w)]
    return bool(names) and all(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", quote) for w in names)


def _writes_a_rare_name(index: Index, q: Question, quote: str) -> bool:
    """Whether the quote writes a name the question asks about that the library writes only
    once or twice ("Which contributor goes by the handle mjackson?" beside "Michael Jackson /
    mjackson"): closeness in meaning says little of a line that is little but the name."""
    said = set(re.findall(r"\w+", quote.lower()))
    return bool(rare_names(index, asked_names(q.text)) & said)


def spells_or_defines(q: Question, quote: str) -> bool:
    """The quote spells out the acronym asked about or says what the term asked about is: the
    answer's form proves it, however loosely the question matches it in meaning."""
    if q.acronym is not None and acronym_expansion(quote, q.acronym) is not None:
        return True
    if q.acronym is not None and q.acronym.isupper() and definition_phrase(quote, q.acronym) is not None:
        return True  # a name in capitals a text defines, not spells out: "The RRR component is ..."
    return q.kind == "definition" and bool(q.subject) and definition_phrase(quote, q.subject) is not None


# "Are the ports a backdoor or security hole?": what is asked of the subject, last in the question
_ASKED_KIND = re.compile(
    r"^\W*(?:is|are|was|were)\b.*\s(?:an?|the)\s+((?:[\w-]+\s+){0,3}?[\w-]+)\s*\?*\s*$", re.I
)


def says_it_is_or_not(q: Question, quote: str) -> bool:
    """A yes/no question asks whether something is a thing ("... a backdoor or security hole?"),
    and the quote says that it is or is not one ("This is not a security hole since ..."): its form
    answers, whichever way, however the judge reads it."""
    if (
        q.kind != "yesno"
        or re.search(r"\bthan\b", q.text, re.I)
        or (asked := _ASKED_KIND.match(q.text)) is None
    ):
        return False  # "Is Python faster than the C version?" asks a comparison
    kinds = [k.strip() for k in re.split(r"\s+or\s+(?:an?\s+)?", asked.group(1)) if k.strip()]
    return any(
        re.search(
            rf"\b(?:is|are|was|were)(?:n[’']t|\s+not|\s+never)?\s+(?:(?:an?|the)\s+)?"
            rf"(?:(?!(?:for|of|to|in|on|with|from|by|than)\b)[\w-]+\s+){{0,2}}?{re.escape(kind)}\b"
            # the thing ends its phrase: "is the daemon log" says nothing of being a daemon
            r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:since|because|as|but|and|so|when|if|unless|which|that)\b)",
            quote,
            re.I,
        )
        for kind in kinds
        if len(kind) >= 4
    )


# "max number of --param pairs", "how many times": what a count counts
_NUMBER_OF = re.compile(
    r"\b(?:how many|number of|count of)\s+(?:[\w-]+\s+){0,2}?(?!(?:this|does)\b)(\w{3,}s)\b", re.I
)
_HOW_OFTEN = re.compile(r"^\W*how (?:often|frequently)\b", re.I)
_PERIOD = re.compile(
    r"\b(?:\d+|one|two|three|four|six|twelve)[- ](?:day|week|month|year|hour|minute)s?\b|"
    r"\bevery\s+(?:\d+\s+|other\s+|few\s+)?(?:day|week|month|year|hour|minute|night)s?\b|"
    r"\b(?:daily|weekly|monthly|yearly|annually|nightly|hourly)\b",
    re.I,
)
# a count in digits standing alone: not a year, a version ("3.2"), a part of a name ("IPv6",
# "utf-8") or a decimal; or in words: "up to ten views" ("one" is as often "one of", "one-way"
# as a count); never "version two"
_COUNT_WORDS = "|".join(
    w
    for w in NUMBER_WORD.strip("(?:)").split("|")
    if w not in {"zero", "one", "half", "double", "twice", "triple"}
)
_COUNT = re.compile(
    r"(?<![\w.,-])(?<!(?i:version) )(?!(?:1[5-9]|20)\d\d\b)\d+(?:,\d{3})*(?![\w-]|[.,]\d)"
    rf"|(?<!(?i:version) )\b(?i:{_COUNT_WORDS})(?![\w-])"
)
# the least version something needs, asked ("minimum grap version") and said ("1.42 or newer",
# "Python 3.8+", ">= 3.15", "at least version 2")
_LEAST_VERSION = re.compile(
    r"\b(?:minimum|min|minimal|oldest|lowest|earliest|required)\s+(?:[\w.+-]+\s+){0,2}?versions?\b"
    r"|\bversions?\s+(?:is\s+|do\s+i\s+)?(?:required|needed|need)\b",
    re.I,
)
_FROM_VERSION = re.compile(
    r"(?<![\d.])v?\d+(?:\.\d+)+(?:\+|\s+(?:and|or)\s+(?:newer|later|above|higher|up)\b)"
    r"|(?:>=|≥|\bat least)\s*(?:version\s+v?\d+(?:\.\d+)*|v?\d+(?:\.\d+)+)",
    re.I,
)
_CLAUSE = re.compile(r"[;:]|,\s|\.\s")
COUNT_OVERLAP = 0.3  # of the question's content words, a count's sentence must share
# the words that ask for a count, not what it counts
_COUNTING = content_terms("many much number count often frequently maximum max minimum min")


# "Note by G. Zotti", "Artwork by Anna Berg": an initial or two capitalised words, someone's name
_THING_BY = re.compile(r"\b([A-Za-z]{3,})\s+by:?\s+(?:(?:[A-Z]\.\s*)+[A-Z][a-z]+|[A-Z][a-z]+\s+[A-Z][a-z]+)")


def names_its_maker(q: Question, quote: str) -> bool:
    """Whether the quote says who made the thing a who-question asks about, as "the thing by
    Name" ("Who added the note ...?" beside "[Note by G. Zotti: ..."): its form answers."""
    if q.kind != "person":
        return False
    asked = content_terms(q.text)
    return any(content_terms(m.group(1)) & asked for m in _THING_BY.finditer(quote))


def gives_the_count(q: Question, quote: str) -> bool:
    """The quote gives the number a quantity question asks for in its own terms ("We accept up
    to 8 such key-value pairs" for "max number of --param pairs", "a roughly 4-week release
    cadence" for "how often"): its form answers, however the judge reads it. Only a count in
    digits or words (not "one") right before what it counts ("one-way hashing", "in 2019 the
    maintainers", "foo 3.2 threads" count nothing), in a sentence sharing 30% of the question's
    words, and a period in a clause that names something the question does ("every hour",
    said of tokens, does not say how often keys are rotated)."""
    if q.kind != "quantity":
        return False
    asked = content_terms(q.text) - _ASKING - _AUXILIARIES - _COUNTING
    if not asked or len(asked & content_terms(quote)) < COUNT_OVERLAP * len(asked):
        return False
    if _LEAST_VERSION.search(q.text):  # "minimum grap version": "You need version 1.42 or newer."
        return _FROM_VERSION.search(quote) is not None
    if _HOW_OFTEN.match(q.text):
        return any(_PERIOD.search(c) and asked & content_terms(c) for c in _CLAUSE.split(quote))
    counted = _NUMBER_OF.search(q.text)
    if not counted:
        return False
    noun = counted.group(1).lower()
    if noun == "times" and _ONCE_OR_TWICE.search(quote):
        return True
    singular = noun[:-1]
    stem = re.escape(singular[: max(3, len(singular) - 1)])
    return bool(re.search(rf"(?:{_COUNT.pattern})\s+(?:[\w-]+\s+){{0,2}}?{stem}\w*", quote, re.I))


_VERSION_IN_HEADING = re.compile(r"(?<![\w.])v?\d+\.\d+(?:\.\d+)*(?![\w.])")
VERSION_HEADINGS_UP = 4  # a changelog's "Added", "Changed", "Fixed" lie under their version's heading


def version_heading(doc: Document, offset: int) -> str | None:
    """The heading of the release a changelog entry lies under: "2.0.6 (2021-09-18)" above
    "Changed" above "Minor improvement to the detection efficiency". Sections carry no level, so
    only a change kind's heading is climbed over; any other heading is not the entry's release."""
    for title in doc.headings_above(offset, VERSION_HEADINGS_UP):
        if _VERSION_IN_HEADING.search(title):
            return title
        if not CHANGE_KINDS.match(title):
            return None
    return None


_FOREIGN = "the passage that fits it best, in "  # its lead's document never names what is asked about


def _names_the_text(doc: Document | None, named: tuple[str, ...]) -> bool:
    """Whether a document is the text a question names: its title or file name says each word."""
    if doc is None:
        return True
    said = f"{doc.title} {doc.source}".lower()
    return all(mentions(said, word) for word in named)


def named_under_its_role(index: Index, q: Question, ev: Evidence) -> bool:
    """ "## Original Author" above "Troy Goode (troy@example.com)": a name alone under a heading
    that says what the name did answers "who wrote it" by its form."""
    role = _asked_role(q.text) if q.kind == "person" else None
    if role is None or ev.doc_id not in index.documents or len(ev.quote) > BYLINE_LENGTH:
        return False
    stem, _ = _ROLES[role.group(1).lower()]
    heading = index.documents[ev.doc_id].section_at(ev.start)
    return bool(
        heading
        and _ROLE_HEADING.fullmatch(heading)
        and re.search(rf"\b{stem}", heading, re.I)
        and fit(q, ev.quote) >= 1
    )


# a heading that is a role and nothing else: "Original Author", "Maintainers" (not "Writing plugins")
_ROLE_HEADING = re.compile(
    r"\W*(?:(?:original|lead|main|current|primary)\s+)?(?:authors?|writers?|maintainers?|creators?|developers?|"
    r"inventors?|founders?|designers?|written by|maintained by|created by|developed by|authored by)\W*",
    re.I,
)


def abstention_reason(
    question: str,
    evidence: list[Evidence],
    passages: list[str],
    threshold: float = ABSTAIN_BELOW,
    analysed: Question | None = None,
    index: Index | None = None,
    chosen: list[Evidence] | None = None,
) -> str | None:
    """Why the evidence does not answer the question, or None if it plausibly does.

    A message that names a term is always true of what it names: "the library never mentions
    X" only when no document does; otherwise "the passages that match the question best do
    not mention X", which is what was checked. Only the question being asked counts: the
    names in a long question's context are background, not conditions."""
    if not evidence:
        return "nothing in the library matches the question"
    best = evidence[0]
    letters = [ch for ch in question if ch.isalpha()]
    if letters and sum(ch.isascii() for ch in letters) < 0.5 * len(letters):
        return "the question is not in English, the language of the library and of its model"
    q = analysed or analyse(question)
    if q.acronym and index is not None and not _library_knows(index, q.acronym):
        return f"the library never mentions {q.acronym}"
    # "necromancer class - what is it": a library that never writes the word that names the kind of
    # thing asked about defines no such thing, whatever it says of classes (a subject's other words
    # are the question's own: "the pre-commit library mentioned", "the biggest change")
    words = _SUBJECT_WORD.findall(q.subject or "") if q.kind == "definition" and index is not None else []
    if len(words) >= 2 and _CLASS_WORD.fullmatch(words[-1]):
        unwritten = [
            w for w in words[:-1] if not _CLASS_WORD.fullmatch(w) and not _library_mentions(index, w)
        ]
        if unwritten:
            return f"the library never mentions {', '.join(unwritten)}"
    # "what does TSC stand for": sentences that use TSC do not say what it stands for
    if (
        q.acronym
        and index is not None
        and _ASKS_EXPANSION.search(question)
        and not spells_or_defines(q, (chosen or [evidence[0]])[0].quote)
        and not any(_spells_out(doc, q.acronym) for doc in index.documents.values())
    ):
        return f"the library never spells out {q.acronym}"
    # a quote that spells out the acronym asked about, or says what the term asked about is
    # ("Build GDB with Expat, a library for XML parsing."), answers it however loosely a short
    # question ("whats expat") matches it in meaning
    lead_quote = (chosen or [best])[0].quote
    if best.relevance < threshold and not (
        spells_or_defines(q, lead_quote)
        or names_exactly(q, lead_quote)
        or says_the_words(q, lead_quote)
        or opens_with_option_asked(q, lead_quote)
        or writes_the_setting_asked(q, lead_quote)
        or (index is not None and _writes_a_rare_name(index, q, lead_quote))
    ):
        return "the closest passages are only loosely related to the question"
    asked = q.text
    names = [t for t in specific_terms(asked) if not t[0].isdigit()]
    numbers = [t for t in specific_terms(asked) if t[0].isdigit()]
    quotes = _MARKERS.sub(" ", " ".join(e.quote for e in evidence)).lower()
    context = " ".join([quotes] + [p.lower() for p in passages])
    # "CTF in gcc 12": a number the quoted document's title carries ("GCC 12 Release Series") is said
    # and a version a changelog's section heading carries ("2.16.2 (June 2022)") is said of the
    # sentences under it
    documents = [(index.documents[e.doc_id], e.start) for e in [*evidence, *(chosen or [])]] if index else []
    titles = " ".join(doc.title for doc, _ in documents)
    headings = " ".join(
        f"{doc.section_at(start) or ''} {version_heading(doc, start) or ''}" for doc, start in documents
    )
    numbered = f"{quotes} {titles.lower()}"
    missing = [
        t
        for t in numbers
        if not mentions(numbered, t) and not _said_in_words(numbered, t) and not _writes_number(headings, t)
    ] + [
        t
        for t in names
        if not mentions(context, t)
        and not _mentions_spaced(context, t)
        and not _mentions_scattered(context, t)
    ]
    as_written = " ".join([*(e.quote for e in evidence), *passages])
    missing += [c for c in code_terms(asked) if not writes_code(as_written, c)]
    if index is not None:
        unknown = sorted(t for t in lettered_names(asked) if not _library_knows(index, t))
        # the same of a name typed in lower case: a word no dictionary lists ("jupyter")
        unknown += [
            name
            for name in unknown_names(asked, LibraryWords(index))
            if not _library_knows(index, name.upper())  # "the faq": Frequently Asked Questions
        ]
        unknown += unwritten_commands(asked, LibraryWords(index))
        unknown += [name for name in dotted_names(asked) if not _library_writes(index, name)]
        # "semver vs calver", "massif vs heaptrack": a comparison with a thing no document
        # mentions cannot be answered, though its name begins a word the library uses
        unknown += [
            side
            for side in compared_sides(asked)
            if side not in unknown and not _library_mentions(index, side)
        ]
        # a name a document writes inside a longer one ("OCaml" in "ocamlc") is not never mentioned:
        # what was checked, then, is whether the passages mention it
        loosely = [t for t in unknown if LibraryWords(index).begins(t)]
        unknown = [t for t in unknown if t not in loosely]
        missing += [t for t in loosely if not mentions(context, t) and t not in missing]
        if unknown:
            return f"the library never mentions {', '.join(unknown)}"
    if missing:
        absent = [t for t in missing if index is not None and not _library_mentions(index, t)]
        if absent:
            return f"the library never mentions {', '.join(sorted(absent))}"
        return f"the passages that match the question best do not mention {', '.join(sorted(missing))}"
    lead_doc = (chosen or [best])[0].doc_id
    if index is not None and lead_doc in index.documents:  # the answer's own document must know the name
        doc = index.documents[lead_doc]
        foreign = [t for t in names if not _document_names(doc, t)]
        foreign += [t for t in lettered_names(asked) - set(names) if not _document_knows(doc, t)]
        if foreign:
            return f"{_FOREIGN}{doc.source}, is about something else: that document never mentions {', '.join(sorted(foreign))}"
    focus = named_focus(asked)
    if focus and not mentions(quotes, focus):
        return f"the sources name no {focus}"
    if q.attribute and q.kind == "quantity" and best.relevance < ATTRIBUTE_RELEVANCE:
        head = q.attribute.split()[-1]
        if not mentions(context, head):
            return f"the sources say nothing about {q.attribute}"

    # ("why is the percent done inaccurate": a figure's word in a why question asks no figure)
    asks_figure = q.kind not in _NOT_COUNTING and (
        _QUANTITY_HEAD.search(asked) or _QUANTITY_WORDS.search(asked)
    )
    lead = (chosen or [best])[0]
    # "how do I reserve space when I know how many items I'll insert?", "can I cap how many
    # connections ...?": a count inside a question that asks how, why or whether is not asked for
    counted = _HOW_MANY.search(asked) if q.kind not in _NOT_COUNTING else None
    if counted:  # "how many phases": a number of phases, not just any number
        if not any(counts(e.quote, counted.group(1)) for e in (best, lead)):
            return f"the sources give no number of {counted.group(1)}"
    elif (
        asks_figure
        and not _figures(best.quote)
        and not (_figures(lead.quote) and lead.lexical >= FIGURE_OVERLAP)
    ):
        return "the question asks for a figure and the sources give none"
    for asked_for, named, what in _ATTRIBUTES_ASKED:
        if asked_for.search(asked) and not any(named.search(e.quote) for e in (best, lead)):
            return f"the passages that match the question best name no {what}"
    if q.kind == "yesno" and index is not None and lead.doc_id in index.documents:
        # "Can a .xz file be encrypted?": a yes or a no speaks of what is asked, beyond the
        # document's own name; quotes that share no word of it answer neither way
        doc = index.documents[lead.doc_id]
        title = content_terms(doc.title)  # a short title is the thing's name; a long one says more
        named = content_terms(doc.source.rsplit(".", 1)[0]) | (title if len(title) <= 4 else set())
        asked_terms = (
            content_terms(f"{q.context} {asked}") - named - _AUXILIARIES
        )  # "Is that a known issue?" leans on its context
        # a FAQ's question above its answer ("1. Is zlib Y2K-compliant?" / "Yes. zlib doesn't
        # handle dates.") says what the answer speaks of
        asked_above = [
            title
            for e in chosen or [best]
            if (title := index.documents[e.doc_id].section_at(e.start)) and title.rstrip().endswith("?")
        ]
        said = content_terms(" ".join([*(e.quote for e in chosen or [best]), *asked_above]))
        if asked_terms and not asked_terms & said:
            words = [
                w
                for w in re.findall(r"[\w'-]+", asked)
                if content_terms(w) & asked_terms and w.lower() not in _QUANTIFIERS  # "any patents"
            ] or [w for w in re.findall(r"[\w'-]+", asked) if content_terms(w) & asked_terms]
            return (
                f"the passages that match the question best do not mention {', '.join(dict.fromkeys(words))}"
            )
    if q.kind == "date" and (event := _dated_event(asked, [e.quote for e in [*evidence, *(chosen or [])]])):
        return f"the passages that match the question best do not say when it {event}"
    if q.kind in _TYPED and not any(fit(q, e.quote) > 0 for e in (best, lead)):
        return f"the passages that match the question best name no {_TYPED[q.kind]}"
    if q.kind == "person" and (role := _asked_role(asked)):
        # "Who invented X?": a name beside X is no answer unless the passage says who did it
        stem, verb = _ROLES[role.group(1).lower()]
        # "X by Name" says who wrote X, not who invented or founded it
        by_name = verb in _AUTHORSHIP
        # (not "written in Python", "built with CMake", "maintained for Debian": how, not by whom;
        # but "founded in 1993 by Ian Murdock" says who)
        said = any(
            re.search(
                rf"\b{stem}\w*(?!\w)(?:(?!,?\s+(?:in|with|using|for|into|on|as|from)\b)|[^.;]{{0,60}}?\bby\s+(?-i:[A-Z]))",
                e.quote,
                re.I,
            )
            or (by_name and (_BY_NAME.search(e.quote) or CITATION_AUTHOR.search(e.quote)))
            for e in (best, lead)
        )
        # a title page names its authors without a verb (a name, not a table of contents' heading)
        # (the byline of the text asked about: "who wrote the apt user guide" is not answered by the
        # title page of the GM-Assistant user guide)
        named = text_asked_by_name(asked)
        byline = verb in _AUTHORSHIP and any(
            e.start < BYLINE_REACH
            and len(e.quote) <= BYLINE_LENGTH
            and fit(q, e.quote) >= 1
            and not (
                index is not None and named and not _names_the_text(index.documents.get(e.doc_id), named)
            )
            for e in (best, lead, *(chosen or []))
        )
        headed = index is not None and any(
            named_under_its_role(index, q, e) for e in (best, lead, *(chosen or []))
        )
        if not said and not byline and not headed:
            return f"{_NOT_WHO}{verb} it"
    return None


def _said_in_words(text: str, number: str) -> bool:
    """A small number written as a word: "start at 0" is said by "zero-based"; a large one with
    its thousands set apart or not: "120000" is said by "120.000", "120,000" and "120 000"."""
    if _grouped_alike(text, number):
        return True
    return (
        number.isascii()
        and number.isdecimal()
        and int(number) < len(SMALL_NUMBERS)
        and (re.search(rf"\b{SMALL_NUMBERS[int(number)]}\b", text, re.I) is not None)
    )


_THOUSANDS = "[,.' \u00a0\u202f’]"


def _grouped_alike(text: str, number: str) -> bool:
    if not re.fullmatch(rf"\d{{5,}}|\d{{1,3}}(?:{_THOUSANDS}\d{{3}})+", number):
        return False  # (not "1100" as the version "1.100")
    digits = re.sub(r"\D", "", number)
    head = len(digits) % 3 or 3
    groups = [digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))]
    written = f"{_THOUSANDS}?".join(groups)
    return re.search(rf"(?<![\d.,]){written}(?![\s.,'’\u00a0\u202f]?\d)", text) is not None


# --------------------------------------------------------------------------- composing

SOURCE_MARKER = re.compile(r"\s?\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]")


def _listed(quote: str) -> str | None:
    """A sentence quoted with the list it introduces, as one line: "... the following fields:
    license; description; homepage" (None when the quote is not such a list)."""
    head, colon, tail = quote.partition(":\n")
    items = [line.strip() for line in tail.split("\n") if line.strip()]
    if not colon or len(items) < 2 or not all(is_list_item(i) for i in items):
        return None
    return head.replace("\n\n", " ") + ": " + "; ".join(items)


def display_quote(quote: str) -> str:
    """A quote as the answer shows it: the source's own reference markers ("[2]") written as
    "(ref. 2)", so that they can never be read as silkqa's citation numbers ("[1]")."""
    text = _listed(quote) or quote.replace("\n\n", " ")
    return SOURCE_MARKER.sub(lambda m: " (ref. " + "".join(m.group(1).split()) + ")", text)


def compose(citations: list[Citation]) -> str:
    """The answer text: each quoted sentence followed by its marker."""
    return " ".join(f"{display_quote(c.quote)} [{c.n}]" for c in citations)


ANSWER_LIMIT = 4  # sentences an answer quotes
FACTOID_LIMIT = 3  # a factoid answer: the answering sentence, then at most two nearly as good
FACTOID_MARGIN = 0.15
FOREIGN_MARGIN = 0.15  # a further sentence from another document than the lead's: this close


def _span_json(q: Question, citation: Citation) -> dict | None:
    span = answer_span(q, citation.quote)
    if span is None or not span.text.strip():
        return None
    return {
        "n": citation.n,
        "start": citation.start + span.start,
        "end": citation.start + span.end,
        "text": span.text,
    }


TYPED_REACH = 5  # how far down the candidates a who/when/where answer's sentence may be found


def _typed_first(q: Question, chosen: list[Evidence], found: list[Evidence]) -> list[Evidence]:
    """For a who/when/where question: when the best sentence names no person, date or place
    and one of the next few does, that one leads ("... Communications of the ACM, April 1991").
    The same for "how many X": a sentence that gives a number of X ("It has two commands:")."""
    counted = _HOW_MANY.search(q.text)
    if counted:
        noun = counted.group(1)

        def answers(quote: str) -> bool:
            return counts(quote, noun)
    elif q.kind in _TYPED:

        def answers(quote: str) -> bool:
            return fit(q, quote) > 0
    else:
        return chosen
    if not chosen or answers(chosen[0].quote):
        return chosen
    typed = next((e for e in found[:TYPED_REACH] if answers(e.quote)), None)
    if typed is None:
        return chosen
    return [typed, *(e for e in chosen if e.key != typed.key)][:FACTOID_LIMIT]


def _open_to_the_judge(index: Index, q: Question, chosen: list[Evidence], found: list[Evidence]) -> bool:
    """The reader led with its own first candidate, chosen by closeness in meaning and kind of
    answer, which the judge reads better. A lead chosen by its form stays: a who/when/where
    answer moved up for naming the entity asked for, or where a document says what the thing
    asked about is ("A Python library for ..." under its title)."""
    if not chosen or not found or chosen[0].key != found[0].key:
        return False
    lead = chosen[0]
    return not (
        q.kind == "definition"
        and bool(q.subject)
        and says_what_it_is(index.documents[lead.doc_id], lead.start, lead.end, q.subject)
    )


def _defined_where_named(index: Index, q: Question, lead: Evidence) -> bool:
    """The lead says what the term asked about is, in the paragraph under the heading that names
    it: chosen by its form, as an expansion or "X is a ..." is."""
    return (
        q.kind == "definition"
        and bool(q.subject)
        and defined_under_heading(index.documents[lead.doc_id], lead.start, lead.end, q.subject)
    )


def judged_first(
    chosen: list[Evidence], found: list[Evidence], reading: Reading, limit: int
) -> list[Evidence]:
    """Of the reader's candidates the judge read, the one it reads as the best answer leads,
    and the rest keep their order; the same words at another place are said once. The
    reader's own first stays quoted next, even when it is close in meaning to the new lead (the
    reader's selection may have passed the new lead over for that): of two such sentences one
    may answer and the other not, and the judge is not always right about which. For the same
    reason, when the reader's order keeps the judge's favourite from the lead, the favourite is
    quoted next (even when the reader's selection had passed it over)."""
    best = reading.best_given([e.score for e in found])
    picked = [found[best]]
    if best != 0 and chosen:
        picked.append(chosen[0])
    if reading.favourite != best and found[reading.favourite].key not in {e.key for e in chosen}:
        picked.append(found[reading.favourite])
    if [e.key for e in picked] == [e.key for e in chosen[:1]]:
        return chosen
    said = [(e.key, words_of(e.quote)) for e in picked]
    rest = [e for e in chosen if not any(e.key == k or words_of(e.quote) == w for k, w in said)]
    return [*picked, *rest][:limit]


@dataclass(frozen=True)
class Candidates:
    """What the reader chooses an answer from: the question as analysed, its passages, their
    sentences by closeness (`plain`) and as the reader ranks them (`found`)."""

    q: Question
    query_vector: np.ndarray
    pool: list[Hit]
    plain: list[Evidence]
    found: list[Evidence]
    question: str  # as read: its typos of the library's words corrected


def gather(index: Index, encoder, question: str, k: int = 5) -> Candidates:
    """The passages and candidate sentences for a question; the one path that `answer_question`
    and the recorder of training/record_candidates.py both take."""
    # a long question is searched with its context (it says what the question is about); only
    # the question it asks decides the answer type and the terms an answer must mention
    question = _underscores_as_written(spelled_right(question, LibraryWords(index)), LibraryWords(index))
    query_vector = encoder.encode([question])[0]
    pool = search(index, query_vector, question, k=max(k, EVIDENCE_POOL), with_best_lexical=True)
    q = as_written(index, analyse(question), pool)
    plain = candidates(index, pool, query_vector, content_terms(question), question, q.kind == "method")
    return Candidates(q, query_vector, pool, plain, read(index, q, plain, pool, query_vector), question)


NAMING_REACH = 10  # how far down the reader's candidates a sentence naming the asked numbers is looked for


_ASKS_WHAT_IT_IS = frozenset({"definition", "quantity", "other"})  # what X is, does, defaults to


def _naming_the_attribute(q: Question, reason: str, found: list[Evidence]) -> Evidence | None:
    """When the best sentences name no version (or licence) asked for: the first candidate within
    reach that names one and the thing asked about."""
    # "version of Python"; "What Go version do I need": a requirement, which a sentence states
    # ("you need Go 1.16"), not the versions a project supports, which lines naming one do not say
    of = _ATTRIBUTE_OF.search(q.text) or (_NEEDS.search(q.text) and _NAMED_VERSION.search(q.text))
    for _, named, what in _ATTRIBUTES_ASKED:
        if of and reason.endswith(f"name no {what}"):
            thing = of.group(1).lower()
            return next(
                (
                    ev
                    for ev in found[:NAMING_REACH]
                    if named.search(ev.quote) and mentions(ev.quote.lower(), thing)
                ),
                None,
            )
    return None


def _saying_who(
    q: Question, reason: str | None, lead: Evidence | None, found: list[Evidence]
) -> Evidence | None:
    """When the lead does not say who did what the question asks ("who maintains brltty": a
    list of the team's names), or the best sentences do not, the first candidate within reach
    that says so and names someone ("This software is maintained by: Dave Mielke")."""
    if q.kind != "person" or (reason is not None and not reason.startswith(_NOT_WHO)):
        return None
    if (role := _asked_role(q.text)) is None:
        return None
    stem, _ = _ROLES[role.group(1).lower()]

    def says(ev: Evidence) -> bool:
        # "maintained by: Dave Mielke", not "maintained by the kernel" nor "written to a file"
        agent = rf"\b{stem}\w*\s+(?:\w+\s+){{0,2}}?by:?\s+(?:(?-i:[a-z]+)\s+){{0,3}}(?-i:[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z]+)"
        return bool(re.search(agent, ev.quote, re.I)) and fit(q, ev.quote) > 0

    if reason is None and (lead is None or says(lead)):
        return None
    return next((ev for ev in found[:NAMING_REACH] if says(ev)), None)


_ATTRIBUTE_OF = re.compile(r"\b(?:version|release|licen[cs]e)s?\s+of\s+(?:the\s+)?([A-Za-z][\w.+-]*)", re.I)
_NEEDS = re.compile(r"\b(?:needs?|needed|requires?|required|requirements?|minimum)\b", re.I)
# "What Go version do I need": the thing named before "version", a name in capitals
_NAMED_VERSION = re.compile(
    r"(?<![\w.+-])(?!(?:What|Which|The|This|That|Any|Each|Every)\b)([A-Z][\w.+-]*)\s+versions?\b"
)


def _writing_the_name(q: Question, lead: Evidence, found: list[Evidence]) -> Evidence | None:
    """The best candidate that writes a dotted name the question asks about
    ("server.max-keep-alive-requests"), when the lead does not: such a name is one thing, and a
    sentence that leaves it out speaks of something else."""
    if q.kind not in _ASKS_WHAT_IT_IS:
        return None  # "does jwt.decode check the signature" is answered by a warning that says "This"
    # a file's name ("fonts.conf") says where, not what is asked about
    names = [n.lower() for n in dotted_names(q.text) if n.lower().rsplit(".", 1)[1] not in _FILE_ENDINGS]
    if not names or _opens_with(lead.quote, names):
        return None
    # a manual's entry for it, which opens with the name, before a sentence that only writes it
    # ("server.errorlog ... Default: either STDERR or server.errorlog-use-syslog")
    reach = found[:NAMING_REACH]
    entry = next((ev for ev in reach if _opens_with(ev.quote, names)), None)
    if entry is not None or any(name in lead.quote.lower() for name in names):
        return entry
    return next((ev for ev in reach if any(name in ev.quote.lower() for name in names)), None)


def _opens_with(quote: str, names: list[str]) -> bool:
    opening = quote.lstrip(" \t\n\"'`*-•").lower()
    return any(
        opening.startswith(name) and not re.match(r"[\w.-]", opening[len(name) : len(name) + 1])
        for name in names
    )


def _naming_the_numbers(q: Question, closest: list[Evidence], found: list[Evidence]) -> Evidence | None:
    """The best candidate that names every number the question names ("3.6", "2.0.6"), when the
    closest sentences in meaning do not: numbers are what an embedding reads least."""
    # Here a whole number counts too: the closest sentences were refused for not naming it, and
    # a candidate that names every number asked about is read in their place ("getmail 5"); a
    # whole number is said by many documents ("Python 2 is no longer supported" in another
    # project's README), so for one the candidate must come from a document the closest did
    numbers = [t for t in specific_terms(q.text) if t[0].isdigit()]
    if not numbers or any(_names_numbers(numbers, ev.quote) for ev in closest[:3]):
        return None
    documents = {ev.doc_id for ev in closest[:3]}
    return next(
        (
            ev
            for ev in found[:NAMING_REACH]
            if _names_numbers(numbers, ev.quote) and (numbers == _asked_numbers(q) or ev.doc_id in documents)
        ),
        None,
    )


_LICENCE_QUESTION_WORDS = content_terms(
    "what which licence license licences licenses licensed is are under released distributed covered "
    "library package project tool module software code program use uses kind type does do did"
)
# "Licensed under ...", "This project is released under ...", "kilnlog is distributed under ..."
# "## License" over "GNU General Public License, version 2 ...": a README's licence section
_LICENCE_HEADING = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:licen[cs]e|licensing|copying|copyright)\W*$", re.I
)
_SAYS_ITS_LICENCE = re.compile(
    r"^\W*(?:(?:this|the|our)\s+(?:[\w-]+\s+){0,3}|[\w.-]+\s+)?(?:is\s+|are\s+)?(?:(?:dual[- ])?licen[cs]ed|released|"
    r"distributed|available|published|provided)\s+(?:freely\s+)?under\b|^\W*licen[cs]e\s*:",
    re.I,
)


def _licence_of_another(index: Index, q: Question, lead: Evidence) -> bool:
    """A lead that names a licence, for "what licence is X under", from a document that is not
    about X (none of X's words in its title or file name)."""
    if not (LICENCE_ASKED.search(q.text) and LICENCE_NAME.search(lead.quote)):
        return False
    named = content_terms(q.text) - _LICENCE_QUESTION_WORDS
    doc = index.documents[lead.doc_id]
    return bool(named) and not named & content_terms(f"{doc.title} {re.sub(r'[-_.]+', ' ', doc.source)}")


def _naming_the_licence(
    index: Index, q: Question, query_vector: np.ndarray, pool: list[Hit]
) -> Evidence | None:
    """For "what licence is X under", the sentence in X's document that says it is licensed under
    a named licence: a README says it once, at its end, in a passage that shares no other word with
    the question ("Licensed under the Apache License, Version 2.0"). Only in the document of the
    thing asked about (every word naming it is in the document, one in its title or file name),
    and only in that form: "You should specify a license" or "it bundles libserial, which is
    licensed under the LGPL" is no answer."""
    if not LICENCE_ASKED.search(q.text):
        return None
    named = content_terms(q.text) - _LICENCE_QUESTION_WORDS
    for doc_id in dict.fromkeys(h.chunk.doc_id for h in pool[:3]):
        doc = index.documents[doc_id]
        about = content_terms(f"{doc.title} {re.sub(r'[-_.]+', ' ', doc.source)}")
        if named and not (named & about and named <= content_terms(doc.text)):
            continue
        if not named and doc_id != pool[0].chunk.doc_id:  # "what licence is this under"
            continue
        for row, chunk in enumerate(index.chunks):
            if chunk.doc_id != doc_id:
                continue
            vectors = index.sentence_vectors_of(row)
            for j, (start, end) in enumerate(chunk.sentences):
                sentence = doc.text[start:end]
                says = _SAYS_ITS_LICENCE.match(sentence) or _LICENCE_HEADING.match(
                    doc.section_at(start) or ""
                )
                if j < len(vectors) and says and LICENCE_NAME.search(sentence):
                    dense = float(vectors[j] @ query_vector)
                    return Evidence(
                        row=row,
                        doc_id=doc_id,
                        start=start,
                        end=end,
                        quote=sentence,
                        dense=dense,
                        lexical=0.0,
                        score=dense,
                        vector=vectors[j],
                        chunk_dense=float(index.chunk_vectors[row] @ query_vector),
                    )
    return None


def _asked_numbers(q: Question) -> list[str]:
    """The versions and decimals a question names ("3.6", "2.0.6"); a whole number is as often
    part of a name ("AES-128", "x86-64") as a figure asked about."""
    return list(_dotted_numbers(q.text))


@lru_cache(maxsize=256)  # pure; asked both when the reader's closest sentences are refused and by the judge
def _dotted_numbers(text: str) -> tuple[str, ...]:
    return tuple(t for t in specific_terms(text) if t[0].isdigit() and "." in t)


def _names_numbers(numbers: list[str], quote: str) -> bool:
    """Whether a quote writes every number, as a number: "3.6" is not in "3.6.1" nor in "13.6"."""
    lower = quote.lower()
    return bool(numbers) and all(_writes_number(lower, t) for t in numbers)


def _writes_number(text: str, number: str) -> bool:
    return re.search(rf"(?<![\d.]){re.escape(number)}(?![\d]|\.\d)", text) is not None


# a FAQ's bare "Yes." or "No." ("Yes it does.", "No, you can't."): a sentence too short to be a candidate
_REPLY = (
    r"(?:Yes|No)(?:,?\s+(?:it|you|they|we|this|that|there|he|she|I)\s+"
    r"(?:(?:is|are|does|do|can|will|has|have|was|did|should|may|must)(?:n['’]t|\s+not)?|can['’]t|cannot|won['’]t))?"
    r"[.,!;:]?"
)
_BARE_REPLY = re.compile(_REPLY)


_NUMBERING = re.compile(r"^\W*(?:\d+(?:\.\d+)*\.?|[A-Z]\.\d+(?:\.\d+)*\.?)\s+")  # "1.1 ", "7.5. "


_PRONOUN_DEFINITION = re.compile(r"\W*(?:it|this)\s+is\s+(?:an?|the)\s+\w|it's\s+an?\s+\w", re.I)


PARAPHRASED_HEADING = 0.65  # cosine of a yes/no question and a FAQ's heading asking it in other words
PARAPHRASE_MARGIN = 0.08  # ... ahead of every other heading that asks a question


def _paraphrased_heading(index: Index, q: Question, plain: list[Evidence]) -> set[tuple[str, int]]:
    """For a yes/no question: the FAQ's question that asks it in other words ("Does the lp_solve
    lp format support comments?" for "are comments allowed in lp format model files?"), a line of
    its own, as (document, where it ends) for each place it is written (a contents list repeats
    it) — only the closest such line in meaning, and well ahead of the next other line, so that a
    question on another feature of the same thing is not taken for it."""
    if q.kind != "yesno":
        return set()
    asking: dict[str, list] = {}
    for ev in plain:
        text = index.documents[ev.doc_id].text
        if (
            ev.quote.rstrip().endswith("?")
            and (ev.start == 0 or text[max(0, ev.start - 1)] == "\n")
            and text[ev.end : ev.end + 1] in {"\n", ""}
            # asking whether, as the question does ("Q: Explain about PAP and CHAP?" asks more)
            and analyse(_NUMBERING.sub("", ev.quote)).kind == "yesno"
        ):
            line = " ".join(_NUMBERING.sub("", ev.quote).split()).lower()
            entry = asking.setdefault(line, [ev.dense, set()])
            entry[0] = max(entry[0], ev.dense)
            entry[1].add((ev.doc_id, ev.end))
    ranked = sorted(asking.values(), key=lambda e: -e[0])
    if not ranked or ranked[0][0] < PARAPHRASED_HEADING:
        return set()
    if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < PARAPHRASE_MARGIN:
        return set()
    return ranked[0][1]


def _answer_below_its_question(
    index: Index, q: Question, found: list[Evidence], plain: Sequence[Evidence] = ()
) -> Evidence | None:
    """For a yes/no question, the first sentence under a FAQ's heading that asks the same ("31.
    Does zlib infringe on any patents?" above "As far as we know, no."): the FAQ's own answer,
    whatever its words, which need not repeat the question's. The same question both ways: "whats
    linux" is not "What is Debian GNU/Linux?". (Other kinds were tried: a how question's answer
    under its FAQ heading is seldom the first sentence alone.) A definition question is answered
    so too when that sentence says what the thing is ("1.1 What is Bash?" above "Bash is the shell,
    or command language interpreter, ...")."""
    if q.kind not in {"yesno", "definition"}:
        return None
    paraphrased = _paraphrased_heading(index, q, list(plain))
    for ev in found:
        if q.kind == "definition" and not (
            q.subject and (definition_phrase(ev.quote, q.subject) or _PRONOUN_DEFINITION.match(ev.quote))
        ):
            continue  # "What is FreeType?" above "It is a software library that ...": the heading names it
        doc = index.documents[ev.doc_id]
        section = doc.section_of(ev.start)
        if q.kind == "definition" and (
            section is None
            or not section.title.rstrip().endswith("?")
            or (analyse(_NUMBERING.sub("", section.title)).subject or "").lower() != q.subject.lower()
        ):
            continue  # "What is Debian GNU/Linux?" does not ask "whats linux"
        for doc_id, end in paraphrased:
            between = index.documents[ev.doc_id].text[end : ev.start].strip()
            if (
                doc_id == ev.doc_id
                and ev.start >= end
                and (not between or _BARE_REPLY.fullmatch(between))
                and not ev.quote.rstrip().endswith("?")
            ):
                return ev  # the first sentence under the FAQ's question asked in other words
        if (
            section is None
            or not section.title.rstrip().endswith("?")
            or not restates(section.title, q)
            or not restates(q.text, analyse(section.title))
        ):
            continue
        heading = doc.text.find(section.title, section.start, ev.start)
        between = doc.text[heading + len(section.title) : ev.start].strip() if heading >= 0 else "?"
        if not between or _BARE_REPLY.fullmatch(between):
            return ev
    return None


def _under_its_question(index: Index, q: Question, closest: list[Evidence]) -> Evidence | None:
    """The first of the closest sentences that stands in a section whose heading asks what the
    question asks ("1.2 How do I enable mouse support?" for "how do I enable mouse support in
    frobtool"): a FAQ answers its own question there, in words the judge may not read as an
    answer ("Start it with -x.")."""
    for ev in closest:
        section = index.documents[ev.doc_id].section_of(ev.start)
        if section is not None and section.title.rstrip().endswith("?") and asks_the_same(section.title, q):
            return ev
    return None


_REPLY_BEFORE = re.compile(rf"(?:^|(?<=\n)|(?<=[.!?:] )){_REPLY}[ \t]+\Z")  # right before a sentence


def _with_its_reply(index: Index, lead: Evidence) -> Evidence:
    """A yes/no answer's lead with the "Yes." or "No." right before it in its paragraph: "However
    any library routines ... must also be thread-safe" answers "Is zlib thread-safe?" only after
    the "Yes." that the FAQ opens it with."""
    text = index.documents[lead.doc_id].text
    reply = _REPLY_BEFORE.search(text, max(0, lead.start - 24), lead.start)
    if reply is None:
        return lead
    return replace(lead, start=reply.start(), quote=text[reply.start() : lead.end])


def _from_documents_naming_it(index: Index, q: Question, chosen: list[Evidence]) -> list[Evidence]:
    """Quotes from the documents that name what the question names ("http.postBuffer",
    "lp_solve"), when some do: a quote from a document that never does ("The default value is 3
    seconds." in chrony's FAQ, for git's http.postBuffer) says something of another thing."""
    names = [
        *dotted_names(q.text),
        *code_terms(q.text),
        *(t for t in specific_terms(q.text) if not any(ch.isdigit() for ch in t)),
    ]
    if not names:
        return chosen

    naming = [ev for ev in chosen if any(_document_names(index.documents[ev.doc_id], n) for n in names)]
    return naming or chosen


def _passes_as_lead(
    ev: Evidence,
    chosen: list[Evidence],
    plain: list[Evidence],
    passages: list[str],
    question: str,
    threshold: float,
    q: Question,
    index: Index,
) -> list[Evidence] | None:
    """The chosen quotes led by `ev`, a candidate found by its form (it names the numbers, the
    attribute or who did it), if the abstention checks pass with it among the closest: else None."""
    retry = [ev, *(e for e in chosen if e.key != ev.key)][: len(chosen) or 1]
    evidence = [ev, *(e for e in plain[:3] if e.key != ev.key)][:3]
    if abstention_reason(question, evidence, [*passages, ev.quote], threshold, q, index, retry) is None:
        return retry
    return None


def answer_question(
    index: Index, encoder, question: str, k: int = 5, threshold: float = ABSTAIN_BELOW
) -> Answer:
    gathered = gather(index, encoder, question, k)
    typed, question = question, gathered.question
    read_as = question if question != typed else None
    q, query_vector, pool = gathered.q, gathered.query_vector, gathered.pool
    plain, found = gathered.plain, gathered.found
    hits = tuple(pool[:k])
    chosen: list[Evidence] = []
    stated = False  # answered from where a document states it: its abstract, its author line
    if q.kind == "overview":
        chosen = overview_evidence(index, q, pool, query_vector)
        stated = bool(chosen)
    if not chosen:
        chosen = metadata_evidence(index, q, pool, query_vector)
        stated = bool(chosen)
    if not chosen:
        if q.wants_short_answer:
            chosen = select(found, limit=FACTOID_LIMIT, margin=FACTOID_MARGIN, foreign_margin=FOREIGN_MARGIN)
            chosen = _typed_first(q, chosen, found)
        else:
            chosen = select(found, limit=ANSWER_LIMIT, margin=0.25, foreign_margin=FOREIGN_MARGIN)
    below = None if stated else _answer_below_its_question(index, q, found, plain)
    if below is not None:
        chosen = [below, *(ev for ev in chosen if ev.key != below.key)][: max(len(chosen), 1)]
    confidence = found[0].relevance if found else 0.0
    passages = [h.chunk.text for h in pool[:3]] + [h.chunk.title for h in pool[:1]]
    # a refusal lists the reader's three best sentences as the closest passages, and one may
    # come from a fourth passage: what it says they do not mention, they must not mention
    nearest = found[:3]  # what a refusal lists as the closest passages
    passages += [ev.quote for ev in nearest]
    # a document's own abstract, conclusion or topic section answers an overview question
    # however loosely "summarise the paper" matches any one sentence in meaning
    reason = None
    if not stated:
        # abstention judges the passages closest in meaning, before the reader's preferences:
        # a sentence preferred for carrying a figure is not thereby evidence that one is given
        reason = abstention_reason(question, plain[:3], passages, threshold, q, index, chosen)
        # refused, or led by a sentence that names no licence ("htop is written in C.")
        # ... or by another project's licence ("Licensed under the MIT license." in potbook's README
        # for "what licence is kilnlog under")
        another = bool(reason is None and chosen and _licence_of_another(index, q, chosen[0]))
        unnamed = reason is not None or another or not (chosen and LICENCE_NAME.search(chosen[0].quote))
        licensed = _naming_the_licence(index, q, query_vector, pool) if unnamed else None
        if (
            licensed
            and abstention_reason(question, plain[:3], passages, threshold, q, index, [licensed]) is None
        ):
            # "what licence is X under": the sentence that names it, wherever in X's document
            reason, chosen = (
                None,
                [licensed, *(ev for ev in chosen if ev.key != licensed.key)][: len(chosen) or 1],
            )
        elif another:
            reason = "the licence the closest passages name is that of another document's subject"
        named = _naming_the_numbers(q, plain[:3], found) if reason is not None else None
        # "which version can I use on Python 3.6": the closest sentences in meaning speak of
        # other versions; the candidate that names 3.6 is read in their place
        retry = (
            _passes_as_lead(named, chosen, plain, passages, question, threshold, q, index) if named else None
        )
        if retry is not None:
            reason, chosen = None, retry
        attributed = _naming_the_attribute(q, reason, found) if reason is not None else None
        if attributed is not None:
            # "which version of Python is required": the best sentences name none, a list item
            # below them does ("Python (use 3.6 or later)"); it answers by its form
            retry = _passes_as_lead(attributed, chosen, plain, passages, question, threshold, q, index)
            if retry is not None:
                reason, chosen = None, retry
        doer = _saying_who(q, reason, chosen[0] if chosen else None, found)
        if (
            doer is not None
            and (retry := _passes_as_lead(doer, chosen, plain, passages, question, threshold, q, index))
            is not None
        ):
            reason, chosen = None, retry
        if reason is not None and reason.startswith(_FOREIGN):
            # "allowed values for permittedPolicies": the lead came from a document that never
            # names it; a close sentence from one that does is read in its place
            foreign_doc = chosen[0].doc_id if chosen else None
            tried: set = set()
            for other in [*chosen[1:], *found[:JUDGED]]:
                if other.doc_id == foreign_doc or other.key in tried:
                    continue
                tried.add(other.key)
                retry = [other, *(ev for ev in chosen if ev.key != other.key)][: len(chosen) or 1]
                if abstention_reason(question, plain[:3], passages, threshold, q, index, retry) is None:
                    reason, chosen = None, retry
                    break
        # the judge reads meaning; a quote whose form answers (an expansion, a definition) stands
        lead = chosen[0].quote if chosen else ""
        by_form = (
            bool(licensed and chosen and chosen[0].key == licensed.key)
            or bool(attributed and chosen and chosen[0].key == attributed.key)
            or spells_or_defines(q, lead)
            or gives_the_count(q, lead)
            or says_it_is_or_not(q, lead)
            or names_its_maker(q, lead)
            or (bool(chosen) and index is not None and named_under_its_role(index, q, chosen[0]))
            or (bool(chosen) and _defined_where_named(index, q, chosen[0]))
            or (below is not None and bool(chosen) and chosen[0].key == below.key)
        )
        if reason is None and not by_form:
            open_lead = _open_to_the_judge(index, q, chosen, found)
            reading = read_sentences(question, [ev.quote for ev in found[:JUDGED]], compare=open_lead)
            faq = _under_its_question(index, q, found[:JUDGED]) if reading and reading.none_answers else None
            if faq is not None:
                chosen = [faq, *(ev for ev in chosen if ev.key != faq.key)][: len(chosen) or 1]
            elif reading is not None and reading.none_answers:
                reason = "none of the closest sentences reads as an answer to it"
            elif reading is not None and open_lead:
                judged = judged_first(
                    chosen, found, reading, FACTOID_LIMIT if q.wants_short_answer else ANSWER_LIMIT
                )
                # the new lead passes the checks the reader's lead passed (it names what is asked
                # about, carries a figure when one is asked for), or the reader's order stands
                # and a lead that names the numbers asked about yields to none that does not
                numbers = _asked_numbers(q)
                if (
                    [e.key for e in judged] != [e.key for e in chosen]
                    and abstention_reason(question, plain[:3], passages, threshold, q, index, judged) is None
                    and (
                        _names_numbers(numbers, judged[0].quote)
                        or not _names_numbers(numbers, chosen[0].quote)
                    )
                ):
                    chosen = judged
        if reason is None and chosen and (named := _writing_the_name(q, chosen[0], found)) is not None:
            # "default of server.max-keep-alive-requests": a lead that does not write the name
            # asked about ("The default value is 3 seconds.") yields to the candidate that does
            chosen = [named, *(ev for ev in chosen if ev.key != named.key)][: len(chosen)]
    role = _asked_role(q.text) if stated else None
    if (
        role is not None
        and _ROLES[role.group(1).lower()][1] not in _AUTHORSHIP
        and chosen
        and (doer := _saying_who(q, None, chosen[0], found)) is not None
    ):
        # "who maintains X": the sentence saying who maintains it, over the document's author line
        # (an author line answers who wrote it)
        chosen = [doer, *(ev for ev in chosen if ev.key != doer.key)][: len(chosen)]
    if reason is None and len(chosen) > 1:
        chosen = _from_documents_naming_it(index, q, chosen)
    if reason is not None:
        closest = tuple(c for i, ev in enumerate(nearest, start=1) if (c := cite(index, ev, i)) is not None)
        text = "The library does not answer this question: " + reason + "."
        if closest:
            markers = " ".join(f"[{c.n}]" for c in closest)
            text += (
                f" The closest passages {markers} are listed below; they may help, but they do not answer it."
            )
        return Answer(
            typed, text, True, closest, hits, confidence, reason, closest, None, q.kind, read_as=read_as
        )
    if q.kind == "yesno" and chosen:
        chosen = [_with_its_reply(index, chosen[0]), *chosen[1:]]
    citations = [c for i, ev in enumerate(chosen, start=1) if (c := cite(index, ev, i)) is not None]
    citations = [replace(c, n=i) for i, c in enumerate(citations, start=1)]
    span = _span_json(q, citations[0]) if citations else None
    return Answer(
        typed,
        compose(citations),
        False,
        tuple(citations),
        hits,
        confidence,
        None,
        (),
        span,
        q.kind,
        read_as=read_as,
    )


def format_answer(data: dict, bold: bool | None = None) -> str:
    """The answer for a terminal: text, then the numbered sources."""
    answer = data["answer"]
    span = data.get("answer_span")
    if bold is None:  # escape codes only where a terminal will draw them, not into a pipe
        import sys

        bold = sys.stdout.isatty()
    if bold and span and span["text"] in answer:
        answer = answer.replace(span["text"], f"\033[1m{span['text']}\033[0m", 1)
    lines = [f"(read as: {data['read_as']})", answer, ""] if data.get("read_as") else [answer, ""]
    label = "Closest passages" if data["abstained"] else "Sources"
    if data["citations"]:
        lines.append(f"{label}:")
    for c in data["citations"]:
        where = ", ".join(
            str(x) for x in (c["title"], c["section"], f"page {c['page']}" if c["page"] else None) if x
        )
        lines.append(f"[{c['n']}] {where} ({c['source']})")
        lines.append(f"    “{display_quote(c['quote'])}”")  # the source's [2] as (ref. 2)
        for r in c["references"]:
            status = (
                f"full text: {r['full_text_source']}" if r["in_library"] else "full text not in the library"
            )
            who = "this sentence cites" if r.get("scope", "sentence") == "sentence" else "its paragraph cites"
            marker = f"(ref. {r['marker']}) " if r["marker"] else ""
            lines.append(
                f"    ↳ {who} {marker}{', '.join(r['authors'])} ({r['year']}). {r['title']}. {r['venue']}. — {status}"
            )
    return "\n".join(lines)
