"""Metrics over a gold set: retrieval, grounded answers, abstention, claim verdicts, latency.

A gold question names the passage that answers it (an exact substring of a document's text);
a retrieved chunk or a citation counts when it covers that passage. Unanswerable questions
have no passage; the right outcome for them is an abstention.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .errors import UsageError
from .retrieval import search

if TYPE_CHECKING:
    from .answering import Answer
    from .store import Index

DEFAULT_QUESTIONS = Path("gold/questions.jsonl")
DEFAULT_CLAIMS = Path("gold/claims.jsonl")
MODES = ("dense", "bm25", "hybrid")


def read_jsonl(path: str | Path) -> list[dict]:
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"gold file {path} not found")
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                raise UsageError(f"{path}:{number} is not valid JSON") from None
    return rows


def question_type(row: dict) -> str:
    """The answer type of a gold question: its "type" field, else what the analyser says."""
    if not row.get("answerable"):
        return "unanswerable"
    if row.get("type"):
        return row["type"]
    from .questions import analyse

    return analyse(row["question"]).kind


def passage_span(index, doc_id: str, passage: str) -> tuple[int, int] | None:
    doc = index.documents.get(doc_id)
    if doc is None:
        return None
    at = doc.text.find(passage)
    return None if at < 0 else (at, at + len(passage))


def _covers(start: int, end: int, span: tuple[int, int], share: float = 0.5) -> bool:
    overlap = min(end, span[1]) - max(start, span[0])
    return overlap >= share * (span[1] - span[0])


def cites_the_passage(index, row: dict, answer: Answer) -> tuple[bool, bool]:
    """Whether an answer (not a refusal) cites a gold row's answering passage, and whether its
    first citation does: the "citing" and "leading" of `evaluate_questions`."""
    span = passage_span(index, row["doc_id"], row["passage"])
    quoted = () if answer.abstained or span is None else answer.citations
    hits = [c.doc_id == row["doc_id"] and _covers(c.start, c.end, span) for c in quoted]
    return any(hits), bool(hits) and hits[0]


def _in_matching_section(index: Index, row: dict, span: tuple[int, int], answer: Answer) -> bool:
    """#17's measure: some citation lies in the section holding the gold passage, or in the
    document's abstract (a section-less document: in the passage itself)."""
    from .overview import abstract_spans

    doc = index.documents[row["doc_id"]]
    section = next((sec for sec in doc.sections if sec.start <= span[0] < sec.end), None)
    allowed = list(abstract_spans(doc)) + ([(section.start, section.end)] if section else [span])
    return any(
        c.doc_id == row["doc_id"] and any(a <= c.start < b for a, b in allowed) for c in answer.citations
    )


def _percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else 0.0


