"""Claim checking: supported, contradicted or not found, with the evidence and what differs.

No language model judges here. A claim is cut into parts (independent clauses), and each part
is aligned with the clause-sized stretch of a source sentence that best matches it: its
content words, names, numbers and dates. Alignment is what gives a difference its meaning:
"20%" against "2%" contradicts only when the rest of the two clauses say the same thing;
otherwise the source is simply talking about something else.

A part is

* contradicted when the aligned clause differs from it in a number, a date, a name in the
  same slot, a polar word (a general English lexicon of opposites: large/small,
  radical/gradual, import/export, ...), negation, the noun before a shared head ("copper
  ore" against "uranium ores"), or when a parallel list in the source binds the claim's term
  to another name ("A mainly exports oil, B mainly exports gas");
* not found when its names, numbers or dates have no counterpart in the library, or when no
  clause covers enough of its content words;
* supported when a clause covers its content, differs in nothing, and the encoder agrees the
  sentence says much the same.

A clause that only recommends or plans something ("it recommends that ...") neither supports
nor contradicts a claim of fact. A claim is contradicted if any part is, supported if every
part is (or if the whole claim is, when a paraphrase does not split along the same lines), and
not found otherwise. Everything here is general English, nothing is keyed to one document's
words: the only thing learnt from the library is which words it writes in lower case and which
as names. The thresholds below were set on gold/claims.jsonl and checked on documents the
checker had not seen (tests/data).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .answering import Citation, cite
from .evidence import Evidence, candidates
from .lexical import content_terms
from .retrieval import search
from .store import Index

VERDICTS = ("supported", "contradicted", "not_found")
DIFFERENCE_KINDS = ("number", "year", "entity", "term", "antonym", "negation")

RELATED_BELOW = 0.30  # best sentence cosine under which a claim is off-topic outright
ALIGN_MIN = 0.5  # share of a part's other terms the clause must match for a difference to count
SUPPORT_RECALL = 0.5  # share of a part's weighted terms a supporting clause must cover
SUPPORT_SCORE = 0.58  # and 0.5 * that share + 0.5 * sentence cosine must reach this
SUPPORT_CONTENT = 0.2  # share of its content words (names and figures aside) it must cover
SENTENCES_PER_PART = 8  # candidate sentences aligned clause by clause, per claim part
MAX_WINDOW = 3  # clauses in one aligned stretch
DENSE_ALIGN = 0.65  # sentence cosine that lets a single matched word anchor a difference
NAME_KIND_MIN = 0.3  # cosine of two names under which one cannot stand for the other
CONSIDERED = 4  # best-aligned and best-supporting clauses examined for differences

NAME_WEIGHT = 2.0
QUANTITY_WEIGHT = 2.0
TERM_WEIGHT = 1.0
CONTEXT_TERM_CREDIT = 0.5  # a content word found only around the clause, not in it
COUNTERPART_CREDIT = 0.5  # how much a differing counterpart counts when choosing the clause
CONTEXT_CREDIT = 0.5  # and how much a name or word found only around the clause

# --------------------------------------------------------------------------- general English


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words: never content, never names (bm25s' list is too short for alignment).
_FUNCTION = _wordset(
    """
    a about above after again against all almost also although always am among amongst an and any
    are as at be because been before being below between both but by can could did do does doing
    done down during each either else etc even ever every fairly few for from further had has have
    having he her here hers him his how however i if in into is it its itself just least less let
    like many may me might more most much must my near nearly neither never no nor not now of off
    often on once one only onto or other others otherwise our ours out over own per quite rather
    really relatively same she should since so some somewhat still such than that the their theirs
    them themselves then there thereby therefore these they this those though through thus to too
    toward towards under until up upon us very via was we well were what whatever when where
    whereas whether which while who whom whose why will with within without would yet you your
    already
    """
)

# Words that turn their clause into its denial.
_NEGATORS = _wordset(
    """
    not no never neither nor none nobody nothing nowhere without cannot unable unwilling refuse
    refuses refused refusing fail fails failed failing lack lacks lacked lacking avoid avoids
    avoided avoiding prevent prevents prevented
    """
)
# "not" before these is a degree or an addition, not a denial ("not much" is "little").
_NOT_DEGREE = {"much": "small", "many": "small", "only": None, "just": None, "very": None}
# Words after these are denied: "manufactured goods rather than minerals".
_CONTRAST = re.compile(r"\b(?:rather than|instead of|as opposed to|in place of)\b", re.I)

# Polar scales of general English, one per line: `scale: one pole | the other pole`. A word
# matches the words on its own pole (a paraphrase) and contradicts those on the other.
_SCALES = """
size: large big huge great vast major massive substantial considerable sizable significant enormous | small little tiny minor modest limited slight meagre meager negligible marginal
amount: more most greater greatest higher highest | less least fewer fewest lower lowest
height: high top upper peak | low bottom
speed: fast rapid quick swift speedy brisk | slow sluggish
pace: radical drastic abrupt sudden sweeping revolutionary | gradual incremental step-by-step piecemeal cautious slow evolutionary
strength: strong robust powerful solid sturdy | weak fragile feeble frail
stability: stable steady constant consistent calm | unstable volatile volatility fluctuating fluctuation erratic turbulent unsteady swings
direction: increase increasing rise rising risen rose grow growing grew grown growth expand expansion climb gain surge boost | decrease decreasing fall falling fell fallen decline declining shrink shrinking shrank drop contraction reduce reduction cut
trade: import importer | export exporter
commerce: buy bought purchase | sell sold sale
order: first earliest initial | last latest final
course: start started begin began begun commence launch | finish finished ended complete completed conclude
time: early | late
wealth: rich wealthy affluent prosperous | poor impoverished needy
development: developed industrialised industrialized advanced | developing underdeveloped undeveloped backward
outcome: success successful succeed win won satisfactory | failure unsuccessful lose lost unsatisfactory
stance: support favour favor approve accept endorse | oppose reject resist object
permission: allow permit legal lawful | forbid ban prohibit illegal unlawful
openness: open | close closed shut
inclusion: include including | exclude excluding
cost: expensive costly | cheap inexpensive affordable
difficulty: easy simple straightforward | difficult hard complex complicated
vertical: above upstream upper | below downstream
north: north northern | south southern
east: east eastern | west western
ownership: public | private
origin: domestic internal inland | foreign external overseas
area: urban | rural
moisture: wet humid rainy flood flooding | dry arid drought
temperature: hot warm heat | cold cool
frequency: always constantly | never rarely seldom
share: majority | minority
balance: surplus profit | deficit loss
age: old ancient | new recent modern young
quality: good better best | bad worse worst
sign: positive | negative
presence: present existing | absent missing
safety: safe secure | dangerous unsafe risky
accord: agree agreement consensus | disagree disagreement dispute
rivalry: cooperate cooperation cooperative partner | compete competition competitor rival rivalry
activity: active actively | passive inactive idle
"""


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def stem(word: str) -> str:
    return _stemmer().stemWord(word.lower())


def _inflections(word: str) -> set[str]:
    """A word with its regular comparative, superlative, adverb and plural forms."""
    forms = {word}
    if "-" in word or len(word) < 3:
        return forms
    if word.endswith("e"):
        forms |= {
            word + "r",
            word + "st",
            word + "s",
            word[:-1] + "y" if word.endswith("le") else word + "ly",
        }
    elif word.endswith("y"):
        forms |= {word[:-1] + "ier", word[:-1] + "iest", word[:-1] + "ily", word[:-1] + "ies"}
    else:
        forms |= {word + "er", word + "est", word + "ly", word + "s"}
        if re.fullmatch(r".*[^aeiou][aeiou][bdgmnpt]", word):
            forms |= {word + word[-1] + "er", word + word[-1] + "est"}
    return forms


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, frozenset[tuple[str, int]]]:
    """stem -> the (scale, pole) pairs it sits on."""
    poles: dict[str, set[tuple[str, int]]] = {}
    for line in _SCALES.strip().splitlines():
        name, rest = line.split(":", 1)
        for pole, words in enumerate(rest.split("|")):
            for word in words.split():
                for form in _inflections(word):
                    poles.setdefault(stem(form), set()).add((name.strip(), pole))
    return {k: frozenset(v) for k, v in poles.items()}


def polar(stemmed: str) -> frozenset[tuple[str, int]]:
    return _lexicon().get(stemmed, frozenset())


def opposed(a: frozenset, b: frozenset) -> bool:
    """Whether two words sit on opposite poles of a scale (and not also on the same one)."""
    return bool(a and b) and not (a & b) and any((s, 1 - p) in b for s, p in a)


# --------------------------------------------------------------------------- words

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*|\d[\d,.]*\d%?|\d%?")
_PRONOUN = re.compile(r"\b(?:it|its|they|their|them|this|these|those|he|she|his|her)\b", re.I)


@dataclass(frozen=True)
class Token:
    text: str
    lower: str
    stem: str
    start: int  # offsets in the analysed text
    end: int
    content: bool  # a content word: not a function word, not a number
    poles: frozenset[tuple[str, int]]


def _clean(word: str) -> str:
    word = word.replace("’", "'")
    return word[:-2] if word.lower().endswith("'s") else word.rstrip("'")


# Fixed phrases whose noun carries no content: "in terms of", "in view of".
_IDIOM = re.compile(r"\b(?:in|with) (?:terms|view|respect|regard|spite|case|place) of\b", re.I)


def tokenize(text: str) -> list[Token]:
    out = []
    idioms = [(m.start(), m.end()) for m in _IDIOM.finditer(text)]
    for m in _WORD.finditer(text):
        word = _clean(m.group(0))
        lower = word.lower()
        if word[0].isdigit():
            out.append(Token(word, lower, lower, m.start(), m.end(), False, frozenset()))
            continue
        content = lower not in _FUNCTION and lower not in _NEGATORS and len(lower) > 1
        content = content and not any(a <= m.start() < b for a, b in idioms)
        s = stem(lower)
        out.append(Token(word, lower, s, m.start(), m.end(), content, polar(s)))
    return out


def stems_match(a: str, b: str) -> bool:
    """Same stem, or a stem and a longer one it begins (financ/financi, technolog/technologi)."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 5 and long_.startswith(short)


