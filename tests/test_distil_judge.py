"""The distillation recipe reads a shipped judge's weights back from its int8 ONNX file: the
teacher of the next judge is whatever is shipped, so the read-back must give its scores."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from silkqa.judge import FOLDER, AnswerJudge

torch = pytest.importorskip("torch")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))
distil_judge = pytest.importorskip("distil_judge")

PAIRS = [
    ("what is faiss", "Faiss is a library for efficient similarity search of dense vectors."),
    ("who wrote the paper", "The weather in Paris was mild in spring."),
    ("how do I install pyenv", "Clone the repository into ~/.pyenv and add it to your PATH."),
    ("what does XAI stand for", "Explainable artificial intelligence (XAI) makes models legible."),
]


def test_the_shipped_judge_read_back_into_torch_scores_as_it_does():
    model, tokenizer = distil_judge.teacher_model(FOLDER / "model.onnx")
    shipped = AnswerJudge(FOLDER)
    with torch.no_grad():
        enc = tokenizer([q for q, _ in PAIRS], [s for _, s in PAIRS], padding=True, return_tensors="pt")
        read_back = model(**enc).logits[:, 0].tolist()
    onnx = [float(shipped.scores(q, [s])[0]) for q, s in PAIRS]
    assert max(onnx) - min(onnx) > 2  # the pairs tell answers from non-answers apart
    assert all(abs(a - b) < 0.5 for a, b in zip(read_back, onnx, strict=True)), (read_back, onnx)
    assert model.config.num_hidden_layers == len(model.bert.encoder.layer) == 3
