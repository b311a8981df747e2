"""Aligning a claim part with a clause window of a source sentence: what matches, what
stands in the claim's place, what differs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..evidence import Evidence
from ..lexical import content_terms
from ..store import Index
from .lexicon import _CONTRAST, opposed
from .quantities import Quantity
from .reading import _CLAUSE_BREAK, _IRREALIS, _SENTENCE_GAP, Span, _cut, analyse, clause_windows
from .words import _PRONOUN, Name, Token, Vocabulary, learn_vocabulary, names, names_match, stems_match

_CALENDAR = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\.?|(?:january|february|march|april|june|july"
    r"|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
    re.I,
)
NAME_WEIGHT = 2.0
QUANTITY_WEIGHT = 2.0
TERM_WEIGHT = 1.0
CONTEXT_TERM_CREDIT = 0.5  # a content word found only around the clause, not in it
COUNTERPART_CREDIT = 0.5  # how much a differing counterpart counts when choosing the clause
CONTEXT_CREDIT = 0.5  # and how much a name or word found only around the clause

# --------------------------------------------------------------------------- the library's units


@dataclass(frozen=True)
class Unit:
    """A clause window of an evidence sentence, with what surrounds it."""

    evidence: Evidence
    span: Span
    sentence: Span  # the whole evidence quote
    context: Span  # title, section, the paragraph so far and the sentence
    topic: Span  # title and section: what the whole passage is about
    antecedents: tuple[Name, ...]  # names a pronoun in the window may stand for (document offsets)
    clauses: tuple[Span, ...]  # the sentence's single clauses
    irrealis: bool = False  # recommended, proposed or supposed, not stated as fact


@dataclass
class _Knowledge:
    vocabulary: Vocabulary
    units: dict[tuple[str, int, int], tuple[Unit, ...]] = field(default_factory=dict)
    terms: dict[tuple[str, int, int], set[str]] = field(default_factory=dict)

    def terms_of(self, ev: Evidence) -> set[str]:
        found = self.terms.get(ev.key)
        if found is None:
            found = self.terms[ev.key] = content_terms(ev.quote)
        return found


_KNOWLEDGE: dict[int, tuple[Index, _Knowledge]] = {}


def _knowledge(index: Index) -> _Knowledge:
    """What the checker keeps per loaded index: its vocabulary and the units analysed so far."""
    cached = _KNOWLEDGE.get(id(index))
    if cached is not None and cached[0] is index:
        return cached[1]
    headings = {d.title.strip() for d in index.documents.values()}
    headings |= {s.title.strip() for d in index.documents.values() for s in d.sections}
    vocabulary = learn_vocabulary([d.text for d in index.documents.values()], headings)
    knowledge = _Knowledge(vocabulary)
    if len(_KNOWLEDGE) >= 4:
        _KNOWLEDGE.clear()
    _KNOWLEDGE[id(index)] = (index, knowledge)
    return knowledge


def _paragraph_start(text: str, offset: int) -> int:
    cut = text.rfind("\n\n", 0, offset)
    return 0 if cut < 0 else cut + 2


def _units(index: Index, knowledge: _Knowledge, ev: Evidence) -> tuple[Unit, ...]:
    cached = knowledge.units.get(ev.key)
    if cached is not None:
        return cached
    vocabulary = knowledge.vocabulary
    doc = index.documents[ev.doc_id]
    para = _paragraph_start(doc.text, ev.start)
    topic_text = f"{doc.title}\n{doc.section_at(ev.start) or ''}"
    topic = analyse(topic_text, 0, vocabulary)
    context = analyse(f"{topic_text}\n{doc.text[para : ev.start]}\n{ev.quote}", 0, vocabulary)
    sentence = analyse(ev.quote, ev.start, vocabulary)
    clauses = tuple(
        analyse(ev.quote[a:b], ev.start + a, vocabulary) for a, b in _cut(ev.quote, _CLAUSE_BREAK)
    )
    cues = [m.start() for m in _IRREALIS.finditer(ev.quote)]
    units = []
    for a, b in clause_windows(ev.quote):
        start = ev.start + a
        span = analyse(ev.quote[a:b], start, vocabulary)
        antecedents: tuple[Name, ...] = ()
        if _PRONOUN.search(span.text):
            # the names of the sentence before, and of this sentence up to the window
            starts = [para] + [para + m.end() for m in _SENTENCE_GAP.finditer(doc.text[para : start + 1])]
            before = starts[-2] if len(starts) >= 2 else starts[-1]
            prior = doc.text[before:start]
            antecedents = tuple(
                Name(n.text, n.words, before + n.start, before + n.end) for n in names(prior, vocabulary)
            )
        irrealis = any(c < b for c in cues)
        units.append(Unit(ev, span, sentence, context, topic, antecedents, clauses, irrealis))
    if len(knowledge.units) > 5000:
        knowledge.units.clear()
    knowledge.units[ev.key] = tuple(units)
    return knowledge.units[ev.key]


# --------------------------------------------------------------------------- alignment

# (claim term, source term, kind, start, end of the source quote in the document)
Diff = tuple[str, str, str, int, int]


@dataclass(eq=False)
class Alignment:
    unit: Unit
    dense: float  # cosine of the claim part and the unit's sentence
    weight: float = 0.0
    matched: float = 0.0
    context: float = 0.0
    counterpart: float = 0.0
    anchors: float = 0.0  # terms matched inside the clause itself
    content_anchors: int = 0  # of which content words (not names, not figures)
    content_weight: float = 0.0
    content_matched: float = 0.0
    precision: float = 0.0
    covered: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    missing_specifics: list[str] = field(default_factory=list)  # names and figures with no counterpart
    differences: list[Diff] = field(default_factory=list)
    swaps: list[Name] = field(default_factory=list)  # claim names with another name in their place
    free: list[Name] = field(default_factory=list)  # the clause's names the claim does not have

    @property
    def recall(self) -> float:
        return (self.matched + self.context) / self.weight if self.weight else 0.0

    @property
    def content_recall(self) -> float:
        return self.content_matched / self.content_weight if self.content_weight else 1.0

    @property
    def rest(self) -> float:
        """The share of the claim matched, leaving out the terms that differ."""
        rest = self.weight - self.counterpart
        return (self.matched + self.context) / rest if rest > 0 else 0.0

    @property
    def score(self) -> float:
        """How well this clause lines up with the part: what to compare it with."""
        reach = (
            (self.matched + CONTEXT_CREDIT * self.context + COUNTERPART_CREDIT * self.counterpart)
            / self.weight
            if self.weight
            else 0.0
        )
        p = self.precision
        f2 = 5 * p * reach / (4 * p + reach) if p + reach else 0.0
        return 0.6 * f2 + 0.4 * self.dense

    @property
    def support(self) -> float:
        return 0.5 * self.recall + 0.5 * self.dense

    @property
    def clean(self) -> bool:
        return not (self.differences or self.swaps or self.missing_specifics)


def _same_name(a: Name, b: Name) -> bool:
    short, long_ = (a, b) if len(a.words) <= len(b.words) else (b, a)
    return all(any(names_match(w, x) for x in long_.words) for w in short.words)


def _parallel_elsewhere(e: Name, part: Span, unit: Unit) -> bool:
    """Whether a name the window lacks sits in a parallel clause of the same sentence (one that
    shares a content word of the claim with the window), as in a list: "A exports oil, B gas".
    A name merely cut off from the window ("that Kazakhstan, [...] has ...") is not a swap."""
    if not unit.sentence.has_name(e):
        return True  # not in this sentence at all: the window's name may stand in its place
    shared = {t.stem for t in part.content if unit.span.find(t) is not None}
    window = range(unit.span.start, unit.span.start + len(unit.span.text))
    for clause in unit.clauses:
        if not clause.has_name(e) or clause.start in window:
            continue
        if any(stems_match(s, o.stem) for s in shared for o in clause.content):
            return True
    return False


def _inside(pos: int, spans) -> bool:
    return any(a <= pos < b for a, b in spans)


def align(part: Span, inherited: tuple[Name, ...], unit: Unit, dense: float) -> Alignment:
    """How a claim part lines up with a clause window: matches, counterparts, differences."""
    u = unit.span
    al = Alignment(unit, dense)
    claim_names = part.names + inherited

    # names -------------------------------------------------------------------------------
    unmatched = []
    for e in part.names:
        al.weight += NAME_WEIGHT
        if u.has_name(e) or any(_same_name(e, a) for a in unit.antecedents):
            al.matched += NAME_WEIGHT
            al.anchors += 1
            al.covered.append(e.text)
        else:
            unmatched.append(e)
    free: list[Name] = []
    for f in (*u.names, *unit.antecedents):
        if any(_same_name(c, f) for c in claim_names) or any(f.words == g.words for g in free):
            continue
        if all(part.has_word(w) for w in f.words):
            continue
        free.append(f)
    free = [f for f in free if not _CALENDAR.fullmatch(f.text)]  # "8 Nov" is a date, not a party
    al.free = free
    # a name the window lacks is taken from around it, unless the sentence is about other names
    others_here = any(not any(_same_name(c, n) for c in claim_names) for n in unit.sentence.names)
    for e in unmatched:
        if unit.topic.has_name(e) or (
            unit.context.has_name(e)
            and (unit.sentence.has_name(e) or not others_here)
            and (not free or not _parallel_elsewhere(e, part, unit))
        ):
            al.context += NAME_WEIGHT
            al.covered.append(e.text)
        else:
            al.swaps.append(e)
    paired = min(len(al.swaps), len(free))
    al.counterpart += NAME_WEIGHT * paired
    al.missing += [e.text for e in al.swaps[:paired]]
    for e in al.swaps[paired:]:
        al.missing.append(e.text)
        al.missing_specifics.append(e.text)
    al.swaps = al.swaps[:paired]

    # numbers and dates ---------------------------------------------------------------------
    compared: list[Quantity] = []
    for q in part.quantities:
        weight = TERM_WEIGHT if q.spelled else QUANTITY_WEIGHT
        al.weight += weight
        comparable = [o for o in u.quantities if q.comparable(o)]
        agreeing = [o for o in comparable if q.agrees(o)]
        if agreeing:
            al.matched += weight
            al.anchors += 1
            al.covered.append(q.text)
            compared += agreeing
        elif comparable:
            o = comparable[0]
            al.counterpart += weight
            al.missing.append(q.text)
            compared.append(o)
            kind = "year" if q.kind == "year" else "number"
            al.differences.append((q.text, o.text, kind, u.start + o.start, u.start + o.end))
        elif any(q.comparable(o) and q.agrees(o) for o in unit.sentence.quantities):
            al.context += weight
            al.covered.append(q.text)
        else:
            al.missing.append(q.text)
            if not q.spelled:
                al.missing_specifics.append(q.text)

    # content words ---------------------------------------------------------------------------
    skip = [(n.start, n.end) for n in part.names] + [(q.start, q.end) for q in part.quantities]
    antonyms: list[Diff] = []
    denials: list[Diff] = []
    for t in part.content:
        if _inside(t.start, skip) or t.start in part.lesser_at:
            continue  # "than on construction": ranked lower, neither required nor denied
        al.weight += TERM_WEIGHT
        al.content_weight += TERM_WEIGHT
        if t.stem in part.denied:  # "rather than minerals": a match here is a counterpart
            if u.find(t) is not None:
                al.counterpart += TERM_WEIGHT
                al.anchors += 1
            al.missing.append(t.text)
            continue
        o = u.find(t)
        if o is not None or (t.poles & u.degree):
            al.matched += TERM_WEIGHT
            al.anchors += 1
            al.content_anchors += 1
            al.content_matched += TERM_WEIGHT
            al.covered.append(t.text)
            if o is not None and _denies(part, t, u, o):
                denials.append(_denial(part, t, u, o))
            continue
        o = u.opposite(t)
        if o is not None and part.find(o) is None:
            if part.is_denied(t) != u.is_denied(o):  # "not satisfactory" says "unsuccessful"
                al.matched += TERM_WEIGHT
                al.anchors += 1
                al.content_anchors += 1
                al.content_matched += TERM_WEIGHT
                al.covered.append(t.text)
                continue
            al.counterpart += TERM_WEIGHT
            al.missing.append(t.text)
            antonyms.append((t.text, o.text, "antonym", u.start + o.start, u.start + o.end))
            continue
        if opposed(t.poles, u.degree):
            al.counterpart += TERM_WEIGHT
            m = re.search(r"\bnot\s+(?:much|many)\b", u.text)
            a, b = (m.start(), m.end()) if m else (0, len(u.text))
            al.missing.append(t.text)
            antonyms.append((t.text, u.text[a:b], "antonym", u.start + a, u.start + b))
            continue
        if any(stems_match(t.stem, s) for s in unit.context.stems):
            al.context += TERM_WEIGHT * CONTEXT_TERM_CREDIT
            al.content_matched += TERM_WEIGHT * CONTEXT_TERM_CREDIT
        al.missing.append(t.text)

    # how much of the clause the part accounts for -----------------------------------------------
    name_spans = [(n.start, n.end, n in free) for n in u.names]
    counted = used = 0
    for o in u.tokens:
        in_name = next((is_free for a, b, is_free in name_spans if a <= o.start < b), None)
        if not (o.content or o.text[0].isdigit() or in_name is not None):
            continue
        counted += 1
        if in_name is not None:
            used += 1 if (not in_name or al.swaps) else 0
        elif o.text[0].isdigit():
            used += 1 if any(q.start <= o.start < q.end for q in compared) else 0
        elif (
            part.find(o) is not None
            or part.opposite(o) is not None
            or o.poles & part.degree
            or o.text[0].isupper()
            and part.has_word(o.lower)
        ):
            used += 1
    al.precision = used / counted if counted else 0.0

    # polarity -----------------------------------------------------------------------------------
    al.differences += antonyms
    if denials:
        al.differences.append(denials[0])
    elif part.negated != u.negated:  # a denied name: "not Kazakhstan but Uzbekistan"
        denier, other = (part, u) if part.negated else (u, part)
        first = min((denier.tokens[i].start for i in denier.negators), default=len(denier.text))
        name = next(
            (
                n
                for n in denier.names
                if n.start >= first and n.start in denier.denied_at and other.has_name(n)
            ),
            None,
        )
        kept_out = name is not None and any(
            _kept_out(other, n.start, n.end)
            for n in other.names
            if names_match(n.text.lower(), name.text.lower())
        )
        if name is not None and not kept_out:
            said = denier.text[first : name.end]
            claim_term, source_term = (said, name.text) if denier is part else (name.text, said)
            al.differences.append((claim_term, source_term, "negation", u.start, u.start + len(u.text)))
    for s in part.denied:
        hit = next((o for o in u.content if stems_match(s, o.stem)), None)
        if hit is not None and not u.negated:
            phrase = _CONTRAST.search(part.text)
            claim_term = re.split(r"[,;.]", part.text[phrase.start() :])[0] if phrase else hit.text
            al.differences.append((claim_term, hit.text, "negation", u.start + hit.start, u.start + hit.end))
            break
    for s in u.denied:
        hit = next((t for t in part.content if stems_match(s, t.stem)), None)
        phrase = _CONTRAST.search(u.text)
        if hit is not None and phrase and not part.negated:
            source_term = re.split(r"[,;.]", u.text[phrase.start() :])[0]
            al.differences.append(
                (hit.text, source_term, "negation", u.start + phrase.start(), u.start + len(u.text))
            )
            break
    return al


# "an XSS sanitizer", "spam filter", "anti-virus", "lock-free": the word names what is kept out,
# so a source that prevents or has none of it agrees ("prevents XSS attacks")
_KEPT_OUT_AFTER = re.compile(
    r"[-\s]*(?:saniti[sz]|filter|blocker|protection|prevention|guard|shield|defen[cs]e|mitigation|"
    r"remov|scrubb|free\b|proof\b|safe\b)",
    re.I,
)
_KEPT_OUT_BEFORE = re.compile(
    r"\banti-?$|(?:\b(?:protection|protects?|protecting|defen[cs]e|guards?|shields?|safe)\s+(?:against|from)\s+"
    r"|\bfree\s+(?:of|from)\s+)(?:[\w-]+\s+){0,2}$",
    re.I,
)


def _kept_out(span: Span, start: int, end: int) -> bool:
    return bool(
        _KEPT_OUT_AFTER.match(span.text, end)
        or _KEPT_OUT_BEFORE.search(span.text[max(0, start - 50) : start])
    )


def _denies(part: Span, t: Token, u: Span, o: Token) -> bool:
    """One side denies a word the other says: certain where the denial reaches forward to it,
    and where it reaches back to a subject only if the two clauses differ in negation."""
    said, there = part.is_denied(t), u.is_denied(o)
    if said == there or o.start in u.lesser_at:
        return False
    if _kept_out(u, o.start, o.end) if said else _kept_out(part, t.start, t.end):
        return False
    # "do not satisfy Depends dependencies": another word of the same stem may say it as the claim does
    if any(u.is_denied(x) == said for x in u.content if x is not o and stems_match(t.stem, x.stem)):
        return False
    if any(part.is_denied(x) == there for x in part.content if x is not t and stems_match(o.stem, x.stem)):
        return False
    forward = t.start in part.forward_at if said else o.start in u.forward_at
    return forward or part.negated != u.negated


def _denial(part: Span, t: Token, u: Span, o: Token) -> Diff:
    """A word one side denies and the other says: the denied phrase, quoting the clause."""

    def phrase(span: Span, token: Token) -> str:
        before = [span.tokens[i] for i in span.negators if span.tokens[i].start < token.start]
        if before:
            return span.text[before[-1].start : token.end]
        # a denial that reaches back to its subject ("Closures are not supported"): the subject
        # through the denied word after it, not the subject alone on both sides
        after = [i for i in span.negators if span.tokens[i].start > token.start]
        if not after:
            return token.text
        last = span.tokens[min(after[0] + 1, len(span.tokens) - 1)]
        return span.text[token.start : max(last.end, span.tokens[after[0]].end)]

    claim_term = phrase(part, t) if part.is_denied(t) else t.text
    source_term = phrase(u, o) if u.is_denied(o) else o.text
    return claim_term, source_term, "negation", u.start, u.start + len(u.text)
