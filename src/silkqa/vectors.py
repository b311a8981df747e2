"""The dense half of hybrid search: a FAISS inner-product index over normalised vectors.

The index type follows the library's size (measurements in docs/benchmarks.md, 2 cores):

- up to EXACT_LIMIT chunks, exact search (IndexFlatIP): a query scans every vector, which is
  memory-bound (~17 ms at 100k, ~160 ms at 1M), so ~8 ms at 50k — less than encoding the
  query — with recall 1 by definition;
- past that, IVF (IndexIVFFlat, ~2*sqrt(n) lists, IVF_NPROBE of them probed): at 1M
  MiniLM-like vectors recall@10 0.98 and p95 under 25 ms, built in 1-2 minutes. HNSW answers
  faster and recalls more, but builds ~6x slower (measured: 31 s at 100k; at 1M an estimated
  6 min on an idle machine, 31 min measured under load), and the whole vector index is
  rebuilt on every update of the library. It stays available as ANN_KIND = "hnsw"; its
  parameters reach recall@10 >= 0.99 on real MiniLM vectors.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

EXACT_LIMIT = 50_000
ANN_KIND = "ivf"  # or "hnsw"
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128
IVF_LISTS_PER_SQRT_N = 2
IVF_NPROBE = 48
IVF_TRAIN_PER_LIST = 40  # faiss warns below 39 points per centroid
IVF_TRAIN_ITERATIONS = 10
ANN_MIN = 1_000  # below this exact search is instant whatever exact_limit says


def ivf_lists(n: int) -> int:
    """~2*sqrt(n) lists: a query then scans IVF_NPROBE lists of ~sqrt(n)/2 vectors each."""
    return int(max(1, min(round(IVF_LISTS_PER_SQRT_N * np.sqrt(n)), n // IVF_TRAIN_PER_LIST)))


def build_hnsw(vectors: np.ndarray):
    import faiss

    index = faiss.IndexHNSWFlat(vectors.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    index.hnsw.efSearch = HNSW_EF_SEARCH
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def build_ivf(vectors: np.ndarray):
    import faiss

    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    n, dim = vectors.shape
    lists = ivf_lists(n)
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, lists, faiss.METRIC_INNER_PRODUCT)
    index.cp.niter = IVF_TRAIN_ITERATIONS
    index.cp.seed = 1234
    index.cp.spherical = True  # unit centroids suit inner product on unit vectors
    sample = min(n, lists * IVF_TRAIN_PER_LIST)
    rows = np.sort(np.random.default_rng(0).choice(n, sample, replace=False)) if sample < n else slice(None)
    index.train(vectors[rows])
    index.add(vectors)
    index.nprobe = IVF_NPROBE
    return index


def build_vector_index(vectors: np.ndarray, exact_limit: int = EXACT_LIMIT):
    import faiss

    if len(vectors) > max(exact_limit, ANN_MIN - 1):
        return build_ivf(vectors) if ANN_KIND == "ivf" else build_hnsw(vectors)
    index = faiss.IndexFlatIP(vectors.shape[1])
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def describe(index) -> str:
    return type(index).__name__


def save_vector_index(index, path: Path) -> None:
    import faiss

    faiss.write_index(index, str(path))


def load_vector_index(path: Path):
    import faiss

    index = faiss.read_index(str(path))
    if hasattr(index, "hnsw"):
        index.hnsw.efSearch = HNSW_EF_SEARCH
    if hasattr(index, "nprobe"):
        index.nprobe = IVF_NPROBE
    return index


def search_vectors(index, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(scores, row ids) of the k nearest chunks; ids of -1 (fewer than k chunks) removed."""
    k = min(k, index.ntotal)
    if k <= 0:
        return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
    scores, ids = index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)
    keep = ids[0] >= 0
    return scores[0][keep], ids[0][keep]
