"""The judge's refusal curve on gold sets: what every refusal bar would cite, lead with and refuse.

The judge refuses exactly when every sentence it reads scores under DOES_NOT_ANSWER_BELOW, and it
reads all of its JUDGED sentences before it refuses. Below CLEARLY_ANSWERS_FROM (where it stops
reading a clear first) the bar changes nothing else. So for such bars one run per set with the
judge never refusing, the JUDGED scores of each question it is asked about recorded, gives every
bar's result: a question is refused when a rule refused it or its best score is under the bar; it
cites and leads with the answer as in the run. (On the validation sets this reproduces full
`silkqa eval` runs exactly, bar by bar.) `silkqa eval --calibrate` does the same for the
relevance threshold.

    python training/refusal_curve.py MODEL_DIR OUT.jsonl CORPUS:GOLD.jsonl:INDEX_DIR ...
    python training/refusal_curve.py --curve OUT.jsonl -4.1 -3.9 -3.7 -3.5 -3.3

The first form runs the sets with the judge in MODEL_DIR (model.onnx, tokenizer.json, meta.json)
and appends one row per question to OUT.jsonl; the second prints the curve. Bars are chosen on
the validation sets (answer_judge.VALIDATION) by the rule in silkqa/judge.py.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path


def refused(row: dict, bar: float) -> bool:
    """A rule refused the question, or the judge would: its best score is under the bar."""
    return row["abstained"] or (bool(row["scores"]) and max(row["scores"]) < bar)


def curve(rows: Sequence[dict], bars: Iterable[float]) -> list[dict]:
    """Per bar: answerable questions citing and leading with the answer, and both kinds refused."""
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]
    return [
        {
            "bar": bar,
            "cited": sum(r["cited"] and not refused(r, bar) for r in answerable),
            "leading": sum(r["leading"] and not refused(r, bar) for r in answerable),
            "answerable_refused": sum(refused(r, bar) for r in answerable),
            "unanswerable_refused": sum(refused(r, bar) for r in unanswerable),
        }
        for bar in bars
    ]


def record(lib, rows: Sequence[dict], model: Path) -> list[dict]:
    """Every question asked of `lib` with the judge in `model` never refusing: whether a rule
    refused it, whether it cites and leads with the answer, and the judge's JUDGED scores. The
    judge's settings are restored afterwards."""
    import silkqa.answering as answering
    import silkqa.judge as judge
    from silkqa.evaluation import cites_the_passage

    read: list[list[float]] = []
    shipped = judge.FOLDER, judge.DOES_NOT_ANSWER_BELOW, answering.read_sentences

    def all_scores(question, sentences, judge_=None, compare=False):
        scorer = judge.default_judge()
        read.append([float(scorer.scores(question, [s])[0]) for s in list(sentences)[: judge.JUDGED]])
        return shipped[2](question, sentences, compare=compare)

    try:
        judge.FOLDER, judge.DOES_NOT_ANSWER_BELOW = model, float("-inf")
        judge.default_judge.cache_clear()
        answering.read_sentences = all_scores
        out = []
        for row in rows:
            read.clear()
            answer = lib.ask(row["question"])
            got = {"id": row["id"], "answerable": bool(row["answerable"]), "abstained": answer.abstained}
            got["scores"] = read[-1] if read else []
            if row["answerable"]:
                got["cited"], got["leading"] = cites_the_passage(lib.index, row, answer)
            out.append(got)
        return out
    finally:
        judge.FOLDER, judge.DOES_NOT_ANSWER_BELOW, answering.read_sentences = shipped
        judge.default_judge.cache_clear()


def main(argv: list[str]) -> None:
    if argv[0] == "--curve":
        rows = [json.loads(line) for line in Path(argv[1]).read_text().splitlines() if line.strip()]
        print(
            f"{sum(r['answerable'] for r in rows)} answerable, {sum(not r['answerable'] for r in rows)} not"
        )
        for c in curve(rows, [float(b) for b in argv[2:]]):
            print(
                f"bar {c['bar']:5.2f}  cited {c['cited']:4}  leading {c['leading']:4}  "
                f"answerable refused {c['answerable_refused']:3}  unanswerable refused {c['unanswerable_refused']:3}"
            )
        return
    from silkqa.evaluation import read_jsonl
    from silkqa.library import Library

    model, out = Path(argv[0]), Path(argv[1])
    with out.open("a") as f:
        for spec in argv[2:]:
            corpus, gold, index = spec.split(":")
            lib = Library(Path(corpus), Path(index))
            for row in record(lib, read_jsonl(gold), model):
                f.write(json.dumps(row) + "\n")
            print(f"{gold}: done", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
