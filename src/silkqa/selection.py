"""Answer-type-aware evidence: from scored candidate sentences to the ones that answer.

The reader's string functions (reader.py) say how well a sentence fits the kind of answer
asked for; this module applies them to evidence from the index: re-ranking, joining a
restatement to the reason that follows it, adding a term's defining first mention, and
quoting where a document names its author, affiliation or date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from .documents import Document
from .evidence import (
    ASKS,
    ASKS_PENALTY,
    BIBLIOGRAPHIC_PENALTY,
    COMMAND,
    Evidence,
    drop_overlapping,
    is_furniture,
    lists_titles,
    section_titles,
    verified_quote,
)
from .lexical import content_terms
from .overview import (
    TAGLINE_REACH,
    abstract_spans,
    introduction_spans,
    overview_units,
    own_name,
    says_what_it_is,
    tagline,
)
from .questions import CLASS_NOUNS, Question
from .reader import (
    _CAUSAL,
    _DATE,
    _NOT_DESCRIBING,
    SMALL_NUMBERS,
    _defines,
    acronym_expansion,
    asks_expansion,
    defines_by_kind,
    fit,
    made_by_the_text,
    mentions_subject,
    restates,
    subject_forms,
    writer_of_a_text_asked,
    writes_acronym,
)
from .retrieval import Hit
from .store import Index
from .titlepage import SIGN_OFF_REACH

TYPE_WEIGHT = 0.12  # how far a sentence's fit to the answer type moves it (scores span ~0.3)
FURNITURE_PENALTY = 0.5
EXPANSION_BONUS = 0.3  # a sentence that spells out the acronym asked about, over any near it in meaning
CODE_PENALTY = 0.15  # source code answers questions that name code, not prose questions
_IDENTIFIER = re.compile(r"\w+\(\)|\b[a-z]+_[a-z_]+\b|\b[A-Z]+_[A-Z_]+\b|\b[a-z]+[A-Z]\w*\b")


@lru_cache(maxsize=8192)  # the same sentences are candidates for many questions
def looks_like_code(text: str) -> bool:
    """Source code rather than prose: dense in the punctuation programs are made of."""
    symbols = sum(text.count(c) for c in "{};=<>*/#&|[]")
    letters = sum(map(str.isalpha, text)) or 1
    return symbols / letters > 0.06 or bool(
        re.search(r"/\*|\*/|;\s*$|^\s*#include|\breturn\b.*;|^\s*(?:#|//)\s+\S", text, re.M)  # or a comment
    )


# "This paper analyzes ...": a document describing itself says what it covers, not what it
# finds, and answers only overview questions.
SELF_DESCRIPTION_PENALTY = 1.0
QUESTION_PENALTY = 1.0  # of TYPE_WEIGHT: a sentence that asks ("Where can I get grap?")
ABSTRACT_PENALTY = 0.4  # of TYPE_WEIGHT: an abstract sentence yields to an equally good one of the body
CHANGELOG_PENALTY = 0.5  # of TYPE_WEIGHT: "-p: set oom_score_adj to -100 instead of -1000 (#170)"
# yields to the options list's "-p  set niceness of earlyoom to -20 ..." for "-p flag meaning"
_CHANGELOG_TITLE = re.compile(
    r"change ?log|^\W*(?:[\d.]+\s*)?(?:recent\s+)?changes\W*$|release notes|what['’]?s new|^\W*news\W*$", re.I
)
# "2.16.2 (June 2022)", "v1.7", "Version 3.0 - 2019-01-02": a release's heading
_RELEASE_TITLE = re.compile(
    r"^\W*(?:(?:v|version\s|release\s)\s*\d+(?:\.\d+)+|\d+(?:\.\d+)+\]?\s*[-–—(\[,]?\s*(?:\d{4}|[A-Z][a-z]+\s+\d{4}))"
    r"(?:\W*$|\s*[-–—(\[,])",
    re.I,
)
_BARE_VERSION = re.compile(r"^\W*v?\d+(?:\.\d+)+\W*$")
CHANGE_KINDS = re.compile(
    r"^\W*(?:added|changed|fixed|removed|deprecated|security|features?|bug ?fixes|fixes|improvements?|"
    r"breaking changes?|misc\w*|other|internal|documentation|performance|dependencies)\W*$",
    re.I,
)
# a question about what changed, and when, asks a changelog
_ASKS_CHANGES = re.compile(
    r"\b(?:versions?|releases?d?|changed?|changes|added|adds|new|fixed|removed|deprecated|since|history|"
    r"introduced|contributed|first|last|latest|earlier|older|newer|previous(?:ly)?|now|anymore|still|v?\d+\.\d+)\b",
    re.I,
)


def in_changelog(doc: Document, offset: int) -> bool:
    """The offset lies in a changelog's entry: under "Changelog" / "NEWS" / "Release notes", or
    under a release's heading, climbing over change kinds ("Fixed") and bare versions ("1.7")."""
    versioned = False  # a heading climbed over was a release's: "Security" after "Changelog" is not in it
    for i, title in enumerate(doc.headings_above(offset, 4)):
        if _RELEASE_TITLE.match(title) or (_CHANGELOG_TITLE.search(title) and (i == 0 or versioned)):
            return True
        if _BARE_VERSION.match(title):
            versioned = True
        elif not CHANGE_KINDS.match(title):
            return False
    return False


_ABOUT_ITSELF = re.compile(
    r"\b(?:this|the present|our) (?:paper|article|study|document|report|thesis|chapter|work)\s+"
    r"(?:\w+\s+)?(?:analy[sz]es|discusses|examines|describes|presents|explores|investigates|studies|reviews|"
    r"introduces|proposes|aims|attempts|focuses)\b",
    re.I,
)
FIRST_DEFINITION_BONUS = 1.0  # of TYPE_WEIGHT: the first sentence of a document that defines the term
NEXT_SENTENCE_BONUS = 0.5  # of TYPE_WEIGHT: the sentence after a restatement, for why/how
_OPENS_REASON = re.compile(
    r"^\W*(?:this|that|these|they|it|because|since|as|so|otherwise|the reason|without (?:it|this|that|them))\b"
    # what happens if not: "I need to escape the * with a backslash. If I don't, the shell ..."
    r"|^\W*if (?:i|you|we|one|it|they|not)\b(?:\s+(?:do|does|did)(?:n['’]t| not))?\s*,",
    re.I,
)


# what happens if it is not done: "If I don't, the shell may expand it", "Otherwise, ..."
_IF_NOT = re.compile(
    r"^\W*(?:if (?:i|you|we|one|it|they|not)\b(?:\s+(?:do|does|did)(?:n['’]t| not))?\s*,|otherwise\b)", re.I
)


def _followed_by_what_if_not(index: Index, ev: Evidence) -> bool:
    """ "You need to escape the * with a backslash." says what to do; the sentence after it,
    "If you don't, the shell expands it", says why."""
    after = _sentence_after(index, ev)
    return (
        after is not None and _IF_NOT.match(index.documents[ev.doc_id].text[after[0] : after[1]]) is not None
    )


def _asks_as_asked(quote: str, q: Question) -> bool:
    """An FAQ's question that restates the asker's: the paragraph below it answers them both."""
    return ASKS.search(quote) is not None and restates(quote, q)


def _in_abstract(index: Index, ev: Evidence) -> bool:
    """An abstract restates what the body says in detail; the body is the better quote for a
    specific question."""
    return any(a <= ev.start < b for a, b in abstract_spans(index.documents[ev.doc_id]))


# a sentence that introduces what follows it: "install it with pip:", and Vim's help marks an
# example below with a trailing ">" ("you can use the following command: >")
_INTRODUCES = re.compile(r":(?:\s+>)?\s*$")


def introduces(sentence: str) -> bool:
    """Whether a sentence ends by introducing what follows it (a command, a list)."""
    return _INTRODUCES.search(sentence) is not None


def _sentence_after(
    index: Index, ev: Evidence, onto_next_paragraph: bool = False
) -> tuple[int, int, np.ndarray] | None:
    """The next sentence in the same paragraph (or the next paragraph's first, after a sentence
    that introduces it or an FAQ's question), with its vector."""
    chunk = index.chunks[ev.row]
    vectors = index.sentence_vectors_of(ev.row)
    text = index.documents[ev.doc_id].text
    for j, (a, b) in enumerate(chunk.sentences):
        if a >= ev.end and j < len(vectors):
            # a sentence ending in a colon introduces what follows it, even the command below it
            if "\n\n" in text[ev.end : a] and not (onto_next_paragraph or introduces(ev.quote)):
                return None
            return a, b, vectors[j]
    return None


