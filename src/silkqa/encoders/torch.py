"""The sentence-transformers encoder (torch): loads any model sentence-transformers can.

It is the fallback for a model that cannot be exported to ONNX, and the exporter's source.
torch and sentence-transformers are imported only when one is constructed (~6 s here).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

from ..embedding import BATCH_SIZE, ModelSpec, ModelUnavailable, Progress, resolve_model
from .pooling import late_chunk


def offline() -> None:
    """Never reach for a model hub: every model here is on disk."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def load_sentence_transformer(spec: ModelSpec):
    """A SentenceTransformer on the CPU, quietly; any failure becomes one clear line."""
    offline()
    try:
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.logging.set_verbosity_error()
        transformers.utils.logging.disable_progress_bar()
        return SentenceTransformer(spec.location, device="cpu")
    except Exception as exc:  # noqa: BLE001 - any load failure becomes one clear line
        raise ModelUnavailable(f"cannot load model '{spec.name}' from {spec.location}: {exc}") from None


def uses_plain_mean_pooling(model) -> bool:
    """Transformer then mean pooling: the shape late chunking (and the ONNX export) relies on."""
    modules = list(model)
    if len(modules) < 2:
        return False
    pooling = modules[1]
    mode = getattr(pooling, "pooling_mode_mean_tokens", None)
    if mode is None:
        mode = getattr(pooling, "pooling_mode", None) == "mean"
    return bool(mode) and type(modules[0]).__name__ == "Transformer"


class TorchEncoder:
    """A loaded sentence-transformers model. Construct once per process and share it."""

    backend = "torch"

    def __init__(self, spec: ModelSpec | None = None, model=None) -> None:
        self.spec = spec or resolve_model()
        self.model = model if model is not None else load_sentence_transformer(self.spec)
        get_dim = (
            getattr(self.model, "get_embedding_dimension", None)
            or self.model.get_sentence_embedding_dimension
        )
        self.dim = int(get_dim())
        self.max_tokens = int(self.model.max_seq_length)
        self._pools_mean = uses_plain_mean_pooling(self.model)

    @property
    def name(self) -> str:
        return self.spec.name

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised vectors for short texts (queries, claims)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            list(texts),
            batch_size=BATCH_SIZE,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def encode_chunks(
        self,
        texts: Sequence[str],
        sentence_spans: Sequence[Sequence[tuple[int, int]]],
        progress: Progress | None = None,
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """Chunk vectors and, from the same pass, one vector per sentence span (chunk-relative).

        Falls back to encoding sentences separately for a model whose pooling is not a plain
        mean over tokens, and for any sentence that lies beyond the model's token window.
        """
        if not self._pools_mean:
            n = len(texts)
            if progress:
                progress(0, n)
            chunk_vecs = self.encode(texts) if n else np.zeros((0, self.dim), dtype=np.float32)
            flat = [t[a:b] for t, spans in zip(texts, sentence_spans, strict=True) for a, b in spans]
            vectors = self.encode(flat) if flat else np.zeros((0, self.dim), dtype=np.float32)
            sent_vecs, at = [], 0
            for spans in sentence_spans:
                sent_vecs.append(vectors[at : at + len(spans)])
                at += len(spans)
            if progress:
                progress(n, n)
            return chunk_vecs, sent_vecs
        return late_chunk(self, self._forward, texts, sentence_spans, progress)

    def _forward(self, batch_texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Token embeddings, attention mask and character offsets for one padded batch."""
        import torch

        transformer = self.model[0]
        enc = transformer.tokenizer(
            batch_texts,
            padding=True,
            truncation=True,
            max_length=self.max_tokens,
            return_offsets_mapping=True,
            return_tensors="pt",
        )
        offsets = enc.pop("offset_mapping").numpy()
        with torch.inference_mode():
            out = transformer.auto_model(**enc)
        return out[0].float().numpy(), enc["attention_mask"].numpy(), offsets
