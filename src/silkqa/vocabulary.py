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
from functools import cache
from typing import Protocol

from .lexical import stopwords

# "Königsgäßchen" is one word, not "nigsg"; "0a8f4f0" is a code, not the word "a8f4f0"
_WORD = re.compile(r"(?<!\w)[^\W\d_][\w'-]*[^\W_]")
# prefixes that make an English word of a word the library uses ("multithreaded")
_PREFIXES = frozenset({"multi", "non", "un", "re", "sub", "pre", "over", "under", "inter", "cross", "self"})
_BRITISH = ((re.compile(r"is(e|ed|es|ing|ation|ations)$"), r"iz\1"), (re.compile(r"our"), "or"))
# a name this long that shares all but its last three letters with a word of the library is a
# form of it ("screenshot" of "screens"); a shorter one may be another name ("conda", "condition")
LONG_NAME = 9
ABBREVIATION = 4  # a word this short may be the start of a word the library uses ("deps", "devs")


@cache
def _dictionary():
    """Loaded on the first question that needs it (about 0.3 s), not with the library."""
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


class Lexicon(Protocol):
    """What a library's words are asked: whether it `mentions` a term in some form ("threads"
    for "thread"), `uses` a word as written, has a word that `begins` with a prefix."""

    def mentions(self, term: str) -> bool: ...

    def uses(self, word: str) -> bool: ...

    def begins(self, prefix: str) -> bool: ...

    def writes(self, text: str) -> bool:
        """Whether a document has this text as written (case aside)."""
        ...

    def joins(self, first: str, second: str) -> bool:
        """Whether a word that begins with `first` is followed by one that begins with `second`."""
        ...

    def followers(self, word: str) -> set[str]:
        """The words the library writes right after a word ("quilt push", "quilt pop")."""
        ...

    def spells(self, name: str) -> bool:
        """Whether a compound of the library, its hyphens and underscores left out, begins with
        the name, or a tail of it after one does ("riscv" as "RISC-V", "e4m3fn" in "float8_e4m3fn")."""
        ...


def _named(word: str, library: Lexicon) -> bool:
    """Whether the library names a word no dictionary lists: a word of it begins with the name
    or with its stem ("unpickle" by "unpickling"), or a compound of it spells it. Found inside
    another word it is not named: "secondary" does not name conda, nor "condition" by its first
    four letters."""
    return (
        library.begins(word)
        or any(  # "unpickle" by "unpickling", "deserialized" by "deserializes"
            library.begins(word[: -len(end)])
            for end in ("s", "es", "e", "ed", "ing")
            if word.endswith(end) and len(word) - len(end) >= max(3, len(end) + 3)
        )
        or library.spells(word)
        or (len(word) >= LONG_NAME and library.begins(word[:-3]))
    )


def _part_known(part: str, library: Lexicon) -> bool:
    """A part of a compound: an English word in any form the library uses, a name as named."""
    return library.mentions(part) if is_english(part) else _named(part, library)


def _known_form(word: str, library: Lexicon) -> bool:
    """Whether the library uses a form of a word that is no English word: a typo of one of its
    words ("acessing"), an abbreviation ("deps" for "dependencies") or a compound of two of
    them, or of a prefix and one ("doctest", "multithreaded"), or the starts of two words the
    library writes together ("mutex" for "mutual exclusion")."""
    if _named(word, library):
        return True
    if len(word) >= 4 and any(  # every word one edit away, not the spell checker's one pick (ties)
        fixed[0] == word[0] and abs(len(fixed) - len(word)) <= 1 and library.uses(fixed)
        for fixed in sorted(_dictionary().candidates(word) or ())
    ):
        return True
    stem = word[:-1] if word.endswith("s") and len(word) > 3 else word
    if len(stem) <= ABBREVIATION and library.begins(stem):
        return True
    return any(
        (word[:i] in _PREFIXES or library.begins(word[:i])) and _part_known(word[i:], library)
        for i in range(3, len(word) - 2)
    ) or (len(word) >= 5 and any(library.joins(word[:i], word[i:]) for i in range(3, len(word) - 1)))