_OPENS_CONSEQUENCE = re.compile(
    r"^\W*(?:consequently|therefore|thus|hence|as a result|for (?:this|that|these) reasons?|"
    r"this is why|that is why|that's why|accordingly)\b",
    re.I,
)


def _sentence_before(index: Index, ev: Evidence, paragraphs: int = 0) -> tuple[int, int] | None:
    """The previous sentence of the evidence's chunk, in the same paragraph or at most
    `paragraphs` paragraph breaks before it."""
    chunk = index.chunks[ev.row]
    text = index.documents[ev.doc_id].text
    before = [(a, b) for a, b in chunk.sentences if b <= ev.start]
    if not before or text[before[-1][1] : ev.start].count("\n\n") > paragraphs:
        return None
    return before[-1]


def _quoted_from(index: Index, q: Question, ev: Evidence, start: int) -> Evidence | None:
    """The evidence quoted from an earlier sentence's start, scored as an answer in two parts."""
    quote = verified_quote(index, ev.doc_id, start, ev.end)
    if quote is None:
        return None
    bonus = TYPE_WEIGHT * (fit(q, quote) + NEXT_SENTENCE_BONUS)
    return replace(ev, start=start, quote=quote, score=ev.score + bonus)


def _with_premise(index: Index, q: Question, ev: Evidence) -> Evidence | None:
    """ "Consequently, there is no reason to favor CRC-32 ..." draws a conclusion; for a why
    question the reason is the sentence before it, so the two are quoted together."""
    if q.kind != "reason" or not _OPENS_CONSEQUENCE.match(ev.quote):
        return None
    before = _sentence_before(index, ev)
    if before is None:
        return None
    return _quoted_from(index, q, ev, before[0])


_ANNOUNCES_REASONS = re.compile(r"\breasons?\b|\bbecause\b|\bwhy\b", re.I)


def _with_reason(index: Index, q: Question, ev: Evidence) -> Evidence | None:
    """A restatement of a why/how question joined with the sentence after it, when that
    sentence gives the reason ("... no point in checking the return code. The deallocation
    can't fail."); and an FAQ's question that restates the asker's, with its answer below it."""
    leads_in = introduces(ev.quote)  # "install it with pip:" and the command below
    if leads_in and q.kind != "method" and not (q.kind == "reason" and _ANNOUNCES_REASONS.search(ev.quote)):
        return None  # a command is how, not why; but "..., for three reasons:" is read with its first
    faq = _asks_as_asked(ev.quote, q)
    after = _sentence_after(index, ev, onto_next_paragraph=faq)
    if after is None:
        return None
    a, b, vector = after
    following = index.documents[ev.doc_id].text[a:b]
    leads_on = (
        _CAUSAL.search(following) or _OPENS_REASON.match(following) or len(following.split()) < 8 or leads_in
    )
    if not (leads_on or faq or restates(ev.quote, q) or ev.lexical >= 0.5):
        return None
    quote = verified_quote(index, ev.doc_id, ev.start, b)
    if quote is None:
        return None
    # an FAQ's answer is read alone: its question may name what the asker asked for
    bonus = TYPE_WEIGHT * (fit(q, following if faq else quote) + NEXT_SENTENCE_BONUS)
    return replace(ev, end=b, quote=quote, score=ev.score + bonus)


def _with_introduction(index: Index, q: Question, ev: Evidence) -> Evidence | None:
    """A command or a paragraph that a sentence ending in a colon introduces ("To install, use
    pip:" above "$ pip install jsonpath-ng"), quoted with that sentence for a how question: the
    command alone does not say what it does, the sentence alone does not say how."""
    if q.kind != "method" or introduces(ev.quote):
        return None
    before = _sentence_before(index, ev, paragraphs=1)  # the paragraph right after it, no further
    text = index.documents[ev.doc_id].text
    if before is None or not introduces(text[before[0] : before[1]]):
        return None
    return _quoted_from(index, q, ev, before[0])


INTRODUCED_LINE_CHARS = 200  # a signature, a value, a command: one line, not a paragraph


def _with_the_line_it_introduces(index: Index, q: Question, ev: Evidence) -> Evidence | None:
    """ "They all share the same signature:" above "void xmlXPathFunc (...);": a sentence ending in
    a colon promises what the line below it gives, and for a question that asks what (why and how
    join theirs in _with_reason) the two are one quote, at the sentence's own score: the line
    alone does not say what it is, and the join makes the sentence no better an answer (scored
    higher, it led where it answered nothing: studied blind 38-51 lost 11 cited answers)."""
    if q.kind in {"reason", "method"} or not introduces(ev.quote) or ev.quote.rstrip().endswith(">"):
        return None
    after = _sentence_after(index, ev)
    if after is None:
        return None
    a, b, _ = after
    text = index.documents[ev.doc_id].text
    following = text[a:b]
    if "\n" in following or len(following) > INTRODUCED_LINE_CHARS:
        return None
    after_it = _line_from(text, b, index.chunks[ev.row].end)
    if (
        not (looks_like_code(following) or COMMAND.search(following))
        and after_it is not None
        and is_list_item(next_line := text[after_it[0] : after_it[1]].strip())
        and _shape(next_line) == _shape(following)
    ):
        return None  # a list's first item: the list is _with_its_list's, quoted whole or not at all
    quote = verified_quote(index, ev.doc_id, ev.start, b)
    if quote is None:
        return None
    return replace(ev, end=b, quote=quote)


# "(This disables the prompt that would appear when you click 'Save.')": a bracketed sentence that
# says what the one before it means
_GLOSS = re.compile(r"\((?:(?:This|That|These|It|Which|In other words)\b|I\.e\.)[^()]*\)\.?", re.I)
GLOSS_CHARS = 240


def _with_its_gloss(index: Index, ev: Evidence) -> Evidence | None:
    """'The "save over" option is enabled.' above "(This disables the prompt ...)": the sentence
    says what is set, its bracketed gloss what that does; quoted as one, at the sentence's score
    (the gloss alone does not say what "This" is)."""
    after = _sentence_after(index, ev)
    if after is None:
        return None
    a, b, _ = after
    text = index.documents[ev.doc_id].text
    if b - a > GLOSS_CHARS or "\n" in text[ev.end : a] or not _GLOSS.fullmatch(text[a:b].strip()):
        return None
    return _quoted_to(index, ev, b)


# a setting's reference entry: its description, then "Default: localhost:5232", "Available levels:
# debug, info, ...", "Possible values: ..." on lines of their own
_SETTING_LINE = re.compile(
    r"(?:Default(?: value)?s?|(?:Available|Possible|Allowed|Valid|Accepted|Supported) [\w -]{1,30}|Values?|Type|Range|Unit)"
    r"\s*:(?:[ \t]+\S[^\n]*)?",
    re.I,
)
SETTING_LINES = 2
SETTING_LINE_CHARS = 160


def _with_its_setting_lines(index: Index, ev: Evidence) -> Evidence | None:
    """ "Delete sync-token that are older than the specified time. (seconds)" above "Default:
    2592000": a setting's description and the lines under it that give its default and its values
    are one entry, quoted as one at the description's score (the line alone does not say what it
    is the default of, the description alone not what the default is)."""
    if _SETTING_LINE.fullmatch(ev.quote.strip()):
        return None
    end = ev.end
    for taken, (gap, a, b, line) in enumerate(_sentences_after(index, ev)):
        if (
            taken == SETTING_LINES
            or gap.strip()
            or b - a > SETTING_LINE_CHARS
            or not _SETTING_LINE.fullmatch(line.strip())
        ):
            break
        end = b
    return _quoted_to(index, ev, end) if end > ev.end else None


def _sentences_after(index: Index, ev: Evidence) -> Iterator[tuple[str, int, int, str]]:
    """The sentences of the evidence's chunk after it, onto the next paragraphs: (the text between
    the previous one and it, its start, its end, its text)."""
    text = index.documents[ev.doc_id].text
    end = ev.end
    while (after := _sentence_after(index, replace(ev, end=end), onto_next_paragraph=True)) is not None:
        a, b, _ = after
        yield text[end:a], a, b, text[a:b]
        end = b


