"""Per-language figures beside English on the same questions: `silkqa eval` reads every
gold/questions.LANG.jsonl next to the English gold file. Each row there carries the question in
its language and `question_en`, the English question it was translated from (or written
beside), so the comparison is like for like."""

from __future__ import annotations

from pathlib import Path

from .evaluation import _covers, passage_span, read_jsonl


def language_files(english_gold: Path) -> dict[str, Path]:
    """gold/questions.zh.jsonl, gold/questions.ru.jsonl, ... beside gold/questions.jsonl."""
    stem = english_gold.name.removesuffix(".jsonl")
    return {
        p.name[len(stem) + 1 : -len(".jsonl")]: p
        for p in sorted(english_gold.parent.glob(f"{stem}.??.jsonl"))
    }


def _figures(lib, rows: list[dict], key: str, k: int = 5) -> dict:
    index = lib.index
    found = grounded = refused = 0
    answerable = [r for r in rows if r.get("answerable")]
    unanswerable = [r for r in rows if not r.get("answerable")]
    for r in rows:
        question = r[key]
        answer = lib.ask(question, k=k)
        if not r.get("answerable"):
            refused += answer.abstained
            continue
        span = passage_span(index, r["doc_id"], r["passage"])
        hits = lib.search(question, k=k)
        found += any(
            h.chunk.doc_id == r["doc_id"] and _covers(h.chunk.start, h.chunk.end, span, 1.0) for h in hits
        )
        grounded += not answer.abstained and any(
            c.doc_id == r["doc_id"] and _covers(c.start, c.end, span) for c in answer.citations
        )
    share = lambda n, d: round(n / d, 4) if d else 0.0  # noqa: E731
    return {
        f"recall@{k}": share(found, len(answerable)),
        "grounded_answers": share(grounded, len(answerable)),
        "unanswerable_refused": share(refused, len(unanswerable)),
    }


def evaluate_languages(lib, english_gold: Path) -> dict:
    """{lang: {"questions", "answerable", "unanswerable", "figures", "english"}} per language file."""
    report = {}
    for lang, path in language_files(english_gold).items():
        rows = read_jsonl(path)
        paired = [r for r in rows if r.get("question_en")]
        report[lang] = {
            "questions": len(rows),
            "answerable": sum(1 for r in rows if r.get("answerable")),
            "unanswerable": sum(1 for r in rows if not r.get("answerable")),
            "figures": _figures(lib, rows, "question"),
            "english": _figures(lib, paired, "question_en"),
        }
    return report


def format_languages(report: dict) -> list[str]:
    lines = ["", f"{'language':<9} {'n':>3} {'recall@5':>17} {'grounded':>17} {'unanswerable refused':>22}"]
    for lang, r in report.items():
        f, e = r["figures"], r["english"]
        lines.append(
            f"{lang:<9} {r['questions']:>3} {f['recall@5']:>7.1%} (en {e['recall@5']:>6.1%})"
            f" {f['grounded_answers']:>7.1%} (en {e['grounded_answers']:>6.1%})"
            f" {f['unanswerable_refused']:>10.1%} (en {e['unanswerable_refused']:>6.1%})"
        )
    return lines
