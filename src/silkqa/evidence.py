"""Sentence-level evidence: from retrieved chunks to the few sentences that bear on a text.

Shared by answers and claim checks. A candidate is a sentence (or a sentence with the one
before it, when it opens with a pronoun or connective and would not make sense alone),
scored by its late-chunked vector against the query and by how many of the query's content
words it carries. Quotes are sliced from the document text and verified there.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from .documents import Document
from .lexical import content_terms
from .questions import analyse
from .retrieval import Hit
from .store import Index
from .vocabulary import is_english

# Words that make a sentence lean on the one before it (general English, not corpus-specific).
# A sentence whose opening words hold a pronoun ("It once surpassed...", "Among the five, its
# growth...") leans on the sentence before it for its subject.
_LEANING = re.compile(
    r"^(?:\S+\s+){0,3}?(?:it|its|this|these|those|they|their|them|such|he|she|his|her)\b", re.I
)
# "This facility is called X", "This approach is known as X": a name for what was just described
_NAMING = re.compile(
    r"^(?:this|these|such)\s+(?:\w+\s+){0,2}?(?:is|are)\s+(?:\w+\s+)?(?:called|named|known as|referred to as|termed|dubbed)\b",
    re.I,
)
MIN_WORDS = 5
# "Perl 5.8.1 or higher.", "Andrew Macleod <amacleod@cygnus.com> responded:": a short line that
# gives a figure or an address says something, where "For example:" does not;
# "Source Code: src/permission.cc": a path to a file or an address on the web says where
# ("docs/README.MD", "WWW.example.org" count whatever their case)
_TELLING = re.compile(r"\d|@|[\w.-]/[\w.-]*\.(?i:[a-z]{1,4})\b|://|\b(?i:www)\.\w")
# "pip install charset-normalizer -U", "$ cargo add serde": a command answers how to do it
COMMAND = re.compile(
    r"^(?!\W*(?i:we|you|they|it|i|he|she|then|to|and|so|also|just|now|this|that|the|a|an|your|our|my|its|their)(?![\w.-]))(?!.*[.!?]\s*$)"
    r"(?:\$?\s*(?:sudo\s+)?[a-z][\w.-]*\s+(?:install|add|get|run|build|init|upgrade|update|remove|uninstall|"
    r"clone|exec|test|activate|create|new)\b|\$\s+\S|.*\s--?[A-Za-z][\w-]*(?:\s|$))"
)


def _short_but_telling(sentence: str, asks_how: bool = True, names: frozenset[str] = frozenset()) -> bool:
    """A short line that gives a figure or an address, or, to a how question, a command, or
    that writes a name the question asks about ("Michael Jackson / mjackson")."""
    telling = (
        _TELLING.search(sentence) is not None
        or (asks_how and COMMAND.search(sentence) is not None)
        or bool(names and names.intersection(re.findall(r"\w+", sentence.lower())))
    )
    return len(sentence.split()) >= 3 and telling and not is_furniture(sentence)


def _short_but_on_point(sentence: str, asked: set[str]) -> bool:
    """A short sentence made mostly of the question's words, two at least: "Draws cannot be
    offered." to "can a player offer a draw?", "APT uses CMake." to "what build system does apt
    use"; not "First, get etckeeper installed." to "in which year was etckeeper first released",
    half of whose words are its own. A whole sentence, not a caption."""
    text = sentence.strip()
    if len(text.split()) < 3 or not text[:1].isupper() or not text.endswith((".", "!")):
        return False
    own = content_terms(text)
    shared = len(own & asked)
    return shared >= 2 and 3 * shared >= 2 * len(own) and not is_furniture(text)


RARE = 2  # a name written this often in the whole library, at most, is one a short line may be all about


def rare_names(index: Index, names: frozenset[str]) -> frozenset[str]:
    """The names the library writes only once or twice ("mjackson" in a list of contributors):
    a short line that writes a name the library is about ("pip install -U blingfire") says
    little of what is asked."""
    if not names:
        return names
    counts = _word_counts(tuple(doc.text for doc in index.documents.values()))
    return frozenset(n for n in names if counts[n] <= RARE)


@lru_cache(maxsize=4)  # the libraries a process serves; each text's hash is cached by the str
def _word_counts(texts: tuple[str, ...]) -> Counter[str]:
    """How often the library writes each word, counted once per library, not per question."""
    return Counter(word for text in texts for word in re.findall(r"\w+", text.lower()))


def asked_names(question: str) -> frozenset[str]:
    """The words of a question no dictionary lists ("mjackson", "talloc"): names, which a
    short line that writes them may be all there is about."""
    words = re.findall(r"(?<![\w.-])[^\W\d_]{4,}(?![\w-]|\.\w)", question)
    return frozenset(w.lower() for w in words if not is_english(w))


# Bibliographic text (catalog records, a paper's reference list, its title line) answers
# questions about the literature — who wrote what, where, when — and crowds out real content
# for every other question, since its titles restate the library's topic. It competes only
# when the question asks about the literature.
_BIBLIOGRAPHIC_QUESTION = re.compile(
    r"\b(author|authors|wrote|written|writer|publish\w*|journal|venue|magazine|issue|pages?|title[ds]?|"
    r"cite[sd]?|citing|citation|reference[sd]?|bibliograph\w*|study|studies|article|paper|work|year|volume)\b",
    re.I,
)
_REFERENCE_SECTION = re.compile(r"^\W*(references|bibliography|works cited|literature)\b", re.I)
_KEYWORDS_LINE = re.compile(r"^\W*key ?words\s*:", re.I)
BIBLIOGRAPHIC_PENALTY = 0.3
# Score of a candidate sentence. Fitted by a small grid search on gold/questions.jsonl (the
# share of answers whose top sentences hold the answering passage), then rounded: the
# sentence's own cosine, the share of query words it carries, and the standing of its chunk
# in the hybrid ranking (fused rank and chunk cosine) all count.
# a sentence that asks ("Q: Where do I get new versions of John?") is close to a question in
# meaning and answers none: a FAQ's next question, a rhetorical opener. Taken off its score here,
# so that the judge does not read it first; the reader's type bonus docks it too (selection)
ASKS_PENALTY = 0.15
ASKS = re.compile(r"\?[\s\"'”’)]*$")
SENTENCE_WEIGHT = 0.4
# the share of the query's words a sentence carries, each word weighted by how few of the
# candidates carry it: the word that tells the candidates apart counts more than the program's
# name that every one of them says. 0.2 of the plain share until the twenty-sixth session; weighted,
# 0.3 cited more answers on the studied sets (blind 1-66: 3462 -> 3499 of 4265) where 0.3
# unweighted cited 3469 and 0.4 weighted 3484 (docs/reader.md)
LEXICAL_WEIGHT = 0.3


def _term_weights(query_terms: set[str], sentences: list[set[str]]) -> dict[str, float]:
    """Each query word weighted by how few of the candidate sentences carry it (an inverse
    document frequency over the candidates, not the library: what tells them apart)."""
    n = len(sentences)
    return {t: math.log(1 + n / (1 + sum(t in s for s in sentences))) for t in query_terms}


CHUNK_RRF_WEIGHT = 10.0
CHUNK_DENSE_WEIGHT = 0.4


# Page furniture: lines of a saved web page or wiki that are not statements — footnote and
# reference lines ("3. ^ a b ..."), "[edit]" marks, table rows ("| a | b |"), navigation
# crumbs and "This article is part of a series" boxes.
_FURNITURE = re.compile(
    r"^\s*(?:\d+\.\s*)?\^|\^\s+[a-z](?:\s+[a-z])*\s|\[edit\]|^\s*\|.*\|\s*$|\|\s+\|"  # not "a || b"
    r"|\bthis article is part of a series\b|\bretrieved (?:on )?\w+ \d|\barchived from the original\b"
    r"|^\s*(?:jump to|navigation|main menu|from wikipedia)\b|\bISBN[\s:-]*\d|\bdoi:\s*10\."
    r"|\w::\s.*\w::(?:\s|$)"  # a manual's index: "bug reporting:: Reporting bugs problems:: ..."
    # Info navigation lines: "Next: Invocation, Previous: Intro, Up: Top", "Next: Usage   Contents"
    r"|^\s*(?:next|previous|prev|up):\s.*(?:\b(?:previous|prev|up|next):\s|\s(?:contents|index)\s*$)",
    re.I | re.M,
)


@lru_cache(maxsize=8192)  # the same sentences are candidates for many questions
def is_furniture(text: str) -> bool:
    """Whether a sentence is page furniture rather than something a document states."""
    return bool(_FURNITURE.search(text))


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
    chunk_dense: float = 0.0  # cosine of query and the whole chunk

    @property
    def relevance(self) -> float:
        """How close the passage is to the query in meaning, on an absolute scale (unlike
        `score`, which includes the chunk's rank and so is high for the best of a bad lot)."""
        return (self.dense + self.chunk_dense) / 2

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.doc_id, self.start, self.end)


