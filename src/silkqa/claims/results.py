"""What a claim check returns, and how a terminal shows it."""

from __future__ import annotations

from dataclasses import dataclass

from ..answering import Citation

VERDICTS = ("supported", "contradicted", "not_found")
DIFFERENCE_KINDS = ("number", "year", "entity", "term", "antonym", "negation")

# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Difference:
    claim_term: str
    source_term: str
    kind: str  # number | year | entity | term | licence | antonym | negation
    quote: str  # the source clause where the difference is, exactly as the document has it
    n: int  # the evidence citation the quote belongs to

    def to_json(self) -> dict:
        return {
            "claim_term": self.claim_term,
            "source_term": self.source_term,
            "kind": self.kind,
            "quote": self.quote,
            "n": self.n,
        }


@dataclass(frozen=True)
class Coverage:
    """Which of the claim's key terms (names, numbers, content words) the evidence covers."""

    covered: tuple[str, ...]
    missing: tuple[str, ...]


@dataclass(frozen=True)
class ClaimCheck:
    claim: str
    verdict: str  # supported | contradicted | not_found
    evidence: tuple[Citation, ...]
    differences: tuple[Difference, ...]
    coverage: Coverage
    confidence: float
    reason: str | None = None
    parts: tuple[tuple[str, str], ...] = ()  # (part of the claim, its own verdict)
    part_evidence: tuple[tuple[int, ...], ...] = ()  # per part, the evidence [n] it was judged on

    def to_json(self) -> dict:
        return {
            "claim": self.claim,
            "verdict": self.verdict,
            "evidence": [c.to_json() for c in self.evidence],
            "differences": [d.to_json() for d in self.differences],
            "covered_terms": list(self.coverage.covered),
            "missing_terms": list(self.coverage.missing),
            "confidence": round(self.confidence, 4),
            "reason": self.reason,
            "parts": [
                {"text": t, "verdict": v, "evidence": list(ns)}
                for (t, v), ns in zip(self.parts, self.part_evidence or [()] * len(self.parts), strict=True)
            ],
        }


# --------------------------------------------------------------------------- terminal

_HEADLINES = {
    "supported": "SUPPORTED by the sources",
    "contradicted": "CONTRADICTED by the sources",
    "not_found": "NOT FOUND in the sources",
}


def format_check(data: dict) -> str:
    """A claim check for a terminal: the verdict, what differs, the evidence, the coverage."""
    lines = [f"{_HEADLINES.get(data['verdict'], data['verdict'])}: {data['claim']}"]
    if data.get("reason"):
        lines.append(f"  ({data['reason']})")
    if data.get("differences"):
        lines += ["", "What differs:"]
        for d in data["differences"]:
            claim_term = f"“{d['claim_term']}”" if d["claim_term"] else "(nothing)"
            source_term = f"“{d['source_term']}”" if d["source_term"] else "(nothing)"
            lines.append(f"  [{d['n']}] {d['kind']}: the claim says {claim_term}, the source {source_term}")
            lines.append(f"      in “{d['quote']}”")
    if data.get("evidence"):
        lines += [
            "",
            "Evidence:" if data["verdict"] != "not_found" else "Closest passages (they do not settle it):",
        ]
        for c in data["evidence"]:
            where = ", ".join(
                str(x) for x in (c["title"], c["section"], f"page {c['page']}" if c["page"] else None) if x
            )
            lines.append(f"[{c['n']}] {where} ({c['source']})")
            lines.append(f"    “{c['quote']}”")
    covered, missing = data.get("covered_terms") or [], data.get("missing_terms") or []
    if covered or missing:
        lines.append("")
        if covered:
            lines.append(f"Covered: {', '.join(covered)}")
        if missing:
            lines.append(f"Not in the evidence: {', '.join(missing)}")
    lines.append(f"Confidence: {data.get('confidence', 0.0):.2f}")
    return "\n".join(lines)