def evaluate_questions(lib, rows: list[dict], k: int = 5) -> dict:
    index, encoder = lib.index, lib.encoder
    answerable = [r for r in rows if r.get("answerable")]
    unanswerable = [r for r in rows if not r.get("answerable")]
    missing = [r["id"] for r in answerable if passage_span(index, r["doc_id"], r["passage"]) is None]
    if missing:
        raise UsageError(f"gold passages not found in the index: {', '.join(missing[:5])}")

    retrieval: dict[str, dict] = {}
    # questions in another language are searched the way `ask` searches them (multilingual, dense)
    across = {r["id"] for r in answerable if lib.cross_language(r["question"])}
    english = [r for r in answerable if r["id"] not in across]
    vectors = dict(
        zip((r["id"] for r in english), encoder.encode([r["question"] for r in english]), strict=True)
    )
    for mode in MODES:
        ranks = []
        for r in answerable:
            span = passage_span(index, r["doc_id"], r["passage"])
            if r["id"] in across:
                hits = lib.search(r["question"], k=10)
            else:
                hits = search(index, vectors[r["id"]], r["question"], k=10, mode=mode)
            rank = next(
                (
                    h.rank
                    for h in hits
                    if h.chunk.doc_id == r["doc_id"] and _covers(h.chunk.start, h.chunk.end, span, 1.0)
                ),
                None,
            )
            ranks.append(rank)
        retrieval[mode] = {
            "recall@1": _share(r is not None and r <= 1 for r in ranks),
            f"recall@{k}": _share(r is not None and r <= k for r in ranks),
            "mrr": round(sum(1 / r for r in ranks if r) / len(ranks), 4) if ranks else 0.0,
        }

    latencies: list[float] = []
    cited, leading, wrongly_refused, results = 0, 0, 0, {}
    by_type: dict[str, dict[str, int]] = {}
    spans_given = spans_right = factoids = 0
    overviews = overviews_in_section = 0
    failures: list[dict] = []
    for r in rows:
        started = time.perf_counter()
        answer = lib.ask(r["question"], k=k)
        latencies.append(time.perf_counter() - started)
        results[r["id"]] = answer
        kind = question_type(r)
        tally = by_type.setdefault(kind, {"n": 0, "cited": 0, "leading": 0, "refused": 0})
        tally["n"] += 1
        if not r.get("answerable"):
            tally["refused"] += answer.abstained
            continue
        span = passage_span(index, r["doc_id"], r["passage"])
        if r.get("answer") and not answer.abstained:
            factoids += 1
            given = answer.answer_span
            spans_given += given is not None
            spans_right += bool(given) and (r["answer"] in given["text"] or given["text"] in r["answer"])
        cites, leads = cites_the_passage(index, r, answer)
        if leads:
            leading += 1
            tally["leading"] += 1
        if kind == "overview":
            overviews += 1
            overviews_in_section += not answer.abstained and _in_matching_section(index, r, span, answer)
        if answer.abstained:
            tally["refused"] += 1
            wrongly_refused += 1
            failures.append(
                {"id": r["id"], "question": r["question"], "problem": f"refused: {answer.reason}"}
            )
        elif cites:
            cited += 1
            tally["cited"] += 1
        else:
            failures.append(
                {"id": r["id"], "question": r["question"], "problem": "answer does not cite the passage"}
            )
    refused_unanswerable = sum(1 for r in unanswerable if results[r["id"]].abstained)
    refused_total = sum(1 for a in results.values() if a.abstained)
    for r in unanswerable:
        if not results[r["id"]].abstained:
            failures.append(
                {"id": r["id"], "question": r["question"], "problem": "answered an unanswerable question"}
            )

    groups: dict[str, list[dict]] = {}
    for r in answerable:
        if r.get("group"):
            groups.setdefault(r["group"], []).append(r)
    consistent = 0
    for members in groups.values():
        cited_sets = [{(c.doc_id, c.start, c.end) for c in results[m["id"]].citations} for m in members]
        if all(cited_sets) and set.intersection(*cited_sets):
            consistent += 1

    return {
        "questions": len(rows),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "retrieval": retrieval,
        "answers_citing_passage": round(cited / len(answerable), 4) if answerable else 0.0,
        "answers_leading_with_passage": round(leading / len(answerable), 4) if answerable else 0.0,
        "answer_spans": {"factoid_answers": factoids, "given": spans_given, "matching_gold": spans_right},
        "by_type": dict(sorted(by_type.items())),
        # #17's measure: an overview answer cites a sentence of the section that holds the
        # gold passage, or of the document's abstract
        "overview_in_section": {
            "overview_questions": overviews,
            "citing_section_or_abstract": overviews_in_section,
        },
        "wrongly_refused": round(wrongly_refused / len(answerable), 4) if answerable else 0.0,
        "abstention_recall": round(refused_unanswerable / len(unanswerable), 4) if unanswerable else 0.0,
        "abstention_precision": round(refused_unanswerable / refused_total, 4) if refused_total else 0.0,
        "paraphrase_groups": len(groups),
        "paraphrase_groups_citing_same_passage": round(consistent / len(groups), 4) if groups else 0.0,
        "latency_ms": {
            "p50": round(_percentile(latencies, 50) * 1000, 1),
            "p95": round(_percentile(latencies, 95) * 1000, 1),
        },
        "failures": failures,
    }


