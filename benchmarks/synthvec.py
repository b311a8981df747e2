"""Synthetic sentence-embedding-like vectors for search at scale.

A Gaussian mixture on the unit sphere, shaped like MiniLM embeddings of a real library rather
than like uniform noise (on which no ANN index works and which no encoder produces):

- topics: cluster centres, random directions plus one shared offset (real embeddings share a
  common direction, so unrelated texts still have cosine ~0.05-0.15);
- within a topic, variation concentrated in a 192-dimensional subspace (texts differ along
  fewer directions than the embedding has) plus a little isotropic noise.

The spreads were calibrated once against 10k real MiniLM vectors of English sentences (see
docs/benchmarks.md) so that at 10k both match on nearest-neighbour cosines and, above all, on
how hard they are for HNSW and IVF (recall at a few settings). The number of topics grows as
10 * sqrt(size).
"""

from __future__ import annotations

import numpy as np

DIM = 384


def topics_for(n: int) -> int:
    return max(16, int(10 * np.sqrt(n)))


def mixture(
    n: int,
    seed: int = 0,
    dim: int = DIM,
    sub: int = 192,
    s_sub: float = 0.7,
    s_iso: float = 0.3,
    offset: float = 0.6,
    topics: int | None = None,
    library_seed: int = 12345,
) -> np.ndarray:
    """n unit vectors; the same `library_seed` gives the same topics (for held-out queries)."""
    topics = topics or topics_for(n)
    lib = np.random.default_rng(library_seed + topics)
    mean = lib.standard_normal(dim).astype(np.float32)
    mean /= np.linalg.norm(mean)
    centres = lib.standard_normal((topics, dim)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    centres += offset * mean
    basis = np.linalg.qr(lib.standard_normal((dim, sub)))[0].astype(np.float32)
    rng = np.random.default_rng(seed)
    out = np.empty((n, dim), dtype=np.float32)
    step = 100_000
    for a in range(0, n, step):
        m = min(n, a + step) - a
        x = centres[rng.integers(0, topics, m)]
        x += (s_sub / np.sqrt(sub)) * (rng.standard_normal((m, sub), dtype=np.float32) @ basis.T)
        x += (s_iso / np.sqrt(dim)) * rng.standard_normal((m, dim), dtype=np.float32)
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        out[a : a + m] = x
    return out


def neighbour_stats(vectors: np.ndarray, queries: np.ndarray) -> dict[str, float]:
    """Mean cosine of the 1st and 10th nearest neighbour of each query, and of random pairs."""
    import faiss

    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    scores, _ = index.search(queries, 10)
    rng = np.random.default_rng(0)
    a, b = rng.integers(0, len(vectors), (2, 2000))
    return {
        "top1": float(scores[:, 0].mean()),
        "top10": float(scores[:, 9].mean()),
        "random": float((vectors[a] * vectors[b]).sum(1).mean()),
    }
