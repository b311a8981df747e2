"""Where an index lives: one small interface, chosen by a URI.

`faiss` (the default) keeps each generation as files in the index folder (store.py);
`milvus:PATH.db` keeps it in an embedded Milvus Lite database, and `http(s)://host:port` in a
Milvus server or cluster (stores/milvus.py). Library talks to a `Store` and nothing else, so
answering, claim checks, the CLI and the app do not know which one they use.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from ..embedding import ModelSpec
from ..encoders import Encoder
from ..errors import UsageError
from ..store import Index, IndexReport, Progress

SETTING = "SILKQA_STORE"
DEFAULT = "faiss"


class Store(Protocol):
    """What Library needs of an index, wherever it is kept."""

    where: object  # for messages: the index folder or the store's URI

    def read_manifest(self) -> dict | None:
        """The live generation's manifest, or None when nothing was built yet."""
        ...

    def load(self, spec: ModelSpec) -> Index:
        """The live generation, loaded for search, answers and claim checks."""
        ...

    def update(
        self,
        corpus_dir: Path,
        *,
        spec: ModelSpec,
        full: bool = False,
        encoder: Encoder | Callable[[], Encoder] | None = None,
        progress: Progress | None = None,
    ) -> IndexReport:
        """Bring the store in step with the corpus (incremental, locked, crash-safe)."""
        ...

    def live(self) -> object | None:
        """An identity of the live generation, equal to `Index.folder` of its loaded form:
        a long-running reader compares the two to notice a rebuild by another process."""
        ...


def open_store(uri: str | None, index_dir: Path) -> Store:
    """The store a URI names: explicit value, else $SILKQA_STORE, else `faiss`."""
    uri = (uri or os.environ.get(SETTING) or DEFAULT).strip()
    if uri == DEFAULT:
        from .faiss import FaissStore

        return FaissStore(index_dir)
    if uri.startswith(("milvus:", "http://", "https://")):
        from .milvus import MilvusStore

        return MilvusStore(uri)
    raise UsageError(
        f"unknown store '{uri}': use faiss, milvus:PATH.db (embedded Milvus Lite) or http(s)://host:port (a Milvus server)"
    )