def verified_quote(index: Index, doc_id: str, start: int, end: int) -> str | None:
    """The exact text of a span, or None if it is not (any longer) in the document."""
    doc = index.documents.get(doc_id)
    if doc is None or not (0 <= start < end <= len(doc.text)):
        return None
    # a slice of the text is in the text: searching the whole document for it again, for every
    # candidate sentence, only cost time
    return doc.text[start:end]


_NUMBERED = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[A-Z]\.(?:\d+\.?)*)\s+")


def section_titles(doc: Document) -> tuple[str, ...]:
    """A document's section titles, spaces collapsed, with and without their numbers ("4.3.
    What is the reference ID?"): what its table of contents lists, however it splits."""
    titles = {" ".join(s.title.split()) for s in doc.sections if len(s.title.split()) >= 2}
    bare = {_NUMBERED.sub("", t) for t in titles}
    # longest first: a title is taken out whole before a shorter one inside it
    return tuple(sorted(titles | {t for t in bare if len(t.split()) >= 2}, key=len, reverse=True))


_SPACE = re.compile(r"\s*")


def _answer_lines(doc: Document) -> frozenset[int]:
    """Where each answer of a FAQ begins: the first line under a heading that asks a question
    ("Where do I get wordlists for use with John?" over "A: http://www.openwall.com/wordlists/"),
    which answers it however short it is."""
    starts = set()
    for section in doc.sections:
        if section.title.rstrip().endswith("?"):
            starts.add(_SPACE.match(doc.text, section.start + len(section.title)).end())
    return frozenset(starts)


