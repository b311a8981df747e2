"""General English the checker reads with: function words, negators and polar scales."""

from __future__ import annotations

import re
from functools import lru_cache


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


@lru_cache(maxsize=1)
def _by_head() -> dict[str, tuple[str, ...]]:
    heads: dict[str, list[str]] = {}
    for key in _lexicon():
        if len(key) >= 5:
            heads.setdefault(key[:5], []).append(key)
    return {k: tuple(v) for k, v in heads.items()}


@lru_cache(maxsize=20000)
def polar(stemmed: str) -> frozenset[tuple[str, int]]:
    """The poles of a word, or of the lexicon word it derives from (simplifies: simple)."""
    found = _lexicon().get(stemmed)
    if found is not None:
        return found
    for key in _by_head().get(stemmed[:5], ()):
        if stemmed.startswith(key) and len(stemmed) - len(key) <= 4:
            return _lexicon()[key]
    return frozenset()


def opposed(a: frozenset, b: frozenset) -> bool:
    """Whether two words sit on opposite poles of a scale (and not also on the same one)."""
    return bool(a and b) and not (a & b) and any((s, 1 - p) in b for s, p in a)
