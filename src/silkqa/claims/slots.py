"""Main-item slots: "concentrated in X", "mainly X", "X dominates", "the main focus is Y".

A claim that puts X in the main slot is contradicted by a source sentence that puts another
item Y there, or that lists X among the small or minor items. General English patterns only.
"""

from __future__ import annotations

import re

from .lexicon import polar, stem
from .reading import Span
from .words import Token, stems_match

_AFTER = re.compile(
    r"\b(?:concentrated|centred|centered|focus(?:ed|es|sed|ses)?|based|dominated|led)\s+"
    r"(?:(?:mainly|mostly|largely|primarily|chiefly)\s+)?(?:in|on|upon|around|by)\s+"
    r"|\b(?:mainly|mostly|primarily|chiefly|largely|predominantly|principally)\s+"
    r"(?:(?:concerned|related|used|devoted|dedicated|aimed|engaged|interested)\s+(?:with|to|for|at|in)\s+)?"
    r"(?:in|on|of|from|by)?\s*"
    r"|\b(?:the|its|their|his|her)\s+(?:main|primary|principal|chief|dominant|leading)\s+"
    r"(?:focus|area|sector|field|source|part|item|activity|export|product|industry)s?(?:\s+areas?)?\s+"
    r"(?:is|are|was|were|lies|lie)\s+(?:in\s+|on\s+)?",
    re.I,
)
_BEFORE = re.compile(
    r"\s+(?:sector\s+|industry\s+|area\s+)?(?:is|are|was|were)\s+(?:the|its|their)\s+"
    r"(?:main|primary|principal|chief|dominant|leading)\s+(?:focus|area|sector|field|source|activity)"
    r"|\s+dominates?\b|\s+dominated\b",
    re.I,
)
_SMALL = ("size", 1)


def _items_after(span: Span, end: int) -> list[Token]:
    """The first content word after a slot opener, and the one after it within its phrase."""
    out: list[Token] = []
    for t in span.content:
        if t.start < end:
            continue
        if out and (t.start - out[-1].end > 1 or re.search(r"[,;.]", span.text[out[-1].end : t.start])):
            break
        out.append(t)
        if len(out) == 2:
            break
    return out


def main_items(span: Span) -> list[Token]:
    """The words a text puts in its main slot."""
    items: list[Token] = []
    for m in _AFTER.finditer(span.text):
        items += _items_after(span, m.end())
    for m in _BEFORE.finditer(span.text):
        before = [t for t in span.content if t.end <= m.start()]
        if before and not re.search(r"[,;.]", span.text[before[-1].end : m.start()]):
            items.append(before[-1])
    return items


def _minor(sentence: Span, token: Token) -> tuple[int, int] | None:
    """Where the sentence says the token's item is small or minor: from the item to the word
    that calls it so, within one stretch of the sentence (no full stop or semicolon between)."""
    for o in sentence.content:
        if not stems_match(token.stem, o.stem):
            continue
        for w in sentence.content:
            if (
                w.start > o.end
                and _SMALL in w.poles
                and not re.search(r"[;.]", sentence.text[o.end : w.start])
            ):
                return o.start, w.end
    return None


def slot_mismatches(part: Span, sentence: Span) -> list[tuple[str, str, str, int, int]]:
    """Differences of the main item: (claim term, source term, "term", start, end)."""
    claimed = main_items(part)
    if not claimed:
        return []
    theirs = main_items(sentence)
    if any(stems_match(t.stem, o.stem) for t in claimed for o in theirs):
        return []  # the source gives the claim's item the main slot too
    for t in claimed:
        where = _minor(sentence, t)
        if where is not None:
            a, b = where
            return [(t.text, sentence.text[a:b], "term", sentence.start + a, sentence.start + b)]
    if theirs:
        t, o = claimed[0], theirs[0]
        if not polar(stem(o.lower)) and sentence.find(t) is None:
            return [(t.text, o.text, "term", sentence.start + o.start, sentence.start + o.end)]
    return []
