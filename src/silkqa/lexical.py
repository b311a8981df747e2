"""The lexical half of hybrid search: BM25 over stemmed, stop-worded tokens (bm25s)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

# words of two characters or more, and version numbers whole ("3.6", "2.0.6"): split at their
# dots, their parts are one-character tokens that were dropped, and "Python 3.6" matched any Python
_TOKEN_PATTERN = r"(?u)(?<![\w.])\d+(?:\.\d+)+(?![\w.]*\w)|\b\w\w+\b"
_WORD = re.compile(_TOKEN_PATTERN)
# "v3.6.0" and "3.6.x" name the version 3.6.0 and the series 3.6
_VERSION_MARKS = re.compile(r"(?<![\w.])v(?=\d+\.\d)|(?<=\d)\.[x*](?!\w)")


def _folding_table() -> dict[int, str]:
    """Latin letters with accents as their base letter and every dash as "-", one character for
    one (so that offsets hold): "Sorensen-Dice" is how a question types "Sørensen–Dice"."""
    import unicodedata

    table = {ord(ch): base for ch, base in zip("øØđĐłŁıħĦŧŦ", "oOdDlLihHtT", strict=True)}
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFKD", chr(code))[:1]
        if code not in table and base.isascii() and base.isalpha() and chr(code) != base:
            table[code] = base
    table.update({code: "-" for code in (*range(0x2010, 0x2016), 0x2212, 0xFE63, 0xFF0D)})
    return table


_FOLDING = _folding_table()


def fold(text: str) -> str:
    """A text with accents and dashes folded (same length); ASCII text is returned as it is."""
    return text if text.isascii() else _folded(text)


@lru_cache(maxsize=256)  # the same passages are looked through for each term a question asks about
def _folded(text: str) -> str:
    return text.translate(_FOLDING)


# British spellings of words a technical text uses, written the American way before stemming:
# "what licence is X under" must match "Licensed under the Apache License" (the stems "licenc"
# and "licens" differ), "colour" "color", "initialised" "initialized". A list, not a rule: "rise",
# "promise" and "precise" end in -ise too, and "tour" in -our.
_ISE_ROOTS = (
    "organis|realis|recognis|initialis|serialis|deserialis|optimis|normalis|customis|minimis|maximis|"
    "summaris|prioritis|authoris|synchronis|finalis|utilis|visualis|standardis|specialis|categoris|"
    "characteris|localis|internationalis|parallelis|tokenis|sanitis|stabilis|memoris|emphasis|apologis|"
    "criticis|generalis|capitalis|centralis|virtualis|containeris|parametris|vectoris|randomis|modernis|"
    "materialis|penalis|legalis|neutralis|personalis|symbolis|trivialis|vocalis|uniformis|canonicalis|"
    "sterilis|harmonis|digitis|jeopardis|hospitalis"
)
_BRITISH = (
    (
        re.compile(rf"^({_ISE_ROOTS})(e|ed|es|ing|ation|ations|er|ers|able)$"),
        lambda m: m[1][:-1] + "z" + m[2],
    ),
    (re.compile(r"^(analy|paraly|cataly)s(e|ed|es|ing|er|ers)$"), lambda m: m[1] + "z" + m[2]),
    (
        re.compile(
            r"^(col|behavi|fav|hon|neighb|flav|lab|hum|rum|harb|vap|arm|endeav|sav|splend)our"
            r"(s|ed|ing|ite|ites|able|ful|less|al)?$"
        ),
        lambda m: m[1] + "or" + (m[2] or ""),
    ),
    (
        re.compile(r"^(cen|me|li|fib|thea|cali|spec)tre(s|d)?$"),
        lambda m: m[1] + "ter" + {"d": "ed"}.get(m[2], m[2] or ""),
    ),
    (
        re.compile(r"^(catal|dial|anal|monol|epil|prol)ogue(s|d)?$"),
        lambda m: m[1] + "og" + {"d": "ed"}.get(m[2], m[2] or ""),
    ),
    (re.compile(r"^(licen|defen|offen|preten)ce(s|d)?$"), lambda m: m[1] + "se" + (m[2] or "")),
    (re.compile(r"^licencing$"), lambda m: "licensing"),
    (re.compile(r"^grey(s|ed|ish)?$"), lambda m: "gray" + (m[1] or "")),
)


@lru_cache(maxsize=65536)
def american(word: str) -> str:
    """The American spelling of a lower-case word, or the word."""
    for pattern, spelled in _BRITISH:
        match = pattern.match(word)
        if match:
            return spelled(match)
    return word


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)


def tokenize(texts: Sequence[str]) -> list[list[str]]:
    """Lower-cased, stemmed content tokens — the same for documents and queries.

    Does what `bm25s.tokenize(texts, stopwords="en", stemmer=..., return_ids=False)` does (split,
    drop stopwords, stem each distinct word once), and keeps version numbers whole and spells
    British words the American way (above), without its per-call cost
    (progress bars, a fresh stopword set per text): answers and claim checks call this a few
    dozen times per question on single sentences, where that cost was most of the work.
    """
    if not texts:
        return []
    stop = stopwords()
    split = [
        [t for t in _WORD.findall(_VERSION_MARKS.sub("", text.lower())) if t not in stop] for text in texts
    ]
    distinct = list(dict.fromkeys(t for tokens in split for t in tokens))
    stems = dict(zip(distinct, _stemmer().stemWords([american(t) for t in distinct]), strict=True))
    return [[stems[t] for t in tokens] for tokens in split]


def content_terms(text: str) -> set[str]:
    """The stemmed content words of a text, for overlap measures elsewhere."""
    return set(_content_tokens(text))


@lru_cache(maxsize=8192)
def _content_tokens(text: str) -> tuple[str, ...]:
    """A text's tokens, kept: the same sentences of a library are candidates for question after
    question, and tokenising them was a fifth of the reader's time per answer."""
    tokens = tokenize([text])
    return tuple(tokens[0]) if tokens else ()


