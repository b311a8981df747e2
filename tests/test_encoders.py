"""The ONNX encoder stands in for sentence-transformers: the same vectors, the same answers and
verdicts on the gold sets, a fallback for a model it cannot run, and a cold `ask` with no torch.

The torch path is the reference: a library indexed and queried with sentence-transformers.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from silkqa.embedding import resolve_model
from silkqa.encoders import Encoder, load_encoder
from silkqa.encoders.onnx import OnnxEncoder, export_folder, model_key
from silkqa.evaluation import read_jsonl

pytestmark = [pytest.mark.model, pytest.mark.usefixtures("one_torch_thread")]

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = [r["question"] for r in read_jsonl(ROOT / "gold" / "questions.jsonl")]
CLAIMS = [r["claim"] for r in read_jsonl(ROOT / "gold" / "claims.jsonl")]


@pytest.fixture(scope="module")
def torch_encoder():
    from silkqa.encoders.torch import TorchEncoder

    return TorchEncoder(resolve_model())


@pytest.fixture(scope="module")
def fresh_onnx(tmp_path_factory, torch_encoder):
    """An export made here from scratch (not the user's cache), from the loaded torch model."""
    from silkqa.encoders.export import export_onnx

    folder = tmp_path_factory.mktemp("cache") / "minilm"
    export_onnx(torch_encoder.spec, folder, model=torch_encoder.model)
    return OnnxEncoder(torch_encoder.spec, folder)


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def test_the_default_encoder_is_onnx_and_fits_the_role(encoder):
    assert isinstance(encoder, OnnxEncoder)
    assert isinstance(encoder, Encoder)
    assert encoder.dim == 384


def test_question_vectors_equal_sentence_transformers(fresh_onnx, torch_encoder):
    texts = QUESTIONS + CLAIMS + ["  padded with spaces  ", "x"]
    onnx, ref = fresh_onnx.encode(texts), torch_encoder.encode(texts)
    assert onnx.shape == ref.shape == (len(texts), 384)
    assert _cosines(onnx, ref).min() >= 0.9999
    assert np.allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-5)
    one_by_one = np.stack([fresh_onnx.encode([t])[0] for t in texts[:5]])
    assert _cosines(one_by_one, onnx[:5]).min() >= 0.9999  # padding in a batch changes nothing


def test_chunk_and_sentence_vectors_equal_sentence_transformers(library, fresh_onnx, torch_encoder):
    chunks = library.index.chunks[:16]
    texts = [c.text for c in chunks]
    spans = [[(a - c.start, b - c.start) for a, b in c.sentences] for c in chunks]
    spans[0] = [*spans[0], (len(texts[0]), len(texts[0]))]  # an empty span: encoded on its own
    seen: list[tuple[int, int]] = []
    got_chunks, got_sents = fresh_onnx.encode_chunks(texts, spans, progress=lambda d, t: seen.append((d, t)))
    ref_chunks, ref_sents = torch_encoder.encode_chunks(texts, spans)
    assert _cosines(got_chunks, ref_chunks).min() >= 0.9999
    assert [len(s) for s in got_sents] == [len(s) for s in spans]
    assert _cosines(np.concatenate(got_sents), np.concatenate(ref_sents)).min() >= 0.9999
    assert seen[0] == (0, len(texts)) and seen[-1] == (len(texts), len(texts))


@pytest.fixture(scope="module")
def torch_library(tmp_path_factory, library, torch_encoder):
    """The same corpus indexed and queried on the torch path."""
    from silkqa.library import Library

    base = tmp_path_factory.mktemp("torchlib")
    shutil.copytree(library.corpus_dir, base / "corpus")
    lib = Library(base / "corpus", base / "index")
    lib._encoder = torch_encoder
    lib.update()
    return lib


def _answer_view(answer) -> dict:
    data = answer.to_json()
    return {
        "answer": data["answer"],
        "abstained": data["abstained"],
        "citations": [(c["chunk_id"], c["quote"]) for c in data["citations"]],
    }


def _check_view(check) -> dict:
    data = check.to_json()
    return {
        "verdict": data["verdict"],
        "evidence": [(c["chunk_id"], c["quote"]) for c in data["evidence"]],
        "differences": data["differences"],
        "parts": data["parts"],
    }


