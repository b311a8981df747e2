"""Records, per gold question, what the reader had to choose from: where the answering sentence
ranks among its candidates, the answer judge's score for each of the six best, and what `ask`
answered. Rules about when to read the judge (judge.CLEARLY_ANSWERS_FROM; answering.CLOSE_CALL
before it) were simulated from such a record instead of re-running every set for each setting.
Training and validation sets only: recording a measuring set is studying it.

usage: python training/record_candidates.py OUT.json SET...   (SET: dev, or N for gold/blindN)
Indexes go to /tmp/silkqa-record/SET and are built when missing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from silkqa import answering  # noqa: E402
from silkqa.evaluation import _covers, passage_span, read_jsonl  # noqa: E402
from silkqa.judge import default_judge  # noqa: E402
from silkqa.library import Library  # noqa: E402

READ = 12  # candidates the judge scores, each alone (6 until the twelfth session)
KEPT = 20  # candidates whose gold flag is recorded


def gold_set(name: str) -> tuple[Path, Path]:
    if name == "dev":
        return ROOT / "corpus", ROOT / "gold/questions.jsonl"
    folder = ROOT / ("gold/blind" if name == "1" else f"gold/blind{name}")
    return folder / "corpus", folder / "questions.jsonl"


def record(lib: Library, judge, row: dict) -> dict:
    index = lib.index
    question = row["question"]
    gathered = answering.gather(index, lib.encoder, question)
    found = gathered.found
    answer = lib.ask(question)
    span = passage_span(index, row["doc_id"], row["passage"]) if row.get("answerable") else None

    def is_gold(doc_id: str, start: int, end: int) -> bool:
        return span is not None and doc_id == row["doc_id"] and _covers(start, end, span)

    lead = answer.citations[0] if answer.citations else None
    return {
        "id": row["id"],
        "type": row.get("type"),
        "answerable": bool(row.get("answerable")),
        "question": question,
        "kind": gathered.q.kind,
        "found_gold": [is_gold(e.doc_id, e.start, e.end) for e in found[:KEPT]],
        "found_score": [round(float(e.score), 4) for e in found[:READ]],
        "judge": [float(judge.scores(question, [e.quote])[0]) for e in found[:READ]],
        "abstained": answer.abstained,
        "cited_gold": []
        if answer.abstained
        else [is_gold(c.doc_id, c.start, c.end) for c in answer.citations],
        "n_cited": len(answer.citations),
        "lead_is_found0": bool(
            lead and found and (lead.doc_id, lead.start) == (found[0].doc_id, found[0].start)
        ),
    }


def main(out: str, names: list[str]) -> None:
    judge = default_judge()
    if judge is None:
        sys.exit("the answer judge is not available")
    records = {}
    for name in names:
        corpus, questions = gold_set(name)
        lib = Library(corpus=corpus, index=f"/tmp/silkqa-record/{name}")
        if not lib.has_index():
            lib.update()
        records[name] = [record(lib, judge, row) for row in read_jsonl(questions)]
        print(name, len(records[name]), file=sys.stderr)
    Path(out).write_text(json.dumps(records))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
