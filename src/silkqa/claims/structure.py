"""Differences in a sentence's structure: another noun before the same head, and a parallel
list that binds the claim's term to another name."""

from __future__ import annotations

import re

from ..vocabulary import is_english
from .alignment import Diff, Unit, _inside, _same_name
from .lexicon import stem
from .reading import _SEGMENT_BREAK, Span, _cut, analyse
from .words import _PRONOUN, Name, Token, Vocabulary, stems_match

# --------------------------------------------------------------------------- structural differences

_ADJECTIVE_ENDINGS = (
    "ed",
    "ing",
    "al",
    "ous",
    "ive",
    "ic",
    "ful",
    "less",
    "able",
    "ible",
    "ary",
    "ish",
    "ian",
    "ese",
)


def _phrase_end(tokens: tuple[Token, ...], i: int) -> bool:
    """Token i ends its phrase: no content word follows it directly."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return nxt is None or not nxt.content or nxt.start - tokens[i].end > 1


# Words that follow a verb rather than a noun: "the program keeps the files", "used by zlib".
_AFTER_VERB = frozenset(
    ["the", "a", "an", "its", "their", "this", "these", "those", "his", "her", "our", "by"]
)


def _verbal(tokens: tuple[Token, ...], i: int) -> bool:
    """Token i reads as a verb: an article or "by" follows it ("keeps the", "used by")."""
    return i + 1 < len(tokens) and tokens[i + 1].lower in _AFTER_VERB


def modifier_swaps(part: Span, u: Span) -> list[Diff]:
    """'copper ore' against 'uranium ores': the same head noun, another noun before it."""
    found = []
    skip = [(n.start, n.end) for n in part.names] + [(n.start, n.end) for n in u.names]
    for i in range(len(part.tokens) - 1):
        m, h = part.tokens[i], part.tokens[i + 1]
        if not (m.content and h.content) or h.start - m.end > 1 or not _phrase_end(part.tokens, i + 1):
            continue
        if _verbal(part.tokens, i + 1):
            continue
        for j in range(1, len(u.tokens)):
            m2, h2 = u.tokens[j - 1], u.tokens[j]
            if not (m2.content and stems_match(h.stem, h2.stem)) or h2.start - m2.end > 1:
                continue
            if not _phrase_end(u.tokens, j) or stems_match(m.stem, m2.stem) or _verbal(u.tokens, j):
                continue
            if part.find(m2) is not None or u.find(m) is not None or m.poles or m2.poles:
                continue
            if _inside(m.start, skip[: len(part.names)]) or _inside(m2.start, skip[len(part.names) :]):
                continue
            if any(w.lower.endswith(_ADJECTIVE_ENDINGS) or w.lower.endswith("ly") for w in (m, m2)):
                continue
            found.append((m.text, m2.text, "term", u.start + m2.start, u.start + m2.end))
    return found


# "many writers" against "only allow one writer at any instant": a count of several of a thing
# against one of it
_MANY = re.compile(
    r"\b(?:many|several|multiple|numerous|(?:an\s+)?unlimited(?:\s+number\s+of)?|any\s+number\s+of)\s+([a-z]+)",
    re.I,
)
_ONE = re.compile(
    r"\b(?:only|just)\b(?:\s+[a-z]+){0,2}?\s+(?:one|a\s+single)\s+([a-z]+)"
    r"|\b(?:one|a\s+single)\s+([a-z]+)\s+at\s+(?:a|any|the\s+same|one)\s+(?:time|instant|moment)"
    r"|\bexactly\s+one\s+([a-z]+)",
    re.I,
)


def _counted(pattern: re.Pattern, text: str) -> list[tuple[re.Match, str]]:
    return [(m, stem(next(g for g in m.groups() if g).lower())) for m in pattern.finditer(text)]


def count_mismatches(part: Span, u: Span) -> list[Diff]:
    """'many writers' in the claim, 'only ... one writer' in the source (or the other way round):
    the same thing counted as one and as several."""
    found = []
    for claimed, said in ((_MANY, _ONE), (_ONE, _MANY)):
        for m, noun in _counted(claimed, part.text):
            for m2, noun2 in _counted(said, u.text):
                if stems_match(noun, noun2):
                    found.append((m.group(0), m2.group(0), "term", u.start + m2.start(), u.start + m2.end()))
    return found


def _run_around(span: Span, index: int) -> tuple[int, int]:
    """The run of content words (no -ly adverbs) around token `index`, as offsets in the span."""
    toks = span.tokens

    def inside(i: int) -> bool:
        return toks[i].content and not toks[i].lower.endswith("ly")

    a = b = index
    while a > 0 and inside(a - 1) and toks[a].start - toks[a - 1].end <= 1:
        a -= 1
    while b + 1 < len(toks) and inside(b + 1) and toks[b + 1].start - toks[b].end <= 1:
        b += 1
    return toks[a].start, toks[b].end


def _residual(span: Span, part: Span) -> str:
    """The longest run of a clause's content words that the claim does not say."""
    best: list[Token] = []
    run: list[Token] = []
    skip = [(n.start, n.end) for n in span.names]
    for t in span.tokens:
        if t.content and not t.lower.endswith("ly") and not _inside(t.start, skip) and part.find(t) is None:
            run.append(t)
            if len(run) > len(best):
                best = list(run)
        else:
            run = []
    return span.text[best[0].start : best[-1].end] if best else ""


