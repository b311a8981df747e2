"""Deciding a verdict: each claim part against its best-aligned clauses, then the whole claim."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..answering import Citation, cite
from ..evidence import Evidence, candidates
from ..lexical import content_terms
from ..retrieval import search
from ..store import Index
from .alignment import NAME_WEIGHT, Alignment, Diff, _inside, _Knowledge, _knowledge, _units, align
from .reading import _IRREALIS, Span, analyse, split_parts
from .results import ClaimCheck, Coverage, Difference
from .slots import slot_mismatches
from .structure import (
    binding_mismatches,
    code_mismatches,
    count_mismatches,
    frame_mismatches,
    frequency_mismatches,
    licence_mismatches,
    modifier_swaps,
)
from .words import Name

RELATED_BELOW = 0.30  # best sentence cosine under which a claim is off-topic outright
ALIGN_MIN = 0.5  # share of a part's other terms the clause must match for a difference to count
SUPPORT_RECALL = 0.5  # share of a part's weighted terms a supporting clause must cover
SUPPORT_SCORE = 0.58  # and 0.5 * that share + 0.5 * sentence cosine must reach this
SUPPORT_CONTENT = 0.2  # share of its content words (names and figures aside) it must cover
SENTENCES_PER_PART = 8  # candidate sentences aligned clause by clause, per claim part
DENSE_ALIGN = 0.65  # sentence cosine that lets a single matched word anchor a difference
NAME_KIND_MIN = 0.3  # cosine of two names under which one cannot stand for the other
CONSIDERED = 4  # best-aligned and best-supporting clauses examined for differences

# --------------------------------------------------------------------------- checking


@dataclass
class _Part:
    text: str
    verdict: str
    alignment: Alignment | None
    differences: list[Diff]
    reason: str | None = None
    unknown: tuple[str, ...] = ()  # names and figures of the part the library has nothing for


def _pair_names(swaps: list[Name], free: list[Name], encoder) -> list[tuple[Name, Name]]:
    """Which of the clause's names stands where each of the claim's does: the most alike, and
    only names of a kind (a bank is not swapped for a road)."""
    vectors = encoder.encode([e.text for e in swaps] + [f.text for f in free])
    sims = vectors[: len(swaps)] @ vectors[len(swaps) :].T
    pairs, used_a, used_b = [], set(), set()
    for flat in np.argsort(-sims, axis=None):
        i, j = divmod(int(flat), len(free))
        if sims[i, j] < NAME_KIND_MIN:
            break
        if i not in used_a and j not in used_b:
            pairs.append((swaps[i], free[j]))
            used_a.add(i)
            used_b.add(j)
    return pairs


def _check_part(
    index: Index,
    knowledge: _Knowledge,
    encoder,
    part: Span,
    inherited: tuple[Name, ...],
    vectors: tuple[np.ndarray, np.ndarray],
    found: list[Evidence],
) -> _Part:
    part_vector, claim_vector = vectors
    # a claim that itself recommends or supposes ("should be owned by") is checked on such clauses
    modal = bool(_IRREALIS.search(part.text))
    terms = content_terms(part.text)

    def rank(ev: Evidence) -> float:
        share = len(terms & knowledge.terms_of(ev)) / len(terms) if terms else 0.0
        return 0.7 * float(ev.vector @ part_vector) + 0.3 * share

    alignments = []
    for ev in sorted(found, key=rank, reverse=True)[:SENTENCES_PER_PART]:
        dense = max(float(ev.vector @ part_vector), float(ev.vector @ claim_vector))
        alignments += [align(part, inherited, unit, dense) for unit in _units(index, knowledge, ev)]
    if not alignments:
        return _Part(part.text, "not_found", None, [], "nothing in the library matches it")

    by_score = sorted(alignments, key=lambda a: -a.score)
    clean = sorted((a for a in alignments if a.clean), key=lambda a: -a.support)
    # the best supporters among those that cover enough of the part, so that near misses with a
    # high cosine do not crowd out a short clause that says it all ("Mostly equivalent to root access")
    eligible = [
        a
        for a in clean
        if a.recall >= SUPPORT_RECALL
        and a.content_recall >= SUPPORT_CONTENT
        and not (a.unit.irrealis and not modal)
    ]
    considered = list(dict.fromkeys(by_score[:CONSIDERED] + eligible[:CONSIDERED]))
    differences = {id(a): _differences(a, part, inherited, knowledge, encoder) for a in considered}

    def contradicts(a: Alignment) -> bool:
        found_, unpaired = differences[id(a)]
        if not found_ or not _aligned(a) or (a.unit.irrealis and not modal):
            return False
        licences = {d[0] for d in found_ if d[2] == "licence"}
        if licences and all(e.text in licences for e in a.swaps):
            return True  # "under the GPL" where the source says "under the MIT License": the same subject
        if a.swaps and (unpaired or len(a.swaps) > 1 or a.counterpart > NAME_WEIGHT):
            return False  # another subject altogether, not the claim's subject with another detail
        if a.missing_specifics:  # the claim names something the library does not: only figures decide,
            # and a licence the source names otherwise ("GPL" where it says "MIT License")
            return all(d[2] in ("number", "year", "licence") for d in found_)
        return True

    def supports(a: Alignment) -> bool:
        return (
            a.clean
            and not (a.unit.irrealis and not modal)
            and not differences.get(id(a), ([],))[0]
            and a.recall >= SUPPORT_RECALL
            and a.content_recall >= SUPPORT_CONTENT
            and a.support >= SUPPORT_SCORE
        )

    against = max((a for a in considered if contradicts(a)), key=lambda a: a.score, default=None)
    backing = max((a for a in considered if supports(a)), key=lambda a: a.score, default=None)
    if against is not None and (backing is None or against.score >= backing.score):
        return _Part(part.text, "contradicted", against, differences[id(against)][0])
    if backing is not None:
        return _Part(part.text, "supported", backing, [])
    best = by_score[0]
    unknown = best.missing_specifics + [e.text for e in best.swaps]
    unknown += [d[0] for d in best.differences if d[2] in ("number", "year")]
    reason = (
        f"the sources do not mention {', '.join(dict.fromkeys(unknown))} in this context"
        if unknown
        else "no passage says this"
    )
    return _Part(part.text, "not_found", clean[0] if clean else best, [], reason, tuple(unknown))


def _aligned(a: Alignment) -> bool:
    """The clause says the same as the part but for the terms that differ: most of the rest
    matches, on two anchors or on one the encoder confirms."""
    return a.rest >= ALIGN_MIN and a.content_anchors >= 1 and (a.anchors >= 2 or a.dense >= DENSE_ALIGN)


def _differences(
    a: Alignment, part: Span, inherited: tuple[Name, ...], knowledge: _Knowledge, encoder
) -> tuple[list[Diff], list[Name]]:
    """Every difference of an alignment, and the claim's names that nothing stands in for."""
    unit = a.unit
    found = list(a.differences)
    unpaired: list[Name] = []
    if a.swaps:
        pairs = _pair_names(a.swaps, a.free, encoder)
        for e, f in pairs:
            start = min(f.start, unit.span.start) if f in unit.antecedents else unit.span.start
            found.append((e.text, f.text, "entity", start, unit.span.start + len(unit.span.text)))
        unpaired = [e for e in a.swaps if e not in [p[0] for p in pairs]]
    found += modifier_swaps(part, unit.span)
    found += count_mismatches(part, unit.span)
    found += code_mismatches(part, unit.sentence)
    found += frame_mismatches(part, unit.sentence)
    found += frequency_mismatches(part, unit.sentence)
    found += licence_mismatches(part, unit.sentence)
    found += slot_mismatches(part, unit.sentence)
    found += binding_mismatches(part, inherited, unit, knowledge.vocabulary)
    return found, unpaired