# The words that make a sentence a question ("what does ... do"): BM25 keeps them in the index
# (its stopword list is short), where a heading "What does it do?" would outscore the one chunk
# that names the rare term asked about ("What does passOnStoreError do?")
_ASKING = re.compile(
    r"\b(?:[Ww]hat|[Ww]hich|[Ww]ho|[Ww]hom|[Ww]hose|[Ww]here|[Ww]hen|[Ww]hy|[Hh]ow|[Dd]o|[Dd]oes|[Dd]id|[Dd]oing"
    r"|[Cc]an|[Cc]ould|[Ss]hould|[Ww]ould|[Mm]ight)\b"
)


def query_tokens(query: str) -> list[str]:
    """A query's BM25 tokens without its question words, unless those are all it has. Only as
    question words are written: "the CAN bus", "the WHO", "John Doe" keep theirs."""
    tokens = tokenize([_ASKING.sub(" ", query)])[0]
    return tokens or tokenize([query])[0]


def joined_tokens(query: str) -> list[str]:
    """Two adjacent words of a query written as one ("shut down" for a manual's "shutdown",
    "data base"): the tokens of each pair joined, which count where the library writes them."""
    stop = stopwords()
    pairs = re.findall(r"(?=\b([a-z]{3,})\s+([a-z]{3,})\b)", _ASKING.sub(" ", query).lower())
    return [
        t
        for first, second in pairs
        if first not in stop and second not in stop
        for t in tokenize([first + second])[0]
    ]


class LexicalIndex:
    """BM25 scores for every chunk; rebuilt from the chunk texts whenever the index changes."""

    def __init__(self, retriever, size: int) -> None:
        self._retriever = retriever
        self.size = size

    @classmethod
    def build(cls, texts: Sequence[str]) -> LexicalIndex:
        import bm25s

        retriever = bm25s.BM25()
        if texts:
            retriever.index(tokenize(texts), show_progress=False)
        return cls(retriever, len(texts))

    def save(self, folder: Path) -> None:
        if self.size:
            self._retriever.save(str(folder), show_progress=False)
        else:
            folder.mkdir(parents=True, exist_ok=True)

    @classmethod
    def load(cls, folder: Path, size: int) -> LexicalIndex:
        import bm25s

        if not size:
            return cls(bm25s.BM25(), 0)
        return cls(bm25s.BM25.load(str(folder), mmap=False, show_progress=False), size)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk for the query (zeros where no query term occurs)."""
        if not self.size:
            return np.zeros(0, dtype=np.float32)
        tokens = query_tokens(query)
        tokens += [t for t in joined_tokens(query) if t in self._retriever.vocab_dict and t not in tokens]
        if not any(t in self._retriever.vocab_dict for t in tokens):
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(tokens), dtype=np.float32)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())