def _quoted_to(index: Index, ev: Evidence, end: int) -> Evidence | None:
    """The evidence quoted on to `end`, at its own score."""
    quote = verified_quote(index, ev.doc_id, ev.start, end)
    return None if quote is None else replace(ev, end=end, quote=quote)


# "There are two ways a system can get into a broken state like this." and the sentences that
# name them, each opening on its place in the count ("The first is ...", "The second ...")
_COUNTS_WAYS = re.compile(
    rf"\b(?:there\s+are|there're|are|has|have)\s+(?P<n>[2-9]|{'|'.join(SMALL_NUMBERS[2:10])})\s+(?:[\w-]+\s+){{0,2}}?"
    r"(?:ways?|reasons?|kinds?|types?|steps?|cases?|methods?|options?|modes?|causes?|possibilities|approaches|"
    r"problems?|parts?|stages?|phases?|forms?|sources?)\b[^.:]*\.\s*$",
    re.I,
)
_ORDINAL_OPENING = re.compile(
    r"^\W*(?:the\s+(?:first|second|third|fourth|fifth|other|last)\b|(?:first|second|third|fourth|fifth)(?:ly)?\b,?|"
    r"one\s+(?:is|way|reason|case)\b|another\b|finally\b|lastly\b)",
    re.I,
)
COUNTED_CHARS = 700


def _with_the_items_it_counts(index: Index, ev: Evidence) -> Evidence | None:
    """ "There are two ways ..." above "The first is caused by ..." and "The second is if ...": a
    sentence that counts things is quoted with the sentences that name them, at its own score
    (alone it names none of them)."""
    counted = _COUNTS_WAYS.search(ev.quote)
    if counted is None:
        return None
    n = counted.group("n")
    wanted = int(n) if n.isdigit() else SMALL_NUMBERS.index(n.lower())
    end, taken = ev.end, 0
    for gap, _, b, sentence in _sentences_after(index, ev):
        if taken == wanted:
            break
        opens_item = (
            _ORDINAL_OPENING.match(re.sub(r"^(?:\[\d+\]\s*)+", "", sentence)) is not None
        )  # "[2] The second"
        # an item's further sentences go with it, within its paragraph
        if not opens_item and (taken == 0 or "\n\n" in gap):
            break
        end, taken = b, taken + opens_item
        if b - ev.start > COUNTED_CHARS:
            return None
    return _quoted_to(index, ev, end) if taken == wanted else None


LIST_ITEMS = 8  # at most this many items of a list are quoted with the sentence that introduces it
LIST_ITEM_WORDS = 16  # an item longer than this is a paragraph of its own, not an item
LIST_CHARS = 600


# a definition list's entry as the markup writes it, "frontend :   the command line interface": its
# term keeps it an item however long its description, which may or may not end a sentence
_DEFINED_ITEM = re.compile(r"[^\s:][^:\n]{0,40}?\s:\s{2,}\S")
DEFINED_ITEM_WORDS = 32


def is_list_item(item: str) -> bool:
    """A short line of prose, as a list's items are: not a command or code (the introduction of a
    how question's command is _with_introduction's), nor the introduction of another list."""
    return (
        bool(item)
        and len(item.split()) <= (DEFINED_ITEM_WORDS if _DEFINED_ITEM.match(item) else LIST_ITEM_WORDS)
        and not introduces(item)
        and item[0] not in "$>#`"
        and (not looks_like_code(item) or bool(_NAME_ALONE.fullmatch(item)))
        and not COMMAND.search(item)
    )


# a name alone on its line ("mod_indexfile", "server.port"): a list of modules or options, which
# code's look (the underscore, the dot) does not make code
_NAME_ALONE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[_.-][A-Za-z0-9]+)+")


def _shape(item: str) -> tuple[bool, bool]:
    """How an item is written: capitalised or not, a sentence or not; a list's items agree."""
    if _DEFINED_ITEM.match(item):
        return item[0].isupper(), False
    return item[0].isupper(), item.endswith((".", "!", "?"))


def _line_from(text: str, at: int, limit: int) -> tuple[int, int] | None:
    """The next line with text at or after `at`, before `limit`: its start and end, stripped."""
    while at < limit and text[at].isspace():
        at += 1
    if at >= limit:
        return None
    end = text.find("\n", at, limit)
    end = limit if end < 0 else end
    return at, len(text[:end].rstrip())


def _with_its_list(index: Index, ev: Evidence) -> Evidence | None:
    """A sentence ending in a colon quoted with the short items below it ("make sure you have
    filled out the following fields:" / "license" / "description" / ...): the sentence alone
    promises an answer it does not give, and each item alone is too short to be a candidate.
    Only a whole list within the sentence's passage: one cut short would read as complete."""
    if not introduces(ev.quote) or ev.quote.rstrip().endswith(">"):  # Vim's ": >" opens an example
        return None
    doc = index.documents[ev.doc_id]
    text, limit = doc.text, index.chunks[ev.row].end
    headings = {section.start for section in doc.sections}
    end, shapes, names = ev.end, [], False
    line = _line_from(text, ev.end, limit)
    while line is not None:
        item = text[line[0] : line[1]].strip()
        if line[0] in headings or (shapes and _shape(item)[1] != shapes[0][1]):
            break  # a heading, or a sentence after items that are none: the list has ended
        if names and not _NAME_ALONE.fullmatch(item):
            break  # "mod_indexfile" / "mod_staticfile" / "server.tag set the ...": a list of names ends
        names = names if shapes else bool(_NAME_ALONE.fullmatch(item))
        if shapes and (not is_list_item(item) or _shape(item) != shapes[0]):
            if _may_be_an_item(item):  # read as code or a command, or capitalised otherwise
                return None  # ("GCC/Clang or MSVC" after "a C compiler"): not half a list
            break
        if not is_list_item(item):
            break
        if len(shapes) == LIST_ITEMS or line[1] - ev.start > LIST_CHARS:
            return None  # longer than an answer can quote
        shapes.append(_shape(item))
        end = line[1]
        line = _line_from(text, end, limit)
    if len(shapes) < 2 or shapes[0][1] or (line is None and _continues(text, end, shapes[0], headings)):
        # no list; or items written as sentences, which the short paragraphs after a list are
        # too (the markup's list marks are gone); or the passage ends inside it
        return None
    quote = verified_quote(index, ev.doc_id, ev.start, end)
    return None if quote is None else replace(ev, end=end, quote=quote)


def _may_be_an_item(item: str) -> bool:
    """A short line, written like the items before it, that is_list_item refused only as code or a
    command: it may be the list's next item, so the list's end is not known."""
    return (
        len(item.split()) <= LIST_ITEM_WORDS
        and not introduces(item)
        and item[0] not in "$>#`"
        and not COMMAND.search(item)  # "make -j4" after the list: a code block, not an item
        and not re.match(r"\.{0,2}/|\S+=", item)  # "./configure", "CC=clang"
    )


def _continues(text: str, end: int, shape: tuple[bool, bool], headings: set[int]) -> bool:
    """Whether a list that reaches the end of its passage goes on past it."""
    line = _line_from(text, end, len(text))
    if line is None:
        return False
    item = text[line[0] : line[1]].strip()
    return line[0] not in headings and is_list_item(item) and _shape(item) == shape


def _first_mentions(index: Index, found: list[Evidence], subject: str) -> set[tuple[str, int, int]]:
    """Evidence holding the first mention of a term in its document (where terms are defined)."""
    firsts = set()
    pattern = re.compile(
        "|".join(rf"(?<!\w){re.escape(form)}(?!\w)" for form in subject_forms(subject)), re.I
    )
    for ev in found:
        match = pattern.search(index.documents[ev.doc_id].text)
        if match and ev.start <= match.start() < ev.end:
            firsts.add(ev.key)
    return firsts


def _is_title(index: Index, ev: Evidence) -> bool:
    """Whether a quote is its document's title line (which candidates rank as bibliographic)."""
    return ev.quote.strip() == index.documents[ev.doc_id].title.strip()


def _is_heading(doc: Document, start: int) -> bool:
    """Whether a sentence starts at the document's title or at a section heading. A README that
    opens with prose ("etckeeper is a collection of tools ...") is titled by its file name: its
    first sentence is no title."""
    return any(section.start == start for section in doc.sections) or (
        start == 0 and doc.text.lstrip().startswith(doc.title.strip())
    )