def names_match(a: str, b: str) -> bool:
    """Two words of names: equal, or a name and its adjective (China/Chinese, Asia/Asian)."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    common = 0
    for x, y in zip(short, long_, strict=False):
        if x != y:
            break
        common += 1
    return common >= 4 and common >= len(short) - 1 and len(long_) - common <= 3


# --------------------------------------------------------------------------- numbers and dates

_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9}
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
    if i >= 1
} | {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12}
# "one" counts only where it is a count ("only one car"), not in "one of" or "at one point"
_COUNTED_ONE = re.compile(
    r"\b(?:only|just|exactly|merely|than|single)\s+one\b|\bone\s+(?:single|[a-z]+s?)\s+(?:survives?|remains?|exists?|is|was)\b",
    re.I,
)
_QUANTITY = re.compile(
    r"(?<![\w.])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<decade>s\b)?"
    r"(?:\s*(?P<pct>%|per ?cent\b|percent\b))?"
    r"(?:\s+(?P<scale>thousand|million|billion|trillion|bn)\b)?",
    re.I,
)
_WORD_QUANTITY = re.compile(
    r"\b(?P<word>" + "|".join(_NUMBER_WORDS) + r")\b(?:\s+(?P<scale>thousand|million|billion))?", re.I
)
_CENTURY_ORDINALS = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}
_CENTURY = re.compile(
    r"\b(?:the\s+)?(?:(?:beginning|start|end|turn|middle|first half|second half)\s+of\s+(?:the\s+)?)?"
    r"(?P<which>this|the current|the present|the last|the previous|the past|(?P<num>\d{1,2})(?:st|nd|rd|th)|"
    + "|".join(_CENTURY_ORDINALS)
    + r")\s+century\b",
    re.I,
)
_DECADE_NAMES = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"]
_DECADE = re.compile(r"\bthe\s+(?P<w>" + "|".join(_DECADE_NAMES) + r")\b", re.I)
_HEDGE = re.compile(
    r"\b(?:about|around|roughly|approximately|nearly|almost|some|over|more than|less than|under|up to|close to)\s+$",
    re.I,
)
NOW = 2025  # a relative date ("this century") is read as of now: the library's texts are recent


@dataclass(frozen=True)
class Quantity:
    text: str
    start: int
    end: int
    kind: str  # number | percent | year (a year, a decade or a century, as a span of years)
    low: float
    high: float
    unit: str | None = None  # stem of the noun after a number ("dollar", "km")
    hedged: bool = False  # "about 20%"
    spelled: bool = False  # written as a word ("five"): compared, but not required to be found

    def comparable(self, other: Quantity) -> bool:
        """Two figures of one kind, counting one thing (or with nothing said of what they count)."""
        if self.kind != other.kind:
            return False
        if self.kind != "number" or self.unit is None or other.unit is None or self.low == other.low:
            return True
        return self.unit == other.unit or stems_match(self.unit, other.unit)

    def agrees(self, other: Quantity) -> bool:
        if self.kind == "year":
            return self.low <= other.high and other.low <= self.high
        tolerance = 0.15 if (self.hedged or other.hedged) else 0.02
        return abs(self.low - other.low) <= tolerance * max(abs(self.low), abs(other.low), 1e-9)


# Common abbreviations of units, so that "41 km" and "41 kilometres" count the same thing.
_UNIT_NAMES = {
    "km": "kilometre", "m": "metre", "cm": "centimetre", "mm": "millimetre", "mi": "mile",
    "kg": "kilogram", "g": "gram", "t": "tonne", "ton": "tonne", "lb": "pound", "ha": "hectare",
    "l": "litre", "mw": "megawatt", "kw": "kilowatt", "gw": "gigawatt", "usd": "dollar", "eur": "euro",
    "kilometer": "kilometre", "meter": "metre", "liter": "litre", "yr": "year", "hr": "hour",
}  # fmt: skip


def _unit_after(text: str, end: int) -> str | None:
    m = re.match(r"\s*(?:of\s+)?(?:US\s+|U\.S\.\s+)?([A-Za-z]+)", text[end:])
    if not m or (m.start(1) == 0 and len(m.group(1)) > 3):
        return None
    word = m.group(1).lower()
    word = _UNIT_NAMES.get(word, word)
    return None if word in _FUNCTION or word in _SCALE_WORDS else stem(word)


def quantities(text: str) -> list[Quantity]:
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def add(q: Quantity) -> None:
        found.append(q)
        taken.append((q.start, q.end))

    for m in _CENTURY.finditer(text):
        which = m.group("which").lower()
        if m.group("num"):
            c = int(m.group("num"))
        elif which in _CENTURY_ORDINALS:
            c = _CENTURY_ORDINALS[which]
        else:
            c = NOW // 100 + (1 if which in ("this", "the current", "the present") else 0)
        add(Quantity(m.group(0), m.start(), m.end(), "year", (c - 1) * 100, (c - 1) * 100 + 99))
    for m in _DECADE.finditer(text):
        low = 1920 + 10 * _DECADE_NAMES.index(m.group("w").lower())
        add(Quantity(m.group(0), m.start(), m.end(), "year", low, low + 9))
    for m in _QUANTITY.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        raw = m.group("num").replace(",", "")
        value = float(raw)
        hedged = bool(_HEDGE.search(text[max(0, m.start() - 15) : m.start()]))
        if m.group("decade") and re.fullmatch(r"1\d\d0|20\d0", raw):
            add(Quantity(m.group(0), m.start(), m.end(), "year", value, value + 9))
        elif m.group("pct"):
            add(Quantity(m.group(0), m.start(), m.end(), "percent", value, value, hedged=hedged))
        elif not m.group("scale") and re.fullmatch(r"1\d{3}|20\d\d", m.group("num")):
            add(Quantity(m.group(0), m.start(), m.end(), "year", value, value))
        else:
            value *= _SCALE_WORDS.get((m.group("scale") or "").lower(), 1)
            unit = _unit_after(text, m.end())
            add(Quantity(m.group(0), m.start(), m.end(), "number", value, value, unit, hedged))
    for m in _WORD_QUANTITY.finditer(text):
        word = m.group("word").lower()
        if word == "one" and not _COUNTED_ONE.search(text[max(0, m.start() - 12) : m.end() + 12]):
            continue
        value = _NUMBER_WORDS[word] * _SCALE_WORDS.get((m.group("scale") or "").lower(), 1)
        unit = _unit_after(text, m.end())
        add(Quantity(m.group(0), m.start(), m.end(), "number", value, value, unit, spelled=True))
    return sorted(found, key=lambda q: q.start)


# --------------------------------------------------------------------------- names

_CONNECTORS = frozenset({"of", "for", "the", "de", "du", "la", "von", "van", "del"})
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*|[^\sA-Za-z]")
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?:;]|\n)[\s“\"‘'(\[]*$")


@dataclass(frozen=True)
class Name:
    text: str
    words: tuple[str, ...]  # lower-cased, connectors left out
    start: int
    end: int

    @property
    def acronym(self) -> bool:
        return len(self.words) == 1 and self.text.isupper() and 2 <= len(self.text) <= 6


@dataclass(frozen=True)
class Vocabulary:
    """How the library writes its words: which ones only ever as names."""

    lower: frozenset[str] = frozenset()  # written in lower case somewhere
    names: frozenset[str] = frozenset()  # written capitalised inside sentences, more than in lower case

    def is_name(self, word: str) -> bool:
        w = word.lower()
        return w in self.names and w not in _FUNCTION


def names(text: str, vocabulary: Vocabulary = Vocabulary()) -> list[Name]:
    """Runs of capitalised words ("People's Bank of China", "Xi Jinping", "GDP").

    A capitalised word that opens a sentence is a name only if the library writes it as one
    inside sentences, or another capitalised word follows it, or it is an acronym.
    """
    found: list[Name] = []
    run: list[re.Match] = []
    opens_sentence = False

    def close() -> None:
        nonlocal opens_sentence
        while run and run[-1].group(0).lower() in _CONNECTORS:
            run.pop()
        while run and run[0].group(0).lower() in _CONNECTORS:
            run.pop(0)
        if run and opens_sentence and len(run) > 1:
            # "Five Central Asian countries": a common word opening a sentence is not part of a name
            lead = _clean(run[0].group(0)).lower()
            if lead in vocabulary.lower and not vocabulary.is_name(lead):
                run.pop(0)
                opens_sentence = False
        if run:
            first = run[0].group(0)
            single = len(run) == 1
            if not (
                opens_sentence
                and single
                and not first.isupper()
                and not vocabulary.is_name(_clean(first))
                and not re.search(r"['’]s$", first)
            ):
                words = tuple(
                    _clean(w.group(0)).lower() for w in run if w.group(0).lower() not in _CONNECTORS
                )
                found.append(
                    Name(_clean(text[run[0].start() : run[-1].end()]), words, run[0].start(), run[-1].end())
                )
        run.clear()
        opens_sentence = False

    for m in _NAME_WORD.finditer(text):
        word = m.group(0)
        if run and (text[run[-1].end() : m.start()].strip() or "\n" in text[run[-1].end() : m.start()]):
            close()
        if word[0].isupper():
            lower = _clean(word).lower()
            if not run:
                opens_sentence = bool(_OPENS_SENTENCE.search(text[max(0, m.start() - 4) : m.start()]))
                if lower in _FUNCTION or lower in _NEGATORS:
                    opens_sentence = False
                    continue
            run.append(m)
            if re.search(r"['’]s$", word):
                close()
        elif run and word.lower() in _CONNECTORS:
            run.append(m)
        else:
            close()
    close()
    out: list[Name] = []
    for n in found:  # names joined by dashes ("China–Kazakhstan border") are several names
        pieces = re.split(r"\s*[–—]\s*", n.text)
        if len(pieces) == 1:
            out.append(n)
            continue
        at = n.start
        for piece in pieces:
            at = text.find(piece, at)
            words = tuple(w.lower() for w in re.findall(r"[A-Za-z']+", piece) if w.lower() not in _CONNECTORS)
            if words:
                out.append(Name(piece, words, at, at + len(piece)))
            at += len(piece)
    return out


def learn_vocabulary(texts: list[str], skip_lines: set[str] = frozenset()) -> Vocabulary:
    """Which words a library writes in lower case, and which it writes as names mid-sentence."""
    lower: dict[str, int] = {}
    capital: dict[str, int] = {}
    for text in texts:
        for line in text.splitlines():
            if line.strip() in skip_lines:
                continue
            for m in re.finditer(r"[A-Za-z][A-Za-z'’-]*", line):
                word = _clean(m.group(0))
                w = word.lower()
                if word[0].islower():
                    lower[w] = lower.get(w, 0) + 1
                elif not _OPENS_SENTENCE.search(line[max(0, m.start() - 4) : m.start()]):
                    capital[w] = capital.get(w, 0) + 1
    names_ = {w for w, n in capital.items() if n > lower.get(w, 0)}
    return Vocabulary(frozenset(lower), frozenset(names_))


# --------------------------------------------------------------------------- analysed text


@dataclass(frozen=True)
class Span:
    """A stretch of text (a claim part, or a clause window of a source) and what is in it."""

    text: str
    start: int  # offset in its document (0 for a claim)
    tokens: tuple[Token, ...]
    names: tuple[Name, ...]
    quantities: tuple[Quantity, ...]
    negated: bool
    denied: frozenset[str]  # stems under "rather than" and the like
    degree: frozenset[tuple[str, int]]  # poles implied by "not much" and the like
    words: tuple[str, ...]  # every word, lower-cased
    word_set: frozenset[str]
    content: tuple[Token, ...]
    stems: frozenset[str]
    initials: str  # first letters of the significant words, for acronyms
    # look-up tables, so that alignment does not compare every word with every word
    by_stem: dict[str, Token] = field(default_factory=dict, compare=False, repr=False)
    stem_heads: frozenset[str] = frozenset()  # first five letters of every stem
    word_heads: frozenset[str] = frozenset()  # first four letters of every word
    poles: frozenset[tuple[str, int]] = frozenset()

    def has_name(self, name: Name) -> bool:
        """All the words of a name occur here, or its acronym is here or spelled out here."""
        if name.acronym:
            acronym = name.text.lower()
            return acronym in self.word_set or acronym in self.initials
        return all(self.has_word(w) for w in name.words)

    def has_word(self, word: str) -> bool:
        """A word of a name, or its adjective (Asia, Asian), is here."""
        if word in self.word_set:
            return True
        return word[:4] in self.word_heads and any(names_match(word, x) for x in self.words)

    def find(self, token: Token) -> Token | None:
        """The token here that says what `token` says: same stem, or same pole of a scale."""
        hit = self.by_stem.get(token.stem)
        if hit is not None:
            return hit
        if token.stem[:5] in self.stem_heads:
            for o in self.tokens:
                if stems_match(token.stem, o.stem):
                    return o
        if token.poles & self.poles:
            for o in self.tokens:
                if token.poles & o.poles:
                    return o
        return None

    def opposite(self, token: Token) -> Token | None:
        if not any((scale, 1 - pole) in self.poles for scale, pole in token.poles):
            return None
        return next((o for o in self.content if opposed(token.poles, o.poles)), None)


def _negation(tokens: list[Token]) -> tuple[bool, frozenset[tuple[str, int]]]:
    count, degree = 0, set()
    for i, t in enumerate(tokens):
        if t.lower not in _NEGATORS and not t.lower.endswith("n't"):
            continue
        following = tokens[i + 1].lower if i + 1 < len(tokens) else ""
        if t.lower == "not" and following in _NOT_DEGREE:
            if _NOT_DEGREE[following]:
                degree |= polar(stem(_NOT_DEGREE[following]))
            continue
        count += 1
    return count % 2 == 1, frozenset(degree)


def analyse(text: str, start: int = 0, vocabulary: Vocabulary = Vocabulary()) -> Span:
    tokens = tokenize(text)
    negated, degree = _negation(tokens)
    denied: set[str] = set()
    for m in _CONTRAST.finditer(text):
        tail = re.split(r"[,;:.]", text[m.end() :], maxsplit=1)[0]
        denied |= {t.stem for t in tokenize(tail) if t.content}
    words = tuple(t.lower for t in tokens)
    significant = [t.lower for t in tokens if t.lower not in _CONNECTORS and t.lower != "and"]
    return Span(
        text=text,
        start=start,
        tokens=tuple(tokens),
        names=tuple(names(text, vocabulary)),
        quantities=tuple(quantities(text)),
        negated=negated,
        denied=frozenset(denied),
        degree=degree,
        words=words,
        word_set=frozenset(words),
        content=tuple(t for t in tokens if t.content),
        stems=frozenset(t.stem for t in tokens if t.content),
        initials="".join(w[0] for w in significant),
        by_stem={t.stem: t for t in reversed(tokens) if not t.text[0].isdigit()},
        stem_heads=frozenset(t.stem[:5] for t in tokens if len(t.stem) >= 5),
        word_heads=frozenset(w[:4] for w in words),
        poles=frozenset(p for t in tokens for p in t.poles) | degree,
    )


# --------------------------------------------------------------------------- parts and clauses

# A claim part ends before ", and ...", ", although ...", ", which ..." or at a semicolon.
_PART_BREAK = re.compile(
    r"\s*;\s*|,\s+(?=(?:and|but|although|though|while|whereas|yet|which|who)\b)|\s+(?=(?:although|whereas)\b)"
    # "... is covered by the accord and managed jointly": a second predicate of the same subject
    r"|\s+(?=and\s+(?:is|are|was|were|has|have|had|will|would|can|could|does|do|did|[a-z]{3,}ed)\b)"
)
# Finer: the segments a parallel-list check binds names and terms within.
_SEGMENT_BREAK = re.compile(r"\s*[;,]\s*|\s+(?:and|but|while|whereas|although|though)\s+")
# A source sentence's clauses end at punctuation, coordinating words, sentence and line ends.
_CLAUSE_BREAK = re.compile(
    r"(?<=[.!?])\s+(?=[A-Z“\"(\[])|\s*\n+\s*|\s*[;,:]\s+|\s+(?:and|but|while|whereas|although|though)\s+"
)
# What follows these is recommended, planned or supposed: it neither backs nor denies a claim of fact.
_IRREALIS = re.compile(
    r"\b(?:recommend|recommends|recommended|propose|proposes|proposed|suggest|suggests|suggested|urge|urges|urged"
    r"|advise|advises|advised)\s+(?:that|to)\b|\b(?:calls? for|called for|should|ought to|if|unless"
    r"|(?:plans?|planned|intends?|intended|aims?|aimed|hopes?|hoped|wants?|wanted|wishes|wished)\s+to)\b",
    re.I,
)
_SENTENCE_GAP = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(\[])")


def _cut(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    spans, cursor = [], 0
    for m in pattern.finditer(text):
        if m.start() > cursor:
            spans.append((cursor, m.start()))
        cursor = max(cursor, m.end())
    if cursor < len(text):
        spans.append((cursor, len(text)))
    return [(a, b) for a, b in spans if re.search(r"\w", text[a:b])]


def split_parts(claim: str) -> list[tuple[int, int]]:
    """The independent clauses of a claim; a piece with under two content words joins the one before."""
    merged: list[tuple[int, int]] = []
    for a, b in _cut(claim, _PART_BREAK):
        if merged and sum(1 for t in tokenize(claim[a:b]) if t.content) < 2:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def clause_windows(text: str) -> list[tuple[int, int]]:
    """Runs of up to MAX_WINDOW consecutive clauses of a source sentence, and the whole."""
    clauses = _cut(text, _CLAUSE_BREAK)
    out = [
        (clauses[i][0], clauses[j][1])
        for i in range(len(clauses))
        for j in range(i, min(i + MAX_WINDOW, len(clauses)))
    ]
    if len(clauses) > MAX_WINDOW and "\n" not in text:
        out.append((clauses[0][0], clauses[-1][1]))
    return out


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Difference:
    claim_term: str
    source_term: str
    kind: str  # number | year | entity | term | antonym | negation
    quote: str  # the source clause where the difference is, exactly as the document has it
    n: int  # the evidence citation the quote belongs to

    def to_json(self) -> dict:
        return {
            "claim_term": self.claim_term,
            "source_term": self.source_term,
            "kind": self.kind,
            "quote": self.quote,
            "n": self.n,
        }


@dataclass(frozen=True)
class Coverage:
    """Which of the claim's key terms (names, numbers, content words) the evidence covers."""

    covered: tuple[str, ...]
    missing: tuple[str, ...]