# a list of terms, each on a line of its own above what it does: "nosmp" / "disables ACPI
# table parsing and the use of multiple CPU cores" (a nested Markdown list, a definition list)
_LONE_TERM = re.compile(r"[\w.+/:=-]*[A-Za-z][\w.+/:=-]*")
_LOWER_START = re.compile(r"[a-z]+(?=[\s,;:])")  # a word, not a name's first part ("server.port")


def _described_term(
    doc_text: str, units: Sequence[tuple], j: int, headings: list[tuple[int, int]]
) -> int | None:
    """Where the term a lower-case description line describes begins: the line just above it,
    when that line is one word alone (not a heading), or None."""
    first = _LOWER_START.match(doc_text[units[j][0] : units[j][1]])
    if j == 0 or first is None or not is_english(first.group(0)):
        return None  # "server.event-handler set the event handler" is an entry of its own
    start, end = units[j - 1][0], units[j - 1][1]
    term = doc_text[start:end].strip()
    if len(term) > 40 or not _LONE_TERM.fullmatch(term) or any(a <= start and end <= b for a, b in headings):
        return None
    return start if "\n" in doc_text[end : units[j][0]] else None


# "Default: 80 (443 if ssl is enabled)", "Default value: none", "Defaults to yes."
# (not "Default is to trust the well-known CAs", a sentence of its own)
_DEFAULT_LINE = re.compile(r"^\W*(?:default(?:\s+value)?\s*:|defaults\s+to\b)", re.I)
# an entry of an option list opens on its name: "server.port", "max_size", "--verbose"
_OPTION_NAME = re.compile(r"^\W*(?:-{1,2}\w[\w-]*|[A-Za-z][\w-]*(?:[._][\w-]+)+)(?=\s|$|[:=,])")
ENTRY_REACH = 3  # sentences back from a default to the name of its entry