def calibrate(lib, rows: list[dict], thresholds: list[float] | None = None, k: int = 5) -> list[dict]:
    """The abstention trade-off: for each score threshold, wrong refusals against right ones."""
    from .answering import answer_question

    scored = []
    for r in rows:
        if language := lib.cross_language(r["question"]):
            from . import crosslingual, multilingual

            answer = crosslingual.answer(
                lib.index, multilingual.load_encoder(), r["question"], language, k=k, threshold=float("-inf")
            )
        else:
            answer = answer_question(lib.index, lib.encoder, r["question"], k=k, threshold=float("-inf"))
        scored.append((bool(r.get("answerable")), answer.confidence, answer.abstained))
    if thresholds is None and any(lib.cross_language(r["question"]) for r in rows):
        thresholds = [round(t, 3) for t in np.arange(0.79, 0.86, 0.005)]  # e5's narrow band
    thresholds = thresholds or [round(t, 2) for t in np.arange(0.18, 0.66, 0.03)]
    table = []
    n_ans = sum(1 for a, _, _ in scored if a) or 1
    n_un = sum(1 for a, _, _ in scored if not a) or 1
    for t in thresholds:
        refused = [(a, s < t or other) for a, s, other in scored]
        table.append(
            {
                "threshold": t,
                "wrongly_refused": round(sum(1 for a, x in refused if a and x) / n_ans, 4),
                "unanswerable_refused": round(sum(1 for a, x in refused if not a and x) / n_un, 4),
            }
        )
    return table


def evaluate_claims(lib, rows: list[dict]) -> dict:
    verdicts = ("supported", "contradicted", "not_found")
    outcomes = []
    latencies = []
    failures = []
    for r in rows:
        started = time.perf_counter()
        result = lib.check(r["claim"])
        latencies.append(time.perf_counter() - started)
        outcomes.append((r["verdict"], result.verdict, result))
        if result.verdict != r["verdict"]:
            failures.append(
                {"id": r["id"], "claim": r["claim"], "expected": r["verdict"], "got": result.verdict}
            )
    per = {}
    for v in verdicts:
        tp = sum(1 for g, p, _ in outcomes if g == v and p == v)
        predicted = sum(1 for _, p, _ in outcomes if p == v)
        gold = sum(1 for g, _, _ in outcomes if g == v)
        per[v] = {
            "precision": round(tp / predicted, 4) if predicted else 0.0,
            "recall": round(tp / gold, 4) if gold else 0.0,
            "n": gold,
        }
    contradictions = [res for g, p, res in outcomes if p == "contradicted"]
    return {
        "claims": len(rows),
        "accuracy": round(sum(1 for g, p, _ in outcomes if g == p) / len(rows), 4) if rows else 0.0,
        "per_verdict": per,
        "contradictions_with_differences": round(
            sum(1 for c in contradictions if c.differences) / len(contradictions), 4
        )
        if contradictions
        else 1.0,
        "latency_ms": {
            "p50": round(_percentile(latencies, 50) * 1000, 1),
            "p95": round(_percentile(latencies, 95) * 1000, 1),
        },
        "failures": failures,
    }


def run_evaluation(
    lib, gold: str | None = None, claims: str | None = None, calibrate_abstention: bool = False
) -> dict:
    report: dict = {}
    questions_path = Path(gold) if gold else DEFAULT_QUESTIONS
    claims_path = Path(claims) if claims else (DEFAULT_CLAIMS if not gold else None)
    if questions_path.is_file() or gold:
        rows = read_jsonl(questions_path)
        report["questions"] = evaluate_questions(lib, rows)
        if calibrate_abstention:
            report["abstention_tradeoff"] = calibrate(lib, rows)
        if not gold:
            from .language_eval import evaluate_languages

            report["languages"] = evaluate_languages(lib, questions_path)
    if claims_path is not None and (claims_path.is_file() or claims) and _claims_available():
        report["claims"] = evaluate_claims(lib, read_jsonl(claims_path))
    if not report:
        raise UsageError(f"no gold files found (looked for {DEFAULT_QUESTIONS} and {DEFAULT_CLAIMS})")
    return report


