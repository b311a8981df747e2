"""Pooling shared by every encoder: plain numpy, so the query path needs no torch.

Late chunking: a sentence's vector is the mean of its own tokens' embeddings taken from its
chunk's forward pass, so it sees its context and costs no second pass.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..embedding import BATCH_SIZE


def normalise(matrix: np.ndarray) -> np.ndarray:
    """Unit rows (a zero row stays zero), float32: inner product is then cosine."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)


def mean_pool(tokens: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean of each row's real tokens, as sentence-transformers' mean pooling computes it."""
    mask = mask.astype(np.float32)
    return (tokens * mask[..., None]).sum(1) / np.clip(mask.sum(1, keepdims=True), 1e-9, None)


def pool_sentences(
    tokens: np.ndarray, mask: np.ndarray, offsets: np.ndarray, spans: Sequence[tuple[int, int]]
) -> tuple[np.ndarray, list[int]]:
    """One row's sentence vectors from its token embeddings (normalised), and the indexes of
    the spans with no token inside the window (the caller encodes those on their own).

    `offsets` are the tokens' (start, end) character offsets; special and padding tokens
    have empty spans and are never counted.
    """
    out = np.zeros((len(spans), tokens.shape[-1]), dtype=np.float32)
    missing: list[int] = []
    starts, ends = offsets[:, 0], offsets[:, 1]
    real = (ends > starts) & (mask > 0)
    for j, (a, e) in enumerate(spans):
        inside = real & (starts >= a) & (ends <= e)
        if inside.any():
            out[j] = tokens[inside].mean(0)
        else:
            missing.append(j)
    return (normalise(out) if len(spans) else out), missing


def late_chunk(encoder, forward, texts, sentence_spans, progress=None) -> tuple[np.ndarray, list[np.ndarray]]:
    """Chunk and sentence vectors from batched forward passes, shortest texts first (less padding).

    `forward(batch_texts) -> (tokens, mask, offsets)` is the one backend-specific step; a
    sentence beyond the token window is encoded on its own through `encoder.encode`.
    """
    n = len(texts)
    chunk_vecs = np.zeros((n, encoder.dim), dtype=np.float32)
    sent_vecs: list[np.ndarray] = [np.zeros((len(s), encoder.dim), dtype=np.float32) for s in sentence_spans]
    missing: list[tuple[int, int, str]] = []
    order = sorted(range(n), key=lambda i: len(texts[i]))
    if progress:
        progress(0, n)
    for b in range(0, n, BATCH_SIZE):
        batch = order[b : b + BATCH_SIZE]
        tokens, mask, offsets = forward([texts[i] for i in batch])
        chunk_vecs[batch] = normalise(mean_pool(tokens, mask))
        for row, i in enumerate(batch):
            sent_vecs[i], lost = pool_sentences(tokens[row], mask[row], offsets[row], sentence_spans[i])
            missing.extend((i, j, texts[i][slice(*sentence_spans[i][j])]) for j in lost)
        if progress:
            progress(min(b + BATCH_SIZE, n), n)
    if missing:
        vectors = encoder.encode([t for _, _, t in missing])
        for (i, j, _), vec in zip(missing, vectors, strict=True):
            sent_vecs[i][j] = vec
    return chunk_vecs, sent_vecs
