"""The distillation recipe (training/distil_judge.py) reads a judge's weights back from its int8
ONNX file, and trains and exports a three-layer student. The read-back must be exact: exported
again, the weights give the shipped judge's scores (a wrong dequantisation axis or a missing
transpose moves them by tenths of a logit)."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import numpy as np
import pytest

from silkqa.judge import FOLDER, AnswerJudge

TRAINING = Path(__file__).resolve().parents[1] / "training"
PAIRS = [
    ("what is faiss", "Faiss is a library for efficient similarity search of dense vectors."),
    ("who wrote the paper", "The weather in Paris was mild in spring."),
    ("how do I install pyenv", "Clone the repository into ~/.pyenv and add it to your PATH."),
    ("what does XAI stand for", "Explainable artificial intelligence (XAI) makes models legible."),
    ("why was the lint made an error", "The lint is now deny by default to discourage such references."),
    ("how long is a token valid", "Tokens have a lifetime of one hour unless stated otherwise."),
]


@pytest.fixture(scope="module")
def recipe():
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(TRAINING))
        yield importlib.import_module("distil_judge")


def judge_scores(folder: Path) -> np.ndarray:
    judge = AnswerJudge(folder)
    return np.array([judge.scores(q, [s])[0] for q, s in PAIRS])


def export_to(recipe, model, tokenizer, folder: Path) -> Path:
    recipe.answer_judge.export(model, tokenizer, folder)
    meta = json.loads((folder / "meta.json").read_text())
    assert meta["max_tokens"] == json.loads((FOLDER / "meta.json").read_text())["max_tokens"]
    return folder


def test_the_shipped_judge_read_back_and_exported_again_scores_exactly_as_shipped(recipe, tmp_path):
    model, tokenizer = recipe.teacher_model(FOLDER / "model.onnx")
    assert model.config.num_hidden_layers == len(model.bert.encoder.layer) == 3
    shipped = judge_scores(FOLDER)
    again = judge_scores(export_to(recipe, model, tokenizer, tmp_path / "again"))
    assert np.ptp(shipped) > 2  # the pairs tell answers from non-answers apart
    np.testing.assert_allclose(again, shipped, atol=1e-3)


def test_one_distillation_step_gives_a_three_layer_judge_silkqa_loads(recipe, tmp_path, monkeypatch):
    """The student needs a teacher with the layers it keeps: the shipped judge has only three."""
    model, tokenizer = recipe.teacher_model(FOLDER / "model.onnx")
    lists = [(q, [s], [t for _, t in PAIRS if t != s][:2]) for q, s in PAIRS[:2]]
    scores = [[1.0, -3.0, -3.0], [0.5, -2.0, -4.0]]
    with pytest.raises(ValueError, match="layers"):
        recipe.train(model, tokenizer, lists, scores)
    monkeypatch.setattr(recipe, "KEEP", (0, 2))
    student = recipe.train(model, tokenizer, lists, scores)
    assert len(student.bert.encoder.layer) == student.config.num_hidden_layers == 2
    out = judge_scores(export_to(recipe, student, tokenizer, tmp_path / "student"))
    assert np.isfinite(out).all() and out.shape == (len(PAIRS),)


def test_the_counterfactual_loss_asks_the_other_candidates_to_score_under_none_answers(recipe):
    """An answerable question's list also teaches what its other candidates are without the
    answer: none of them answers. Its loss is -log P(none) over them; it keeps pushing a near miss
    (a high-scoring non-answer) under the none-answers logit of 0 even once the answer dominates."""
    import torch

    loss = recipe.answer_judge.listwise_loss
    scores = torch.tensor([2.0, 1.0, -3.0], requires_grad=True)
    plain, with_it = loss(scores, 1), loss(scores, 1, counterfactual=1.0)
    extra = torch.logsumexp(torch.tensor([1.0, -3.0, 0.0]), 0)
    assert with_it.item() == pytest.approx(plain.item() + extra.item(), abs=1e-5)
    # unanswerable lists (no answer) and lists of answers only are as before
    assert loss(scores, 0, 1.0).item() == pytest.approx(loss(scores, 0).item())
    assert loss(scores[:1], 1, 1.0).item() == pytest.approx(loss(scores[:1], 1).item())
    # the near miss is pushed down harder, the answer is not pushed down by it
    (near_plain,) = torch.autograd.grad(plain, scores)
    (near_with,) = torch.autograd.grad(loss(scores, 1, counterfactual=1.0), scores)
    assert near_with[1] > near_plain[1] > 0
    assert near_with[0] == pytest.approx(near_plain[0].item())
