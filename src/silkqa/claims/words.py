"""Reading a text's words: tokens with their stems and poles, and runs of names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import _FUNCTION, _NEGATORS, polar, stem
from .paraphrase import COMMON_ABBREVIATIONS, EVALUATION, defined_abbreviations, evaluation

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
        poles = polar(s)
        judged = evaluation(lower) if content else None
        if judged is not None:
            poles = poles | {(EVALUATION, judged)}
        out.append(Token(word, lower, s, m.start(), m.end(), content, poles))
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
    # abbreviation -> the phrasings that spell it out (general English and the library's own)
    abbreviations: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = tuple(COMMON_ABBREVIATIONS.items())

    def expansions(self, word: str) -> tuple[tuple[str, ...], ...]:
        return _expansions(self.abbreviations).get(word.lower(), ())

    def is_name(self, word: str) -> bool:
        w = word.lower()
        return w in self.names and w not in _FUNCTION


NO_VOCABULARY = Vocabulary()  # a text read without a library's habits


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
            common = (
                single
                and not first.isupper()
                and not vocabulary.is_name(_clean(first))
                and not re.search(r"['’]s$", first)
            )
            # a lone capitalised word the library otherwise writes in lower case ("Use", "Add" in a
            # changelog line) is a common word, wherever it stands
            lowered = common and _clean(first).lower() in vocabulary.lower and bool(vocabulary.names)
            if not ((opens_sentence and common) or lowered):
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
    found = [n for n in found if len(n.text) > 1]  # "Z_OK" or an initial is no party to a claim
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
    abbreviations = {k: set(v) for k, v in COMMON_ABBREVIATIONS.items()}
    for text in texts:
        for k, v in defined_abbreviations(text).items():
            abbreviations.setdefault(k, set()).update(v)
    defined = tuple((k, tuple(sorted(v))) for k, v in sorted(abbreviations.items()))
    return Vocabulary(frozenset(lower), frozenset(names_), defined)


@lru_cache(maxsize=8)
def _expansions(pairs: tuple) -> dict[str, tuple[tuple[str, ...], ...]]:
    return dict(pairs)
