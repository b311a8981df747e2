"""The on-disk index: build it, update it incrementally, load it.

Layout: `index/CURRENT` names the live generation folder `index/gen-*`, which holds the
manifest, documents, chunks, vectors, the FAISS index and the BM25 index. A rebuild writes a
new generation beside the live one and then replaces CURRENT atomically, so a reader (or a
rebuild killed at any moment) always finds a complete index. One rebuild at a time: a lock
file refuses a second one with a clear message.

Incremental by content: unchanged files are not read again, and a chunk whose exact text was
embedded before reuses its vectors, so only new text goes through the encoder.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .catalog import CATALOG_SUFFIX, Reference, link_full_texts, parse_catalog, reference_document
from .chunking import MAX_WORDS, OVERLAP_SENTENCES, Chunk, chunk_document
from .documents import (
    MAX_FILE_BYTES,
    Document,
    Page,
    Section,
    UnreadableDocument,
    content_hash,
    is_supported,
    load_document,
    too_big,
)
from .embedding import ModelSpec, resolve_model
from .encoders import Encoder, load_encoder
from .errors import IndexMismatch, IndexMissing
from .lexical import LexicalIndex
from .vectors import load_vector_index

if TYPE_CHECKING:  # imported where used: English questions never import the multilingual module
    from . import multilingual
    from .generations import FileGenerations

FORMAT_VERSION = 1
# Bump CHUNKER_VERSION whenever documents.py (or the page reader it calls, webpages.py) or
# chunking.py would cut text differently, or lexical.py would tokenize it differently: an index
# made by another chunker is re-chunked on the next update (vectors of chunks whose text did not
# change are still reused).
CHUNKER_VERSION = 66
CHUNKING = {"version": CHUNKER_VERSION, "max_words": MAX_WORDS, "overlap": OVERLAP_SENTENCES}
CURRENT = "CURRENT"
LOCK = ".lock"
REBUILD_HINT = "run `silkqa index --full` to rebuild it"

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True)
class IndexReport:
    added: list[str]
    changed: list[str]
    removed: list[str]
    unchanged: list[str]
    skipped: list[Skipped]
    documents: int
    chunks: int
    embedded_chunks: int
    seconds: float
    embedded_multilingual: int = 0  # chunks this run sent through the multilingual encoder
    english_seconds: float | None = None  # until the English generation was live (the rest: multilingual)
    # of `documents`, the works the sources cite that are known only by their bibliography entry
    # (a student counts "1 document, 3 cited works", not 4 documents); None for an older index
    cited_works: int | None = None

    def to_json(self) -> dict:
        data = asdict(self)
        data["seconds"] = round(self.seconds, 3)
        if self.english_seconds is not None:
            data["english_seconds"] = round(self.english_seconds, 3)
        return data

    @property
    def changed_anything(self) -> bool:
        """Whether a new generation was published (new multilingual vectors alone count)."""
        return bool(self.added or self.changed or self.removed or self.embedded_multilingual)


@dataclass(frozen=True)
class Index:
    """A loaded index generation: everything search, answers and claim checks read."""

    folder: Path
    manifest: dict
    documents: dict[str, Document]
    chunks: tuple[Chunk, ...]
    chunk_vectors: np.ndarray
    sentence_vectors: np.ndarray
    sentence_offsets: np.ndarray
    vector_index: object
    lexical: LexicalIndex
    references: tuple[Reference, ...]
    links: dict[str, str]
    cross: multilingual.CrossVectors | None = None  # preloaded by stores that keep no files (Milvus)
    _chunk_rows: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    _doc_rows: dict[str, list[int]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._chunk_rows.update({c.chunk_id: i for i, c in enumerate(self.chunks)})
        for i, c in enumerate(self.chunks):
            self._doc_rows.setdefault(c.doc_id, []).append(i)

    @property
    def model_name(self) -> str:
        return self.manifest["model"]["name"]

    @property
    def dim(self) -> int:
        return int(self.manifest["model"]["dim"])

    def row_of(self, chunk_id: str) -> int:
        return self._chunk_rows[chunk_id]

    def rows_of(self, doc_id: str) -> list[int]:
        """The chunk rows of one document, in text order: a document's passages without a scan
        over the whole library (which grows to a million chunks)."""
        return self._doc_rows.get(doc_id, [])

    def sentence_vectors_of(self, row: int) -> np.ndarray:
        return self.sentence_vectors[self.sentence_offsets[row] : self.sentence_offsets[row + 1]]

    def reference(self, source: str, marker: str) -> Reference | None:
        """The catalog entry that in-text marker `[marker]` of document `source` points to."""
        for ref in self.references:
            if (source, marker) in ref.cited_by:
                return ref
        return None

    def reference_by_doc_id(self, doc_id: str) -> Reference | None:
        return next((r for r in self.references if r.doc_id == doc_id), None)


# --------------------------------------------------------------------------- serialisation


def _document_to_json(doc: Document) -> dict:
    data = asdict(doc)
    data.pop("_section_starts", None)
    return data


def _document_from_json(data: dict) -> Document:
    return Document(
        doc_id=data["doc_id"],
        source=data["source"],
        title=data["title"],
        text=data["text"],
        kind=data["kind"],
        authors=tuple(data.get("authors") or ()),
        year=data.get("year"),
        metadata=tuple(tuple(kv) for kv in data.get("metadata") or ()),
        sections=tuple(Section(**s) for s in data.get("sections") or ()),
        pages=tuple(Page(**p) for p in data.get("pages") or ()),
    )


def _chunk_to_json(chunk: Chunk) -> dict:
    # what asdict gives for this flat dataclass, without its deep copy (~0.2 ms a chunk)
    return {f.name: getattr(chunk, f.name) for f in fields(chunk)}


def _chunk_from_json(data: dict) -> Chunk:
    return Chunk(
        **{**data, "markers": tuple(data["markers"]), "sentences": tuple(tuple(s) for s in data["sentences"])}
    )


def _reference_from_json(data: dict) -> Reference:
    return Reference(
        **{**data, "authors": tuple(data["authors"]), "cited_by": tuple(tuple(c) for c in data["cited_by"])}
    )


def _vector_key(chunk: Chunk) -> str:
    """What a chunk's vectors depend on: its text and where its sentences fall in it."""
    spans = ",".join(f"{a - chunk.start}:{b - chunk.start}" for a, b in chunk.sentences)
    return hashlib.sha1(f"{spans}|{chunk.text}".encode()).hexdigest()


