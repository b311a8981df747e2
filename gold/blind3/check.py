"""Check the blind3 gold file against the text silkqa extracts from the corpus.

Every answerable row must name a corpus file, and its passage must occur exactly once in
that document's extracted text (no line breaks); a non-null answer must be a substring of
the passage. Unanswerable rows carry no doc_id/passage/answer. Ids are unique.

Run from the repository root:
    PYTHONPATH=src python gold/blind3/check.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from silkqa.documents import load_document

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
FILES = (HERE / "questions.jsonl",)
FIELDS = {"id", "question", "topic", "answerable", "doc_id", "passage", "group", "type", "answer"}
TYPES = {
    "definition", "acronym", "reason", "method", "quantity", "date", "place", "person",
    "organisation", "comparison", "list", "yesno", "overview", "long",
}  # fmt: skip


def problems(rows: list[dict], texts: dict[str, str]) -> list[str]:
    out = []
    for r in rows:
        rid = r.get("id")
        if set(r) != FIELDS:
            out.append(f"{rid}: fields {sorted(set(r) ^ FIELDS)}")
            continue
        if r["type"] not in TYPES:
            out.append(f"{rid}: unknown type {r['type']!r}")
        if not r["question"].strip():
            out.append(f"{rid}: empty question")
        if not r["answerable"]:
            if r["doc_id"] or r["passage"] or r["answer"]:
                out.append(f"{rid}: unanswerable row names a document, passage or answer")
            continue
        text = texts.get(r["doc_id"])
        if text is None:
            out.append(f"{rid}: no corpus document {r['doc_id']!r}")
            continue
        passage = r["passage"] or ""
        if not passage or "\n" in passage:
            out.append(f"{rid}: passage empty or spans a line break")
        elif text.count(passage) != 1:
            out.append(f"{rid}: passage occurs {text.count(passage)} times in {r['doc_id']}")
        if r["answer"] is not None and r["answer"] not in passage:
            out.append(f"{rid}: answer {r['answer']!r} not in passage")
    return out


def main() -> int:
    texts = {p.name: load_document(p, p.name).text for p in sorted(CORPUS.iterdir())}
    ids: Counter = Counter()
    failed = []
    for path in FILES:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        ids.update(r["id"] for r in rows)
        failed += problems(rows, texts)
        kinds = Counter("unanswerable" if not r["answerable"] else r["type"] for r in rows)
        docs = Counter(r["doc_id"] or "-" for r in rows)
        print(f"{path.name}: {len(rows)} rows; types {dict(sorted(kinds.items()))}; docs {dict(docs)}")
    failed += [f"{i}: duplicate id" for i, n in ids.items() if n > 1]
    for line in failed:
        print("FAIL", line)
    print("ok" if not failed else f"{len(failed)} problem(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