def binding_mismatches(
    part: Span, inherited: tuple[Name, ...], unit: Unit, vocabulary: Vocabulary
) -> list[Diff]:
    """A parallel list ("A mainly exports oil, B mainly exports gas") gives the claim's term
    to another name than the claim does, or gives the claim's name another figure.

    The claim's name and term sit in two different clauses of one sentence, the term's clause
    has a name of its own, the two clauses are parallel (they share a word of the claim), and
    the name's own clause says something else in the term's place.
    """
    clauses = unit.clauses
    if len(clauses) < 2:
        return []
    claim_names = part.names + inherited
    for sa, sb in _cut(part.text, _SEGMENT_BREAK):
        segment = analyse(part.text[sa:sb], 0, vocabulary)
        # the names that bind list items; a name of the passage's topic is its frame, not an item
        own = [e for e in claim_names if segment.has_name(e)]
        if _PRONOUN.search(segment.text) or not segment.names:
            own += [e for e in inherited if e not in own]
        own = [e for e in own if not unit.topic.has_name(e)]
        skip = [(n.start, n.end) for n in segment.names]
        terms = [
            (i, t)
            for i, t in enumerate(segment.tokens)
            if t.content and not _inside(t.start, skip) and not t.lower.endswith("ly")
        ]
        for e in own:
            home = [c for c in clauses if c.has_name(e)]
            if len(home) != 1:
                continue
            for q in segment.quantities:  # "A holds 60%; B holds the remaining 40%"
                theirs = [o for o in home[0].quantities if q.comparable(o)]
                if theirs and not any(q.agrees(o) for o in theirs):
                    kind = "year" if q.kind == "year" else "number"
                    return [(q.text, theirs[0].text, kind, home[0].start, home[0].start + len(home[0].text))]
            for i, t in terms:
                where = [c for c in clauses if c.find(t) is not None]
                if len(where) != 1 or where[0] is home[0] or home[0].find(t) is not None:
                    continue
                other = where[0]
                owners = [f for f in other.names if not any(_same_name(c, f) for c in claim_names)]
                shared = [
                    w
                    for w in part.content
                    if w is not t and home[0].find(w) is not None and other.find(w) is not None
                ]
                if not owners or not shared:
                    continue
                residual = _residual(home[0], part)
                if not residual:  # "B receives 35%": an ellipsis of the same term, not another one
                    continue
                a, b = _run_around(segment, i)
                end = home[0].start + len(home[0].text)
                return [(segment.text[a:b], residual, "term", home[0].start, end)]
    return []


# --------------------------------------------------------------------------- codes

# What is written one way only: a path ("/usr/bin"), an option ("--no-checkout"), a language with
# a sign ("C++", "C#"), a file name ("lftp.conf"). "written in C++" is not "written in C".
_CODE = re.compile(
    r"(?<![\w/.+#-])(?:"
    r"(?P<path>~?(?:/\.?[\w+-]+(?:\.[\w+-]+)*)+/?)"  # not the sentence's full stop
    r"|(?P<option>--?[a-z][\w-]*)"
    r"|(?P<signed>[A-Za-z]\w*(?:\+\+|#))"
    r"|(?P<file>[\w-]+\.(?:conf|cfg|ini|json|ya?ml|toml|txt|md|py|sh|rc|lock|xml))"
    r")(?![\w/+#-])"
)


def _codes(text: str) -> list[tuple[str, str, int, int]]:
    """A text's codes: (text, kind, start, end)."""
    return [(m.group(0), m.lastgroup or "", m.start(), m.end()) for m in _CODE.finditer(text)]


def code_mismatches(part: Span, u: Span) -> list[Diff]:
    """A code of the claim that the source writes otherwise: another path, option or file in
    its place ("/usr/bin" against "/usr/local"), or the language without its sign ("C")."""
    found: list[Diff] = []
    theirs = _codes(u.text)
    for code, kind, _, _ in _codes(part.text):
        if code in u.text:
            continue
        other = next(((c, a, b) for c, k, a, b in theirs if k == kind and c != code), None)
        if other is None and kind == "signed":
            base = re.search(rf"(?<![\w/+#-]){re.escape(code.rstrip('+#'))}(?![\w+#-])", u.text)
            other = (base.group(0), base.start(), base.end()) if base else None
        if other is not None:
            found.append((code, other[0], "term", u.start + other[1], u.start + other[2]))
    return found


# --------------------------------------------------------------------------- a name in the same frame

_FRAME_WORD = re.compile(r"[A-Za-z][\w.+-]*[\w+]|[A-Za-z]")