@dataclass(frozen=True)
class ClaimCheck:
    claim: str
    verdict: str  # supported | contradicted | not_found
    evidence: tuple[Citation, ...]
    differences: tuple[Difference, ...]
    coverage: Coverage
    confidence: float
    reason: str | None = None
    parts: tuple[tuple[str, str], ...] = ()  # (part of the claim, its own verdict)
    part_evidence: tuple[tuple[int, ...], ...] = ()  # per part, the evidence [n] it was judged on

    def to_json(self) -> dict:
        return {
            "claim": self.claim,
            "verdict": self.verdict,
            "evidence": [c.to_json() for c in self.evidence],
            "differences": [d.to_json() for d in self.differences],
            "covered_terms": list(self.coverage.covered),
            "missing_terms": list(self.coverage.missing),
            "confidence": round(self.confidence, 4),
            "reason": self.reason,
            "parts": [
                {"text": t, "verdict": v, "evidence": list(ns)}
                for (t, v), ns in zip(self.parts, self.part_evidence or [()] * len(self.parts), strict=True)
            ],
        }


# --------------------------------------------------------------------------- the library's units


@dataclass(frozen=True)
class Unit:
    """A clause window of an evidence sentence, with what surrounds it."""

    evidence: Evidence
    span: Span
    sentence: Span  # the whole evidence quote
    context: Span  # title, section, the paragraph so far and the sentence
    topic: Span  # title and section: what the whole passage is about
    antecedents: tuple[Name, ...]  # names a pronoun in the window may stand for (document offsets)
    clauses: tuple[Span, ...]  # the sentence's single clauses
    irrealis: bool = False  # recommended, proposed or supposed, not stated as fact


