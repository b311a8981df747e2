"""The language of a question, as an ISO 639-1 code, cheaply and offline.

By script first: where a script belongs to one language or one family we serve (Han to
Chinese, kana to Japanese, Hangul to Korean, Cyrillic to Russian unless letters only other
Cyrillic alphabets use say otherwise), the script is more reliable on a short question than a
statistical model, and it costs nothing. Latin-script text is English unless it carries letters
English does not use (é, ü, ñ, ß, ...); only then is py3langid consulted, because loading its
model takes ~3 s and English `ask` must not pay that at cold start. The known limit: a French
or Spanish question typed without accents is taken for English (and answered as today).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

ENGLISH = "en"

# Letters that only some Cyrillic alphabets have: they tell those languages from Russian.
_CYRILLIC_MARKS = (
    ("uk", set("іїєґІЇЄҐ")),
    ("be", set("ўЎ")),
    ("kk", set("әғқңөұүһӘҒҚҢӨҰҮҺ")),
    ("sr", set("ђћџљњјЂЋЏЉЊЈ")),
    ("bg", set()),  # not told from Russian by letters alone
)
# Scripts whose name in the Unicode character name maps to one language.
_SCRIPT_LANGUAGE = {
    "CJK": "zh",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "GREEK": "el",
    "ARABIC": "ar",
    "HEBREW": "he",
    "DEVANAGARI": "hi",
    "THAI": "th",
    "ARMENIAN": "hy",
    "GEORGIAN": "ka",
}
# One Han character carries about as much as a short word: weigh it like three letters so that
# a Chinese question quoting a Latin acronym ("BRI") stays Chinese.
_WEIGHT = {"zh": 3.0, "ja": 2.0, "ko": 2.0}


def _script(ch: str) -> str | None:
    """'latin', 'cyrillic', a language code for a one-language script, or None (not a letter)."""
    if not ch.isalpha():
        return None
    if ch.isascii():
        return "latin"
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN"):
        return "latin-extended"
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    first = name.split(" ", 1)[0]
    return _SCRIPT_LANGUAGE.get(first, "other")


def detect(text: str) -> str:
    """The ISO 639-1 code of `text`'s language; 'en' when nothing says otherwise."""
    counts: dict[str, float] = {}
    for ch in text:
        script = _script(ch)
        if script is not None:
            counts[script] = counts.get(script, 0.0) + _WEIGHT.get(script, 1.0)
    if not counts:
        return ENGLISH
    if counts.get("ja") and counts.get("zh"):  # kana among Han characters: Japanese
        counts["ja"] += counts.pop("zh")
    accented = counts.pop("latin-extended", 0.0)
    latin = counts.pop("latin", 0.0) + accented
    top = max(counts, key=counts.get, default=None)
    if top is not None and counts[top] > latin:
        if top == "cyrillic":
            return _cyrillic_language(text)
        return top if top != "other" else _statistical(text)
    if accented:
        return _statistical(text)
    return ENGLISH


def _cyrillic_language(text: str) -> str:
    letters = set(text)
    for code, marks in _CYRILLIC_MARKS:
        if marks and letters & marks:
            return code
    return "ru"


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _statistical(text: str) -> str:
    """py3langid's guess, for Latin text with accents and scripts not mapped above."""
    try:
        code, _ = _identifier().classify(text)
    except Exception:  # noqa: BLE001 - a detector failure must not fail the question
        return ENGLISH
    return str(code)


NAMES = {
    "zh": "Chinese",
    "ru": "Russian",
    "uk": "Ukrainian",
    "kk": "Kazakh",
    "ja": "Japanese",
    "ko": "Korean",
}


def quotes_note(language: str) -> str | None:
    """The line a reader sees under an answer to a question not in English: the quotes are the
    English sources' own words, not a translation."""
    if language == ENGLISH:
        return None
    name = NAMES.get(language, f"language '{language}'")
    return f"Asked in {name}: the answer quotes the English sources word for word; it is not a translation."