def check_claim(index: Index, encoder, claim: str, k: int = 8) -> ClaimCheck:
    """Check a claim against the library: supported, contradicted or not found, and why."""
    knowledge = _knowledge(index)
    spans = split_parts(claim)
    texts = [claim] + ([claim[a:b] for a, b in spans] if len(spans) > 1 else [])
    vectors = encoder.encode(texts)
    pool = {}
    for text, vector in zip(texts, vectors, strict=True):
        for hit in search(index, vector, text, k=k):
            pool.setdefault(hit.row, hit)
    hits = sorted(pool.values(), key=lambda h: -h.score)
    found = [
        ev for ev in candidates(index, hits, vectors[0], content_terms(claim)) if not _is_heading(index, ev)
    ]
    closest = max((float(ev.vector @ vectors[0]) for ev in found), default=0.0)
    if closest < RELATED_BELOW:
        key_terms = _key_terms(analyse(claim, 0, knowledge.vocabulary))
        return ClaimCheck(
            claim,
            "not_found",
            (),
            (),
            Coverage((), key_terms),
            1.0 - max(closest, 0.0),
            "nothing in the library is about this",
            ((claim, "not_found"),),
        )
    results: list[_Part] = []
    inherited: tuple[Name, ...] = ()
    part_vectors = vectors[1:] if len(spans) > 1 else vectors[:1]
    for (a, b), vector in zip(spans, part_vectors, strict=True):
        part = analyse(claim[a:b].strip(), 0, knowledge.vocabulary)
        results.append(_check_part(index, knowledge, encoder, part, inherited, (vector, vectors[0]), found))
        inherited = inherited + part.names
    verdicts = {r.verdict for r in results}
    if len(results) > 1 and verdicts == {"supported", "not_found"} and not any(r.unknown for r in results):
        # the parts were cut to find differences; a paraphrase may still say the whole at once
        whole = analyse(claim, 0, knowledge.vocabulary)
        result = _check_part(index, knowledge, encoder, whole, (), (vectors[0], vectors[0]), found)
        if result.verdict == "supported":
            results = [result]
    return _conclude(index, claim, results)


