"""The default store: FAISS + bm25s files in the index folder, one generation folder per build
(the implementation lives in store.py, which the rest of silkqa has always used)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..embedding import ModelSpec
from ..encoders import Encoder
from ..store import Index, IndexReport, Progress, current_generation, load_index, read_manifest, update_index


class FaissStore:
    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        self.where = self.index_dir

    def read_manifest(self) -> dict | None:
        return read_manifest(self.index_dir)

    def load(self, spec: ModelSpec) -> Index:
        return load_index(self.index_dir, spec)

    def update(
        self,
        corpus_dir: Path,
        *,
        spec: ModelSpec,
        full: bool = False,
        encoder: Encoder | Callable[[], Encoder] | None = None,
        progress: Progress | None = None,
    ) -> IndexReport:
        return update_index(
            corpus_dir, self.index_dir, model=spec, full=full, encoder=encoder, progress=progress
        )

    def live(self) -> Path | None:
        return current_generation(self.index_dir)