def frame_mismatches(part: Span, u: Span) -> list[Diff]:
    """ "APT uses rpm for installing" against "APT uses dpkg for installing": one word of the claim
    put where the source has another between the same two words, and one of them a name no
    dictionary lists (a program, a format) — names in lower case that the capitalised names'
    pairing does not see."""
    ours = list(_FRAME_WORD.finditer(part.text))
    theirs = list(_FRAME_WORD.finditer(u.text))
    said = {t.group(0).lower() for t in theirs}
    found: list[Diff] = []
    for i in range(1, len(ours) - 1):
        word = ours[i].group(0)
        if word.lower() in said:
            continue
        before, after = ours[i - 1].group(0).lower(), ours[i + 1].group(0).lower()
        for j in range(1, len(theirs) - 1):
            other = theirs[j].group(0)
            if (
                theirs[j - 1].group(0).lower() == before
                and theirs[j + 1].group(0).lower() == after
                and other.lower() != word.lower()
                and (not is_english(word.lower()) or not is_english(other.lower()))
                and not (word[:1].isupper() or other[:1].isupper())  # capitalised names are paired elsewhere
            ):
                found.append((word, other, "term", u.start + theirs[j].start(), u.start + theirs[j].end()))
                break
    return found


# --------------------------------------------------------------------------- how often

_UNITS = {
    "hour": "hourly",
    "day": "daily",
    "night": "nightly",
    "week": "weekly",
    "month": "monthly",
    "year": "yearly",
}
_HOW_OFTEN = re.compile(
    r"\b(?:(?P<adverb>hourly|daily|nightly|weekly|monthly|yearly|annually)"
    r"|(?:every|each|once\s+(?:a|an|per|every))\s+(?:single\s+)?(?P<unit>hour|day|night|week|month|year))\b",
    re.I,
)


def _how_often(text: str) -> list[tuple[str, str, int, int]]:
    """How often a text says something happens: (period, phrase, start, end); "nightly" is daily."""
    found = []
    for m in _HOW_OFTEN.finditer(text):
        word = (m.group("adverb") or _UNITS[m.group("unit").lower()]).lower()
        period = {"nightly": "daily", "annually": "yearly"}.get(word, word)
        found.append((period, m.group(0), m.start(), m.end()))
    return found


def frequency_mismatches(part: Span, u: Span) -> list[Diff]:
    """'once a week' in the claim, 'each day' in the source: the same thing done at another rate."""
    theirs = _how_often(u.text)
    found: list[Diff] = []
    for period, phrase, _, _ in _how_often(part.text):
        if theirs and period not in {p for p, _, _, _ in theirs}:
            _, other, a, b = theirs[0]
            found.append((phrase, other, "term", u.start + a, u.start + b))
    return found


# --------------------------------------------------------------------------- licences

# a licence by its family, the narrower names first ("LGPL" is no "GPL")
_LICENCES = (
    ("AGPL", r"AGPL(?:-?v?\d(?:\.\d+)*\+?)?|GNU Affero General Public Licen[cs]e"),
    ("LGPL", r"LGPL(?:-?v?\d(?:\.\d+)*\+?)?|GNU (?:Lesser|Library) General Public Licen[cs]e"),
    (
        "GPL",
        r"GPL(?:-?v?\d(?:\.\d+)*(?:\+|-or-later|-only)?)?|GNU General Public Licen[cs]e|General Public Licen[cs]e",
    ),
    ("MIT", r"MIT(?:/X11)?|Expat"),
    ("BSD", r"BSD(?:-\d-Clause)?"),
    ("Apache", r"Apache(?: Licen[cs]e)?(?: 2\.0)?"),
    ("MPL", r"MPL(?:-?\d(?:\.\d+)*)?|Mozilla Public Licen[cs]e"),
    ("ISC", r"ISC"),
    ("public domain", r"public domain"),
)
_LICENCE = re.compile(
    "|".join(rf"(?P<l{i}>\b(?:{pattern})(?![\w-]))" for i, (_, pattern) in enumerate(_LICENCES))
)


def _licences(text: str) -> list[tuple[str, str, int, int]]:
    """A text's licence names: (family, as written, start, end)."""
    return [
        (_LICENCES[int((m.lastgroup or "l0")[1:])][0], m.group(0), m.start(), m.end())
        for m in _LICENCE.finditer(text)
    ]


def licence_mismatches(part: Span, u: Span) -> list[Diff]:
    """The claim's licence where the source names another and not it: "released under the GPL"
    against "released under the MIT License"."""
    ours = _licences(part.text)
    if not ours:
        return []  # most claims name no licence: the source's sentences are not read for one
    theirs = _licences(u.text)
    families = {family for family, *_ in theirs}
    found: list[Diff] = []
    for family, written, _, _ in ours:
        if family in families:
            continue
        other = next(((w, a, b) for f, w, a, b in theirs if f != family), None)
        if other is not None:
            found.append((written, other[0], "licence", u.start + other[1], u.start + other[2]))
    return found