def _entry_start(text: str, units: list, j: int, headings: list[tuple[int, int]]) -> int:
    """Where the entry a default line belongs to begins: the nearest sentence above it, within
    a few, that opens on an option's name; else the sentence right above it."""
    for back in range(j - 1, max(-1, j - 1 - ENTRY_REACH), -1):
        start = units[back][0]
        if any(a <= start < b for a, b in headings) or units[j][1] - start > CHAIN_CHARS:
            break
        if _OPTION_NAME.match(text[start : units[back][1]]):
            return start
    previous = units[j - 1][0]
    return units[j][0] if any(a <= previous < b for a, b in headings) else previous


def lists_titles(sentence: str, titles: tuple[str, ...]) -> bool:
    """Whether a sentence is a table of contents' entries ("3.1 How do I enable mouse support?"
    over "3.2 How do I cut ...", or run together, "? 2.2. How do I make an NTP server? ? 2.3.
    Should all computers ...?"): the titles of sections elsewhere with bullets and numbers
    between them, which answer nothing themselves; their sections do."""
    text = " ".join(sentence.split())
    rest = text
    for title in titles:
        if title in rest:
            rest = rest.replace(title, " ")
    return rest != text and not re.search(r"[^\W\d_]{2,}", rest)


def _paragraph_start(text: str, offset: int) -> int:
    cut = text.rfind("\n\n", 0, offset)
    return 0 if cut < 0 else cut + 2


