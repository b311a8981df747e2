"""The gold sets stay true to the text silkqa extracts: every answerable row names a corpus
document whose extracted text holds its passage exactly once (no line break), a factoid
answer lies inside its passage, and unanswerable rows name nothing. A change to extraction
that breaks a gold passage fails here, not silently in an evaluation."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from silkqa.catalog import parse_catalog, reference_document
from silkqa.documents import is_supported, load_document

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "development": (ROOT / "corpus", ["gold/questions.jsonl", "gold/questions-overview.jsonl"]),
    "blind": (
        ROOT / "gold/blind/corpus",
        [
            "gold/blind/questions.jsonl",
            "gold/blind/questions-heldout.jsonl",
            "gold/blind/questions-fresh.jsonl",
        ],
    ),
    "blind2": (ROOT / "gold/blind2/corpus", ["gold/blind2/questions.jsonl", "gold/blind2/heldout.jsonl"]),
    "blind3": (ROOT / "gold/blind3/corpus", ["gold/blind3/questions.jsonl"]),
    "blind4": (ROOT / "gold/blind4/corpus", ["gold/blind4/questions.jsonl"]),
    "blind5": (ROOT / "gold/blind5/corpus", ["gold/blind5/questions.jsonl"]),
    "blind6": (ROOT / "gold/blind6/corpus", ["gold/blind6/questions.jsonl"]),
    "blind7": (ROOT / "gold/blind7/corpus", ["gold/blind7/questions.jsonl"]),
    "blind8": (ROOT / "gold/blind8/corpus", ["gold/blind8/questions.jsonl"]),
    "blind9": (ROOT / "gold/blind9/corpus", ["gold/blind9/questions.jsonl"]),
    "blind10": (ROOT / "gold/blind10/corpus", ["gold/blind10/questions.jsonl"]),
    "blind11": (ROOT / "gold/blind11/corpus", ["gold/blind11/questions.jsonl"]),
    "blind12": (ROOT / "gold/blind12/corpus", ["gold/blind12/questions.jsonl"]),
    "blind13": (ROOT / "gold/blind13/corpus", ["gold/blind13/questions.jsonl"]),
    "blind14": (ROOT / "gold/blind14/corpus", ["gold/blind14/questions.jsonl"]),
    "blind15": (ROOT / "gold/blind15/corpus", ["gold/blind15/questions.jsonl"]),
    "blind16": (ROOT / "gold/blind16/corpus", ["gold/blind16/questions.jsonl"]),
    "blind17": (ROOT / "gold/blind17/corpus", ["gold/blind17/questions.jsonl"]),
    "blind18": (ROOT / "gold/blind18/corpus", ["gold/blind18/questions.jsonl"]),
    "blind19": (ROOT / "gold/blind19/corpus", ["gold/blind19/questions.jsonl"]),
    "blind20": (ROOT / "gold/blind20/corpus", ["gold/blind20/questions.jsonl"]),
    "blind21": (ROOT / "gold/blind21/corpus", ["gold/blind21/questions.jsonl"]),
    "blind22": (ROOT / "gold/blind22/corpus", ["gold/blind22/questions.jsonl"]),
    "blind23": (ROOT / "gold/blind23/corpus", ["gold/blind23/questions.jsonl"]),
    "blind24": (ROOT / "gold/blind24/corpus", ["gold/blind24/questions.jsonl"]),
    "blind25": (ROOT / "gold/blind25/corpus", ["gold/blind25/questions.jsonl"]),
    "blind26": (ROOT / "gold/blind26/corpus", ["gold/blind26/questions.jsonl"]),
    "blind27": (ROOT / "gold/blind27/corpus", ["gold/blind27/questions.jsonl"]),
    "blind28": (ROOT / "gold/blind28/corpus", ["gold/blind28/questions.jsonl"]),
    "blind29": (ROOT / "gold/blind29/corpus", ["gold/blind29/questions.jsonl"]),
    "blind30": (ROOT / "gold/blind30/corpus", ["gold/blind30/questions.jsonl"]),
    "blind31": (ROOT / "gold/blind31/corpus", ["gold/blind31/questions.jsonl"]),
    "blind32": (ROOT / "gold/blind32/corpus", ["gold/blind32/questions.jsonl"]),
    "blind33": (ROOT / "gold/blind33/corpus", ["gold/blind33/questions.jsonl"]),
    "blind34": (ROOT / "gold/blind34/corpus", ["gold/blind34/questions.jsonl"]),
    "blind35": (ROOT / "gold/blind35/corpus", ["gold/blind35/questions.jsonl"]),
    "blind36": (ROOT / "gold/blind36/corpus", ["gold/blind36/questions.jsonl"]),
    "blind37": (ROOT / "gold/blind37/corpus", ["gold/blind37/questions.jsonl"]),
    "blind38": (ROOT / "gold/blind38/corpus", ["gold/blind38/questions.jsonl"]),
    "blind39": (ROOT / "gold/blind39/corpus", ["gold/blind39/questions.jsonl"]),
    "blind40": (ROOT / "gold/blind40/corpus", ["gold/blind40/questions.jsonl"]),
    "blind41": (ROOT / "gold/blind41/corpus", ["gold/blind41/questions.jsonl"]),
    "blind42": (ROOT / "gold/blind42/corpus", ["gold/blind42/questions.jsonl"]),
    "blind43": (ROOT / "gold/blind43/corpus", ["gold/blind43/questions.jsonl"]),
    "blind44": (ROOT / "gold/blind44/corpus", ["gold/blind44/questions.jsonl"]),
    "blind45": (ROOT / "gold/blind45/corpus", ["gold/blind45/questions.jsonl"]),
    "blind46": (ROOT / "gold/blind46/corpus", ["gold/blind46/questions.jsonl"]),
    "blind47": (ROOT / "gold/blind47/corpus", ["gold/blind47/questions.jsonl"]),
    "blind48": (ROOT / "gold/blind48/corpus", ["gold/blind48/questions.jsonl"]),
    "blind49": (ROOT / "gold/blind49/corpus", ["gold/blind49/questions.jsonl"]),
    "blind50": (ROOT / "gold/blind50/corpus", ["gold/blind50/questions.jsonl"]),
    "blind51": (ROOT / "gold/blind51/corpus", ["gold/blind51/questions.jsonl"]),
    "blind52": (ROOT / "gold/blind52/corpus", ["gold/blind52/questions.jsonl"]),
    "blind53": (ROOT / "gold/blind53/corpus", ["gold/blind53/questions.jsonl"]),
    "blind54": (ROOT / "gold/blind54/corpus", ["gold/blind54/questions.jsonl"]),
    "blind55": (ROOT / "gold/blind55/corpus", ["gold/blind55/questions.jsonl"]),
    "blind56": (ROOT / "gold/blind56/corpus", ["gold/blind56/questions.jsonl"]),
    "blind57": (ROOT / "gold/blind57/corpus", ["gold/blind57/questions.jsonl"]),
    "blind58": (ROOT / "gold/blind58/corpus", ["gold/blind58/questions.jsonl"]),
    "blind59": (ROOT / "gold/blind59/corpus", ["gold/blind59/questions.jsonl"]),
    "blind60": (ROOT / "gold/blind60/corpus", ["gold/blind60/questions.jsonl"]),
    "blind61": (ROOT / "gold/blind61/corpus", ["gold/blind61/questions.jsonl"]),
    "blind62": (ROOT / "gold/blind62/corpus", ["gold/blind62/questions.jsonl"]),
    "blind63": (ROOT / "gold/blind63/corpus", ["gold/blind63/questions.jsonl"]),
    "blind64": (ROOT / "gold/blind64/corpus", ["gold/blind64/questions.jsonl"]),
    "blind65": (ROOT / "gold/blind65/corpus", ["gold/blind65/questions.jsonl"]),
    "blind66": (ROOT / "gold/blind66/corpus", ["gold/blind66/questions.jsonl"]),
    "blind67": (ROOT / "gold/blind67/corpus", ["gold/blind67/questions.jsonl"]),
    "blind68": (ROOT / "gold/blind68/corpus", ["gold/blind68/questions.jsonl"]),
    "blind69": (ROOT / "gold/blind69/corpus", ["gold/blind69/questions.jsonl"]),
    "blind70": (ROOT / "gold/blind70/corpus", ["gold/blind70/questions.jsonl"]),
    "blind71": (ROOT / "gold/blind71/corpus", ["gold/blind71/questions.jsonl"]),
    "blind72": (ROOT / "gold/blind72/corpus", ["gold/blind72/questions.jsonl"]),
    "blind73": (ROOT / "gold/blind73/corpus", ["gold/blind73/questions.jsonl"]),
    "blind74": (ROOT / "gold/blind74/corpus", ["gold/blind74/questions.jsonl"]),
    "blind75": (ROOT / "gold/blind75/corpus", ["gold/blind75/questions.jsonl"]),
    "blind76": (ROOT / "gold/blind76/corpus", ["gold/blind76/questions.jsonl"]),
    "blind77": (ROOT / "gold/blind77/corpus", ["gold/blind77/questions.jsonl"]),
    "blind78": (ROOT / "gold/blind78/corpus", ["gold/blind78/questions.jsonl"]),
    "blind79": (ROOT / "gold/blind79/corpus", ["gold/blind79/questions.jsonl"]),
    "blind80": (ROOT / "gold/blind80/corpus", ["gold/blind80/questions.jsonl"]),
    "blind81": (ROOT / "gold/blind81/corpus", ["gold/blind81/questions.jsonl"]),
    "blind82": (ROOT / "gold/blind82/corpus", ["gold/blind82/questions.jsonl"]),
    "blind83": (ROOT / "gold/blind83/corpus", ["gold/blind83/questions.jsonl"]),
    "blind84": (ROOT / "gold/blind84/corpus", ["gold/blind84/questions.jsonl"]),
    "blind85": (ROOT / "gold/blind85/corpus", ["gold/blind85/questions.jsonl"]),
    "blind86": (ROOT / "gold/blind86/corpus", ["gold/blind86/questions.jsonl"]),
    "blind87": (ROOT / "gold/blind87/corpus", ["gold/blind87/questions.jsonl"]),
    "blind88": (ROOT / "gold/blind88/corpus", ["gold/blind88/questions.jsonl"]),
    "blind89": (ROOT / "gold/blind89/corpus", ["gold/blind89/questions.jsonl"]),
    "blind90": (ROOT / "gold/blind90/corpus", ["gold/blind90/questions.jsonl"]),
    "blind91": (ROOT / "gold/blind91/corpus", ["gold/blind91/questions.jsonl"]),
    "blind92": (ROOT / "gold/blind92/corpus", ["gold/blind92/questions.jsonl"]),
    "blind93": (ROOT / "gold/blind93/corpus", ["gold/blind93/questions.jsonl"]),
    "blind94": (ROOT / "gold/blind94/corpus", ["gold/blind94/questions.jsonl"]),
    "blind95": (ROOT / "gold/blind95/corpus", ["gold/blind95/questions.jsonl"]),
    "blind96": (ROOT / "gold/blind96/corpus", ["gold/blind96/questions.jsonl"]),
    "blind97": (ROOT / "gold/blind97/corpus", ["gold/blind97/questions.jsonl"]),
    "blind98": (ROOT / "gold/blind98/corpus", ["gold/blind98/questions.jsonl"]),
    "blind99": (ROOT / "gold/blind99/corpus", ["gold/blind99/questions.jsonl"]),
    "blind100": (ROOT / "gold/blind100/corpus", ["gold/blind100/questions.jsonl"]),
    "blind101": (ROOT / "gold/blind101/corpus", ["gold/blind101/questions.jsonl"]),
    "blind102": (ROOT / "gold/blind102/corpus", ["gold/blind102/questions.jsonl"]),
    "blind103": (ROOT / "gold/blind103/corpus", ["gold/blind103/questions.jsonl"]),
    "blind104": (ROOT / "gold/blind104/corpus", ["gold/blind104/questions.jsonl"]),
    "blind105": (ROOT / "gold/blind105/corpus", ["gold/blind105/questions.jsonl"]),
    "blind106": (ROOT / "gold/blind106/corpus", ["gold/blind106/questions.jsonl"]),
    "blind107": (ROOT / "gold/blind107/corpus", ["gold/blind107/questions.jsonl"]),
    "blind108": (ROOT / "gold/blind108/corpus", ["gold/blind108/questions.jsonl"]),
    "blind109": (ROOT / "gold/blind109/corpus", ["gold/blind109/questions.jsonl"]),
    "blind110": (ROOT / "gold/blind110/corpus", ["gold/blind110/questions.jsonl"]),
    "blind111": (ROOT / "gold/blind111/corpus", ["gold/blind111/questions.jsonl"]),
    "blind112": (ROOT / "gold/blind112/corpus", ["gold/blind112/questions.jsonl"]),
    "blind113": (ROOT / "gold/blind113/corpus", ["gold/blind113/questions.jsonl"]),
    "blind114": (ROOT / "gold/blind114/corpus", ["gold/blind114/questions.jsonl"]),
    "blind115": (ROOT / "gold/blind115/corpus", ["gold/blind115/questions.jsonl"]),
    "blind116": (ROOT / "gold/blind116/corpus", ["gold/blind116/questions.jsonl"]),
    "blind117": (ROOT / "gold/blind117/corpus", ["gold/blind117/questions.jsonl"]),
    "blind118": (ROOT / "gold/blind118/corpus", ["gold/blind118/questions.jsonl"]),
    "blind119": (ROOT / "gold/blind119/corpus", ["gold/blind119/questions.jsonl"]),
    "blind120": (ROOT / "gold/blind120/corpus", ["gold/blind120/questions.jsonl"]),
    "blind121": (ROOT / "gold/blind121/corpus", ["gold/blind121/questions.jsonl"]),
    "blind122": (ROOT / "gold/blind122/corpus", ["gold/blind122/questions.jsonl"]),
    "blind123": (ROOT / "gold/blind123/corpus", ["gold/blind123/questions.jsonl"]),
    "blind124": (ROOT / "gold/blind124/corpus", ["gold/blind124/questions.jsonl"]),
    "blind125": (ROOT / "gold/blind125/corpus", ["gold/blind125/questions.jsonl"]),
    "blind126": (ROOT / "gold/blind126/corpus", ["gold/blind126/questions.jsonl"]),
    "blind127": (ROOT / "gold/blind127/corpus", ["gold/blind127/questions.jsonl"]),
}
FIELDS = {"id", "question", "topic", "answerable", "doc_id", "passage", "group", "type", "answer"}
TYPES = {
    "definition", "acronym", "reason", "method", "quantity", "date", "place", "person",
    "organisation", "comparison", "list", "yesno", "overview", "long",
}  # fmt: skip


def problems(rows: list[dict], texts: dict[str, str]) -> list[str]:
    out = []
    for r in rows:
        rid = r.get("id")
        if not set(r) <= FIELDS or not {"id", "question", "answerable"} <= set(r):
            out.append(f"{rid}: fields {sorted(set(r) ^ FIELDS)}")
            continue
        if r.get("type") and r["type"] not in TYPES:
            out.append(f"{rid}: unknown type {r['type']!r}")
        if not r["answerable"]:
            if r.get("doc_id") or r.get("passage") or r.get("answer"):
                out.append(f"{rid}: unanswerable row names a document, passage or answer")
            continue
        text = texts.get(r["doc_id"])
        passage = r.get("passage") or ""
        if text is None:
            out.append(f"{rid}: no corpus document {r['doc_id']!r}")
        elif not passage or "\n" in passage:
            out.append(f"{rid}: passage empty or spans a line break")
        elif text.count(passage) != 1:
            out.append(f"{rid}: passage occurs {text.count(passage)} times in {r['doc_id']}")
        if r.get("answer") is not None and r["answer"] not in passage:
            out.append(f"{rid}: answer {r['answer']!r} not in passage")
    return out


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_gold_passage_occurs_once_in_the_extracted_text(name):
    corpus, files = SETS[name]
    texts = {p.name: load_document(p, p.name).text for p in sorted(corpus.iterdir()) if is_supported(p)}
    catalog = corpus / "references.json"
    if catalog.is_file():  # the works the paper cites are documents too ("ref:<key>")
        for ref in parse_catalog(catalog.read_bytes(), catalog.name):
            doc = reference_document(ref, catalog.name)
            texts[doc.doc_id] = doc.text
    ids: Counter = Counter()
    found = []
    for file in files:
        rows = [
            json.loads(line)
            for line in (ROOT / file).read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        assert rows, file
        ids.update(r["id"] for r in rows)
        found += problems(rows, texts)
    found += [f"{i}: duplicate id" for i, n in ids.items() if n > 1]
    assert not found, found
