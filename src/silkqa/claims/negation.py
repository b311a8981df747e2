"""Reading negation and comparison: which words a text denies, and which it only ranks lower.

A denial reaches only the few words it governs, within its own clause: "they will not provide
construction support; they focus more on security" denies the support, not the security. The
words after "than" in a comparison ("more on security than on construction") are what the
claim ranks lower; a source that denies them agrees with it rather than contradicting it.
"""

from __future__ import annotations

import re

from .lexicon import _NEGATORS, _NOT_DEGREE
from .words import Token

# Negators that deny what follows them only ("no whitespace", "fails to", "without support").
_FORWARD = frozenset(
    [
        "no",
        "none",
        "nobody",
        "nothing",
        "nowhere",
        "without",
        "neither",
        "nor",
        "fail",
        "fails",
        "failed",
        "failing",
        "lack",
        "lacks",
        "lacked",
        "lacking",
        "avoid",
        "avoids",
        "avoided",
        "avoiding",
        "prevent",
        "prevents",
        "prevented",
        "refuse",
        "refuses",
        "refused",
        "refusing",
        "unable",
        "unwilling",
    ]
)
# Verbs that deny only the verb they govern ("fails to reach"); "the run fails" denies nothing.
_WITH_TO = frozenset(
    ["fail", "fails", "failed", "failing", "refuse", "refuses", "refused", "refusing", "unable", "unwilling"]
)
# Nouns that merely look like negators where they name something: "run as nobody".
_NAMING = frozenset({"nobody", "none", "nothing"})
_BOUNDARY = re.compile(r"[,;:.()\[\]\n]|\s(?:but|while|whereas|although|though|which|than)\s", re.I)
_NOT_A_DENIAL = re.compile(
    r"\b(?:whether\s+or\s+not|or\s+not|not\s+only|not\s+just|no\s+(?:more|less|fewer)\s+than"
    r"|not\s+(?:more|less|fewer)\s+than|no\s+matter|not\s+least)\b",
    re.I,
)
_COMPARATIVE = re.compile(
    r"\b(?:more|less|fewer|greater|better|worse|rather|[a-z]{3,}er)\b[^,;:.]*?\bthan\b", re.I
)
SCOPE = 2
_LITERAL = re.compile(r"(?:[\"“‘'`]|\|\s?)$")  # an opening quote right before, or a "|" of a syntax line
_LITERAL_AFTER = re.compile(r"(?:[\"”’`]|\s?\|)")
_PARTICIPLES = frozenset(
    [
        "made",
        "built",
        "seen",
        "done",
        "known",
        "held",
        "given",
        "taken",
        "sold",
        "found",
        "paid",
        "kept",
        "run",
        "put",
        "set",
        "bought",
        "brought",
        "left",
        "met",
        "sent",
    ]
)
# "not possible to ...", "not allowed to ...": the denial reaches the whole clause after it
_MODAL = frozenset(
    ["possible", "able", "allowed", "permitted", "necessary", "required", "needed", "likely", "feasible"]
)
_BE = frozenset(
    ["is", "are", "was", "were", "be", "been", "being", "am", "isn't", "aren't", "wasn't", "weren't"]
)  # content words a negator governs on each side it reaches


def is_negator_word(token: Token) -> bool:
    return token.lower in _NEGATORS or token.lower.endswith("n't")


def negators(text: str, tokens: list[Token] | tuple[Token, ...]) -> list[int]:
    """Indexes of the tokens that deny something ("not much", "whether or not" do not)."""
    idioms = [(m.start(), m.end()) for m in _NOT_A_DENIAL.finditer(text)]
    out = []
    for i, t in enumerate(tokens):
        if not is_negator_word(t) or any(a <= t.start < b for a, b in idioms):
            continue
        following = tokens[i + 1].lower if i + 1 < len(tokens) else ""
        if t.lower == "not" and following in _NOT_DEGREE:
            continue
        before = tokens[i - 1].lower if i else ""
        if _LITERAL.search(text[max(0, t.start - 2) : t.start]) or _LITERAL_AFTER.match(
            text[t.end : t.end + 2]
        ):
            continue  # a value, not a denial: the "no" keyword, "Field: no | yes"
        if t.lower in _WITH_TO and following != "to":
            continue
        if t.lower in _NAMING and (
            before in ("as", "user", "group") or re.match(r"\.\w", text[t.end : t.end + 2])
        ):
            continue
        out.append(i)
    return out


