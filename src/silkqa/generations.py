"""An index generation on disk: written whole into a new folder, fsynced, published by one
atomic switch of CURRENT, old folders removed — under a lock, so a killed rebuild leaves the
previous generation answering and a second rebuild is refused. Also the deferred multilingual
half of a build, which publishes checkpoints the same way. `store.update_index` holds the
build logic every store shares; `FileGenerations` is the file store's part of it.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .chunking import Chunk
from .documents import Document
from .embedding import ModelSpec
from .errors import IndexBusy
from .lexical import LexicalIndex
from .store import (
    CURRENT,
    LOCK,
    Index,
    Progress,
    _check_generation,
    _chunk_to_json,
    _document_to_json,
    current_generation,
    load_index,
    read_manifest,
)
from .vectors import build_vector_index, describe, save_vector_index

if TYPE_CHECKING:
    from . import multilingual


class _Lock:
    """An exclusive, non-blocking lock on the index folder for the length of a rebuild."""

    def __init__(self, index_dir: Path) -> None:
        from filelock import FileLock, Timeout

        self._timeout = Timeout
        self._lock = FileLock(str(index_dir / LOCK))
        self._dir = index_dir

    def __enter__(self) -> _Lock:
        try:
            self._lock.acquire(timeout=0)
        except self._timeout:
            raise IndexBusy(
                f"another rebuild of {self._dir} is running; wait for it to finish and try again"
            ) from None
        return self

    def __exit__(self, *exc) -> None:
        self._lock.release()


def _write_generation(
    index_dir: Path,
    manifest: dict,
    documents: list[Document],
    chunks: list[Chunk],
    chunk_vectors: np.ndarray,
    sentence_vectors: np.ndarray,
    sentence_offsets: np.ndarray,
    cross: multilingual.CrossVectors | None = None,
) -> Path:
    folder = index_dir / f"gen-{time.time_ns()}-{os.getpid()}"
    folder.mkdir()
    if cross is not None:
        from . import multilingual

        multilingual.save(folder, cross)
    (folder / "documents.json").write_text(
        json.dumps([_document_to_json(d) for d in documents], ensure_ascii=False)
    )
    (folder / "chunks.json").write_text(json.dumps([_chunk_to_json(c) for c in chunks], ensure_ascii=False))
    np.save(folder / "vectors.npy", chunk_vectors)
    np.save(folder / "sentence_vectors.npy", sentence_vectors)
    np.save(folder / "sentence_offsets.npy", sentence_offsets)
    vector_index = build_vector_index(chunk_vectors)
    manifest["vector_index"] = describe(vector_index)
    save_vector_index(vector_index, folder / "dense.faiss")
    LexicalIndex.build([c.text for c in chunks]).save(folder / "bm25")
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    _fsync_tree(folder)
    return folder


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())


def _publish(index_dir: Path, folder: Path) -> None:
    """Make `folder` the live generation in one atomic rename, then drop the others."""
    pointer = index_dir / f"{CURRENT}.tmp-{os.getpid()}"
    with open(pointer, "w") as handle:
        handle.write(folder.name)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(pointer, index_dir / CURRENT)
    dir_fd = os.open(index_dir, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    _remove_stale(index_dir, keep=folder.name)


def _remove_stale(index_dir: Path, keep: str | None) -> None:
    """Drop generations that are not live: old ones, and leftovers of interrupted rebuilds."""
    for other in index_dir.glob("gen-*"):
        if other.name != keep:
            shutil.rmtree(other, ignore_errors=True)
    for tmp in index_dir.glob(f"{CURRENT}.tmp-*"):
        tmp.unlink(missing_ok=True)


# The deferred multilingual half publishes a checkpoint generation about this often (by
# chunks), so that a question asked meanwhile sees the progress and an interrupted build
# keeps what it encoded.
CHECKPOINTS = 10
MIN_CHECKPOINT_CHUNKS = 32


def _publish_checkpoint(index_dir: Path, manifest: dict, cross: multilingual.CrossVectors) -> None:
    """Publish a generation sharing the live one's files (hard links: generations are never
    written after publishing) with new multilingual vectors and manifest: milliseconds."""
    from . import multilingual

    base = current_generation(index_dir)
    folder = index_dir / f"gen-{time.time_ns()}-{os.getpid()}"
    own = {"manifest.json", multilingual.CHUNK_FILE, multilingual.SENTENCE_FILE}

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:  # a file system without hard links
            shutil.copy2(src, dst)

    shutil.copytree(base, folder, ignore=lambda _d, names: [n for n in names if n in own], copy_function=link)
    multilingual.save(folder, cross)
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    for name in own:
        with open(folder / name, "rb") as handle:
            os.fsync(handle.fileno())
    _publish(index_dir, folder)


def _add_multilingual(
    manifest: dict,
    chunks: list[Chunk],
    documents: list[Document],
    offsets: np.ndarray,
    cross: multilingual.CrossVectors,
    pending: list[int],
    progress: Progress | None,
    publish: Callable[[dict, multilingual.CrossVectors], None],
) -> None:
    """The multilingual half of a build, after the English generation is live: English
    questions never wait for it (e5 costs several times MiniLM, docs/multilingual.md). Each
    slice of chunks ends in `publish(manifest, vectors)` of a checkpoint generation, so a
    question in another language meanwhile gets the progress, and an interrupted build
    resumes from it."""
    from . import multilingual

    encoder = multilingual.load_encoder()
    by_id = {d.doc_id: d for d in documents}
    step = max(MIN_CHECKPOINT_CHUNKS, -(-len(pending) // CHECKPOINTS))
    slices = [pending[i : i + step] for i in range(0, len(pending), step)]
    sizes = [multilingual.sentence_count(chunks, by_id, rows) for rows in slices]
    done = 0
    for rows, size in zip(slices, sizes, strict=True):
        report = (
            (lambda n, base=done: progress("multilingual embedding", base + n, sum(sizes)))
            if progress
            else None
        )
        cross = multilingual.encode_rows(cross, chunks, by_id, offsets, rows, encoder, report)
        done += size
        manifest = {**manifest, "multilingual": multilingual.manifest_entry(cross)}
        publish(manifest, cross)


class FileGenerations:
    """Where update_index keeps generations: folders under `index_dir` (the FAISS store).

    The build logic below is shared by every store; a store supplies these few steps
    (stores/milvus.py keeps its generations in Milvus collections instead)."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        self.where = self.index_dir

    def lock(self) -> _Lock:
        self.index_dir.mkdir(parents=True, exist_ok=True)
        return _Lock(self.index_dir)

    def read_manifest(self) -> dict | None:
        return read_manifest(self.index_dir)

    def check_live(self, manifest: dict) -> None:
        _check_generation(self.index_dir, manifest)

    def drop_stale(self) -> None:
        _remove_stale(self.index_dir, keep=current_generation(self.index_dir).name)

    def load(self, spec: ModelSpec) -> Index:
        return load_index(self.index_dir, spec)

    def old_cross(self, old: Index) -> multilingual.CrossVectors | None:
        from . import multilingual

        return multilingual.load(old.folder, old.manifest)

    def publish_multilingual(self, manifest: dict, cross: multilingual.CrossVectors) -> None:
        """A checkpoint of the deferred multilingual half: hard links and the new vectors."""
        _publish_checkpoint(self.index_dir, manifest, cross)

    def publish(self, manifest, documents, chunks, chunk_vectors, sentence_vectors, sentence_offsets, cross):
        folder = _write_generation(
            self.index_dir,
            manifest,
            documents,
            chunks,
            chunk_vectors,
            sentence_vectors,
            sentence_offsets,
            cross,
        )
        _publish(self.index_dir, folder)
