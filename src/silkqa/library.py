"""The Python API: one object that owns the model and the index, shared by the CLI and the app.

    from silkqa.library import Library
    lib = Library("corpus", "index")
    lib.update()
    print(lib.ask("What does China import from Kazakhstan?").answer)

The encoder and the index are loaded lazily, once, and the index is reloaded after a rebuild.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from .embedding import Encoder, ModelSpec, resolve_model
from .errors import SilkqaError, UsageError
from .language import ENGLISH, detect
from .pages import DEFAULT_ZOOM, PageCache, PageImage
from .retrieval import Hit, Mode, search
from .sources import Context, FileDigests, context_of, page_image, source_path
from .store import CHUNKING, Index, IndexReport, Progress
from .stores import Store, open_store

MAX_QUERY_CHARS = 2000


def default_paths(
    corpus: str | os.PathLike | None = None, index: str | os.PathLike | None = None
) -> tuple[Path, Path]:
    """Corpus and index folders: explicit values, else $SILKQA_CORPUS / $SILKQA_INDEX, else corpus/ and index/."""
    return (
        Path(corpus or os.environ.get("SILKQA_CORPUS") or "corpus"),
        Path(index or os.environ.get("SILKQA_INDEX") or "index"),
    )


def app_paths(argv: Sequence[str]) -> tuple[Path, Path]:
    """The web chat's corpus and index: `streamlit run streamlit_app.py -- --corpus DIR --index DIR`
    as the CLI takes them, else as `default_paths` finds them. Other arguments are left alone."""
    import argparse

    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--corpus")
    parser.add_argument("--index")
    given, _ = parser.parse_known_args(list(argv))
    return default_paths(given.corpus, given.index)


def clean_query(text: str, what: str = "question") -> str:
    """Collapse whitespace and bound the length; refuse text with nothing to search for."""
    if text is None or not str(text).strip():
        raise UsageError(f"the {what} is empty")
    text = " ".join(str(text).split())
    if not any(ch.isalnum() for ch in text):
        raise UsageError(f"the {what} has no words in it")
    return text[:MAX_QUERY_CHARS]


class Library:
    def __init__(
        self,
        corpus: str | os.PathLike | None = None,
        index: str | os.PathLike | None = None,
        model: str | None = None,
        store: str | None = None,
    ) -> None:
        self.corpus_dir, self.index_dir = default_paths(corpus, index)
        self.store: Store = open_store(store, self.index_dir)  # `store` or $SILKQA_STORE, else faiss
        self.spec: ModelSpec = resolve_model(model)
        self._encoder: Encoder | None = None
        self._index: Index | None = None
        self._lock = threading.RLock()
        self._pages = PageCache()
        self._digests = FileDigests()

    # ------------------------------------------------------------------ resources

    @property
    def encoder(self) -> Encoder:
        with self._lock:
            if self._encoder is None:
                self._encoder = Encoder(self.spec)
            return self._encoder

    @property
    def index(self) -> Index:
        with self._lock:
            if self._index is None:
                self._index = self.store.load(self.spec)
            return self._index

    def has_index(self) -> bool:
        return self.store.read_manifest() is not None

    def index_is_outdated(self) -> bool:
        """The index was cut by an older loader or chunker: after an upgrade, an update
        re-reads the documents (and embeds again only the passages whose text changed)."""
        manifest = self.store.read_manifest()
        return manifest is not None and manifest.get("chunking") != CHUNKING

    def other_corpus(self) -> str | None:
        """The corpus folder the index was built from, when that is another library: its
        documents are not the files of this corpus folder (a folder merely moved is the same)."""
        from .store import scan_corpus

        manifest = self.store.read_manifest()
        recorded = (manifest or {}).get("corpus")
        if not recorded:
            return None
        # (an index built before its corpus was recorded whole: a path relative to where it was built)
        built_from = (
            Path(recorded) if Path(recorded).is_absolute() else self.index_dir.resolve().parent / recorded
        )
        if built_from.resolve() == self.corpus_dir.resolve():
            return None
        try:
            here = set(scan_corpus(self.corpus_dir)[0])
        except SilkqaError:
            return None
        return None if here == set(manifest.get("files") or {}) else str(recorded)

    def reload(self) -> None:
        with self._lock:
            self._index = None

    def update(self, full: bool = False, progress: Progress | None = None) -> IndexReport:
        report = self.store.update(
            self.corpus_dir,
            spec=self.spec,
            full=full,
            encoder=lambda: self.encoder,
            progress=progress,
        )
        if report.changed_anything or full or self._index is None:
            self.reload()
        return report

    # ------------------------------------------------------------------ questions

    def cross_language(self, text: str) -> str | None:
        """The language of a non-English text the index can serve across languages, else None."""
        return self._served_across(detect(text))

    def _served_across(self, language: str) -> str | None:
        """`language` when it is not English and the index can serve it across languages."""
        if language == ENGLISH:
            return None
        from . import crosslingual, multilingual

        index = self.index
        if multilingual.progress_of(index.manifest) is not None and self.store.live() != index.folder:
            self.reload()  # the multilingual vectors are built after the English generation
            index = self.index
        return language if crosslingual.available(index) else None

    def search(self, query: str, k: int = 5, mode: Mode = "hybrid") -> list[Hit]:
        query = clean_query(query, "query")
        index = self.index
        if self.cross_language(query):
            from . import crosslingual, multilingual

            return crosslingual.search_across(index, multilingual.load_encoder(), query, k=k)
        vector = self.encoder.encode([query])[0]
        return search(index, vector, query, k=k, mode=mode)

    def ask(self, question: str, k: int = 5):
        from .answering import answer_question

        question = clean_query(question, "question")
        language = detect(question)  # once: it reads every character of the question
        if self._served_across(language):
            from . import crosslingual, multilingual

            return crosslingual.answer(self.index, multilingual.load_encoder(), question, language, k=k)
        if language != ENGLISH:
            from . import crosslingual

            if line := crosslingual.preparing(self.index):
                return crosslingual.waiting(question, language, line)
        answer = answer_question(self.index, self.encoder, question, k=k)
        if answer.abstained and language != ENGLISH:
            from . import crosslingual

            return crosslingual.unavailable(answer, language)
        return replace(answer, language=language)

    def check(self, claim: str, k: int = 8):
        from .claims import check_claim

        claim = clean_query(claim, "claim")
        if (language := detect(claim)) != ENGLISH:
            raise UsageError(
                f"claim checks need English for now (this claim reads as '{language}'); questions may be asked in it"
            )
        return check_claim(self.index, self.encoder, claim, k=k)

    def check_essay(self, text: str, k: int = 8, progress=None):
        """Check every claim sentence of a draft, with the model and index loaded once."""
        from .essay import check_essay

        return check_essay(self.index, self.encoder, text, k=k, progress=progress)

    # ------------------------------------------------------------------ sources

    def page_image(
        self, source: str, page: int, highlight: tuple[int, int] | None = None, zoom: float = DEFAULT_ZOOM
    ) -> PageImage:
        """Page `page` (1-based) of PDF `source` as PNG, the quote at document offsets
        `highlight` marked where it lies on that page. Raises PageUnavailable (one line)."""
        return page_image(
            self.index, self.corpus_dir, self._pages, self._digests, source, page, highlight, zoom
        )

    def source_context(self, doc_id: str, start: int, end: int) -> Context:
        """The whole section (or page, or nearby paragraphs) around a quote, for reading it in place."""
        return context_of(self.index.documents[doc_id], start, end)

    def source_file(self, source: str) -> Path:
        """The original file of a source, for download; raises PageUnavailable when it is gone."""
        return source_path(self.corpus_dir, source)