def _reach(text: str, a: int, b: int) -> bool:
    return not _BOUNDARY.search(text[a:b])


def scope(text: str, tokens: list[Token] | tuple[Token, ...], i: int) -> list[Token]:
    """The content words negator i governs: those after it, and for "not" the two before it
    ("helicopters are not used"), never across a clause boundary."""
    before, after = _sides(text, tokens, i)
    return before + after


def _sides(text: str, tokens, i: int) -> tuple[list[Token], list[Token]]:
    t = tokens[i]
    content = [o for o in tokens if o.content]
    after = [o for o in content if o.start >= t.end and _reach(text, t.end, o.start)]
    before = [o for o in content if o.end <= t.start and _reach(text, o.end, t.start)]
    opens = re.search(r"(?:^|[,;:(])\s*$", text[: t.start])
    if opens and t.lower == "not":  # "..., not events in general operation": the whole clause
        return [], after
    if not after or after[0].lower not in _MODAL:  # "not possible to declare X": all of X
        after = after[:SCOPE]
    if after and t.lower in _FORWARD:  # "no additional software, such as Perl": its examples too
        after += _examples(text, tokens, after[-1])
    if t.lower in _FORWARD or not _passive(tokens, i):
        return [], after
    return before[-SCOPE:], after


_EXAMPLES = re.compile(r"\s*,?\s*(?:such\s+as|like|e\.g\.,?|including|for\s+example,?)\s+", re.I)


def _examples(text: str, tokens, last: Token) -> list[Token]:
    """The examples that follow what a denial reaches ("no additional software, such as Perl" /
    "such as Perl or Python"): each is denied as the thing it exemplifies is, up to the clause's end."""
    lead = _EXAMPLES.match(text, last.end)
    if lead is None:
        return []
    end = re.compile(r"[;:.()\n]|\s(?:but|while|whereas|although|though|which)\s", re.I).search(
        text, lead.end()
    )
    stop = end.start() if end else len(text)
    return [o for o in tokens if o.content and lead.end() <= o.start < stop]


def _passive(tokens, i: int) -> bool:
    """ "helicopters are not used": a denial reaches back to the subject only of a passive or a
    copula; "countries will not provide support" denies the support, not the countries."""
    if not (i > 0 and tokens[i - 1].lower in _BE) or i + 1 >= len(tokens):
        return False
    following = tokens[i + 1].lower
    return following.endswith(("ed", "en")) or following in _PARTICIPLES


def denied(text: str, tokens: list[Token] | tuple[Token, ...]) -> tuple[frozenset[int], frozenset[int]]:
    """Start offsets of the words under an odd number of denials, and of those among them a
    denial reaches forward ("not a copy", "no whitespace"): a denial of these is certain, one
    reaching back to a subject ("packages ... do not satisfy") only when the whole clause is."""
    count: dict[int, int] = {}
    forward: set[int] = set()
    for i in negators(text, tokens):
        before, after = _sides(text, tokens, i)
        for o in before + after:
            count[o.start] = count.get(o.start, 0) + 1
        forward |= {o.start for o in after}
    odd = frozenset(s for s, n in count.items() if n % 2 == 1)
    return odd, odd & frozenset(forward)


def lesser(text: str, tokens: list[Token] | tuple[Token, ...]) -> frozenset[int]:
    """Start offsets of the words a comparison ranks lower: "than on supporting construction"."""
    out: set[int] = set()
    for m in _COMPARATIVE.finditer(text):
        if re.search(r"\brather\s+than$", m.group(0), re.I):
            continue  # "rather than" denies, it does not rank (see lexicon._CONTRAST)
        tail = re.split(r"[,;:.]", text[m.end() :], maxsplit=1)[0]
        end = m.end() + len(tail)
        out |= {t.start for t in tokens if t.content and m.end() <= t.start < end}
    return frozenset(out)