# Under a heading that names it (a lint in a list of lints, an option in a manual), a section's
# first paragraph says what the thing is, calling it "it" or "this lint": "It detects items
# missing documentation." A sentence there that says what it does or is defines the heading's
# term; one that gives its default ("This lint is allowed by default") does not.
_SAYS_WHAT_IT_DOES = re.compile(
    rf"\W*(?:it|this(?:\s+[\w-]+)?|the\s+[\w-]+)\s+(?:(?:is|are)\s+(?:an?|the|used|meant)\b|"
    rf"(?!{_NOT_DESCRIBING}\b)[a-z]{{2,}}[^s\W]s\b)",
    re.I,
)
_BY_DEFAULT = re.compile(r"\bby default\b", re.I)


def _heading_words(text: str) -> list[str]:
    """A heading's or a subject's words, without quotes, brackets and a member's leading dot
    (".useKeyPrefix", ".clear()")."""
    return [w.lstrip(".") or w for w in re.sub(r"[`'\"“”‘’()\[\]]+", " ", text).lower().split()]


# In a reference's entry the description opens with its verb, the term being the line above:
# "PRESENTEVENTID { XID }" / "Defines a unique event delivery target ...", "--quiet" / "Suppresses
# all output."
_DESCRIBES_THE_TERM = re.compile(
    r"\W*(?!(?i:this|thus|its|is|was|has|as|does|yes|always|perhaps|unless|besides|sometimes|plus|"
    r"status|less|process|access|class|address|success|series|news|analysis|basis|nevertheless|"
    r"whereas|across|afterwards|nowadays|towards|upwards|downwards|backwards|forwards|regardless|alas|"
    r"nonetheless|doubtless)\b)"
    r"[A-Z][a-z]{2,}s\s+(?:a|an|the|its|their|whether|how|what|which|one|all|each|every|any|no|when|if)\b"
)
TERM_LINE_WORDS = 8  # a term line names a thing and at most its short signature or argument
# after the term, a term line holds at most its signature: "{ XID }", "(path, mode)", "<n>", "-q"
# (an option after a space: "kiln-id" is another term than "kiln")
_SIGNATURE = re.compile(r"\s*(?:$|[{(\[<])|\s+-{1,2}\w|,\s*-")
_SHORT_OPTION = r"(?:-\w,\s*)?"  # "-q, --quiet": the long option is the term's name


def _line_above(text: str, line_start: int) -> str:
    """The last line with text before the line that starts at `line_start`, stripped."""
    end = line_start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return text[text.rfind("\n", 0, end) + 1 : end].strip()


def described_after_term_line(doc: Document, start: int, end: int, subject: str) -> bool:
    """The first sentence of the line after a term line (an entry of a reference: a type, a
    function, an option, named alone or with its signature), saying what the term does or is.
    A heading is not a term line here: the rule for headings is stricter about their words."""
    wanted = _heading_words(subject)
    text = doc.text
    line_start = text.rfind("\n", 0, start) + 1
    if not wanted or text[line_start:start].strip():
        return False
    term = _line_above(text, line_start)
    if not term or len(term.split()) > TERM_LINE_WORDS or term[-1] in ".!?:,;":
        return False
    if any(section.title.strip() == term for section in doc.sections):
        return False
    named = re.match(_SHORT_OPTION + r"[`'\"“‘]*" + re.escape(subject) + r"[`'\"”’]*", term, re.I)
    if named is None or not _SIGNATURE.match(term[named.end() :]):
        return False
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text[start:end])[0]
    return not _BY_DEFAULT.search(first) and bool(
        _DESCRIBES_THE_TERM.match(first) or _SAYS_WHAT_IT_DOES.match(first) or _defines(first, subject)
    )


_MEMBER_NAME = re.compile(r"\.[A-Za-z_]\w*(?:\([^()]*\))?")  # ".useKeyPrefix", ".clear()", ".get(key)"
_CLASS_TAIL = re.compile(rf"\s+{CLASS_NOUNS}$", re.I)
# an API reference's field lines above an entry's description: "Type: Boolean Default: true"
_FIELD_LINES = re.compile(
    r"(?:(?:Type|Default|Since|Required|Returns?|Values?|Deprecated)\s*:\s*\S[^\n]*\s*)+"
)


def defined_under_heading(doc: Document, start: int, end: int, subject: str) -> bool:
    """A sentence of the first paragraph under the heading that names `subject`, saying what it
    does or is (see _SAYS_WHAT_IT_DOES), or the description under its entry's term line. A
    subject asked with its class word ("useKeyPrefix option") is named by a heading without it."""
    bare = _CLASS_TAIL.sub("", subject)
    return any(_defined_under(doc, start, end, s) for s in dict.fromkeys([subject, bare]) if s)


def _defined_under(doc: Document, start: int, end: int, subject: str) -> bool:
    if described_after_term_line(doc, start, end, subject):
        return True
    wanted = _heading_words(subject)
    section = doc.section_of(start)
    if not wanted or section is None or start == section.start:
        return False
    title = _heading_words(section.title)
    # "Embed a limited set of ICU data (small-icu)": a heading may name its subject last; a
    # name in capitals there is more often a qualifier ("Installing on Windows (WSL)")
    named = re.search(r"\(([^()]+)\)\W*$", section.title)
    if (title[: len(wanted)] != wanted or len(title) > len(wanted) + 1) and not (
        named and not named.group(1).isupper() and _heading_words(named.group(1)) == wanted
    ):
        return False
    text = doc.text
    body = section.start + len(section.title)
    while body < len(text) and text[body].isspace():
        body += 1
    paragraph_end = text.find("\n\n", body)
    fields = _FIELD_LINES.match(text, body)
    if fields and paragraph_end >= 0 and fields.end() >= paragraph_end:  # the entry's type and default
        body = paragraph_end + 2
        paragraph_end = text.find("\n\n", body)
    if start < body or (paragraph_end >= 0 and start > paragraph_end):
        return False
    # an API reference's entry (".useKeyPrefix", ".clear()") opens with what the member does,
    # in whatever words: "If set to true Keyv will prefix all keys ...", "Delete all entries ..."
    if (
        _MEMBER_NAME.fullmatch(section.title.strip())
        and start == body
        and not looks_like_code(text[start:end])
    ):
        return True
    # a quote may join short sentences ("This lint is allowed by default. It detects ...")
    return any(
        not _BY_DEFAULT.search(sentence)
        and (bool(_SAYS_WHAT_IT_DOES.match(sentence)) or _defines(sentence, subject))
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text[start:end])
    )


def _introduces_better(ev: Evidence, than: Evidence, subject: str) -> bool:
    """Whether `ev` rather than `than` introduces X, of two sentences defining it: the earlier,
    unless the earlier lies past the document's opening and only the later says what kind of
    thing X is."""
    first, later = (ev, than) if ev.start < than.start else (than, ev)
    better = first
    if (
        first.start > TAGLINE_REACH
        and not defines_by_kind(first.quote, subject)
        and defines_by_kind(later.quote, subject)
    ):
        better = later
    return better is ev


