"""English words, so that the other words of a question can be told to be names.

A library that never mentions a name cannot answer about it: "does colorama work in jupyter
notebooks", "does cargo use pubgrub". Names typed in capitals are caught by their shape
(answering.lettered_names); typed in lower case, as most questions are, a name is told from an
English word by a dictionary, pyspellchecker's English word list. An English word the library
never uses is no sign of an unanswerable question (a paraphrase: "coarsest", "malformed"); a name
it never uses is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'_-]*[A-Za-z0-9]")
# prefixes that make an English word of a word the library uses ("multithreaded")
_PREFIXES = frozenset({"multi", "non", "un", "re", "sub", "pre", "over", "under", "inter", "cross", "self"})
_BRITISH = ((re.compile(r"is(e|ed|es|ing|ation|ations)$"), r"iz\1"), (re.compile(r"our"), "or"))
ABBREVIATION = 4  # a word this short may be the start of a word the library uses ("deps", "devs")


@cache
def _dictionary():
    """Loaded on the first question with a word the library does not use (about 0.3 s)."""
    from spellchecker import SpellChecker

    return SpellChecker(distance=1)


def is_english(word: str) -> bool:
    """Whether a dictionary lists the word: as spelled, in American spelling ("organisation")
    or with its apostrophe ("dont")."""
    lower = word.lower()
    words = _dictionary()
    if lower in words:
        return True
    if any(f"{lower[:i]}'{lower[i:]}" in words for i in range(1, len(lower))):
        return True
    return any(pattern.sub(american, lower) in words for pattern, american in _BRITISH)


def _known_form(word: str, mentions: Callable[[str], bool], words: Callable[[], Iterable[str]]) -> bool:
    """Whether the library uses a form of a word that is no English word: a typo of one of its
    words ("acessing"), an abbreviation ("deps" for "dependencies") or a compound of two of
    them, or of a prefix and one ("doctest", "multithreaded")."""
    if mentions(word):
        return True
    fixed = _dictionary().correction(word)
    if (
        fixed
        and fixed != word
        and fixed[0] == word[0]
        and abs(len(fixed) - len(word)) <= 1
        and mentions(fixed)
    ):
        return True
    stem = word[:-1] if word.endswith("s") and len(word) > 3 else word
    if len(stem) <= ABBREVIATION and any(w.startswith(stem) for w in words()):
        return True
    return any(
        (word[:i] in _PREFIXES or mentions(word[:i])) and mentions(word[i:]) for i in range(3, len(word) - 2)
    )


def unknown_names(
    text: str, mentions: Callable[[str], bool], words: Callable[[], Iterable[str]]
) -> list[str]:
    """The words of a question typed in lower case (or capitalised) that are no English word and
    of which the library — `mentions` a word, `words` all its words — uses no form. Words with
    capitals inside ("macOS") and codes ("max_size") are other rules' business."""
    found: list[str] = []
    for word in dict.fromkeys(_WORD.findall(text)):
        lower = word.lower().removesuffix("'s")
        if any(ch.isupper() for ch in word[1:]) or "_" in word or len(lower) < 3 or lower.isdigit():
            continue
        parts = [p for p in lower.split("-") if len(p) >= 3]
        if any(
            not mentions(part) and not is_english(part) and not _known_form(part, mentions, words)
            for part in parts
        ):
            found.append(word)
    return found
