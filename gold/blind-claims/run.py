"""Run blind claim sets with the checker in this checkout: accuracy, recall per class, misses.

    PYTHONPATH=src python gold/blind-claims/run.py gold/blind-claims/corpus /tmp/blind-index \
        gold/blind-claims/claims.jsonl [more.jsonl ...]

The index folder is built on first use (it is not part of the checkout).
"""

from __future__ import annotations

import json
import sys

from silkqa.evaluation import evaluate_claims, read_jsonl
from silkqa.library import Library


def main(argv: list[str]) -> None:
    corpus, index, *files = argv
    lib = Library(corpus, index, None)
    lib.update()
    for path in files:
        rows = read_jsonl(path)
        report = evaluate_claims(lib, rows)
        recall = {v: s["recall"] for v, s in report["per_verdict"].items()}
        summary = {
            "file": path,
            "accuracy": report["accuracy"],
            "recall": recall,
            "contradictions_with_differences": report["contradictions_with_differences"],
        }
        print(json.dumps(summary))
        for miss in report["failures"]:
            print("  MISS", miss["id"], miss["expected"], "->", miss["got"], miss["claim"])


if __name__ == "__main__":
    main(sys.argv[1:])