def _defining_sentences(
    index: Index, q: Question, pool: list[Hit], query_vector: np.ndarray, found: list[Evidence]
) -> list[Evidence]:
    """For "What is X?": the sentence of each retrieved document that defines X, wherever it
    sits — a document usually says what X is where X first appears, which need not be the
    passage that talks about X most."""
    subject = q.acronym or q.subject
    if not subject or not found:
        return []
    have = {ev.key for ev in found}
    docs = list(dict.fromkeys(h.chunk.doc_id for h in pool))
    base = found[0].score
    extra = []
    introduced: set[str] = set()
    introduced_by_kind: set[str] = set()
    # whether a document's first sentence defining X settles what X is: it opens the document,
    # or it says what kind of thing X is
    settled: dict[str, bool] = {}
    titles: dict[str, tuple[str, ...]] = {}
    # a document named for the term may say what it is without naming it: as "this" in its
    # introduction ("This is a console based decoder/player ..."), or in a tagline under its title
    introductions = {
        d: [*introduction_spans(index.documents[d], among=None), (0, TAGLINE_REACH)]
        for d in docs
        if q.acronym is None and own_name(index.documents[d], subject)
    }
    for row in (r for d in docs for r in index.rows_of(d)):
        chunk = index.chunks[row]
        if (
            not mentions_subject(chunk.text, subject)
            and not (q.acronym is not None and acronym_expansion(chunk.text, q.acronym) is not None)
            and not any(a < chunk.end and chunk.start < b for a, b in introductions.get(chunk.doc_id, ()))
        ):  # a chunk that neither names the term nor spells the acronym out cannot define it
            continue
        vectors = index.sentence_vectors_of(row)
        text = index.documents[chunk.doc_id].text
        for j, (a, b) in enumerate(chunk.sentences):
            sentence = text[a:b]
            spells = q.acronym is not None and acronym_expansion(sentence, q.acronym) is not None
            # "what is tzlocal?" in tzlocal's README: "This Python module returns ..." says it
            itself = says_what_it_is(index.documents[chunk.doc_id], a, b, subject) or (
                q.kind == "definition" and defined_under_heading(index.documents[chunk.doc_id], a, b, subject)
            )
            if (
                not (spells or itself or _defines(sentence, subject))
                # a short line only where it writes the acronym beside its expansion: "Continuous
                # Integration (CI) Testing:", not a heading whose initials happen to match
                or (len(sentence.split()) < 5 and not (spells and q.acronym and q.acronym in sentence))
                or is_furniture(sentence)
            ):
                continue
            # "X: A Tool for Y" is a title, which says what X is for, not what it is; but a title
            # that spells an acronym out ("ftfy: fixes text for you") says what it stands for
            if _is_heading(index.documents[chunk.doc_id], a) and not spells:
                continue
            if not spells:  # "Real-time clock issues ? 5.1.": the contents, which define nothing
                if chunk.doc_id not in titles:  # once per document, for the few sentences that get here
                    titles[chunk.doc_id] = section_titles(index.documents[chunk.doc_id])
                if lists_titles(sentence, titles[chunk.doc_id]):
                    continue
            # chunks come in document order: the first sentence that says what X is, and the
            # first that says what kind of thing X is ("X is a library ...")
            first = chunk.doc_id not in introduced
            introduced.add(chunk.doc_id)
            by_kind = not spells and defines_by_kind(sentence, subject)
            # the first that says what kind of thing X is outranks earlier mentions that say less
            # ("lp_solve is totally free", "lp_solve prints ..."), unless one opens the document
            first_by_kind = (
                by_kind and chunk.doc_id not in introduced_by_kind and not settled.get(chunk.doc_id)
            )
            if by_kind:
                introduced_by_kind.add(chunk.doc_id)
            settled.setdefault(chunk.doc_id, a <= TAGLINE_REACH or by_kind)
            if j >= len(vectors) or (chunk.doc_id, a, b) in have:
                continue
            dense = float(vectors[j] @ query_vector)
            # an acronym's expansion, or the sentence that first says what X is, is the answer
            # wherever it sits; a later "X is ..." only may be
            certain = first or spells or first_by_kind
            start = base if certain else base - TYPE_WEIGHT
            extra.append(Evidence(row, chunk.doc_id, a, b, sentence, dense, 0.0, start, vectors[j], dense))
            have.add((chunk.doc_id, a, b))
    # a first mention that only names X ("lp_solve is totally free") yields to the document's
    # first sentence saying what kind of thing X is, wherever that sits
    return [
        replace(ev, score=base - TYPE_WEIGHT)
        if ev.score == base
        and ev.doc_id in introduced_by_kind
        and not settled[ev.doc_id]
        and not defines_by_kind(ev.quote, subject)
        and not (q.acronym is not None and acronym_expansion(ev.quote, q.acronym) is not None)
        else ev
        for ev in extra
    ]


# "-q", and a format's directive, "%j", "%o": entries of a list, each one letter
_ONE_LETTER_OPTION = re.compile(r"(?<![\w%-])[-%][A-Za-z](?![\w-])")


_NEXT_SENTENCE = re.compile(r"\s*[^.!?\n]{3,300}?[.!?](?=\s|$)")


_BARE_TERM = re.compile(r"(?:\.\.\.|::?)\s*$")  # "-n, --newfile INFILE OUTFILE ...", "-q::"
DESCRIBED_IN = 4  # words: a shorter description ("New file mode.") goes on in the next sentence


def _with_description(text: str, sentences: list[tuple[int, int]], j: int) -> tuple[int, int]:
    """An options list's entry, as (the sentence whose vector stands for it, its end): with the
    sentences after a bare term ("-o file", "-q::", "-n, --newfile INFILE OUTFILE ...") until they
    say what it does, in this passage or, at its end, in the text after it."""
    a, b = sentences[j]
    if len(text[a:b].split()) > DESCRIBED_IN and not _BARE_TERM.search(text[a:b]):
        return j, b
    said, end = j, b
    for k in range(j + 1, len(sentences)):
        said, end = k, sentences[k][1]
        if len(text[b:end].split()) > DESCRIBED_IN:
            return said, end
    while len(text[b:end].split()) <= DESCRIBED_IN and (following := _NEXT_SENTENCE.match(text, end)):
        end = following.end()
    return said, end


def _option_entry(options: set[str]) -> re.Pattern:
    """An options list's entry for one of the options, matched from a sentence's start: "-q,
    --quiet - Be quiet", "--quiet, -q", "-q:: --quiet::"."""
    named = "|".join(re.escape(o) for o in sorted(options))
    return re.compile(rf"\W{{0,3}}(?:--[\w-]+(?:[ =]\S+)?,?\s+)?(?:{named})(?![\w-])")


def opens_with_option_asked(q: Question, quote: str) -> bool:
    """Whether the quote is an options list's entry for a one-letter option the question names
    ("reel -q" beside "-q, --quiet - Be silent"): a question of a few letters is close in meaning
    to little, and the entry is what it asks about."""
    options = set(_ONE_LETTER_OPTION.findall(q.text))
    return bool(options) and _option_entry(options).match(quote) is not None


def _option_entries(
    index: Index, q: Question, pool: list[Hit], query_vector: np.ndarray, found: list[Evidence]
) -> list[Evidence]:
    """ "asciinema rec -q", "iodine -m switch": a one-letter option asked about is answered by
    the entry of an options list that opens with it. One letter is no word to search by, so the
    retrieved documents are read for such entries: those of the program the question names
    ("what does ssh -v do" is not curl's -v), else all of them. Such an entry rises to the best
    candidate's score."""
    options = set(_ONE_LETTER_OPTION.findall(q.text))
    if not options or not found:
        return []
    entry = _option_entry(options)
    docs = list(dict.fromkeys(h.chunk.doc_id for h in pool))
    asked = content_terms(q.text)
    named = [d for d in docs if asked & document_names(index.documents[d])]
    have = {ev.key: ev for ev in found}
    base = found[0].score
    extra: dict[tuple[str, int, int], Evidence] = {}
    for doc_id in named or docs:
        text = index.documents[doc_id].text
        for row in index.rows_of(doc_id):
            vectors = index.sentence_vectors_of(row)
            sentences = index.chunks[row].sentences
            for j, (a, b) in enumerate(sentences):
                if j >= len(vectors) or not entry.match(text, a, b):
                    continue
                said, b = _with_description(text, sentences[: len(vectors)], j)
                if (doc_id, a, b) in extra:
                    continue
                if (doc_id, a, b) in have:  # a candidate already: it rises to the best one's score
                    ev = have[(doc_id, a, b)]
                    extra[ev.key] = replace(ev, score=max(ev.score, base))
                    continue
                dense = float(vectors[said] @ query_vector)
                extra[(doc_id, a, b)] = Evidence(
                    row, doc_id, a, b, text[a:b], dense, 0.0, base, vectors[said], dense
                )
    return list(extra.values())


def _without_product(index: Index, subject: str, pool: list[Hit]) -> str | None:
    """ "vim modeline", "node policies": a subject whose first word names what the best passages'
    documents are about (in their title or file name), written nowhere in them as asked; they
    define the term alone ("A modeline is ...", "Policies are a security feature ...")."""
    words = subject.split()
    rest = " ".join(words[1:])
    if len(words) < 2 or not words[0].isalpha() or len(rest) < 4:
        return None
    docs = [index.documents[d] for d in dict.fromkeys(h.chunk.doc_id for h in pool[:3])]
    asked = re.compile(rf"(?<!\w){re.escape(subject)}(?!\w)", re.I)
    if not docs or any(asked.search(doc.text) for doc in docs):
        return None
    product = re.compile(rf"(?<![A-Za-z]){re.escape(words[0])}(?:js)?(?![A-Za-z])", re.I)  # "nodejs-policy"
    named = any(product.search(doc.title) or product.search(Path(doc.source).stem) for doc in docs)
    return rest if named else None