# --------------------------------------------------------------------------- reading


def current_generation(index_dir: Path) -> Path | None:
    pointer = index_dir / CURRENT
    try:
        name = pointer.read_text().strip()
    except FileNotFoundError:
        return None
    folder = index_dir / name
    return folder if name and folder.is_dir() else None


def read_manifest(index_dir: Path) -> dict | None:
    folder = current_generation(index_dir)
    if folder is None:
        return None
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except (OSError, ValueError):  # ValueError: bad JSON or bytes that are not UTF-8
        manifest = None
    if not isinstance(manifest, dict):
        raise IndexMismatch(f"the index in {index_dir} is damaged (unreadable manifest); {REBUILD_HINT}")
    return manifest


def check_compatible(manifest: dict, spec: ModelSpec, index_dir: Path) -> None:
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise IndexMismatch(
            f"the index in {index_dir} has format version {version}, this silkqa reads version {FORMAT_VERSION}; {REBUILD_HINT}"
        )
    built_with = (manifest.get("model") or {}).get("name")
    if built_with != spec.name:
        raise IndexMismatch(
            f"the index in {index_dir} was built with model '{built_with}', but silkqa is set to use '{spec.name}'; {REBUILD_HINT}"
        )


def load_index(index_dir: Path, model: str | ModelSpec | None = None) -> Index:
    """Load the live generation. Refuses an index built with another model or format."""
    index_dir = Path(index_dir)
    spec = model if isinstance(model, ModelSpec) else resolve_model(model)
    manifest = read_manifest(index_dir)
    if manifest is None:
        raise IndexMissing(f"no index in {index_dir}; run `silkqa index` first")
    check_compatible(manifest, spec, index_dir)
    folder = current_generation(index_dir)
    assert folder is not None
    try:
        documents = {
            d["doc_id"]: _document_from_json(d) for d in json.loads((folder / "documents.json").read_text())
        }
        chunks = tuple(_chunk_from_json(c) for c in json.loads((folder / "chunks.json").read_text()))
        chunk_vectors = np.load(folder / "vectors.npy")
        sentence_vectors = np.load(folder / "sentence_vectors.npy")
        sentence_offsets = np.load(folder / "sentence_offsets.npy")
        vector_index = load_vector_index(folder / "dense.faiss")
        lexical = LexicalIndex.load(folder / "bm25", len(chunks))
    except Exception as exc:  # noqa: BLE001 - any damaged file means the same thing to the user
        raise IndexMismatch(
            f"the index in {index_dir} is damaged ({type(exc).__name__}); {REBUILD_HINT}"
        ) from None
    if (
        len(chunk_vectors) != len(chunks)
        or vector_index.ntotal != len(chunks)
        or len(sentence_offsets) != len(chunks) + 1
    ):
        raise IndexMismatch(f"the index in {index_dir} is inconsistent; {REBUILD_HINT}")
    return Index(
        folder=folder,
        manifest=manifest,
        documents=documents,
        chunks=chunks,
        chunk_vectors=chunk_vectors,
        sentence_vectors=sentence_vectors,
        sentence_offsets=sentence_offsets,
        vector_index=vector_index,
        lexical=lexical,
        references=tuple(_reference_from_json(r) for r in manifest.get("references", [])),
        links=dict(manifest.get("links", {})),
    )


