"""The encoder role: one small Protocol, and the implementations beside it.

* `onnx.OnnxEncoder` — the default: the model's ONNX export run by onnxruntime; no torch.
* `torch.TorchEncoder` — sentence-transformers; for a model that cannot be exported, and
  the source of the export.

`load_encoder` picks one; $SILKQA_ENCODER=torch forces sentence-transformers.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

if TYPE_CHECKING:
    from ..embedding import ModelSpec, Progress

BACKENDS = ("onnx", "torch")


@runtime_checkable
class Encoder(Protocol):
    """Turns text into unit vectors; what the index, retrieval and claim checks rely on."""

    spec: ModelSpec
    dim: int

    @property
    def name(self) -> str: ...

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised float32 vectors, one row per text (queries, claims)."""
        ...

    def encode_chunks(
        self,
        texts: Sequence[str],
        sentence_spans: Sequence[Sequence[tuple[int, int]]],
        progress: Progress | None = None,
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Chunk vectors and one vector per chunk-relative sentence span."""
        ...


def load_encoder(spec: ModelSpec | None = None, backend: str | None = None) -> Encoder:
    """The encoder for `spec`: ONNX when the model exports (once, cached), else torch with a note."""
    from ..embedding import resolve_model
    from ..errors import UsageError

    backend = backend or os.environ.get("SILKQA_ENCODER") or "onnx"
    if backend not in BACKENDS:
        raise UsageError(f"SILKQA_ENCODER must be one of {', '.join(BACKENDS)}, not '{backend}'")
    spec = spec or resolve_model()
    if backend == "onnx":
        from .onnx import BrokenExport, NotExportable, OnnxEncoder, export_folder, refused

        folder = export_folder(spec)
        try:
            if (folder / "meta.json").is_file():
                try:
                    return OnnxEncoder(spec, folder)
                except BrokenExport as exc:
                    print(f"silkqa: note: {exc}; exporting again", file=sys.stderr)
                    shutil.rmtree(folder, ignore_errors=True)
            reason = refused(folder)
            if reason is None:
                return _export_then_load(spec, folder)
        except NotExportable as exc:
            reason = str(exc)
        print(
            f"silkqa: note: model '{spec.name}' runs on sentence-transformers (no ONNX: {reason})",
            file=sys.stderr,
        )
    from .torch import TorchEncoder

    return TorchEncoder(spec)


def _export_then_load(spec: ModelSpec, folder) -> Encoder:
    """First use of a model: load it with torch, export it, and run the export from then on.
    A model that cannot be exported is remembered as such, so later runs skip straight to torch."""
    from .export import export_onnx
    from .onnx import MissingPackage, NotExportable, OnnxEncoder, refuse
    from .torch import TorchEncoder

    torch_encoder = TorchEncoder(spec)
    try:
        export_onnx(spec, folder, model=torch_encoder.model)
    except NotExportable as exc:
        if not isinstance(exc, MissingPackage):
            refuse(folder, str(exc))
        print(
            f"silkqa: note: model '{spec.name}' runs on sentence-transformers (no ONNX: {exc})",
            file=sys.stderr,
        )
        return torch_encoder
    return OnnxEncoder(spec, folder)