def as_written(index: Index, q: Question, pool: list[Hit]) -> Question:
    """A one-word subject that the retrieved documents' titles write in words ("sortedcontainers"
    as "Sorted Containers"), taken as they write it, so that their definitions of it are found;
    a subject led by the name of what the documents are about, without it."""
    subject = q.subject
    if subject and (bare := _without_product(index, subject, pool)) is not None:
        return replace(q, subject=bare)
    if not subject or not re.fullmatch(r"[A-Za-z]{6,}", subject):
        return q
    spaced = re.compile(r"[\s_-]?".join(re.escape(c) for c in subject), re.I)
    for doc_id in dict.fromkeys(h.chunk.doc_id for h in pool):
        found = spaced.search(index.documents[doc_id].title)
        if found and " " in found.group(0):
            return replace(q, subject=found.group(0))
    return q


def read(
    index: Index,
    q: Question,
    found: list[Evidence],
    pool: list[Hit] | None = None,
    query_vector: np.ndarray | None = None,
) -> list[Evidence]:
    """Re-rank candidate sentences by how well each has the kind of answer asked for. Page
    furniture (footnotes, infobox rows, navigation) drops out. For a why/how question a
    restatement of the question is joined to the sentence after it, where the reason is."""
    if not found:
        return found
    if q.kind in {"definition", "acronym"} and pool is not None and query_vector is not None:
        found = found + _defining_sentences(index, q, pool, query_vector, found)
    entries: set[tuple[str, int, int]] = set()  # an options list's entry reads as code, and answers
    if pool is not None and query_vector is not None:
        listed = _option_entries(index, q, pool, query_vector, found)
        entries = {ev.key for ev in listed}
        found = [ev for ev in found if ev.key not in entries] + listed
    subject = q.acronym or q.subject
    firsts = (
        _first_mentions(index, found, subject) if q.kind in {"definition", "acronym"} and subject else set()
    )
    # "What is FRR?" of a name no candidate spells out: what it is, as for "What is iodine?"
    what_it_is = q.kind == "definition" or (
        q.kind == "acronym"
        and not asks_expansion(q)
        and not any(acronym_expansion(ev.quote, q.acronym or "") for ev in found)
    )
    if what_it_is and subject:  # a document defines a term once, where it introduces it
        earliest: dict[str, Evidence] = {}
        for ev in found:
            if _is_heading(index.documents[ev.doc_id], ev.start) or not _defines(ev.quote, subject):
                continue
            if ev.doc_id not in earliest or _introduces_better(ev, earliest[ev.doc_id], subject):
                earliest[ev.doc_id] = ev
        introducing = {ev.key for ev in earliest.values()}
    else:
        introducing = set()
    self_described: set[tuple[str, int, int]] = set()  # the first such sentence of each document
    if what_it_is and subject:
        first: dict[str, Evidence] = {}
        for ev in found:
            doc = index.documents[ev.doc_id]
            if (
                says_what_it_is(doc, ev.start, ev.end, subject)
                or defined_under_heading(doc, ev.start, ev.end, subject)
                # "Overview\n\nFRR is a fully featured ... routing suite.": the first "X is ..."
                # at the opening of a document named for X
                or (ev.key in introducing and ev.start <= TAGLINE_REACH and own_name(doc, subject))
            ) and (ev.doc_id not in first or ev.start < first[ev.doc_id].start):
                first[ev.doc_id] = ev
        self_described = {ev.key for ev in first.values()}
    introduced_in = {doc_id for doc_id, _, _ in introducing}
    # a question that names code wants code, unless it asks what the thing named is or does
    # ("useKeyPrefix option meaning", "what does .clear() do": a sentence of prose says)
    code_question = looks_like_code(q.text) or (
        bool(_IDENTIFIER.search(q.text)) and q.kind not in {"definition", "acronym", "reason"}
    )
    as_asked = replace(q, kind="definition") if what_it_is else q  # an answer is what it is
    rescored = []
    for ev in found:
        typed = fit(as_asked, ev.quote, ev.key in firsts)
        if ev.key in self_described:
            # "This Python module returns ..." in tzlocal's README defines tzlocal, wherever it ranks
            typed, ev = 1.0, replace(ev, score=max(ev.score, found[0].score))
        # how a document presents X: its one-line description under the title, where it first
        # says "X is ...", else where it says what it is about ("This package contains ...")
        introduces = ev.key in introducing or (
            ev.key in self_described
            and (ev.doc_id not in introduced_in or tagline(index.documents[ev.doc_id], ev.start, ev.end))
        )
        bonus = TYPE_WEIGHT * (typed + INTRODUCING_BONUS * introduces)
        expands = q.acronym is not None and acronym_expansion(ev.quote, q.acronym) is not None
        if q.kind == "acronym" and expands:
            # nothing else answers "what does X stand for?"; "what is X?" also by what X is; words
            # whose initials spell it, without it beside them, may spell it by chance
            bonus += (EXPANSION_BONUS if asks_expansion(q) else EXPANSION_BONUS / 3) / (
                1 if writes_acronym(ev.quote, q.acronym) else 3
            )
        if expands and _is_title(index, ev):
            # a title line that spells the acronym out answers it, after a sentence that does so
            bonus += BIBLIOGRAPHIC_PENALTY - TYPE_WEIGHT / 2
        # an FAQ's question restates what is asked and answers nothing; but one that spells the
        # acronym asked about out spells it ("Disable National Language Support (NLS)?"), and
        # loses neither this penalty nor the one candidates() gave it for asking
        if q.kind == "acronym" and expands and ASKS.search(ev.quote):
            bonus += ASKS_PENALTY
        elif ASKS.search(ev.quote):
            bonus -= TYPE_WEIGHT * QUESTION_PENALTY
        if ev.key in entries:
            pass  # "-q:: --quiet:: Suppress ...": a list's entry, read as furniture or code elsewhere
        elif is_furniture(ev.quote):
            bonus -= FURNITURE_PENALTY
        elif not code_question and looks_like_code(ev.quote):
            bonus -= CODE_PENALTY
        if q.kind != "overview" and _ABOUT_ITSELF.search(ev.quote):
            bonus -= TYPE_WEIGHT * SELF_DESCRIPTION_PENALTY
        elif q.kind not in {"overview", "definition", "acronym"} and _in_abstract(
            index, ev
        ):  # where terms are introduced
            bonus -= TYPE_WEIGHT * ABSTRACT_PENALTY
        if (
            q.kind not in {"date", "person", "overview"}
            and not _ASKS_CHANGES.search(q.text)
            and in_changelog(index.documents[ev.doc_id], ev.start)
        ):
            bonus -= TYPE_WEIGHT * CHANGELOG_PENALTY
        scored = replace(ev, score=ev.score + bonus)
        rescored.append(scored)
        if (joined := _with_premise(index, q, ev)) is not None:
            rescored.append(joined)
        elif (
            q.kind in {"reason", "method"}
            and (
                not _CAUSAL.search(ev.quote)
                or _INTRODUCES.search(ev.quote)
                or (q.kind == "reason" and _followed_by_what_if_not(index, ev))
            )
        ) or _asks_as_asked(ev.quote, q):
            joined = _with_reason(index, q, ev)  # and an FAQ's question with its answer
            if joined is not None:
                rescored.append(joined)
        if (introduced := _with_introduction(index, q, ev)) is not None:
            rescored.append(introduced)
        if (line := _with_the_line_it_introduces(index, q, scored)) is not None:
            rescored.append(line)
        if (glossed := _with_its_gloss(index, scored)) is not None:
            rescored.append(glossed)
        if (setting := _with_its_setting_lines(index, scored)) is not None:
            rescored.append(setting)
        if (counted := _with_the_items_it_counts(index, scored)) is not None:
            rescored.append(counted)
        if (listed := _with_its_list(index, scored)) is not None:
            rescored.append(listed)  # at the same score, the longer quote stands for both
    rescored.sort(key=lambda e: -e.score)
    return drop_overlapping(rescored)


def overview_evidence(index: Index, q: Question, pool: list[Hit], query_vector: np.ndarray) -> list[Evidence]:
    """Evidence for an overview question: the central sentences of the abstract and conclusion,
    or of the section whose heading names the topic."""
    found = []
    for u in overview_units(index, q, pool, query_vector):
        doc_id = index.chunks[u.row].doc_id
        quote = verified_quote(index, doc_id, u.start, u.end)
        if quote is None:
            continue
        dense = float(u.vector @ query_vector)
        chunk_dense = float(index.chunk_vectors[u.row] @ query_vector)
        found.append(Evidence(u.row, doc_id, u.start, u.end, quote, dense, 0.0, 1.0, u.vector, chunk_dense))
    return found