_LINKING = frozenset({"to", "and", "or", "over", "via", "vs", "in", "on", "of", "for", "from", "with", "by"})


# "resized", "unmounting": an inflected English word with a prefix the dictionary may not list
# (not "unraid", "overmind": names built so)
_WORD_PREFIX = re.compile(r"^(?:re|pre|un|mis|over|under)(?=[a-z]{4,}$)(?=.*(?:ed|ing|s)$)")


def _english_part(part: str, last: bool) -> bool:
    """Whether a word, or a part of a hyphenated one, is English: a word (an inflected one with a
    prefix too), or a prefix before another part."""
    prefixed = _WORD_PREFIX.match(part)
    return (
        is_english(part)
        or (prefixed is not None and is_english(part[prefixed.end() :]))
        or (not last and part in _PREFIXES)
    )


def _unwritten_compound(word: str, library: Lexicon) -> bool:
    """A hyphenated name with a part no dictionary lists ("pkg-config", "target-cpu") names one
    thing, which the library must write, as one word or as two; its parts alone do not name it."""
    parts = word.split("-")
    if len(parts) >= 2 and parts[0] in _PREFIXES:  # "non-pango": pango, with a prefix
        return _unwritten_compound("-".join(parts[1:]), library)
    if len(parts) < 2 or all(
        _english_part(p, i == len(parts) - 1) for i, p in enumerate(parts) if p.isalpha() and len(p) >= 2
    ):
        return False
    if len(parts) >= 3 and any(p in _LINKING for p in parts[1:-1]):
        return False  # "gopher-to-http", "peer-to-peer": a phrase of its parts, each checked alone
    # as written, not by a stem: "llvmir" is not written by "llvm"
    return not any(library.writes(form) for form in (word, " ".join(parts), "_".join(parts), "".join(parts)))


def unknown_names(text: str, library: Lexicon) -> list[str]:
    """The words of a question typed in lower case (or capitalised) that are no English word and
    of which the library uses no form. Words with capitals inside ("macOS") and codes
    ("max_size") are other rules' business."""
    found: list[str] = []
    for word in dict.fromkeys(_WORD.findall(text)):
        lower = word.lower().removesuffix("'s")
        if any(ch.isupper() for ch in word[1:]) or "_" in word or len(lower) < 3 or lower.isdigit():
            continue
        split = lower.split("-")
        parts = [(p, i == len(split) - 1) for i, p in enumerate(split) if len(p) >= 3]
        if any(
            not _english_part(part, last) and not _known_form(part, library) and not common_slip(part)
            for part, last in parts
        ) or _unwritten_compound(lower, library):
            found.append(word)
    return found


COMMON_WORD = 2e-5  # a word's share of English text at which a slip of it is a typo, not a name
VOWEL_SLIP_WORD = 5e-5  # the share for a vowel put for another ("severel" for "several")
VOWEL_SLIP_FROM = 7  # letters; shorter names are a vowel away from words ("nuxt", "wifi")


def common_slip(word: str) -> str | None:
    """The common English word a typed word is one slip of the keyboard away from ("oftn" for
    "often", "normaly" for "normally"), or None: a typo of a word the library does not use is
    no name it never mentions. Only common words: "cron" is one slip from "crown", "lto" from "lot"."""
    lower = word.lower()
    if len(lower) < 4 or not (lower.isascii() and lower.isalpha()) or is_english(lower):
        return None
    words = _dictionary()
    common = [
        fixed
        for fixed in _slips(lower)
        if fixed in words and words.word_usage_frequency(fixed) >= COMMON_WORD
    ]
    # a vowel for a vowel ("severel", "definately") only in a long word, of a very common one:
    # names are one such slip from rarer or shorter words ("vite", "nuxt", "plone", "thunk")
    if len(lower) >= VOWEL_SLIP_FROM:
        common += [
            fixed
            for fixed in _vowel_slips(lower)
            if fixed in words and words.word_usage_frequency(fixed) >= VOWEL_SLIP_WORD
        ]
    return max(common, key=words.word_usage_frequency) if common else None