def candidates(
    index: Index,
    hits: list[Hit],
    query_vector: np.ndarray,
    query_terms: set[str],
    question: str | None = None,
    asks_how: bool | None = None,
) -> list[Evidence]:
    """Every sentence of the hit chunks, scored; each document span appears once. `asks_how`:
    the question asks how (its analysis, where the caller has made it), so a command answers."""
    seen: set[tuple[str, int, int]] = set()
    found: list[Evidence] = []
    raw: list[tuple] = []
    about_literature = bool(_BIBLIOGRAPHIC_QUESTION.search(question)) if question else True
    if asks_how is None:
        asks_how = question is None or analyse(question).kind == "method"
    names = rare_names(index, asked_names(question)) if question else frozenset()
    asked_terms = content_terms(question) if question else set()
    for hit in hits:
        chunk = hit.chunk
        doc = index.documents[chunk.doc_id]
        bibliographic = doc.kind == "reference" or bool(_REFERENCE_SECTION.match(chunk.section or ""))
        vectors = index.sentence_vectors_of(hit.row)
        if doc.kind == "reference":  # a bibliography record is quoted whole
            units = [(chunk.start, chunk.end, index.chunk_vectors[hit.row])]
        else:
            units = [(a, b, vectors[j]) for j, (a, b) in enumerate(chunk.sentences)]
        headings = [(s.start, s.start + len(s.title)) for s in doc.sections]
        titles = section_titles(doc)
        answer_lines = _answer_lines(doc)
        for j, (start, end, vector) in enumerate(units):
            sentence = doc.text[start:end]
            is_heading = any(a <= start and end <= b for a, b in headings)
            if (
                is_heading
                or lists_titles(sentence, titles)
                or (
                    len(sentence.split()) < MIN_WORDS
                    and doc.kind != "reference"
                    and not _short_but_telling(sentence, asks_how, names)
                    and not _short_but_on_point(sentence, asked_terms)
                    and not (start in answer_lines and not is_furniture(sentence))
                )
            ):
                continue
            q_start = start
            # a sentence opening with a pronoun is quoted with the one before it, for sense;
            # it is still scored on its own vector, so the context cannot win it a place
            if _LEANING.match(sentence) and j > 0 and units[j - 1][0] >= _paragraph_start(doc.text, start):
                q_start = units[j - 1][0]
            elif (term := _described_term(doc.text, units, j, headings)) is not None:
                q_start = term  # "nosmp" / "disables ACPI table parsing ...": what it says is of nosmp
            elif _DEFAULT_LINE.match(sentence) and j > 0:
                # "server.port tcp-port to bind the server to" / "Default: 80": a manual's default
                # says whose it is only with the entry above it
                q_start = _entry_start(doc.text, units, j, headings)
            elif (
                _NAMING.match(sentence)
                and j > 0
                and _paragraph_start(doc.text, start) == start
                and not any(a <= units[j - 1][0] and units[j - 1][1] <= b for a, b in headings)
            ):
                # "This facility is called the closure API." opening a paragraph names what the
                # paragraph before it described: quoted with that paragraph (or its last sentence)
                described = _paragraph_start(doc.text, units[j - 1][0])
                q_start = described if end - described <= CHAIN_CHARS else units[j - 1][0]
            key = (chunk.doc_id, q_start, end)
            if key in seen:
                continue
            seen.add(key)
            quote = verified_quote(index, chunk.doc_id, q_start, end)
            if quote is None:
                continue
            is_bib = bibliographic or quote.strip() == doc.title.strip() or bool(_KEYWORDS_LINE.match(quote))
            raw.append((hit, chunk.doc_id, q_start, end, quote, vector, content_terms(quote), is_bib))
    weights = _term_weights(query_terms, [r[6] for r in raw])
    for hit, doc_id, start, end, quote, vector, terms, is_bib in raw:
        dense = float(vector @ query_vector)
        lexical = len(query_terms & terms) / len(query_terms) if query_terms else 0.0
        weighted = (
            sum(weights[t] for t in query_terms & terms) / total if (total := sum(weights.values())) else 0.0
        )
        score = (
            SENTENCE_WEIGHT * dense
            + LEXICAL_WEIGHT * weighted
            + CHUNK_RRF_WEIGHT * hit.score
            + CHUNK_DENSE_WEIGHT * hit.dense
        )
        if is_bib and not about_literature:
            score -= BIBLIOGRAPHIC_PENALTY
        if ASKS.search(quote):
            score -= ASKS_PENALTY
        found.append(Evidence(hit.row, doc_id, start, end, quote, dense, lexical, score, vector, hit.dense))
    found.sort(key=lambda e: -e.score)
    return drop_overlapping(found)


def drop_overlapping(found: list[Evidence]) -> list[Evidence]:
    """Of candidates that overlap in a document, keep the better-scored one only; `found` is
    sorted best first. A sentence quoted alone and the same sentence quoted with the one that
    leans on it ("BTF is new. This is a debugging format ...") are one candidate: the longer
    quote at the better score, since the leaning sentence cannot be quoted alone and is often
    what says what the first one names. The joined candidate keeps the longer quote's passage
    (its row, and the query's closeness to it), since the shorter one's passage may not hold the
    whole of it."""
    kept: list[Evidence] = []
    for ev in found:
        clashes = [
            i for i, k in enumerate(kept) if k.doc_id == ev.doc_id and k.start < ev.end and ev.start < k.end
        ]
        if len(clashes) == 1 and ev.start <= kept[clashes[0]].start and kept[clashes[0]].end <= ev.end:
            kept[clashes[0]] = replace(
                kept[clashes[0]],
                row=ev.row,
                chunk_dense=ev.chunk_dense,
                start=ev.start,
                end=ev.end,
                quote=ev.quote,
            )
            continue
        if len(clashes) == 1 and (chained := _chained(kept[clashes[0]], ev)) is not None:
            kept[clashes[0]] = chained
            continue
        if clashes:
            continue
        kept.append(ev)
    return kept