_ABOUT_THE_WORK = re.compile(
    r"\b(?:this|the) (?:paper|document|article|report|study|manual|guide|spec\w*|book|thesis)\b|\bauthors?\b|"
    r"\bwr(?:ote|itten)\b|\bpublish\w*\b|\baffiliat\w*\b|\bcopyright\b|\blast (?:changed|modified|updated|revised)\b"
    r"|\bmaintain\w*\b|\bdevelop\w*\b|\bcreat\w*\b|\breleased?\b"
    r"|\b(?:paper|document|article|report|manual|guide|spec\w*|book|thesis)(?:['’]s)?\s+(?:date|year)\b",
    re.I,
)
_WORK_WORDS = content_terms(
    "who whom whose wrote written write writes author authors authored originally original creator "
    "paper document article report study manual guide specification spec book thesis work readme "
    "based located affiliated affiliation institution where"  # "who wrote the paper and where is the author based"
)
# "Where is the author based?", "Where do the authors work?": their affiliation
_AUTHOR_WHERE = re.compile(r"\bwhere\b.*\bauthors?\b|\bauthors?\b.*\bwhere\b", re.I)
_NAMED_WORK = re.compile(
    r"\b(?:paper|document|article|report|study|manual|guide|book|thesis|work) (?:on|about|of|titled|called|entitled) (.{4,120})",
    re.I,
)
# the first sentence of a document that says what X is, over a later aside ("X is also a word for ...")
INTRODUCING_BONUS = 0.3
# a document without author metadata names its author in a copyright line or as "Name <email>"
_AUTHOR_LINE = re.compile(
    # "Copyright (c) 2013 by A. Name": with its year, not the heading "Copyright and Other Notices"
    r"(?:\b[Cc]opyright\b|\bCOPYRIGHT\b|©|\([cC]\))[^\n]{0,20}?\d{4}[^\n]{0,20}?\b(?:by\s+)?[A-Z][a-z]+(?:\s+[A-Z]\.?)?\s+[A-Z][a-z]+"
    r"|\b[A-Z][a-z]+(?:\s+[A-Z]\.?)?\s+[A-Z][a-z]+(?:\s*<|,\s*)[\w.+-]+@[\w.-]+\.\w+"  # "Name <a@b.c>", "Name, a@b.c"
    # "Thomas Leonard tal197 at users.sf.net": an address that ends the line or clause, not "... at docs.python.org"
    r"|\b[A-Z][a-z]+(?:\s+[A-Z]\.?)?\s+[A-Z][a-z]+\s+[\w.+-]+\s+(?:at|AT)\s+[\w-]+(?:\.[\w-]+)+(?=\s*(?:$|[)>,;\n]))"
)
_VENUE = re.compile(r"\b(?:journal|publisher|venue|magazine|proceedings|conference)\b", re.I)
_CITED = re.compile(r"\bcit(?:ed|es|ing|ation)\b|\breferences?\b|\bbibliograph", re.I)
_AFFILIATION = re.compile(
    r"\b(?:University|Institute|College|Academy|School|Laboratory|Department|Faculty|Centre|Center|Group|"
    r"Consortium|Foundation|Corporation|Association|Society)\b"
)
# "Copyright (C) 1999-2021, Software in the Public Interest": who holds a document's copyright
_COPYRIGHT_LINE = re.compile(
    r"(?:\b[Cc]opyright\b|\bCOPYRIGHT\b|©)[^\d]{0,25}?((?:\(c\)\s*)?\d{4}[^\n]*[A-Za-z]{3}[^\n]*)"
)
_COPYRIGHT_Q = re.compile(r"\bcopyright\b", re.I)
_WRITTEN_Q = re.compile(
    r"\b(?:sign(?:ed|ing)?|wr(?:ote|itten)|dated|authored)\b", re.I
)  # when its author did
# "Last modified 11 December 2005": when a page or manual says it last changed
_VERSION = re.compile(r"(?<![\w.])\d+\.\d+(?:\.\d+)*(?![\w.])")
_CHANGED_Q = re.compile(
    r"\b(?:last|latest) (?:changed|modified|updated|revised)\b|\blast (?:change|update|revision)\b", re.I
)
_CHANGED_LINE = re.compile(
    r"\b(?:last (?:modified|updated|changed|revised)|updated on|revised on)\b[:\s]", re.I
)


_RELEASE_ASKED = re.compile(r"\b(?:versions?|releas\w*|c[oa]me out|ship(?:ped)?|launch\w*|v\d)\b", re.I)
_SETEXT_LINE = re.compile(r"[-=~^*#]{3,}")
_RELEASE_DATE_LINE = re.compile(r"\b(?:releas\w*|date[ds]?|published|out)\b", re.I)


def release_line(text: str, version: str) -> str | None:
    """The line that says when a version came out: a short changelog line or heading naming it
    with a date ("Version 3.3 (November 2021)", "## v3.3 (2021-11-01)", "[1.0.0] - 2023-02-24"),
    or a heading naming it over a line that gives its release date ("defusedxml 0.7.1" over
    "Release date: 08-Mar-2021"). Versions 1.0 and 1.0.0 are the same version."""
    core = re.sub(r"(?:\.0)+$", "", version) if "." in version else version
    if "." not in core:
        core += ".0"  # "1.0.0" asked: the heading may say 1.0
    written = rf"(?<![\w.])v?{re.escape(core)}(?:\.0)*(?![\w.])"
    for line in re.finditer(rf"^[^\n]*{written}[^\n]*$", text, re.M):
        if len(line.group(0)) > 100:
            continue  # a paragraph that mentions the version, not a line that announces it
        if _DATE.search(line.group(0)):
            return line.group(0)
        after = [ln for ln in text[line.end() : line.end() + 300].split("\n")[1:4] if ln.strip()]
        after = [ln for ln in after if not _SETEXT_LINE.fullmatch(ln.strip())]
        if after and len(after[0]) < 80 and _DATE.search(after[0]) and _RELEASE_DATE_LINE.search(after[0]):
            return after[0]
    return None


