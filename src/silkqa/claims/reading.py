"""A stretch of text analysed once (tokens, names, figures, negation), and how claims and
source sentences are cut into parts and clauses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from . import negation
from .lexicon import _CONTRAST, _NOT_DEGREE, opposed, polar, stem
from .paraphrase import EVALUATION
from .quantities import Quantity, quantities
from .words import (
    _CONNECTORS,
    NO_VOCABULARY,
    Name,
    Token,
    Vocabulary,
    names,
    names_match,
    stems_match,
    tokenize,
)

MAX_WINDOW = 3  # clauses in one aligned stretch
_NEGATING_PREFIXES = ("non-", "non", "un")  # not in-/dis-: "import", "discount" are not denials

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
    vocabulary: Vocabulary = field(default=NO_VOCABULARY, compare=False, repr=False)
    denied_at: frozenset[int] = frozenset()  # starts of the words under a denial ("not used")
    forward_at: frozenset[int] = frozenset()  # of which those a denial reaches forward ("not a copy")
    lesser_at: frozenset[int] = frozenset()  # starts of the words after "than" in a comparison
    negators: tuple[int, ...] = ()  # indexes of the tokens that deny something
    unprefixed: frozenset[str] = frozenset()  # stems that an un-/non- word here negates

    def is_denied(self, token: Token) -> bool:
        return token.start in self.denied_at

    def has_name(self, name: Name) -> bool:
        """All the words of a name occur here, or its acronym is here or spelled out here."""
        if name.acronym:
            acronym = name.text.lower()
            if acronym in self.word_set or acronym in self.initials:
                return True
            return any(self._spells(words) for words in self.vocabulary.expansions(acronym))
        return all(self.has_word(w) for w in name.words)

    def _spells(self, words: tuple[str, ...]) -> bool:
        """Every significant word of an expansion is here, as itself or a derivation."""
        wanted = [stem(w) for w in words if w not in _CONNECTORS and w != "and"]
        return all(
            self.by_stem.get(s) is not None or any(stems_match(s, o.stem) for o in self.tokens)
            for s in wanted
        )

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
        same = {p for p in token.poles if p[0] != EVALUATION} & self.poles
        if same:  # a shared scale matches; a shared verdict (good, safe) is too loose to
            for o in self.tokens:
                if same & o.poles:
                    return o
        return None

    def opposite(self, token: Token) -> Token | None:
        """The word here on the other pole of a scale, or the same word negated by a prefix."""
        negated = None
        if _negated_stem(token.lower) in self.stems or token.stem in self.unprefixed:
            negated = next((o for o in self.content if prefix_negates(token, o)), None)
        if negated is not None or not any((scale, 1 - pole) in self.poles for scale, pole in token.poles):
            return negated
        return next((o for o in self.content if opposed(token.poles, o.poles)), None)


def _without_negating_prefix(word: str) -> str | None:
    """The word without its un- or non-: "undirected" -> "directed"; None for "unless", "union"."""
    for prefix in _NEGATING_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            return word[len(prefix) :]
    return None


@cache
def _negated_stem(word: str) -> str | None:
    """The stem a negating prefix negates ("direct" for "undirected"), once per word: a claim
    check asks it of every pair of words it aligns (uncached, 3.8x -> 4.6x one query encoding)."""
    base = _without_negating_prefix(word)
    return None if base is None else stem(base)


def prefix_negates(a: Token, b: Token) -> bool:
    """One word is the other with un- or non- before it: "undirected" against "directed"."""
    negated_a, negated_b = _negated_stem(a.lower), _negated_stem(b.lower)
    return (negated_a is not None and negated_a == b.stem) or (negated_b is not None and negated_b == a.stem)


def _degree(tokens: list[Token]) -> frozenset[tuple[str, int]]:
    """The poles implied by "not much", "not many"."""
    degree: set[tuple[str, int]] = set()
    for i, t in enumerate(tokens[:-1]):
        if t.lower == "not" and _NOT_DEGREE.get(tokens[i + 1].lower):
            degree |= polar(stem(_NOT_DEGREE[tokens[i + 1].lower]))
    return frozenset(degree)


def analyse(text: str, start: int = 0, vocabulary: Vocabulary = NO_VOCABULARY) -> Span:
    tokens = tokenize(text)
    degree = _degree(tokens)
    deniers = tuple(negation.negators(text, tokens))
    denials, forward = negation.denied(text, tokens)
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
        negated=len(deniers) % 2 == 1,
        denied=frozenset(denied),
        degree=degree,
        words=words,
        word_set=frozenset(words),
        content=tuple(t for t in tokens if t.content),
        stems=frozenset(t.stem for t in tokens if t.content),
        initials="".join(w[0] for w in significant),
        by_stem=_by_stem(tokens, vocabulary),
        stem_heads=frozenset(t.stem[:5] for t in tokens if len(t.stem) >= 5),
        word_heads=frozenset(w[:4] for w in words),
        poles=frozenset(p for t in tokens for p in t.poles) | degree,
        denied_at=denials,
        forward_at=forward,
        lesser_at=negation.lesser(text, tokens),
        negators=deniers,
        vocabulary=vocabulary,
        unprefixed=frozenset(n for t in tokens if t.content and (n := _negated_stem(t.lower)) is not None),
    )


def _by_stem(tokens: list[Token], vocabulary: Vocabulary) -> dict[str, Token]:
    """Stem -> token, with the words of an abbreviation's expansions leading to it ("GDP" is
    found for "gross", "domestic" and "product")."""
    out = {t.stem: t for t in reversed(tokens) if not t.text[0].isdigit()}
    for t in tokens:
        for words in vocabulary.expansions(t.lower) if t.text.isupper() else ():
            for w in words:
                if w not in _CONNECTORS and w != "and":
                    out.setdefault(stem(w), t)
    return out


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