def _is_heading(index: Index, ev: Evidence) -> bool:
    """Headings and bibliography entries of a paper are not statements to check a claim on."""
    doc = index.documents[ev.doc_id]
    quote = ev.quote.strip()
    if quote == doc.title.strip() or any(quote == s.title.strip() for s in doc.sections):
        return True
    section = doc.section_at(ev.start) or ""
    return bool(re.fullmatch(r"\W*(references|bibliography|works cited|literature)\W*", section, re.I))


def _key_terms(span: Span) -> tuple[str, ...]:
    skip = [(n.start, n.end) for n in span.names] + [(q.start, q.end) for q in span.quantities]
    words = [t.text for t in span.content if not _inside(t.start, skip)]
    return tuple(dict.fromkeys([n.text for n in span.names] + [q.text for q in span.quantities] + words))


def _conclude(index: Index, claim: str, results: list[_Part]) -> ClaimCheck:
    verdicts = [r.verdict for r in results]
    if "contradicted" in verdicts:
        verdict = "contradicted"
        order = [r for r in results if r.verdict == "contradicted"] + [
            r for r in results if r.verdict != "contradicted"
        ]
    else:
        verdict = "supported" if all(v == "supported" for v in verdicts) else "not_found"
        order = results
    citations: list[Citation] = []
    numbers: dict[tuple[str, int, int], int] = {}
    for r in order:
        if r.alignment is None:
            continue
        ev = r.alignment.unit.evidence
        if ev.key not in numbers and (citation := cite(index, ev, len(citations) + 1)) is not None:
            citations.append(citation)
            numbers[ev.key] = citation.n
    differences: list[Difference] = []
    seen: set[tuple[str, str]] = set()
    for r in results:
        if r.verdict != "contradicted" or r.alignment is None:
            continue
        ev = r.alignment.unit.evidence
        text = index.documents[ev.doc_id].text
        for claim_term, source_term, kind, a, b in r.differences:
            if (claim_term.lower(), source_term.lower()) not in seen:
                seen.add((claim_term.lower(), source_term.lower()))
                # the quote is the evidence sentence the differing term stands in, so a reader
                # sees the term in context; a bare term is kept only if it lies outside it
                inside = ev.start <= a and b <= ev.end
                quote = ev.quote if inside else text[a:b]
                differences.append(Difference(claim_term, source_term, kind, quote, numbers.get(ev.key, 0)))
    covered: dict[str, None] = {}
    missing: dict[str, None] = {}
    for r in results:
        if r.alignment is not None:
            covered.update(dict.fromkeys(r.alignment.covered))
            missing.update(dict.fromkeys(t for t in r.alignment.missing if t not in covered))
    # "Not in the evidence" means what it says: a term the evidence writes, in a clause the claim
    # was not matched to ("... and Turkmenistan mainly imports natural gas"), is not missing from it
    quoted = " ".join(c.quote for c in citations).lower()
    missing = {t: None for t in missing if not re.search(rf"(?<!\w){re.escape(t.lower())}(?!\w)", quoted)}
    aligned = [r.alignment for r in results if r.alignment is not None]
    if verdict == "supported":
        confidence = min(a.support for a in aligned)
    elif verdict == "contradicted":
        confidence = max(r.alignment.rest for r in results if r.verdict == "contradicted" and r.alignment)
    else:
        confidence = 1.0 - max((a.support for a in aligned), default=0.0)
    reason = None
    if verdict == "contradicted":
        reason = "the sources say otherwise"
    elif verdict == "not_found":
        reason = next((r.reason for r in results if r.verdict == "not_found"), None)
    return ClaimCheck(
        claim,
        verdict,
        tuple(citations),
        tuple(differences),
        Coverage(tuple(covered), tuple(missing)),
        float(min(max(confidence, 0.0), 1.0)),
        reason,
        tuple((r.text, r.verdict) for r in results),
        tuple(
            (numbers[r.alignment.unit.evidence.key],)
            if r.alignment is not None and r.alignment.unit.evidence.key in numbers
            else ()
            for r in results
        ),
    )