def _line_around(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


# "Who designed X?" is answered where the document says "X was designed by ...": the verb the
# question asks with (by its stem) and the one a passage says it with
_MADE_VERBS = {
    "wr": r"(?:written|wrote|authored)",
    "author": r"(?:written|wrote|authored)",
    "design": r"designed",
    "develop": r"developed",
    "creat": r"created",
    "maintain": r"maintained",
    "invent": r"invented",
    "found": r"founded",
    "start": r"started",
    "buil": r"built",
    "made": r"(?:made|created|written|developed)",
    "make": r"(?:made|created|written|developed)",
}
_MADE_Q = re.compile(
    r"^\W*who\s+(?:\w+\s+)?(wr(?:o|i)te|written|author|design|develop|creat|maintain|invent|found|start|buil|made|make)",
    re.I,
)


# "maintained by other extensions", "set by default": "by" and no maker ("by @anton-malakhov",
# "by ijl <ijl@...>" are makers, in lower case)
_MAKER_ROLE = r"(?:author|creator|developer|maintainer|designer|inventor)s?"
_NO_MAKER = (
    r"(?i:other|another|some|any|each|every|all|many|several|the|a|an|this|that|these|those|its|their|our|your|"
    r"default|means|hand|way|hooks?|callers?|users?)"
)


def _made_by(index: Index, q: Question, docs: list[str], query_vector: np.ndarray) -> list[Evidence]:
    """ "Who designed the .xz format?": the sentence of the document asked about (else of the
    retrieved ones, in order) that says it "was designed by" someone."""
    asked = _MADE_Q.match(q.text)
    if not asked:
        return []
    word = asked.group(1).lower()
    verb = next(v for k, v in _MADE_VERBS.items() if word.startswith(k))
    # "was designed by ...", or the noun: "This library is the creation of James Clark"
    # the maker's name is capitalised: "allow the creation of future revisions" names no one
    # ... or by a role and then the name: "maintained by its original author Joseph Allen"
    pattern = re.compile(
        rf"(?i:\b{verb}\s+(?:\w+\s+){{0,2}}?by)\s+(?:(?i:the)\s+[A-Z]|(?!{_NO_MAKER}\b)\S)"
        rf"|(?i:\b{verb}\s+(?:\w+\s+){{0,2}}?by\s+(?:its|their|his|her|the)\s+(?:\w+\s+)?{_MAKER_ROLE},?)\s+[A-Z]"
        r"|(?i:\b(?:creation|brainchild|invention|handiwork)\s+of)\s+[A-Z][a-z]"
    )
    made = content_terms(q.text) - content_terms(word) - content_terms(asked.group(0))  # what was made
    # a sentence that names what was made comes before one that matches only by its document's
    # title: "JOE is being maintained by ..." answers "who maintains joe", not the line of JOE's
    # README that says who maintains another editor ("Now maintained by Tom Dickey")
    by_title: list[Evidence] = []
    # "who wrote the rrdtool tutorial": "This document is written by Alex ..." over the sentence
    # before it, "RRDtool is written by Tobias ...", which names the program's writer
    of_a_text = writer_of_a_text_asked(q.text)
    named_first: list[Evidence] = []
    for doc_id in docs[:3]:
        text = index.documents[doc_id].text
        title = content_terms(index.documents[doc_id].title)
        for row in index.rows_of(doc_id):
            chunk = index.chunks[row]
            if not pattern.search(chunk.text):
                continue
            vectors = index.sentence_vectors_of(row)
            for j, (a, b) in enumerate(chunk.sentences):
                if j >= len(vectors) or not pattern.search(text[a:b]):
                    continue
                named = bool(made & content_terms(text[a:b]))
                says_of_itself = of_a_text and made_by_the_text(text[a:b])
                if named or says_of_itself or (made & title and not by_title):
                    dense = float(vectors[j] @ query_vector)
                    found = Evidence(row, doc_id, a, b, text[a:b], dense, 0.0, 1.0, vectors[j], dense)
                    if says_of_itself or (named and not of_a_text):
                        return [found]
                    (named_first if named else by_title).append(found)
    return named_first[:1] or by_title


def _copyright_line(text: str, question: str) -> str | None:
    """The years and holder of a document's copyright line; of several, the one whose holder the
    question names ("sgi copyright year": "© 1993 Silicon Graphics, Inc."), else the first."""
    lines = [m.group(1) for m in _COPYRIGHT_LINE.finditer(text)]
    asked = content_terms(question)

    def named(line: str) -> int:
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", line) if w[0].isupper()).lower()
        return len(asked & content_terms(line)) + any(len(a) >= 2 and a in initials for a in asked)

    return max(lines, key=named) if lines else None  # max keeps the first of equals


def document_names(doc: Document) -> set[str]:
    """The words a question may name a document by: its title's, its file name's, and the
    initials of its title ("xdmcp" for "X Display Manager Control Protocol", in xdmcp.txt)."""
    stem = re.sub(r"\.\w+$", "", doc.source.rsplit("/", 1)[-1])
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", doc.title) if w[0].isupper())
    return content_terms(f"{doc.title} {re.sub(r'[-_.]', ' ', stem)}") | (
        content_terms(initials) if len(initials) >= 3 else set()
    )


def _signed_date(text: str) -> str | None:
    """The date of the sign-off closing a text: the last short line among its last lines that
    names someone and then a date ("Erik Krause 17:18, 2 May 2005 (EDT)"), not any date there
    (a changelog's last entry)."""
    for line in reversed(text[-SIGN_OFF_REACH:].splitlines()):
        date = _DATE.search(line)
        if date and len(line) <= 120 and re.search(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+", line[: date.start()]):
            return date.group(0)
    return None


def metadata_evidence(index: Index, q: Question, pool: list[Hit], query_vector: np.ndarray) -> list[Evidence]:
    """Where a document says who wrote it, where they work, or when: "Who wrote the paper?"
    is answered by the author line of the paper itself, quoted and cited like any evidence.
    Questions about the works a document cites go to its bibliography instead."""
    if q.kind == "place" and _AUTHOR_WHERE.search(q.text):
        q = replace(q, kind="organisation")
    if q.kind == "other" and _COPYRIGHT_Q.search(q.text):  # "asciinema copyright years": its line
        q = replace(q, kind="date")
    if q.kind not in {"person", "organisation", "date"} or _CITED.search(q.text) or _VENUE.search(q.text):
        return []
    docs = [h.chunk.doc_id for h in pool if index.documents[h.chunk.doc_id].kind != "reference"]
    if not docs and _ABOUT_THE_WORK.search(q.text):
        # "where is the author based?" found only the bibliography's authors: the library's own
        # documents' title pages answer it (a library of one paper asks about that paper)
        docs = [d.doc_id for d in index.documents.values() if d.kind != "reference"][:3]
    asked = content_terms(q.text)  # the document whose title the question names comes first
    docs = sorted(dict.fromkeys(docs), key=lambda d: -len(asked & content_terms(index.documents[d].title)))
    if q.kind == "person" and (made := _made_by(index, q, docs, query_vector)):
        return made
    # "when did X 3.3 come out": a version's release, not "when did growth fall below 7.5 percent"
    version = _VERSION.search(q.text) if q.kind == "date" and _RELEASE_ASKED.search(q.text) else None
    if not (_ABOUT_THE_WORK.search(q.text) or version):
        return []
    named = _NAMED_WORK.search(q.text)
    for doc_id in docs:
        doc = index.documents[doc_id]
        if named:  # "the study on X": only a document whose title is about X as much as any cited work's
            wanted = content_terms(named.group(1))
            own = len(wanted & content_terms(doc.title))
            cited = max((len(wanted & content_terms(r.title)) for r in index.references), default=0)
            if not wanted or own < 0.5 * len(wanted) or cited > own:  # a tie: the library's own paper
                continue
        head = doc.text[:3000]
        needles: list[str] = []
        if q.kind in {"person", "organisation", "date"} and _COPYRIGHT_Q.search(q.text):
            if line := _copyright_line(doc.text, q.text):  # the line with its years and holder
                needles.append(line)
                head = doc.text
        elif q.kind == "person":
            named_here = content_terms(q.text) & content_terms(doc.title)
            # "who wrote the spec?" asks for its authors; "who originally wrote getdate?" for the
            # author of something the document speaks of, whom its author line does not name; the
            # document may be named by its file or its title's initials ("the xdmcp spec")
            other = content_terms(q.text) - document_names(doc) - _WORK_WORDS
            needles = list(doc.authors) if named_here or not other else []
            if not needles and named_here and (line := _AUTHOR_LINE.search(doc.text)):
                needles.append(line.group(0))  # "Copyright (c) 2013 by A. Name" of the document asked about
                head = doc.text
        elif version is not None:
            # "when was version 1.0.0 released?": a changelog heading "[1.0.0] - 2023-02-24"
            if line := release_line(doc.text, version.group(0)):
                needles.append(line)
                head = doc.text
        elif q.kind == "date" and _CHANGED_Q.search(q.text):
            if line := _CHANGED_LINE.search(doc.text):
                needles.append(line.group(0))
                head = doc.text
        elif q.kind == "organisation":
            affiliation = doc.meta("affiliation")
            if affiliation:
                needles.append(" ".join(affiliation.replace(",", " ").split()[:4]))
            found = _AFFILIATION.search(head)
            if found:
                needles.append(found.group(0))
        elif doc.year:
            needles += [d for d in [doc.meta("date")] if d] + [str(doc.year)]  # "November 15, 1996"
        elif q.kind == "date" and _WRITTEN_Q.search(q.text) and (sign_off := _signed_date(doc.text)):
            needles.append(sign_off)  # "Erik Krause 17:18, 2 May 2005 (EDT)": a signed page
        for needle in needles:
            at = head.find(needle)
            at_the_end = q.kind == "person" or (q.kind == "date" and _WRITTEN_Q.search(q.text))
            if at < 0 and at_the_end and needle in doc.text[-SIGN_OFF_REACH:]:
                at = doc.text.rfind(needle)  # the author's sign-off closing the text, with its date
            if at < 0:
                continue
            start, end = _line_around(doc.text, at)
            quote = verified_quote(index, doc_id, start, end)
            row = next(
                (r for r in index.rows_of(doc_id) if index.chunks[r].start <= start < index.chunks[r].end),
                None,
            )
            if quote is None or row is None or not quote.strip():
                continue
            vector = index.chunk_vectors[row]
            dense = float(vector @ query_vector)
            return [Evidence(row, doc_id, start, end, quote, dense, 0.0, 1.0, vector, dense)]
    return []