def test_gold_answers_identical_to_the_torch_path(library, torch_library):
    assert isinstance(library.encoder, OnnxEncoder)
    for question in QUESTIONS:
        assert _answer_view(library.ask(question)) == _answer_view(torch_library.ask(question)), question


def test_gold_claim_verdicts_identical_to_the_torch_path(library, torch_library):
    for claim in CLAIMS:
        assert _check_view(library.check(claim)) == _check_view(torch_library.check(claim)), claim


def _mean_to_cls(src: Path, dst: Path) -> Path:
    """A copy of the bundled model whose pooling is the [CLS] token: runs on sentence-transformers,
    but is not the shape the ONNX encoder reproduces."""
    shutil.copytree(src, dst)
    config = json.loads((dst / "1_Pooling" / "config.json").read_text())
    config.update(pooling_mode_cls_token=True, pooling_mode_mean_tokens=False)
    (dst / "1_Pooling" / "config.json").write_text(json.dumps(config))
    return dst


def test_a_model_that_cannot_be_exported_falls_back_to_torch_with_a_note(tmp_path, monkeypatch, capsys):
    from silkqa.encoders.torch import TorchEncoder

    monkeypatch.setenv("SILKQA_CACHE", str(tmp_path / "cache"))
    spec = resolve_model(str(_mean_to_cls(Path(resolve_model().location), tmp_path / "cls-model")))
    encoder = load_encoder(spec)
    assert isinstance(encoder, TorchEncoder)
    note = capsys.readouterr().err.strip().splitlines()
    assert len(note) == 1 and "note:" in note[0] and "sentence-transformers" in note[0]
    assert encoder.encode(["a question"]).shape == (1, 384)
    assert not (export_folder(spec) / "model.onnx").exists()
    # remembered: the next process goes straight to torch, with the same one-line note
    assert isinstance(load_encoder(spec), TorchEncoder)
    assert "note:" in capsys.readouterr().err


def test_a_damaged_export_is_made_again(tmp_path, monkeypatch, encoder, capsys):
    spec = encoder.spec
    cached = export_folder(spec)  # the session's export, in the default cache
    monkeypatch.setenv("SILKQA_CACHE", str(tmp_path / "cache"))
    folder = export_folder(spec)
    shutil.copytree(cached, folder)
    (folder / "model.onnx").write_bytes(b"not a model")
    again = load_encoder(spec)
    assert isinstance(again, OnnxEncoder)
    assert "exporting again" in capsys.readouterr().err
    assert (folder / "model.onnx").stat().st_size > 1_000_000
    assert _cosines(again.encode(QUESTIONS[:3]), encoder.encode(QUESTIONS[:3])).min() >= 0.9999


def test_an_unknown_encoder_backend_is_bad_usage(monkeypatch):
    from silkqa.errors import UsageError

    monkeypatch.setenv("SILKQA_ENCODER", "tensorflow")
    with pytest.raises(UsageError, match="SILKQA_ENCODER must be one of onnx, torch"):
        load_encoder()


def test_the_export_key_follows_the_model_files(tmp_path):
    model = tmp_path / "m"
    model.mkdir()
    (model / "config.json").write_text("{}")
    spec = resolve_model(str(model))
    before = model_key(spec)
    assert model_key(spec) == before
    (model / "config.json").write_text('{"changed": 1}')
    assert model_key(spec) != before


def test_a_cold_ask_imports_no_torch(library, encoder):
    """A fresh process answering a question loads neither torch nor sentence-transformers, nor
    any document reader. (The session encoder made sure the export is in the cache.)"""
    heavy = ["torch", "sentence_transformers", "transformers", "pypdf", "trafilatura", "docx", "onnx"]
    script = (
        "import json, sys\n"
        "from silkqa.cli import main\n"
        "status = main(sys.argv[1:])\n"
        f"print(json.dumps([status, [m for m in {heavy!r} if m in sys.modules]]), file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("SILKQA_ENCODER", None)
    for command, text in [("ask", QUESTIONS[0]), ("search", QUESTIONS[1]), ("check", CLAIMS[0])]:
        args = [
            command,
            text,
            "--json",
            "--corpus",
            str(library.corpus_dir),
            "--index",
            str(library.index_dir),
        ]
        done = subprocess.run(
            [sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, timeout=120
        )
        status, loaded = json.loads(done.stderr.strip().splitlines()[-1])
        assert status == 0, done.stderr
        assert loaded == [], f"{command} imported {loaded}"
        assert json.loads(done.stdout)
