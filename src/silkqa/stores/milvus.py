"""The Milvus store: the same index kept in Milvus — embedded Milvus Lite (`milvus:PATH.db`) or
a Milvus server or cluster (`http(s)://host:port`, token and database from the environment).

Layout (every name starts with $SILKQA_MILVUS_PREFIX, default `silkqa`):

- `_docs` — document records as JSON in parts, keyed by a hash of the record;
- `_sent_<model>` (and `_mlsent_<encoder>`) — sentence vectors, keyed by the chunk's content
  key (store._vector_key) and sentence number;
- `_gen_<n>` — one generation's chunk table: row number, chunk JSON, content key, the chunk's
  dense vector (searched by Milvus) and, when built, its multilingual vector;
- `_meta` — each generation's manifest (files, bibliography, links, counts), in parts;
- the alias `_live`, which names the live generation collection.

Content-addressed rows are written once: an update writes only documents and sentence vectors
it has not stored before (unchanged documents are neither re-embedded nor rewritten). The chunk
table is written whole per generation, as the FAISS store rewrites its index file: its row
numbers are what search, answers and the manifest agree on, and Milvus's dense index then
covers exactly the live chunks. Publishing is one alias switch, after every row of the new
generation is flushed: a rebuild killed at any moment leaves the previous generation live and
whole, and the next rebuild removes what the killed one left.

BM25 stays bm25s over the chunk texts read from Milvus (built when a generation is loaded):
Milvus Lite 3.2's BM25 function scores each segment with its own IDF statistics (a TODO in its
engine/collection.py), so its scores would shift with flushes and compaction, and it has no
stemmer — rankings would differ from the FAISS store and between Lite and a server.
The fusion is the same RRF as the FAISS store's, in retrieval.py, over Milvus's dense
nominees and bm25s's: one ranking code path for both stores, so the same answers.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from .. import multilingual
from ..chunking import Chunk
from ..documents import Document
from ..embedding import ModelSpec
from ..encoders import Encoder
from ..errors import IndexMismatch, IndexMissing, SilkqaError
from ..generations import _Lock
from ..lexical import LexicalIndex
from ..store import (
    REBUILD_HINT,
    Index,
    IndexReport,
    Progress,
    _chunk_from_json,
    _chunk_to_json,
    _document_from_json,
    _document_to_json,
    _reference_from_json,
    _vector_key,
    check_compatible,
    update_index,
)
from ..vectors import EXACT_LIMIT, ivf_lists
from .milvus_io import (
    DUMMY_DIM,
    KEYS_PER_QUERY,
    MilvusConnection,
    MilvusVectors,
    _batches,
    _in,
    _Lease,
    _matrix,
    _parts,
)


class MilvusStore(MilvusConnection):
    """A Store (see stores/__init__.py) over Milvus Lite or a Milvus server."""

    # ------------------------------------------------------------------ reading

    def live_collection(self) -> str | None:
        try:
            return self.client.describe_alias(self.alias, timeout=self.timeout)["collection_name"]
        except SilkqaError:
            raise
        except Exception as exc:  # noqa: BLE001
            if "not found" in str(exc).lower() or "not exist" in str(exc).lower():
                return None
            raise self._unavailable(exc) from None

    def live(self) -> Path | None:
        name = self.live_collection()
        return Path(self.where) / name if name else None

    def read_manifest(self) -> dict | None:
        name = self.live_collection()
        if name is None:
            return None
        rows = self._query(self.meta, f'key == "manifest/{name}"', ["id", "data"])
        text = "".join(r["data"] for r in sorted(rows, key=lambda r: r["id"]))
        try:
            manifest = json.loads(text)
        except ValueError:
            manifest = None
        if not isinstance(manifest, dict):
            raise IndexMismatch(f"the index in {self.where} is damaged (unreadable manifest); {REBUILD_HINT}")
        return manifest

    def load(self, spec: ModelSpec) -> Index:
        manifest = self.read_manifest()
        if manifest is None:
            raise IndexMissing(f"no index in {self.where}; run `silkqa index` first")
        check_compatible(manifest, spec, self.where)
        name = manifest["milvus"]["collection"]
        ml = manifest.get("multilingual")
        fields = ["row", "vkey", "chunk", "vector"] + (["ml_vector"] if ml else [])
        rows = sorted(self._query(name, "row >= 0", fields), key=lambda r: r["row"])
        count = manifest["counts"]["chunks"]
        if len(rows) != count or any(r["row"] != i for i, r in enumerate(rows)):
            raise IndexMismatch(f"the index in {self.where} is inconsistent; {REBUILD_HINT}")
        chunks = tuple(_chunk_from_json(json.loads(r["chunk"])) for r in rows)
        dim = int(manifest["model"]["dim"])
        chunk_vectors = _matrix([r["vector"] for r in rows], dim)
        keys = [r["vkey"] for r in rows]
        documents = self._read_documents(manifest["milvus"]["doc_keys"])
        sent, mlsent = self._sentence_collections(manifest)
        sentence_vectors, offsets = self._read_sentences(sent, keys, chunks, dim)
        cross = None
        if ml:
            ml_sentences, _ = self._read_sentences(mlsent, keys, chunks, int(ml["dim"]))
            cross = multilingual.CrossVectors(
                _matrix([r["ml_vector"] for r in rows], int(ml["dim"])), ml_sentences
            )
        return Index(
            folder=Path(self.where) / name,
            manifest=manifest,
            documents=documents,
            chunks=chunks,
            chunk_vectors=chunk_vectors,
            sentence_vectors=sentence_vectors,
            sentence_offsets=offsets,
            vector_index=MilvusVectors(self, name, len(chunks)),
            lexical=LexicalIndex.build([c.text for c in chunks]),
            references=tuple(_reference_from_json(r) for r in manifest.get("references", [])),
            links=dict(manifest.get("links", {})),
            cross=cross,
        )

    def _read_documents(self, doc_keys: dict[str, str]) -> dict[str, Document]:
        parts: dict[str, list[tuple[str, str]]] = {}
        for row in self._query_keys(self.docs, "key", doc_keys.values(), ["id", "key", "data"]):
            parts.setdefault(row["key"], []).append((row["id"], row["data"]))
        documents = {}
        for doc_id, key in doc_keys.items():
            if key not in parts:
                raise IndexMismatch(f"the index in {self.where} lacks document {doc_id}; {REBUILD_HINT}")
            text = "".join(data for _, data in sorted(parts[key], key=lambda p: int(p[0].rsplit("/", 1)[1])))
            documents[doc_id] = _document_from_json(json.loads(text))
        return documents

    def _read_sentences(
        self, name: str, keys: list[str], chunks: Sequence[Chunk], dim: int
    ) -> tuple[np.ndarray, np.ndarray]:
        found: dict[str, dict[int, list[float]]] = {}
        wanted = [k for k, c in zip(keys, chunks, strict=True) if c.sentences]
        for row in self._query_keys(name, "vkey", wanted, ["id", "vkey", "vector"]):
            found.setdefault(row["vkey"], {})[int(row["id"].rsplit("/", 1)[1])] = row["vector"]
        per_chunk, counts = [], []
        for key, chunk in zip(keys, chunks, strict=True):
            have = found.get(key, {})
            if len(have) != len(chunk.sentences):
                raise IndexMismatch(f"the index in {self.where} lacks sentence vectors; {REBUILD_HINT}")
            per_chunk.extend(have[j] for j in range(len(chunk.sentences)))
            counts.append(len(chunk.sentences))
        offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        return _matrix(per_chunk, dim), offsets

    # ------------------------------------------------------------------ writing (update_index's steps)

    def update(
        self,
        corpus_dir: Path,
        *,
        spec: ModelSpec,
        full: bool = False,
        encoder: Encoder | Callable[[], Encoder] | None = None,
        progress: Progress | None = None,
    ) -> IndexReport:
        self._progress = progress
        return update_index(
            corpus_dir, Path("."), model=spec, full=full, encoder=encoder, progress=progress, generations=self
        )

    def lock(self):
        if self.path is not None:  # Lite: a file lock beside the database, like the FAISS store's
            self.path.mkdir(parents=True, exist_ok=True)
            return _Lock(self.path)
        return _Lease(self)

    def check_live(self, manifest: dict) -> None:
        name = manifest.get("milvus", {}).get("collection")
        if name and self._call("has_collection", name):
            self._loaded(name)
            rows = self._call("query", name, filter="", output_fields=["count(*)"])
        else:
            rows = None
        if not rows or rows[0]["count(*)"] != manifest["counts"]["chunks"]:
            raise IndexMismatch(f"the index in {self.where} is damaged; {REBUILD_HINT}")

    def drop_stale(self) -> None:
        """Clean up after a killed rebuild, cheaply when there was none: a rebuild marks itself
        `pending` before it writes anything and unmarks once its clean-up is done, so only a
        marker left behind (or a stray generation collection) calls for a scan of the rows."""
        manifest = self.read_manifest()
        if manifest is None:
            return
        keep = {manifest["milvus"]["collection"], manifest["milvus"].get("previous")}
        strays = [
            c for c in self._call("list_collections") if c.startswith(f"{self.prefix}_gen_") and c not in keep
        ]
        if strays or self._query(self.meta, 'id == "pending"', ["id"]):
            self._collect(manifest)

    def old_cross(self, old: Index) -> multilingual.CrossVectors | None:
        return old.cross

    def publish(self, manifest, documents, chunks, chunk_vectors, sentence_vectors, sentence_offsets, cross):
        progress = getattr(self, "_progress", None)
        previous = self.live_collection()
        name = f"{self.prefix}_gen_{time.time_ns()}"
        self._records(self.meta, 512)
        self._call(
            "upsert", self.meta, [{"id": "pending", "key": "pending", "data": name, "v": [0.0] * DUMMY_DIM}]
        )
        dim = int(manifest["model"]["dim"])
        ml_dim = int(cross.chunk_vectors.shape[1]) if cross is not None else 0
        if cross is not None and manifest.get("multilingual"):
            manifest["multilingual"]["dim"] = ml_dim
        else:
            cross = None
        self._records(self.meta, 512)
        self._records(self.docs, 128)
        sent, mlsent = self._sentence_collections(manifest)
        self._sentences(sent, dim)
        if mlsent:
            self._sentences(mlsent, ml_dim)

        doc_keys = self._write_documents(documents, progress)
        keys = [_vector_key(c) for c in chunks]
        self._write_sentences(sent, keys, chunks, sentence_vectors, sentence_offsets, progress)
        if cross is not None:
            self._write_sentences(
                mlsent, keys, chunks, cross.sentence_vectors, sentence_offsets, progress, only=cross.has()
            )
        for collection in (self.docs, sent, mlsent):
            if collection:
                self._call("flush", collection)

        index_type = "IVF_FLAT" if len(chunks) > EXACT_LIMIT else "FLAT"
        extra = {"nlist": ivf_lists(len(chunks))} if index_type == "IVF_FLAT" else {}
        vectors = {"vector": (dim, index_type, extra)}
        if cross is not None:
            vectors["ml_vector"] = (ml_dim, "FLAT", {})
        self._create(
            name,
            [
                ("row", "INT64", {"is_primary": True}),
                ("vkey", "VARCHAR", {"max_length": 48}),
                ("chunk", "VARCHAR", {"max_length": 65_535}),
            ],
            vectors,
        )
        rows = []
        for i, chunk in enumerate(chunks):
            row = {
                "row": i,
                "vkey": keys[i],
                "chunk": json.dumps(_chunk_to_json(chunk), ensure_ascii=False),
                "vector": chunk_vectors[i].tolist(),
            }
            if cross is not None:
                row["ml_vector"] = cross.chunk_vectors[i].tolist()
            rows.append(row)
        self._upsert(name, rows, progress, "writing chunks")
        self._call("flush", name)

        manifest["vector_index"] = f"Milvus {index_type}"
        manifest["milvus"] = {"collection": name, "doc_keys": doc_keys, "previous": previous}
        text = json.dumps(manifest, ensure_ascii=False)
        self._upsert(
            self.meta,
            [
                {
                    "id": f"manifest/{name}/{i:05d}",
                    "key": f"manifest/{name}",
                    "data": part,
                    "v": [0.0] * DUMMY_DIM,
                }
                for i, part in enumerate(_parts(text))
            ],
        )
        self._call("flush", self.meta)
        # the one step that makes the new generation live
        if previous is None:
            self._call("create_alias", name, self.alias)
        else:
            self._call("alter_alias", name, self.alias)
        self._collect(manifest)

    def _write_documents(self, documents: Sequence[Document], progress: Progress | None) -> dict[str, str]:
        """Store documents not stored before; returns doc_id -> content key."""
        texts = {
            d.doc_id: json.dumps(_document_to_json(d), ensure_ascii=False, sort_keys=True) for d in documents
        }
        doc_keys = {doc_id: hashlib.sha1(text.encode()).hexdigest() for doc_id, text in texts.items()}
        # a document is stored when its last part is (parts are written in order)
        last = {f"{doc_keys[d]}/{len(_parts(t)) - 1}": d for d, t in texts.items()}
        present = {r["id"] for r in self._query_keys(self.docs, "id", last, ["id"])}
        rows = [
            {"id": f"{doc_keys[d]}/{i}", "key": doc_keys[d], "data": part, "v": [0.0] * DUMMY_DIM}
            for tail, d in last.items()
            if tail not in present
            for i, part in enumerate(_parts(texts[d]))
        ]
        self._upsert(self.docs, rows, progress, "writing documents")
        return doc_keys

    def _write_sentences(self, name, keys, chunks, vectors, offsets, progress, only=None) -> None:
        """Sentence vectors by content key, each written once. `only` marks the chunks whose
        vectors exist yet (the multilingual set is built after the English one): a chunk still
        waiting is not written as zeros that a later publish would then take as done."""
        last = {
            f"{k}/{len(c.sentences) - 1}": i
            for i, (k, c) in enumerate(zip(keys, chunks, strict=True))
            if c.sentences and (only is None or only[i])
        }
        present = {r["id"] for r in self._query_keys(name, "id", last, ["id"])}
        rows = []
        for tail, i in last.items():
            if tail in present:
                continue
            present.add(tail)  # the same text twice in the library: stored once
            for j, vector in enumerate(vectors[offsets[i] : offsets[i + 1]]):
                rows.append({"id": f"{keys[i]}/{j}", "vkey": keys[i], "vector": vector.tolist()})
        self._upsert(name, rows, progress, "writing sentence vectors")

    def _collect(self, manifest: dict) -> None:
        """Drop what the live generation does not use: generation collections other than it and
        the one before it (a reader that loaded that one may still search it), their manifests,
        and documents and sentence vectors nothing live refers to. Leftovers of a killed
        rebuild go here too."""
        live = manifest["milvus"]["collection"]
        keep = {live, manifest["milvus"].get("previous")}
        generation = f"{self.prefix}_gen_"
        for other in self._call("list_collections"):
            if other.startswith(generation) and other not in keep:
                self._call("drop_collection", other)
        stale = [
            r["id"]
            for r in self._query(self.meta, 'key like "manifest/%"', ["id", "key"])
            if r["key"].split("/", 1)[1] not in keep
        ]
        for batch in _batches(stale, KEYS_PER_QUERY):
            self._call("delete", self.meta, filter=_in("id", batch))
        live_docs = set(manifest["milvus"]["doc_keys"].values())
        kept = manifest["milvus"].get("previous")
        if kept and self._call("has_collection", kept):
            previous_manifest = self._query(self.meta, f'key == "manifest/{kept}"', ["id", "data"])
            try:
                text = "".join(r["data"] for r in sorted(previous_manifest, key=lambda r: r["id"]))
                live_docs |= set(json.loads(text)["milvus"]["doc_keys"].values())
            except (ValueError, KeyError):
                pass
        stale = [
            r["id"] for r in self._query(self.docs, 'id != ""', ["id", "key"]) if r["key"] not in live_docs
        ]
        for batch in _batches(stale, KEYS_PER_QUERY):
            self._call("delete", self.docs, filter=_in("id", batch))
        keys = {
            r["vkey"]
            for name in keep
            if name and self._call("has_collection", name)
            for r in self._query(name, "row >= 0", ["vkey"])
        }
        sentence_prefixes = (f"{self.prefix}_sent_", f"{self.prefix}_mlsent_")
        for collection in self._call("list_collections"):
            if collection.startswith(sentence_prefixes):
                stale = [
                    r["id"]
                    for r in self._query(collection, 'id != ""', ["id", "vkey"])
                    if r["vkey"] not in keys
                ]
                for batch in _batches(stale, KEYS_PER_QUERY):
                    self._call("delete", collection, filter=_in("id", batch))
        self._call("delete", self.meta, filter='id == "pending"')
