"""The refusal curve (training/refusal_curve.py) chooses the judge's bar from one run per set
instead of one run per bar. It is only right if it refuses exactly the questions silkqa refuses,
at any bar below the clear-answer bar, and leaves the judge as it found it."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from silkqa import answering, judge
from silkqa.evaluation import cites_the_passage, read_jsonl

ROOT = Path(__file__).resolve().parents[1]
SHIPPED_BAR = judge.DOES_NOT_ANSWER_BELOW  # read before any test patches it


@pytest.fixture(scope="module")
def recipe():
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(ROOT / "training"))
        yield importlib.import_module("refusal_curve")


def test_the_curve_counts_a_refusal_by_a_rule_or_by_the_bar(recipe):
    rows = [
        {"answerable": True, "abstained": False, "scores": [1.0, -5.0], "cited": True, "leading": True},
        {"answerable": True, "abstained": False, "scores": [-3.0], "cited": True, "leading": False},
        {"answerable": True, "abstained": True, "scores": [], "cited": False, "leading": False},
        {"answerable": False, "abstained": False, "scores": [-4.0, -3.6, -6.0], "cited": None},
        {"answerable": False, "abstained": False, "scores": [], "cited": None},  # never judged
    ]
    counts = ("cited", "leading", "answerable_refused", "unanswerable_refused")
    got = [tuple(c[k] for k in counts) for c in recipe.curve(rows, [-5.0, -3.5, 0.0])]
    assert got == [(2, 1, 1, 0), (2, 1, 1, 1), (1, 1, 2, 1)]


def test_at_any_bar_it_refuses_what_silkqa_refuses(recipe, faiss_library, monkeypatch):
    gold = read_jsonl(ROOT / "gold/questions.jsonl")
    rows = [r for r in gold if r["answerable"]][:6] + [r for r in gold if not r["answerable"]][:6]
    # whatever bar is set, the run records the judge never refusing, and puts the bar back
    monkeypatch.setattr(judge, "DOES_NOT_ANSWER_BELOW", 10.0)
    recorded = recipe.record(faiss_library, rows, judge.FOLDER)
    assert judge.DOES_NOT_ANSWER_BELOW == 10.0 and answering.read_sentences is judge.read_sentences
    assert any(r["scores"] and not r["abstained"] for r in recorded)
    best = sorted(max(r["scores"]) for r in recorded if r["scores"] and not r["abstained"])
    strict = best[len(best) // 2]  # a bar under which the judge alone refuses about half of them
    for bar in (float("-inf"), SHIPPED_BAR, strict):
        monkeypatch.setattr(judge, "DOES_NOT_ANSWER_BELOW", bar)
        for row, got in zip(rows, recorded, strict=True):
            asked = faiss_library.ask(row["question"])
            assert recipe.refused(got, bar) == asked.abstained, (bar, row["question"])
            if row["answerable"] and not asked.abstained:
                assert (got["cited"], got["leading"]) == cites_the_passage(faiss_library.index, row, asked)
    assert any(recipe.refused(r, strict) and not r["abstained"] for r in recorded)
