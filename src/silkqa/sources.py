"""Follow a citation back to its source: the cited PDF page drawn with the quote marked, the
whole section around a quote, and the original file.

The Library's `page_image`, `source_context` and `source_file` are thin over these, so the
web app and any other caller share one behaviour, including the one-line reasons when a file
is gone, damaged or encrypted (`PageUnavailable`).
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from .documents import Document
from .pages import DEFAULT_ZOOM, PageCache, PageImage, PageUnavailable, render_page
from .store import Index

MAX_CONTEXT_CHARS = 12_000  # a longer section is shown as this much around the quote


@dataclass(frozen=True)
class Context:
    """Text around a quote for reading it in place; `quote` is its span inside `text`."""

    title: str | None
    kind: str  # "section", "page" or "passage"
    text: str
    quote: tuple[int, int]
    clipped: bool = False  # the section was longer than MAX_CONTEXT_CHARS


def _window(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int, bool]:
    """[lo, hi) narrowed to MAX_CONTEXT_CHARS around [start, end), on paragraph breaks if any."""
    if hi - lo <= MAX_CONTEXT_CHARS:
        return lo, hi, False
    room = max(0, MAX_CONTEXT_CHARS - (end - start)) // 2
    a, b = max(lo, start - room), min(hi, end + room)
    para = text.rfind("\n\n", a, start)
    a = para + 2 if para >= 0 else a
    para = text.find("\n\n", end, b)
    b = para if para >= 0 else b
    return a, b, True


def context_of(doc: Document, start: int, end: int) -> Context:
    """The section holding the quote; for a document without sections its page; else the
    paragraphs around it. Offsets are into `doc.text`."""
    start, end = max(0, start), min(len(doc.text), end)
    title, kind, lo, hi = None, "passage", 0, len(doc.text)
    section = next((s for s in doc.sections if s.start <= start < s.end), None)
    page = next((p for p in doc.pages if p.start <= start < p.end), None)
    if section is not None:
        title, kind, lo, hi = section.title, "section", section.start, max(section.end, end)
    elif page is not None:
        title, kind, lo, hi = f"page {page.number}", "page", page.start, max(page.end, end)
    else:
        lo = doc.text.rfind("\n\n", 0, max(0, start - 1500))
        lo = lo + 2 if lo >= 0 else 0
        found = doc.text.find("\n\n", min(len(doc.text), end + 1500))
        hi = found if found >= 0 else len(doc.text)
    a, b, clipped = _window(doc.text, lo, hi, start, end)
    return Context(title, kind, doc.text[a:b], (start - a, end - a), clipped)


def source_path(corpus_dir: Path, source: str) -> Path:
    """The file of a source inside the corpus folder; refuses paths that leave it."""
    root = Path(corpus_dir).resolve()
    path = (root / source).resolve()
    if root != path and root not in path.parents:
        raise PageUnavailable(f"{source} is not inside the library folder")
    if not path.is_file():
        raise PageUnavailable(f"{source} is no longer in the library folder")
    return path


class FileDigests:
    """sha256 of files, recomputed only when size or modification time change."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, int, int], str] = {}
        self._lock = threading.Lock()

    def digest(self, path: Path) -> str:
        stat = path.stat()
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        with self._lock:
            if key in self._known:
                return self._known[key]
        value = hashlib.sha256(path.read_bytes()).hexdigest()
        with self._lock:
            self._known[key] = value
        return value


def pdf_document(index: Index, source: str) -> Document:
    doc = next((d for d in index.documents.values() if d.source == source and d.kind == "pdf"), None)
    if doc is None:
        raise PageUnavailable(f"{source} is not a PDF in the index, so it has no pages to show")
    return doc


def page_image(
    index: Index,
    corpus_dir: Path,
    cache: PageCache,
    digests: FileDigests,
    source: str,
    page: int,
    highlight: tuple[int, int] | None = None,
    zoom: float = DEFAULT_ZOOM,
) -> PageImage:
    """Page `page` of PDF `source` with the part of `highlight` (offsets into the document's
    text) that lies on that page marked. Cached; raises PageUnavailable with a one-line reason."""
    doc = pdf_document(index, source)
    path = source_path(corpus_dir, source)
    try:
        digest = digests.digest(path)
    except OSError as exc:
        raise PageUnavailable(f"{source} cannot be read ({exc.strerror or type(exc).__name__})") from None
    span = page_text = None
    stored = next((p for p in doc.pages if p.number == page), None)
    if highlight is not None and stored is not None:
        s, e = max(highlight[0], stored.start), min(highlight[1], stored.end)
        if e > s:
            page_text, span = doc.text[stored.start : stored.end], (s - stored.start, e - stored.start)
    key = (digest, page, round(float(zoom), 3), span)
    cached = cache.get(key)
    if cached is not None:
        return cached
    image = render_page(path.read_bytes(), page, zoom, page_text, span, source=source)
    indexed = (index.manifest.get("files", {}).get(source) or {}).get("hash")
    if image.asked and not image.marked and indexed and indexed != digest:
        image = replace(
            image, note="The file has changed since it was indexed; update the index to mark the quote."
        )
    cache.put(key, image)
    return image
