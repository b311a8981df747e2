"""Paraphrase knowledge: abbreviations and their expansions, and the evaluative polarity of
general English words.

- Abbreviations: a few common ones of general English, and every one the library itself
  defines ("Shanghai Cooperation Organisation (SCO)"), so "GDP" is found where a source writes
  "total domestic production" and the other way round.
- Evaluative polarity: VADER's general English sentiment lexicon (Hutto & Gilbert 2014, MIT
  licence, shipped in the `vaderSentiment` wheel), read for the words that evaluate rather
  than name things (adjectives by their form: successful, stable, harmless, efficient), with
  the negative prefixes that turn one into its opposite (unsatisfactory, unstable). No word
  of any one document is listed here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# Common abbreviations of general English, each with the phrasings that spell it out.
_COMMON = """
gdp: gross domestic product | total domestic product | gross domestic production | total domestic production
gnp: gross national product | total national product
gni: gross national income
fdi: foreign direct investment
eu: european union
un: united nations
wto: world trade organization | world trade organisation
imf: international monetary fund
bri: belt and road initiative | belt and road
ngo: non-governmental organization | non-governmental organisation
r&d: research and development
uid: user id | user identifier
gid: group id | group identifier
os: operating system
cpu: central processing unit
api: application programming interface
ascii: american standard code for information interchange
"""


def _parse(text: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for line in text.strip().splitlines():
        key, rest = line.split(":", 1)
        out[key.strip()] = tuple(tuple(p.split()) for p in rest.split("|"))
    return out


COMMON_ABBREVIATIONS = _parse(_COMMON)
_DEFINED = re.compile(r"((?:[A-Za-z][\w'’-]*\s+){1,8}?)\(\s*([A-Z][A-Za-z&]{1,7})\s*\)")
_SMALL = frozenset({"of", "and", "for", "the", "in", "on", "de", "&"})


def defined_abbreviations(text: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Abbreviations a text defines as "Long Form (LF)": the long form's initials must spell
    the abbreviation (small words like "of" may be skipped)."""
    found: dict[str, set[tuple[str, ...]]] = {}
    for m in _DEFINED.finditer(text):
        acronym = m.group(2)
        if not sum(c.isupper() for c in acronym) >= 2:
            continue
        words = m.group(1).split()
        letters = [c.lower() for c in acronym if c.isalpha()]
        # take the shortest run of trailing words whose initials spell the abbreviation
        for n in range(len(letters), len(words) + 1):
            run = words[-n:]
            initials = [w[0].lower() for w in run if w.lower() not in _SMALL]
            if initials == letters:
                found.setdefault(acronym.lower(), set()).add(tuple(w.lower().strip("'’") for w in run))
                break
    return {k: tuple(sorted(v)) for k, v in found.items()}


# --------------------------------------------------------------------------- evaluative words

EVALUATION = "evaluation"  # the scale of praise and blame, next to the lexicon's scales
EVALUATIVE_MIN = 1.0  # |valence| on VADER's -4..4 scale from which a word evaluates
_ADJECTIVE = re.compile(r"(?:ful|ous|ive|able|ible|ic|ent|ant|less|ory|ary|al|ile)$")
_CORE = frozenset(
    [
        "good",
        "bad",
        "strong",
        "weak",
        "safe",
        "easy",
        "hard",
        "fast",
        "slow",
        "rich",
        "poor",
        "great",
        "poor",
        "sound",
    ]
)
_NEGATIVE_PREFIX = re.compile(r"^(?:un|in|im|ir|il|dis|non-?)(?=[a-z]{4,})")


@lru_cache(maxsize=1)
def _valences() -> dict[str, float]:
    try:
        data = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # the lexicon is optional knowledge
        return {}
    out: dict[str, float] = {}
    for line in data.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            try:
                out[parts[0]] = float(parts[1])
            except ValueError:
                continue
    return out


def _evaluates(word: str) -> bool:
    return word in _CORE or bool(_ADJECTIVE.search(word))


@lru_cache(maxsize=20000)
def evaluation(word: str) -> int | None:
    """0 for a word that praises, 1 for one that blames, None for a word that does neither."""
    word = word.lower()
    valences = _valences()
    value = valences.get(word)
    if value is None:
        m = _NEGATIVE_PREFIX.match(word)
        base = word[m.end() :] if m else None
        if base is None or base not in valences or not _evaluates(base):
            return None
        value = -valences[base]
    elif not _evaluates(word):
        return None
    if abs(value) < EVALUATIVE_MIN:
        return None
    return 0 if value > 0 else 1
