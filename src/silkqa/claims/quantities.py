"""Reading a text's figures: numbers, percentages, years, decades and centuries."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..reader import SMALL_NUMBERS, licence_numbers
from .lexicon import _FUNCTION, stem
from .words import stems_match

# --------------------------------------------------------------------------- numbers and dates

_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9}
_NUMBER_WORDS = {w: i for i, w in enumerate(SMALL_NUMBERS) if i >= 1} | {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
# "one" counts only where it is a count ("only one car"), not in "one of" or "at one point"
_COUNTED_ONE = re.compile(
    r"\b(?:only|just|exactly|merely|than|single)\s+one\b|\bone\s+(?:single|[a-z]+s?)\s+(?:survives?|remains?|exists?|is|was)\b",
    re.I,
)
_QUANTITY = re.compile(
    # (a version written "v20" is the number 20: "requires at least v20" against "Node.js v18")
    r"(?:(?<![\w.])|(?<=\bv))(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<decade>s\b)?"
    r"(?:\s*(?P<pct>%|per ?cent\b|percent\b))?"
    r"(?:\s+(?P<scale>thousand|million|billion|trillion|bn)\b)?",
    re.I,
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# "thirty-two" is one number, not thirty and two
_WORD_QUANTITY = re.compile(
    rf"\b(?:(?P<tens>{'|'.join(_TENS)})[-\s](?P<ones>{'|'.join(_ONES)})|(?P<word>"
    + "|".join(_NUMBER_WORDS)
    + r"))\b(?:\s+(?P<scale>thousand|million|billion))?",
    re.I,
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


# "2048 bits", "1024-byte", "1920x1080": a four-digit figure with a unit of measure is a size, not a year
_MEASURE_AFTER = re.compile(
    r"\s*-?\s*(?:bits?|bytes?|[KMGT]i?B|kB|px|pixels?|dpi|ms|[kMG]?Hz|mAh|rpm|[x×]\s*\d)(?![A-Za-z])"
)

# "postscreen(8)", "crontab(5)": a manual page's section, no figure
_MANUAL_SECTION = re.compile(r"(?<=\w)\(\d[a-z]?\)")
# what a figure is not: a character class ("digits ([0-9])"), a line of versions ("0.x", "1.x")
_NOT_COUNTING = re.compile(r"\[\^?[\w-]*\d-\d[\w-]*\]|(?<![\w.])\d+\.x\b")


def _counts_nothing(text: str) -> list[tuple[int, int]]:
    """Where numbers count nothing: a licence's version ("Apache 2.0"), a character class, "1.x"."""
    return [*licence_numbers(text), *(m.span() for m in _NOT_COUNTING.finditer(text))]


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
    taken += _counts_nothing(text)
    for m in _QUANTITY.finditer(text):
        if any(a <= m.start() < b for a, b in taken) or _MANUAL_SECTION.match(text, max(0, m.start() - 1)):
            continue
        raw = m.group("num").replace(",", "")
        value = float(raw)
        hedged = bool(_HEDGE.search(text[max(0, m.start() - 15) : m.start()]))
        if m.group("decade") and re.fullmatch(r"1\d\d0|20\d0", raw):
            add(Quantity(m.group(0), m.start(), m.end(), "year", value, value + 9))
        elif m.group("pct"):
            add(Quantity(m.group(0), m.start(), m.end(), "percent", value, value, hedged=hedged))
        elif (
            not m.group("scale")
            and re.fullmatch(r"1\d{3}|20\d\d", m.group("num"))
            and not _MEASURE_AFTER.match(text, m.end())
        ):
            add(Quantity(m.group(0), m.start(), m.end(), "year", value, value))
        else:
            value *= _SCALE_WORDS.get((m.group("scale") or "").lower(), 1)
            unit = _unit_after(text, m.end())
            add(Quantity(m.group(0), m.start(), m.end(), "number", value, value, unit, hedged))
    for m in _WORD_QUANTITY.finditer(text):
        if m.group("tens"):
            value = _NUMBER_WORDS[m.group("tens").lower()] + _NUMBER_WORDS[m.group("ones").lower()]
        else:
            word = m.group("word").lower()
            if word == "one" and not _COUNTED_ONE.search(text[max(0, m.start() - 12) : m.end() + 12]):
                continue
            value = _NUMBER_WORDS[word]
        value *= _SCALE_WORDS.get((m.group("scale") or "").lower(), 1)
        unit = _unit_after(text, m.end())
        add(Quantity(m.group(0), m.start(), m.end(), "number", value, value, unit, spelled=True))
    return sorted(found, key=lambda q: q.start)
