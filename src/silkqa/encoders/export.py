"""Export a sentence-transformers model's transformer to ONNX, once, checked before it is kept.

Needs torch (loaded anyway when the index is first built) and the `onnx` package. Only the
shape the ONNX encoder reproduces is exported: a Transformer followed by mean pooling and
optionally normalisation; anything else raises NotExportable and the caller keeps torch.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import warnings
from pathlib import Path

import numpy as np

from ..embedding import ModelSpec
from .onnx import META, MissingPackage, NotExportable, OnnxEncoder
from .torch import load_sentence_transformer, uses_plain_mean_pooling

INPUTS = ("input_ids", "attention_mask", "token_type_ids")
PROBE = ["A short probe.", "A longer probe sentence, so that the first one is padded in the batch."]


def export_onnx(spec: ModelSpec, folder: Path, model=None) -> None:
    """Write model.onnx, tokenizer.json and meta.json into `folder`, atomically (a temporary
    sibling renamed at the end), after checking the export against torch on a padded batch."""
    try:
        import onnx  # noqa: F401 - torch's exporter needs it; fail here with a clear reason
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
        import torch
    except ImportError as exc:
        raise MissingPackage(f"{exc.name} is not installed") from None
    model = model if model is not None else load_sentence_transformer(spec)
    modules = list(model)
    if not uses_plain_mean_pooling(model) or any(type(m).__name__ != "Normalize" for m in modules[2:]):
        raise NotExportable("its modules are not a transformer with mean pooling")
    transformer = modules[0]
    tokenizer, auto = transformer.tokenizer, transformer.auto_model
    if not getattr(tokenizer, "is_fast", False):
        raise NotExportable("it has no fast tokenizer")
    inputs = [name for name in INPUTS if name in tokenizer.model_input_names]
    max_tokens = int(model.max_seq_length)

    class Tokens(torch.nn.Module):
        """The transformer with keyword inputs and one output: the token embeddings."""

        def __init__(self) -> None:
            super().__init__()
            self.auto = auto

        def forward(self, *args):
            return self.auto(**dict(zip(inputs, args, strict=True))).last_hidden_state

    print(f"silkqa: exporting '{spec.name}' to ONNX, once, for fast starts", file=sys.stderr, flush=True)
    probe = tokenizer(PROBE, padding=True, truncation=True, max_length=max_tokens, return_tensors="pt")
    before = getattr(auto.config, "_attn_implementation", None)
    _drop_abandoned(folder)
    tmp = folder.with_name(f"{folder.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.mkdir(parents=True)
        # Eager attention traces the padding mask into the graph; SDPA may fold it away.
        auto.config._attn_implementation = "eager"
        with torch.inference_mode():
            expected = auto(**probe).last_hidden_state.float().numpy()
        axes = {name: {0: "batch", 1: "tokens"} for name in [*inputs, "token_embeddings"]}
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                Tokens().eval(),
                tuple(probe[name] for name in inputs),
                str(tmp / "model.onnx"),
                input_names=inputs,
                output_names=["token_embeddings"],
                dynamic_axes=axes,
                opset_version=17,
                dynamo=False,
            )
        tokenizer.backend_tokenizer.save(str(tmp / "tokenizer.json"))
        meta = {
            "name": spec.name,
            "dim": int(expected.shape[-1]),
            "max_tokens": max_tokens,
            "inputs": inputs,
            "pad_id": int(tokenizer.pad_token_id or 0),
            "pad_token": str(tokenizer.pad_token or "[PAD]"),
            "do_lower_case": bool(getattr(transformer, "do_lower_case", False)),
        }
        (tmp / META).write_text(json.dumps(meta, indent=1))
        got, mask, _ = OnnxEncoder(spec, tmp)._forward(PROBE)
        real = mask.astype(bool)
        if got.shape != expected.shape or not np.allclose(got[real], expected[real], atol=1e-4):
            raise NotExportable("its ONNX export does not reproduce torch's output")
        try:
            os.replace(tmp, folder)
        except OSError:  # another process published the same export first: keep theirs
            shutil.rmtree(tmp, ignore_errors=True)
    except NotExportable:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    except Exception as exc:  # noqa: BLE001 - an export that fails for any reason falls back to torch
        shutil.rmtree(tmp, ignore_errors=True)
        raise NotExportable(f"exporting it failed ({type(exc).__name__}: {exc})") from None
    finally:
        if before is not None:
            auto.config._attn_implementation = before


def _drop_abandoned(folder: Path) -> None:
    """Remove half-written exports of processes that died (killed mid-export): 90 MB each."""
    for tmp in folder.parent.glob(f"{folder.name}.tmp-*"):
        pid = tmp.name.rsplit("-", 1)[-1]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(tmp, ignore_errors=True)
        except OSError:  # alive, or not ours to signal: leave it
            pass