@dataclass
class _Knowledge:
    vocabulary: Vocabulary
    units: dict[tuple[str, int, int], tuple[Unit, ...]] = field(default_factory=dict)
    terms: dict[tuple[str, int, int], set[str]] = field(default_factory=dict)

    def terms_of(self, ev: Evidence) -> set[str]:
        found = self.terms.get(ev.key)
        if found is None:
            found = self.terms[ev.key] = content_terms(ev.quote)
        return found


_KNOWLEDGE: dict[int, tuple[Index, _Knowledge]] = {}


def _knowledge(index: Index) -> _Knowledge:
    """What the checker keeps per loaded index: its vocabulary and the units analysed so far."""
    cached = _KNOWLEDGE.get(id(index))
    if cached is not None and cached[0] is index:
        return cached[1]
    headings = {d.title.strip() for d in index.documents.values()}
    headings |= {s.title.strip() for d in index.documents.values() for s in d.sections}
    vocabulary = learn_vocabulary([d.text for d in index.documents.values()], headings)
    knowledge = _Knowledge(vocabulary)
    if len(_KNOWLEDGE) >= 4:
        _KNOWLEDGE.clear()
    _KNOWLEDGE[id(index)] = (index, knowledge)
    return knowledge


def _paragraph_start(text: str, offset: int) -> int:
    cut = text.rfind("\n\n", 0, offset)
    return 0 if cut < 0 else cut + 2