def _claims_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("silkqa.claims") is not None


def _share(flags) -> float:
    flags = list(flags)
    return round(sum(flags) / len(flags), 4) if flags else 0.0


def format_report(report: dict) -> str:
    lines: list[str] = []
    q = report.get("questions")
    if q:
        lines.append(f"Questions: {q['questions']} ({q['answerable']} answerable, {q['unanswerable']} not)")
        lines.append("")
        lines.append(f"{'retrieval':<10} {'recall@1':>9} {'recall@5':>9} {'MRR':>7}")
        for mode, m in q["retrieval"].items():
            lines.append(f"{mode:<10} {m['recall@1']:>9.2%} {m['recall@5']:>9.2%} {m['mrr']:>7.3f}")
        lines.append("")
        lines.append(f"answers citing the answering passage   {q['answers_citing_passage']:.1%}")
        lines.append(f"answers leading with that passage      {q['answers_leading_with_passage']:.1%}")
        lines.append(f"answerable questions wrongly refused   {q['wrongly_refused']:.1%}")
        lines.append(
            f"unanswerable questions refused         {q['abstention_recall']:.1%}  (precision {q['abstention_precision']:.1%})"
        )
        lines.append(
            f"paraphrase groups citing same passage  {q['paraphrase_groups_citing_same_passage']:.1%} of {q['paraphrase_groups']}"
        )
        lines.append(
            f"ask latency                            p50 {q['latency_ms']['p50']} ms, p95 {q['latency_ms']['p95']} ms"
        )
        spans = q["answer_spans"]
        lines.append(
            f"answer spans                           {spans['given']} of {spans['factoid_answers']} factoid answers, "
            f"{spans['matching_gold']} matching the gold answer"
        )
        ov = q["overview_in_section"]
        if ov["overview_questions"]:
            lines.append(
                f"overview answers in the matching section or abstract  {ov['citing_section_or_abstract']} of "
                f"{ov['overview_questions']}"
            )
        lines.append("")
        lines.append(f"{'by type':<14} {'n':>3} {'citing':>7} {'leading':>8} {'refused':>8}")
        for kind, t in q["by_type"].items():
            lines.append(f"{kind:<14} {t['n']:>3} {t['cited']:>7} {t['leading']:>8} {t['refused']:>8}")
        for f in q["failures"]:
            lines.append(f"  ✗ {f['id']}: {f['problem']} — {f['question']}")
    t = report.get("abstention_tradeoff")
    if t:
        lines.append("")
        lines.append(f"{'threshold':>9} {'wrongly refused':>16} {'unanswerable refused':>21}")
        for row in t:
            lines.append(
                f"{row['threshold']:>9.3f} {row['wrongly_refused']:>16.1%} {row['unanswerable_refused']:>21.1%}"
            )
    if report.get("languages"):
        from .language_eval import format_languages

        lines.extend(format_languages(report["languages"]))
    c = report.get("claims")
    if c:
        lines.append("")
        lines.append(f"Claims: {c['claims']}  accuracy {c['accuracy']:.1%}")
        for verdict, m in c["per_verdict"].items():
            lines.append(
                f"  {verdict:<13} precision {m['precision']:.1%}  recall {m['recall']:.1%}  (n={m['n']})"
            )
        lines.append(f"  contradictions listing a difference: {c['contradictions_with_differences']:.1%}")
        lines.append(f"  check latency p50 {c['latency_ms']['p50']} ms, p95 {c['latency_ms']['p95']} ms")
        for f in c["failures"]:
            lines.append(f"  ✗ {f['id']}: expected {f['expected']}, got {f['got']} — {f['claim']}")
    return "\n".join(lines)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0