def _check_generation(index_dir: Path, manifest: dict) -> None:
    """A cheap look at the live generation before declaring it up to date: every file there,
    array sizes that agree with the manifest. A damaged index is not 'unchanged'."""
    folder = current_generation(index_dir)
    try:
        rows = np.load(folder / "vectors.npy", mmap_mode="r").shape[0]
        offsets = np.load(folder / "sentence_offsets.npy", mmap_mode="r").shape[0]
        ok = all(
            (folder / name).stat().st_size > 0 for name in ("chunks.json", "documents.json", "dense.faiss")
        )
    except (OSError, ValueError, TypeError, AttributeError):
        ok, rows, offsets = False, -1, -1
    chunks = manifest.get("counts", {}).get("chunks")
    if not ok or rows != chunks or offsets != (chunks or 0) + 1:
        raise IndexMismatch(f"the index in {index_dir} is damaged; {REBUILD_HINT}")


# --------------------------------------------------------------------------- scanning


def scan_corpus(corpus_dir: Path) -> tuple[dict[str, Path], list[Skipped]]:
    """Files that may be documents, by corpus-relative path; hidden files are ignored."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise IndexMissing(f"corpus folder {corpus_dir} does not exist")
    found: dict[str, Path] = {}
    skipped: list[Skipped] = []
    for path in sorted(corpus_dir.rglob("*")):
        rel = path.relative_to(corpus_dir)
        if any(part.startswith((".", "~")) for part in rel.parts) or not path.is_file():
            continue
        source = rel.as_posix()
        try:
            source.encode("utf-8")
        except UnicodeEncodeError:  # bytes no encoding decodes: the index's JSON cannot name it
            shown = source.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            skipped.append(Skipped(shown, "the file name is not valid UTF-8 (rename the file)"))
            continue
        if is_supported(path) or path.name.endswith(CATALOG_SUFFIX):
            found[source] = path
        else:
            skipped.append(
                Skipped(
                    source,
                    f"unsupported file type '{path.suffix or path.name}' (use PDF, Markdown, reStructuredText, text, HTML or DOCX)",
                )
            )
    return found, skipped


def _read(path: Path) -> bytes | Skipped:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Skipped("", too_big(size))
        return path.read_bytes()
    except OSError as exc:
        return Skipped("", f"cannot read the file ({exc.strerror or type(exc).__name__})")


def _documents_of(source: str, path: Path, data: bytes) -> tuple[list[Document], tuple[Reference, ...]]:
    if path.name.endswith(CATALOG_SUFFIX):
        refs = parse_catalog(data, source)
        return [reference_document(r, source) for r in refs], refs
    return [load_document(path, source, data)], ()


# --------------------------------------------------------------------------- update


def update_index(
    corpus_dir: Path,
    index_dir: Path,
    *,
    model: str | ModelSpec | None = None,
    full: bool = False,
    encoder: Encoder | Callable[[], Encoder] | None = None,
    progress: Progress | None = None,
    generations: FileGenerations | None = None,
) -> IndexReport:
    """Bring the index in step with the corpus; embed only text it has not embedded before.

    `encoder` may be a loaded Encoder or a callable that loads one: it is only called when
    there is new text to embed, so a rebuild with nothing changed never loads the model.
    `generations` is where the index lives (default: folders in `index_dir`).
    """
    from . import multilingual

    started = time.perf_counter()
    corpus_dir = Path(corpus_dir)
    from .generations import FileGenerations, _add_multilingual  # the file store's steps

    store = generations or FileGenerations(index_dir)
    index_dir = store.where
    spec = (
        model
        if isinstance(model, ModelSpec)
        else (encoder.spec if isinstance(encoder, Encoder) else resolve_model(model))
    )
    files, skipped = scan_corpus(corpus_dir)
    with store.lock():
        old_manifest = None if full else store.read_manifest()
        if old_manifest is not None:
            check_compatible(old_manifest, spec, index_dir)
        old_files: dict[str, dict] = old_manifest["files"] if old_manifest else {}

        raw: dict[str, bytes] = {}
        hashes: dict[str, str] = {}
        for source, path in files.items():
            data = _read(path)
            if isinstance(data, Skipped):
                skipped.append(Skipped(source, data.reason))
                continue
            raw[source] = data
            hashes[source] = content_hash(data)

        added = [s for s in hashes if s not in old_files]
        changed = [s for s in hashes if s in old_files and old_files[s]["hash"] != hashes[s]]
        unchanged = [s for s in hashes if s in old_files and old_files[s]["hash"] == hashes[s]]
        removed = sorted(s for s in old_files if s not in hashes)

        rechunk = old_manifest is not None and old_manifest.get("chunking") != CHUNKING
        stale_cross = old_manifest is not None and multilingual.needs_vectors(old_manifest)
        if old_manifest is not None and not (added or changed or removed or rechunk or stale_cross):
            store.check_live(old_manifest)
            previously_skipped = [
                Skipped(s, old_files[s]["reason"]) for s in unchanged if old_files[s].get("reason")
            ]
            store.drop_stale()
            return IndexReport(
                [],
                [],
                [],
                [s for s in unchanged if not old_files[s].get("reason")],  # a skipped file is not indexed
                skipped + previously_skipped,
                old_manifest["counts"]["documents"],
                old_manifest["counts"]["chunks"],
                0,
                time.perf_counter() - started,
                cited_works=old_manifest["counts"].get("cited_works"),
            )

        old = store.load(spec) if old_manifest is not None else None
        old_vectors: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        if old is not None:
            for row, chunk in enumerate(old.chunks):
                old_vectors.setdefault(
                    _vector_key(chunk), (old.chunk_vectors[row], old.sentence_vectors_of(row))
                )

        manifest_files: dict[str, dict] = {}
        documents: list[Document] = []
        references: list[Reference] = []
        seen_hash: dict[str, str] = {}
        carried: set[int] = set()  # positions in `documents` of documents taken from the old index
        to_read = set(hashes) if rechunk else set(added) | set(changed)
        for source in sorted(hashes):
            digest = hashes[source]
            if digest in seen_hash:
                reason = f"same content as {seen_hash[digest]} (indexed once)"
                skipped.append(Skipped(source, reason))
                manifest_files[source] = {"hash": digest, "doc_ids": [], "reason": reason}
                continue
            if source not in to_read:
                entry = old_files[source]
                if entry.get("reason"):
                    skipped.append(Skipped(source, entry["reason"]))
                    manifest_files[source] = entry
                    continue
                docs = [old.documents[d] for d in entry["doc_ids"]]
                carried.update(range(len(documents), len(documents) + len(docs)))
                refs = tuple(r for r in old.references if r.doc_id in entry["doc_ids"])
            else:
                try:
                    docs, refs = _documents_of(source, files[source], raw[source])
                except UnreadableDocument as exc:
                    skipped.append(Skipped(source, str(exc)))
                    manifest_files[source] = {"hash": digest, "doc_ids": [], "reason": str(exc)}
                    continue
            seen_hash[digest] = source
            documents.extend(docs)
            references.extend(refs)
            manifest_files[source] = {"hash": digest, "doc_ids": [d.doc_id for d in docs], "reason": None}

        # Chunking costs ~1 ms a chunk (sentence splitting); an unchanged document under an
        # unchanged chunker keeps its old chunks, so an update costs what changed.
        old_chunks: dict[str, list[Chunk]] = {}
        if old is not None and carried:
            for chunk in old.chunks:
                old_chunks.setdefault(chunk.doc_id, []).append(chunk)
        chunks: list[Chunk] = []
        for i, doc in enumerate(documents):
            chunks.extend(old_chunks.get(doc.doc_id, []) if i in carried else chunk_document(doc))
            if progress:
                progress("chunking", i + 1, len(documents))

        chunk_vectors = np.zeros((len(chunks), 0), dtype=np.float32)
        per_chunk_sentences: list[np.ndarray] = [None] * len(chunks)  # type: ignore[list-item]
        pending = [i for i, c in enumerate(chunks) if _vector_key(c) not in old_vectors]
        dim = old.dim if old is not None else None
        loaded: Encoder | None = None
        if pending:
            loaded = (
                encoder if isinstance(encoder, Encoder) else (encoder() if encoder else load_encoder(spec))
            )
            if dim is not None and loaded.dim != dim:
                raise IndexMismatch(
                    f"the index in {index_dir} has {dim}-dimensional vectors, the model gives {loaded.dim}; {REBUILD_HINT}"
                )
            dim = loaded.dim
        if dim is None:
            dim = 0
        chunk_vectors = np.zeros((len(chunks), dim), dtype=np.float32)
        pending_rows = set(pending)
        for i, chunk in enumerate(chunks):
            cached = old_vectors.get(_vector_key(chunk))
            if cached is not None and i not in pending_rows:
                chunk_vectors[i], per_chunk_sentences[i] = cached
        if pending and loaded is not None:
            texts = [chunks[i].text for i in pending]
            spans = [
                [(a - chunks[i].start, b - chunks[i].start) for a, b in chunks[i].sentences] for i in pending
            ]
            vecs, sent = loaded.encode_chunks(
                texts, spans, progress=(lambda d, t: progress("embedding", d, t)) if progress else None
            )
            for j, i in enumerate(pending):
                chunk_vectors[i] = vecs[j]
                per_chunk_sentences[i] = sent[j]
        counts = [len(s) for s in per_chunk_sentences]
        sentence_offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        sentence_vectors = (
            np.concatenate(per_chunk_sentences).astype(np.float32)
            if chunks
            else np.zeros((0, dim), dtype=np.float32)
        )

        # The multilingual set: what the previous generation holds is reused by content key;
        # the rest is encoded after the English generation is live (_add_multilingual).
        cross, cross_pending = None, []
        if multilingual.enabled():
            old_cross = store.old_cross(old) if old is not None else None
            previous = {}
            if old_cross is not None:
                has = old_cross.has()
                for row, chunk in enumerate(old.chunks):
                    if has[row]:
                        previous.setdefault(
                            _vector_key(chunk),
                            (old_cross.chunk_vectors[row], old_cross.sentences_of(old.sentence_offsets, row)),
                        )
            cross, cross_pending = multilingual.start(
                chunks,
                [_vector_key(c) for c in chunks],
                sentence_offsets,
                previous,
                next(iter(previous.values()))[0].shape[0] if previous else multilingual.DIM,
            )

        refs = tuple(references)
        cited_works = sum(1 for d in documents if d.kind == "reference")
        manifest = {
            "format_version": FORMAT_VERSION,
            "model": {"name": spec.name, "dim": dim},
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "corpus": str(Path(corpus_dir).resolve()),
            "files": manifest_files,
            "counts": {"documents": len(documents), "chunks": len(chunks), "cited_works": cited_works},
            "chunking": CHUNKING,
            "references": [asdict(r) for r in refs],
            "links": link_full_texts(refs, documents),
            "multilingual": multilingual.manifest_entry(cross),
        }
        if progress:
            progress("writing", 0, 1)
        store.publish(manifest, documents, chunks, chunk_vectors, sentence_vectors, sentence_offsets, cross)
        if progress:
            progress("writing", 1, 1)
        english_seconds = time.perf_counter() - started

        def _publish_when_complete(m: dict, c: multilingual.CrossVectors) -> None:
            """A store without cheap checkpoints (Milvus: a whole new collection each time, the
            one before it dropped under readers still using it) publishes the set once, whole."""
            if multilingual.progress_of(m) is None:
                store.publish(m, documents, chunks, chunk_vectors, sentence_vectors, sentence_offsets, c)

        if cross is not None and cross_pending:
            _add_multilingual(
                manifest,
                chunks,
                documents,
                sentence_offsets,
                cross,
                cross_pending,
                progress,
                publish=getattr(store, "publish_multilingual", None) or _publish_when_complete,
            )
        unreadable = {item.path for item in skipped}
        return IndexReport(
            sorted(s for s in added if s not in unreadable),
            sorted(s for s in changed if s not in unreadable),
            removed,
            sorted(s for s in unchanged if s not in unreadable),
            skipped,
            len(documents),
            len(chunks),
            len(pending),
            time.perf_counter() - started,
            len(cross_pending),
            english_seconds,
            cited_works,
        )