def _vowel_slips(word: str) -> set[str]:
    """The words a typed word is with one vowel, not its first letter, put for another."""
    return {
        word[:i] + vowel + word[i + 1 :]
        for i in range(1, len(word))
        if word[i] in "aeiou"
        for vowel in "aeiou"
        if vowel != word[i]
    }


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
TYPO_FROM = 5  # shorter words are too often another word one letter away ("mode", "node")


def _slips(word: str) -> set[str]:
    """The words a typed word is a slip of the keyboard for: a letter left out ("destrutor" for
    "destructor"), two letters swapped ("recieve") or a doubled letter doubled elsewhere or not
    at all ("abberation"), first letter kept. Not another letter too many or a wrong one:
    "gradle" and "jupyter" are names one such edit from "grade" and "jupiter"."""
    splits = [(word[:i], word[i:]) for i in range(1, len(word) + 1)]
    # a letter doubled in the wrong place ("abberation" for "aberration"): one of the pair
    # dropped, and another letter doubled or not
    undoubled = {word[:i] + word[i + 1 :] for i in range(1, len(word)) if word[i] == word[i - 1]}
    moved = {w[:i] + w[i - 1] + w[i:] for w in undoubled for i in range(2, len(w) + 1) if w[i - 1].isalpha()}
    return (
        {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        | {a + c + b for a, b in splits for c in _LETTERS}
        | undoubled
        | moved
    ) - {word}


def _spelled_right(word: str, library: Lexicon) -> str | None:
    """The library's word a typed word is a slip for ("destrutor" for "destructor"), or None: the
    dictionary's pick when the library uses it, else the one word of the library it is a slip for,
    else the dictionary's pick if it is a slip ("confguration": a typo, not a name).
    Only words in plain Latin letters: another language's inflections are no typos."""
    lower = word.lower()
    if len(lower) < TYPO_FROM and not (common := common_slip(lower)):
        return None
    if not (lower.isascii() and lower.isalpha()) or is_english(lower):
        return None
    if library.begins(lower) or library.spells(lower):
        return None  # the library writes it, or a longer word it begins
    if len(lower) < TYPO_FROM:  # "oftn": a short word only as a slip of a common one
        return common[0].upper() + common[1:] if word[0].isupper() else common
    slips = _slips(lower)
    near = sorted(fixed for fixed in slips if library.uses(fixed))
    pick = _dictionary().correction(lower)
    if not near:  # "confguration": an English word the library does not use, read as such
        return pick if pick and pick in slips else None
    fixed = pick if pick in near else near[0] if len(near) == 1 else None
    if fixed is None:
        return None
    return fixed[0].upper() + fixed[1:] if word[0].isupper() else fixed


# a word standing alone: not part of "shouldn't", a path or a dotted name; a sentence's full stop may follow
_LONE_WORD = re.compile(r"(?<![\w.'’-])[^\W\d_]+(?![\w'’-]|\.\w)")


def spelled_right(text: str, library: Lexicon) -> str:
    """The question with its typos of the library's words corrected ("how to turn on mouse
    suport"): the model and the judge read a misspelt word as another token, so a typo costs an
    answer its rank; names the library uses and English words are left as typed."""

    def fix(match: re.Match) -> str:
        word = match.group(0)
        if any(ch.isupper() for ch in word[1:]):
            return word
        return _spelled_right(word, library) or word

    fixed = _UNDERSCORED_NAME.sub(
        lambda m: _name_spelled_right(m.group(0), library), re.sub(_LONE_WORD, fix, text)
    )
    return _CAMEL_NAME.sub(lambda m: _camel_spelled_right(m.group(0), library), fixed)


_UNDERSCORED_NAME = re.compile(r"(?<![\w.-])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+(?![\w-])")
_CAMEL_NAME = re.compile(r"(?<![\w.-])[a-z]+(?:[A-Z][a-z]+)+(?![\w-])")  # "paramterLimit"


def _camel_spelled_right(name: str, library: Lexicon) -> str:
    """A camelCase name with a slip in one of its words ("paramterLimit") as the library writes it
    ("parameterLimit")."""
    if library.uses(name.lower()):
        return name
    parts = re.findall(r"[A-Z]?[a-z]+", name)
    for i, part in enumerate(parts):
        if len(part) < TYPO_FROM - 1 or is_english(part.lower()):
            continue
        found = sorted(
            written
            for slip in _slips(part.lower())
            if library.uses(
                (written := "".join([*parts[:i], slip.capitalize() if i else slip, *parts[i + 1 :]])).lower()
            )
        )
        if len(found) == 1:
            return found[0]
    return name


def _name_spelled_right(name: str, library: Lexicon) -> str:
    """An underscored name with a slip in one of its words ("befor_sleep") as the library writes
    it ("before_sleep"): a code is looked for as written, so a typo in it finds nothing."""
    if library.uses(name):
        return name
    parts = name.split("_")
    for i, part in enumerate(parts):
        if len(part) < TYPO_FROM - 1 or not part.isalpha() or is_english(part.lower()):
            continue  # "form_data" is no slip for "from_data": its words are words
        found = sorted(
            fixed
            for fixed in _slips(part.lower())
            if library.uses("_".join([*parts[:i], fixed, *parts[i + 1 :]]))
        )
        if len(found) == 1:
            return "_".join([*parts[:i], found[0], *parts[i + 1 :]])
    return name


# "the quilt header command", "quilt mail subcommand": a program's command named by two words
# (not "the command line", "command-arguments")
_COMMAND_NAMED = re.compile(
    r"(?<![\w'’.-])([a-z][\w-]+)\s+([a-z][\w-]+)\s+(?:sub)?command(?![\w-]|\s+line)", re.I
)
# words that begin such a phrase without naming a program ("the run command", "a new command")
_NOT_PROGRAMS = frozenset(
    re.findall(
        r"\S+",
        """the a an this that these those which what each every any some new same following above below
        whole first last next previous my your its our their own other another shell built-in builtin
        custom single simple internal external special default usual normal standard current old
        original proper correct right preferred recommended exact full main basic""",
    )
)


# words that name what a command belongs to without being a program ("the management signal
# command": an interface's); a list, not a suffix rule (starship, audacity, unity are programs)
_NOT_A_PROGRAM = frozenset(
    re.findall(
        r"\S+",
        "management configuration administration monitoring control interface protocol session connection "
        "network console server client remote",
    )
)
COMMANDS_NAMED = 3  # the program's other commands the library must write to know them


def unwritten_commands(text: str, library: Lexicon) -> list[str]:
    """A program's command that the question names ("the quilt header command") and the library
    never writes, though it writes the program's name: its documents do not know that command.
    ("quilt" and "header" are each a word they use; the command is the pair.)"""
    found = []
    for match in _COMMAND_NAMED.finditer(text):
        program, command = match.group(1), match.group(2)
        if {program.lower(), command.lower()} & (_NOT_PROGRAMS | stopwords()):
            continue  # "of several command-...", "the run command"
        if program.lower() in _NOT_A_PROGRAM:
            continue  # "the management signal command": an interface's command, not a program's
        if not library.uses(program.lower()):
            continue  # a program the library never names is another rule's business
        forms = (
            f"{program} {command}",
            f"{program}-{command}",
            f"{program}_{command}",
            f"{program}{command}",
        )
        if any(library.writes(form) for form in forms):
            continue
        # the library names the program's commands ("quilt push", "quilt pop", "quilt refresh"):
        # of one it never names, it knows nothing; "In vim, press u to undo" names no "vim undo"
        others = {w for w in library.followers(program.lower()) if w not in stopwords()}
        if len(others) >= COMMANDS_NAMED:
            found.append(f"{program} {command}")
    return found
