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


def search(
    index: Index,
    query_vector: np.ndarray,
    query_text: str,
    k: int = 5,
    mode: Mode = "hybrid",
    pool: int = POOL,
) -> list[Hit]:
    """The k best chunks for a query whose vector the caller has already encoded."""
    if not index.chunks or k <= 0:
        return []
    pool = max(pool, k)
    dense_scores, dense_rows = (
        search_vectors(index.vector_index, query_vector, pool)
        if mode != "bm25"
        else (np.zeros(0), np.zeros(0, dtype=np.int64))
    )
    bm25_all = (
        index.lexical.scores(query_text) if mode != "dense" else np.zeros(len(index.chunks), dtype=np.float32)
    )
    bm25_rows = _top(bm25_all, pool) if mode != "dense" else np.zeros(0, dtype=np.int64)
    bm25_rows = bm25_rows[bm25_all[bm25_rows] > 0]

    fused: dict[int, float] = {}
    if mode in ("hybrid", "dense"):
        for rank, row in enumerate(dense_rows):
            fused[int(row)] = fused.get(int(row), 0.0) + 1.0 / (RRF_K + rank + 1)
    if mode in ("hybrid", "bm25"):
        for rank, row in enumerate(bm25_rows):
            fused[int(row)] = fused.get(int(row), 0.0) + 1.0 / (RRF_K + rank + 1)

    dense_by_row = {int(r): float(s) for r, s in zip(dense_rows, dense_scores, strict=True)}
    ordered = sorted(fused.items(), key=lambda item: (-item[1], item[0]))[:k]
    hits = []
    for rank, (row, score) in enumerate(ordered, start=1):
        dense = dense_by_row.get(row)
        if dense is None:
            dense = float(index.chunk_vectors[row] @ query_vector)
        hits.append(
            Hit(rank, score, row, index.chunks[row], dense, float(bm25_all[row]) if len(bm25_all) else 0.0)
        )
    return hits