def _units(index: Index, knowledge: _Knowledge, ev: Evidence) -> tuple[Unit, ...]:
    cached = knowledge.units.get(ev.key)
    if cached is not None:
        return cached
    vocabulary = knowledge.vocabulary
    doc = index.documents[ev.doc_id]
    para = _paragraph_start(doc.text, ev.start)
    topic_text = f"{doc.title}\n{doc.section_at(ev.start) or ''}"
    topic = analyse(topic_text, 0, vocabulary)
    context = analyse(f"{topic_text}\n{doc.text[para : ev.start]}\n{ev.quote}", 0, vocabulary)
    sentence = analyse(ev.quote, ev.start, vocabulary)
    clauses = tuple(
        analyse(ev.quote[a:b], ev.start + a, vocabulary) for a, b in _cut(ev.quote, _CLAUSE_BREAK)
    )
    cues = [m.start() for m in _IRREALIS.finditer(ev.quote)]
    units = []
    for a, b in clause_windows(ev.quote):
        start = ev.start + a
        span = analyse(ev.quote[a:b], start, vocabulary)
        antecedents: tuple[Name, ...] = ()
        if _PRONOUN.search(span.text):
            # the names of the sentence before, and of this sentence up to the window
            starts = [para] + [para + m.end() for m in _SENTENCE_GAP.finditer(doc.text[para : start + 1])]
            before = starts[-2] if len(starts) >= 2 else starts[-1]
            prior = doc.text[before:start]
            antecedents = tuple(
                Name(n.text, n.words, before + n.start, before + n.end) for n in names(prior, vocabulary)
            )
        irrealis = any(c < b for c in cues)
        units.append(Unit(ev, span, sentence, context, topic, antecedents, clauses, irrealis))
    if len(knowledge.units) > 5000:
        knowledge.units.clear()
    knowledge.units[ev.key] = tuple(units)
    return knowledge.units[ev.key]


# --------------------------------------------------------------------------- alignment

# (claim term, source term, kind, start, end of the source quote in the document)
Diff = tuple[str, str, str, int, int]


@dataclass(eq=False)
class Alignment:
    unit: Unit
    dense: float  # cosine of the claim part and the unit's sentence
    weight: float = 0.0
    matched: float = 0.0
    context: float = 0.0
    counterpart: float = 0.0
    anchors: float = 0.0  # terms matched inside the clause itself
    content_anchors: int = 0  # of which content words (not names, not figures)
    content_weight: float = 0.0
    content_matched: float = 0.0
    precision: float = 0.0
    covered: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    missing_specifics: list[str] = field(default_factory=list)  # names and figures with no counterpart
    differences: list[Diff] = field(default_factory=list)
    swaps: list[Name] = field(default_factory=list)  # claim names with another name in their place
    free: list[Name] = field(default_factory=list)  # the clause's names the claim does not have

    @property
    def recall(self) -> float:
        return (self.matched + self.context) / self.weight if self.weight else 0.0

    @property
    def content_recall(self) -> float:
        return self.content_matched / self.content_weight if self.content_weight else 1.0

    @property
    def rest(self) -> float:
        """The share of the claim matched, leaving out the terms that differ."""
        rest = self.weight - self.counterpart
        return (self.matched + self.context) / rest if rest > 0 else 0.0

    @property
    def score(self) -> float:
        """How well this clause lines up with the part: what to compare it with."""
        reach = (
            (self.matched + CONTEXT_CREDIT * self.context + COUNTERPART_CREDIT * self.counterpart)
            / self.weight
            if self.weight
            else 0.0
        )
        p = self.precision
        f2 = 5 * p * reach / (4 * p + reach) if p + reach else 0.0
        return 0.6 * f2 + 0.4 * self.dense

    @property
    def support(self) -> float:
        return 0.5 * self.recall + 0.5 * self.dense

    @property
    def clean(self) -> bool:
        return not (self.differences or self.swaps or self.missing_specifics)


def _same_name(a: Name, b: Name) -> bool:
    short, long_ = (a, b) if len(a.words) <= len(b.words) else (b, a)
    return all(any(names_match(w, x) for x in long_.words) for w in short.words)


def _parallel_elsewhere(e: Name, part: Span, unit: Unit) -> bool:
    """Whether a name the window lacks sits in a parallel clause of the same sentence (one that
    shares a content word of the claim with the window), as in a list: "A exports oil, B gas".
    A name merely cut off from the window ("that Kazakhstan, [...] has ...") is not a swap."""
    if not unit.sentence.has_name(e):
        return True  # not in this sentence at all: the window's name may stand in its place
    shared = {t.stem for t in part.content if unit.span.find(t) is not None}
    window = range(unit.span.start, unit.span.start + len(unit.span.text))
    for clause in unit.clauses:
        if not clause.has_name(e) or clause.start in window:
            continue
        if any(stems_match(s, o.stem) for s in shared for o in clause.content):
            return True
    return False


def _inside(pos: int, spans) -> bool:
    return any(a <= pos < b for a, b in spans)