CHAIN_CHARS = 480  # the longest quote that a chain of leaning sentences is joined into


def _chained(first: Evidence, then: Evidence) -> Evidence | None:
    """Two quotes of a chain of leaning sentences ("... is adding a modeline to the file." / "This
    is a line of text that tells Vim ..."), the later one starting inside the earlier: one quote
    of both, at the better score, so that the last sentence is not lost with the quote it overlaps.
    Both are slices of one document's text, so the joined quote is one too."""
    if (
        not (first.start < then.start < first.end < then.end)
        or then.end - first.start > CHAIN_CHARS
        or first.row != then.row  # within one passage, or the joined quote has none to be shown in
    ):
        return None
    return replace(first, end=then.end, quote=first.quote + then.quote[first.end - then.start :])


def words_of(quote: str) -> str:
    """A quote's words, whatever their spacing and case: the same words at two places match."""
    return " ".join(quote.split()).lower()


REPEATED_WORDS = 0.5  # the share of a quote's words said already that makes it a repeat


def _repeats_words(quote: str, said: str) -> bool:
    """Whether at least half the quote's words (of four letters or more) are in the quote said; a
    quote with no such word ("Use it.") says nothing new."""
    words = set(re.findall(r"\w{4,}", quote.lower()))
    return not words or len(words & set(re.findall(r"\w{4,}", said.lower()))) >= REPEATED_WORDS * len(words)


def select(
    found: list[Evidence],
    limit: int = 4,
    margin: float = 0.15,
    diversity: float = 1.0,
    duplicate: float = 0.85,
    same: float = 0.95,
    foreign_margin: float | None = None,
) -> list[Evidence]:
    """Maximal marginal relevance over the candidates close to the best one; a candidate that
    nearly repeats one already chosen is passed over. Close in meaning is not a repeat by itself:
    "You can also delete virtualenvs with virtualenv-delete" is another answer beside "Removing
    the directories will delete the virtualenv" (cosine 0.87), so below `same` a candidate is a
    repeat only if at least half its words were already said."""
    if not found:
        return []
    same = max(same, duplicate)  # a caller's higher `duplicate` is not undercut by `same`
    # a sentence from another document than the best one's joins only this close to it (a
    # library of several documents: "importance of energy" beside "the Important field")
    foreign = margin if foreign_margin is None else foreign_margin
    pool = [
        e
        for e in found[1:]
        if e.score >= found[0].score - (margin if e.doc_id == found[0].doc_id else min(margin, foreign))
    ]
    chosen: list[Evidence] = [found[0]]
    while pool and len(chosen) < limit:

        def redundancy(e: Evidence) -> float:
            return max(float(e.vector @ c.vector) for c in chosen)

        def repeats(e: Evidence) -> bool:
            return any(
                (closeness := float(e.vector @ c.vector)) > same
                or (closeness > duplicate and _repeats_words(e.quote, c.quote))
                for c in chosen
            )

        # the same words at another place (a contents line and its heading) are said once
        said = {words_of(c.quote) for c in chosen}
        pool = [e for e in pool if not repeats(e) and words_of(e.quote) not in said]
        if not pool:
            break
        nxt = max(pool, key=lambda e: diversity * e.score - (1 - diversity) * redundancy(e))
        chosen.append(nxt)
        pool = [e for e in pool if e is not nxt]
    return chosen
