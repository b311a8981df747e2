"""Hybrid search: dense (FAISS) and lexical (BM25) rankings fused by reciprocal rank.

RRF needs no score calibration between the two very different scales, and each half covers
the other's blind spot: BM25 finds rare exact terms (names, numbers), the encoder finds
paraphrases.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from .chunking import Chunk
from .store import Index
from .vectors import search_vectors

RRF_K = 60
POOL = 50
Mode = Literal["hybrid", "dense", "bm25"]


@dataclass(frozen=True)
class Hit:
    rank: int
    score: float
    row: int
    chunk: Chunk
    dense: float  # cosine similarity of query and chunk
    lexical: float  # BM25 score (0 when no query term occurs)

    def to_json(self) -> dict:
        c = self.chunk
        return {
            "rank": self.rank,
            "score": round(self.score, 6),
            "chunk_id": c.chunk_id,
            "doc_id": c.doc_id,
            "source": c.source,
            "title": c.title,
            "section": c.section,
            "page": c.page,
            "text": c.text,
            "dense_score": round(self.dense, 6),
            "bm25_score": round(self.lexical, 6),
        }


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    k = min(k, len(scores))
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    part = np.argpartition(-scores, k - 1)[:k]
    return part[np.argsort(-scores[part], kind="stable")]


def _sentence_max(index: Index, rows: np.ndarray, query_vector: np.ndarray) -> np.ndarray:
    """Each chunk's best single-sentence cosine: a chunk that holds one sentence squarely on
    the question should not lose to a chunk that is vaguely about all of it."""
    best = np.full(len(rows), -1.0, dtype=np.float32)
    for i, row in enumerate(rows):
        vectors = index.sentence_vectors_of(int(row))
        if len(vectors):
            best[i] = float((vectors @ query_vector).max())
    return best


def search(
    index: Index,
    query_vector: np.ndarray,
    query_text: str,
    k: int = 5,
    mode: Mode = "hybrid",
    pool: int = POOL,
    with_best_lexical: bool = False,
) -> list[Hit]:
    """The k best chunks for a query whose vector the caller has already encoded (and, with
    `with_best_lexical`, the best chunk by words alone after them when they do not hold it).

    Both halves nominate up to `pool` chunks; the dense half ranks the nominees by the better
    of the chunk's cosine and its best sentence's cosine; the two rankings are fused by RRF.
    """
    if not index.chunks or k <= 0:
        return []
    pool = max(pool, k)
    use_dense, use_bm25 = mode in ("hybrid", "dense"), mode in ("hybrid", "bm25")
    bm25_all = index.lexical.scores(query_text) if use_bm25 else np.zeros(len(index.chunks), dtype=np.float32)
    bm25_rows = _top(bm25_all, pool) if use_bm25 else np.zeros(0, dtype=np.int64)
    bm25_rows = bm25_rows[bm25_all[bm25_rows] > 0]

    nominees = np.zeros(0, dtype=np.int64)
    if use_dense:
        _, dense_rows = search_vectors(index.vector_index, query_vector, pool)
        nominees = np.unique(np.concatenate([dense_rows, bm25_rows])).astype(np.int64)
    chunk_cos = (
        index.chunk_vectors[nominees] @ query_vector if len(nominees) else np.zeros(0, dtype=np.float32)
    )
    dense_score = (
        np.maximum(chunk_cos, _sentence_max(index, nominees, query_vector)) if len(nominees) else chunk_cos
    )
    dense_order = nominees[np.argsort(-dense_score, kind="stable")]
    dense_by_row = {int(r): float(s) for r, s in zip(nominees, dense_score, strict=True)}

    fused: dict[int, float] = {}
    for rank, row in enumerate(dense_order):
        fused[int(row)] = fused.get(int(row), 0.0) + 1.0 / (RRF_K + rank + 1)
    for rank, row in enumerate(bm25_rows):
        fused[int(row)] = fused.get(int(row), 0.0) + 1.0 / (RRF_K + rank + 1)

    ordered = sorted(fused.items(), key=lambda item: (-item[1], item[0]))[:k]
    if with_best_lexical and len(bm25_rows) and int(bm25_rows[0]) not in {row for row, _ in ordered}:
        # the passage that shares the most words with the question is read too, however far its
        # meaning ranks it ("does not implement the AUTH, XCLIENT, and XFORWARD features" for
        # "which SMTP features does the built-in engine not implement")
        best = int(bm25_rows[0])
        ordered.append((best, fused[best]))
    hits = []
    for rank, (row, score) in enumerate(ordered, start=1):
        dense = dense_by_row.get(row)
        if dense is None:
            dense = float(index.chunk_vectors[row] @ query_vector)
        hits.append(Hit(rank, score, row, index.chunks[row], dense, float(bm25_all[row])))
    return hits