def align(part: Span, inherited: tuple[Name, ...], unit: Unit, dense: float) -> Alignment:
    """How a claim part lines up with a clause window: matches, counterparts, differences."""
    u = unit.span
    al = Alignment(unit, dense)
    claim_names = part.names + inherited

    # names -------------------------------------------------------------------------------
    unmatched = []
    for e in part.names:
        al.weight += NAME_WEIGHT
        if u.has_name(e) or any(_same_name(e, a) for a in unit.antecedents):
            al.matched += NAME_WEIGHT
            al.anchors += 1
            al.covered.append(e.text)
        else:
            unmatched.append(e)
    free: list[Name] = []
    for f in (*u.names, *unit.antecedents):
        if any(_same_name(c, f) for c in claim_names) or any(f.words == g.words for g in free):
            continue
        if all(part.has_word(w) for w in f.words):
            continue
        free.append(f)
    al.free = free
    # a name the window lacks is taken from around it, unless the sentence is about other names
    others_here = any(not any(_same_name(c, n) for c in claim_names) for n in unit.sentence.names)
    for e in unmatched:
        if unit.topic.has_name(e) or (
            unit.context.has_name(e)
            and (unit.sentence.has_name(e) or not others_here)
            and (not free or not _parallel_elsewhere(e, part, unit))
        ):
            al.context += NAME_WEIGHT
            al.covered.append(e.text)
        else:
            al.swaps.append(e)
    paired = min(len(al.swaps), len(free))
    al.counterpart += NAME_WEIGHT * paired
    al.missing += [e.text for e in al.swaps[:paired]]
    for e in al.swaps[paired:]:
        al.missing.append(e.text)
        al.missing_specifics.append(e.text)
    al.swaps = al.swaps[:paired]

    # numbers and dates ---------------------------------------------------------------------
    compared: list[Quantity] = []
    for q in part.quantities:
        weight = TERM_WEIGHT if q.spelled else QUANTITY_WEIGHT
        al.weight += weight
        comparable = [o for o in u.quantities if q.comparable(o)]
        agreeing = [o for o in comparable if q.agrees(o)]
        if agreeing:
            al.matched += weight
            al.anchors += 1
            al.covered.append(q.text)
            compared += agreeing
        elif comparable:
            o = comparable[0]
            al.counterpart += weight
            al.missing.append(q.text)
            compared.append(o)
            kind = "year" if q.kind == "year" else "number"
            al.differences.append((q.text, o.text, kind, u.start + o.start, u.start + o.end))
        elif any(q.comparable(o) and q.agrees(o) for o in unit.sentence.quantities):
            al.context += weight
            al.covered.append(q.text)
        else:
            al.missing.append(q.text)
            if not q.spelled:
                al.missing_specifics.append(q.text)

    # content words ---------------------------------------------------------------------------
    skip = [(n.start, n.end) for n in part.names] + [(q.start, q.end) for q in part.quantities]
    antonyms: list[Diff] = []
    for t in part.content:
        if _inside(t.start, skip):
            continue
        al.weight += TERM_WEIGHT
        al.content_weight += TERM_WEIGHT
        if t.stem in part.denied:  # "rather than minerals": a match here is a counterpart
            if u.find(t) is not None:
                al.counterpart += TERM_WEIGHT
                al.anchors += 1
            al.missing.append(t.text)
            continue
        if u.find(t) is not None or (t.poles & u.degree):
            al.matched += TERM_WEIGHT
            al.anchors += 1
            al.content_anchors += 1
            al.content_matched += TERM_WEIGHT
            al.covered.append(t.text)
            continue
        o = u.opposite(t)
        if o is not None and part.find(o) is None:
            al.counterpart += TERM_WEIGHT
            al.missing.append(t.text)
            antonyms.append((t.text, o.text, "antonym", u.start + o.start, u.start + o.end))
            continue
        if opposed(t.poles, u.degree):
            al.counterpart += TERM_WEIGHT
            m = re.search(r"\bnot\s+(?:much|many)\b", u.text)
            a, b = (m.start(), m.end()) if m else (0, len(u.text))
            al.missing.append(t.text)
            antonyms.append((t.text, u.text[a:b], "antonym", u.start + a, u.start + b))
            continue
        if any(stems_match(t.stem, s) for s in unit.context.stems):
            al.context += TERM_WEIGHT * CONTEXT_TERM_CREDIT
            al.content_matched += TERM_WEIGHT * CONTEXT_TERM_CREDIT
        al.missing.append(t.text)

    # how much of the clause the part accounts for -----------------------------------------------
    name_spans = [(n.start, n.end, n in free) for n in u.names]
    counted = used = 0
    for o in u.tokens:
        in_name = next((is_free for a, b, is_free in name_spans if a <= o.start < b), None)
        if not (o.content or o.text[0].isdigit() or in_name is not None):
            continue
        counted += 1
        if in_name is not None:
            used += 1 if (not in_name or al.swaps) else 0
        elif o.text[0].isdigit():
            used += 1 if any(q.start <= o.start < q.end for q in compared) else 0
        elif (
            part.find(o) is not None
            or part.opposite(o) is not None
            or o.poles & part.degree
            or o.text[0].isupper()
            and part.has_word(o.lower)
        ):
            used += 1
    al.precision = used / counted if counted else 0.0

    # polarity -----------------------------------------------------------------------------------
    negation = part.negated != u.negated
    if negation:  # only a denial of something the other side says counts
        denier, other = (part, u) if part.negated else (u, part)
        negation = any(other.find(t) is not None for t in _negation_scope(denier)) or any(
            other.has_name(n) for n in denier.names if n.start >= _first_negator(denier)
        )
    if negation and len(antonyms) == 1:
        negation, antonyms = False, []  # "not large" against "small": the two cancel out
    al.differences += antonyms
    if negation:
        al.differences.append(_negation_difference(part, u))
    for s in part.denied:
        hit = next((o for o in u.content if stems_match(s, o.stem)), None)
        if hit is not None and not u.negated:
            phrase = _CONTRAST.search(part.text)
            claim_term = re.split(r"[,;.]", part.text[phrase.start() :])[0] if phrase else hit.text
            al.differences.append((claim_term, hit.text, "negation", u.start + hit.start, u.start + hit.end))
            break
    for s in u.denied:
        hit = next((t for t in part.content if stems_match(s, t.stem)), None)
        phrase = _CONTRAST.search(u.text)
        if hit is not None and phrase and not part.negated:
            source_term = re.split(r"[,;.]", u.text[phrase.start() :])[0]
            al.differences.append(
                (hit.text, source_term, "negation", u.start + phrase.start(), u.start + len(u.text))
            )
            break
    return al


def _first_negator(span: Span) -> int:
    return next(
        (t.start for t in span.tokens if t.lower in _NEGATORS or t.lower.endswith("n't")), len(span.text)
    )


def _negation_scope(span: Span) -> list[Token]:
    """What a negator denies: the two content words on either side of it within its clause
    ("helicopters are not used", "will not provide construction support")."""
    scope: list[Token] = []
    content = [t for t in span.tokens if t.content]
    for t in span.tokens:
        if t.lower not in _NEGATORS and not t.lower.endswith("n't"):
            continue
        before = [
            o for o in content if o.end <= t.start and not re.search(r"[,;:.]", span.text[o.end : t.start])
        ]
        after = [
            o for o in content if o.start >= t.end and not re.search(r"[,;:.]", span.text[t.end : o.start])
        ]
        scope += before[-2:] + after[:2]
    return scope


def _negation_difference(part: Span, u: Span) -> Diff:
    """The denied phrase on one side, the word it denies on the other, quoting the clause."""

    def phrase(span: Span) -> str:
        toks = span.tokens
        for i, t in enumerate(toks):
            if t.lower in _NEGATORS or t.lower.endswith("n't"):
                j = i + 1
                while j < len(toks) - 1 and not toks[j].content:
                    j += 1
                return span.text[t.start : toks[j].end if j < len(toks) else t.end]
        return ""

    denier, other = (part, u) if part.negated else (u, part)
    said = next((hit.text for t in _negation_scope(denier) if (hit := other.find(t)) is not None), "")
    claim_term, source_term = (phrase(part), said) if part.negated else (said, phrase(u))
    return claim_term, source_term, "negation", u.start, u.start + len(u.text)


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


def modifier_swaps(part: Span, u: Span) -> list[Diff]:
    """'copper ore' against 'uranium ores': the same head noun, another noun before it."""
    found = []
    skip = [(n.start, n.end) for n in part.names] + [(n.start, n.end) for n in u.names]
    for i in range(len(part.tokens) - 1):
        m, h = part.tokens[i], part.tokens[i + 1]
        if not (m.content and h.content) or h.start - m.end > 1 or not _phrase_end(part.tokens, i + 1):
            continue
        for j in range(1, len(u.tokens)):
            m2, h2 = u.tokens[j - 1], u.tokens[j]
            if not (m2.content and stems_match(h.stem, h2.stem)) or h2.start - m2.end > 1:
                continue
            if not _phrase_end(u.tokens, j) or stems_match(m.stem, m2.stem):
                continue
            if part.find(m2) is not None or u.find(m) is not None or m.poles or m2.poles:
                continue
            if _inside(m.start, skip[: len(part.names)]) or _inside(m2.start, skip[len(part.names) :]):
                continue
            if any(w.lower.endswith(_ADJECTIVE_ENDINGS) or w.lower.endswith("ly") for w in (m, m2)):
                continue
            found.append((m.text, m2.text, "term", u.start + m2.start, u.start + m2.end))
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


# --------------------------------------------------------------------------- checking


@dataclass
class _Part:
    text: str
    verdict: str
    alignment: Alignment | None
    differences: list[Diff]
    reason: str | None = None
    unknown: tuple[str, ...] = ()  # names and figures of the part the library has nothing for


def _pair_names(swaps: list[Name], free: list[Name], encoder) -> list[tuple[Name, Name]]:
    """Which of the clause's names stands where each of the claim's does: the most alike, and
    only names of a kind (a bank is not swapped for a road)."""
    vectors = encoder.encode([e.text for e in swaps] + [f.text for f in free])
    sims = vectors[: len(swaps)] @ vectors[len(swaps) :].T
    pairs, used_a, used_b = [], set(), set()
    for flat in np.argsort(-sims, axis=None):
        i, j = divmod(int(flat), len(free))
        if sims[i, j] < NAME_KIND_MIN:
            break
        if i not in used_a and j not in used_b:
            pairs.append((swaps[i], free[j]))
            used_a.add(i)
            used_b.add(j)
    return pairs


def _check_part(
    index: Index,
    knowledge: _Knowledge,
    encoder,
    part: Span,
    inherited: tuple[Name, ...],
    vectors: tuple[np.ndarray, np.ndarray],
    found: list[Evidence],
) -> _Part:
    part_vector, claim_vector = vectors
    terms = content_terms(part.text)

    def rank(ev: Evidence) -> float:
        share = len(terms & knowledge.terms_of(ev)) / len(terms) if terms else 0.0
        return 0.7 * float(ev.vector @ part_vector) + 0.3 * share

    alignments = []
    for ev in sorted(found, key=rank, reverse=True)[:SENTENCES_PER_PART]:
        dense = max(float(ev.vector @ part_vector), float(ev.vector @ claim_vector))
        alignments += [align(part, inherited, unit, dense) for unit in _units(index, knowledge, ev)]
    if not alignments:
        return _Part(part.text, "not_found", None, [], "nothing in the library matches it")

    by_score = sorted(alignments, key=lambda a: -a.score)
    clean = sorted((a for a in alignments if a.clean), key=lambda a: -a.support)
    considered = list(dict.fromkeys(by_score[:CONSIDERED] + clean[:CONSIDERED]))
    differences = {id(a): _differences(a, part, inherited, knowledge, encoder) for a in considered}

    def contradicts(a: Alignment) -> bool:
        found_, unpaired = differences[id(a)]
        if not found_ or not _aligned(a) or a.unit.irrealis:
            return False
        if a.swaps and (unpaired or len(a.swaps) > 1 or a.counterpart > NAME_WEIGHT):
            return False  # another subject altogether, not the claim's subject with another detail
        if a.missing_specifics:  # the claim names something the library does not: only figures decide
            return all(d[2] in ("number", "year") for d in found_)
        return True

    def supports(a: Alignment) -> bool:
        return (
            a.clean
            and not a.unit.irrealis
            and not differences.get(id(a), ([],))[0]
            and a.recall >= SUPPORT_RECALL
            and a.content_recall >= SUPPORT_CONTENT
            and a.support >= SUPPORT_SCORE
        )

    against = max((a for a in considered if contradicts(a)), key=lambda a: a.score, default=None)
    backing = max((a for a in considered if supports(a)), key=lambda a: a.score, default=None)
    if against is not None and (backing is None or against.score >= backing.score):
        return _Part(part.text, "contradicted", against, differences[id(against)][0])
    if backing is not None:
        return _Part(part.text, "supported", backing, [])
    best = by_score[0]
    unknown = best.missing_specifics + [e.text for e in best.swaps]
    unknown += [d[0] for d in best.differences if d[2] in ("number", "year")]
    reason = (
        f"the sources do not mention {', '.join(dict.fromkeys(unknown))} in this context"
        if unknown
        else "no passage says this"
    )
    return _Part(part.text, "not_found", clean[0] if clean else best, [], reason, tuple(unknown))


def _aligned(a: Alignment) -> bool:
    """The clause says the same as the part but for the terms that differ: most of the rest
    matches, on two anchors or on one the encoder confirms."""
    return a.rest >= ALIGN_MIN and a.content_anchors >= 1 and (a.anchors >= 2 or a.dense >= DENSE_ALIGN)


def _differences(
    a: Alignment, part: Span, inherited: tuple[Name, ...], knowledge: _Knowledge, encoder
) -> tuple[list[Diff], list[Name]]:
    """Every difference of an alignment, and the claim's names that nothing stands in for."""
    unit = a.unit
    found = list(a.differences)
    unpaired: list[Name] = []
    if a.swaps:
        pairs = _pair_names(a.swaps, a.free, encoder)
        for e, f in pairs:
            start = min(f.start, unit.span.start) if f in unit.antecedents else unit.span.start
            found.append((e.text, f.text, "entity", start, unit.span.start + len(unit.span.text)))
        unpaired = [e for e in a.swaps if e not in [p[0] for p in pairs]]
    found += modifier_swaps(part, unit.span)
    found += binding_mismatches(part, inherited, unit, knowledge.vocabulary)
    return found, unpaired


def check_claim(index: Index, encoder, claim: str, k: int = 8) -> ClaimCheck:
    """Check a claim against the library: supported, contradicted or not found, and why."""
    knowledge = _knowledge(index)
    spans = split_parts(claim)
    texts = [claim] + ([claim[a:b] for a, b in spans] if len(spans) > 1 else [])
    vectors = encoder.encode(texts)
    pool = {}
    for text, vector in zip(texts, vectors, strict=True):
        for hit in search(index, vector, text, k=k):
            pool.setdefault(hit.row, hit)
    hits = sorted(pool.values(), key=lambda h: -h.score)
    found = [
        ev for ev in candidates(index, hits, vectors[0], content_terms(claim)) if not _is_heading(index, ev)
    ]
    closest = max((float(ev.vector @ vectors[0]) for ev in found), default=0.0)
    if closest < RELATED_BELOW:
        key_terms = _key_terms(analyse(claim, 0, knowledge.vocabulary))
        return ClaimCheck(
            claim,
            "not_found",
            (),
            (),
            Coverage((), key_terms),
            1.0 - max(closest, 0.0),
            "nothing in the library is about this",
            ((claim, "not_found"),),
        )
    results: list[_Part] = []
    inherited: tuple[Name, ...] = ()
    part_vectors = vectors[1:] if len(spans) > 1 else vectors[:1]
    for (a, b), vector in zip(spans, part_vectors, strict=True):
        part = analyse(claim[a:b].strip(), 0, knowledge.vocabulary)
        results.append(_check_part(index, knowledge, encoder, part, inherited, (vector, vectors[0]), found))
        inherited = inherited + part.names
    verdicts = {r.verdict for r in results}
    if len(results) > 1 and verdicts == {"supported", "not_found"} and not any(r.unknown for r in results):
        # the parts were cut to find differences; a paraphrase may still say the whole at once
        whole = analyse(claim, 0, knowledge.vocabulary)
        result = _check_part(index, knowledge, encoder, whole, (), (vectors[0], vectors[0]), found)
        if result.verdict == "supported":
            results = [result]
    return _conclude(index, claim, results)


def _is_heading(index: Index, ev: Evidence) -> bool:
    """Headings and bibliography entries of a paper are not statements to check a claim on."""
    doc = index.documents[ev.doc_id]
    quote = ev.quote.strip()
    if quote == doc.title.strip() or any(quote == s.title.strip() for s in doc.sections):
        return True
    section = doc.section_at(ev.start) or ""
    return bool(re.fullmatch(r"\W*(references|bibliography|works cited|literature)\W*", section, re.I))


def _key_terms(span: Span) -> tuple[str, ...]:
    skip = [(n.start, n.end) for n in span.names] + [(q.start, q.end) for q in span.quantities]
    words = [t.text for t in span.content if not _inside(t.start, skip)]
    return tuple(dict.fromkeys([n.text for n in span.names] + [q.text for q in span.quantities] + words))


def _conclude(index: Index, claim: str, results: list[_Part]) -> ClaimCheck:
    verdicts = [r.verdict for r in results]
    if "contradicted" in verdicts:
        verdict = "contradicted"
        order = [r for r in results if r.verdict == "contradicted"] + [
            r for r in results if r.verdict != "contradicted"
        ]
    else:
        verdict = "supported" if all(v == "supported" for v in verdicts) else "not_found"
        order = results
    citations: list[Citation] = []
    numbers: dict[tuple[str, int, int], int] = {}
    for r in order:
        if r.alignment is None:
            continue
        ev = r.alignment.unit.evidence
        if ev.key not in numbers and (citation := cite(index, ev, len(citations) + 1)) is not None:
            citations.append(citation)
            numbers[ev.key] = citation.n
    differences: list[Difference] = []
    seen: set[tuple[str, str]] = set()
    for r in results:
        if r.verdict != "contradicted" or r.alignment is None:
            continue
        ev = r.alignment.unit.evidence
        text = index.documents[ev.doc_id].text
        for claim_term, source_term, kind, a, b in r.differences:
            if (claim_term.lower(), source_term.lower()) not in seen:
                seen.add((claim_term.lower(), source_term.lower()))
                # the quote is the evidence sentence the differing term stands in, so a reader
                # sees the term in context; a bare term is kept only if it lies outside it
                inside = ev.start <= a and b <= ev.end
                quote = ev.quote if inside else text[a:b]
                differences.append(Difference(claim_term, source_term, kind, quote, numbers.get(ev.key, 0)))
    covered: dict[str, None] = {}
    missing: dict[str, None] = {}
    for r in results:
        if r.alignment is not None:
            covered.update(dict.fromkeys(r.alignment.covered))
            missing.update(dict.fromkeys(t for t in r.alignment.missing if t not in covered))
    aligned = [r.alignment for r in results if r.alignment is not None]
    if verdict == "supported":
        confidence = min(a.support for a in aligned)
    elif verdict == "contradicted":
        confidence = max(r.alignment.rest for r in results if r.verdict == "contradicted" and r.alignment)
    else:
        confidence = 1.0 - max((a.support for a in aligned), default=0.0)
    reason = None
    if verdict == "contradicted":
        reason = "the sources say otherwise"
    elif verdict == "not_found":
        reason = next((r.reason for r in results if r.verdict == "not_found"), None)
    return ClaimCheck(
        claim,
        verdict,
        tuple(citations),
        tuple(differences),
        Coverage(tuple(covered), tuple(missing)),
        float(min(max(confidence, 0.0), 1.0)),
        reason,
        tuple((r.text, r.verdict) for r in results),
        tuple(
            (numbers[r.alignment.unit.evidence.key],)
            if r.alignment is not None and r.alignment.unit.evidence.key in numbers
            else ()
            for r in results
        ),
    )


# --------------------------------------------------------------------------- terminal

_HEADLINES = {
    "supported": "SUPPORTED by the sources",
    "contradicted": "CONTRADICTED by the sources",
    "not_found": "NOT FOUND in the sources",
}


def format_check(data: dict) -> str:
    """A claim check for a terminal: the verdict, what differs, the evidence, the coverage."""
    lines = [f"{_HEADLINES.get(data['verdict'], data['verdict'])}: {data['claim']}"]
    if data.get("reason"):
        lines.append(f"  ({data['reason']})")
    if data.get("differences"):
        lines += ["", "What differs:"]
        for d in data["differences"]:
            claim_term = f"“{d['claim_term']}”" if d["claim_term"] else "(nothing)"
            source_term = f"“{d['source_term']}”" if d["source_term"] else "(nothing)"
            lines.append(f"  [{d['n']}] {d['kind']}: the claim says {claim_term}, the source {source_term}")
            lines.append(f"      in “{d['quote']}”")
    if data.get("evidence"):
        lines += [
            "",
            "Evidence:" if data["verdict"] != "not_found" else "Closest passages (they do not settle it):",
        ]
        for c in data["evidence"]:
            where = ", ".join(
                str(x) for x in (c["title"], c["section"], f"page {c['page']}" if c["page"] else None) if x
            )
            lines.append(f"[{c['n']}] {where} ({c['source']})")
            lines.append(f"    “{c['quote']}”")
    covered, missing = data.get("covered_terms") or [], data.get("missing_terms") or []
    if covered or missing:
        lines.append("")
        if covered:
            lines.append(f"Covered: {', '.join(covered)}")
        if missing:
            lines.append(f"Not in the evidence: {', '.join(missing)}")
    lines.append(f"Confidence: {data.get('confidence', 0.0):.2f}")
    return "\n".join(lines)
