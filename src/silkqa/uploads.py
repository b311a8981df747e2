"""Adding a user's file to the corpus folder: safely named, checked, never a second copy.

A browser sends a file name and bytes, and both are hostile until proven otherwise. The name
may carry directories, `..`, an absolute path or control characters, so only a cleaned base
name is kept and the final path is checked to lie inside the corpus folder. The bytes must
be what the extension says (a `.pdf` that is not a PDF is refused, and so is binary junk
called `.md`), small enough, and readable by the same loader the indexer uses, so a file
that could never be indexed is refused up front instead of sitting in the corpus forever.
A file whose exact content is already in the corpus is recognised by its hash and not added
again.

The web app's uploader calls `add_uploads`; tests drive the same function.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .documents import UnreadableDocument, content_hash, format_size, load_document
from .errors import IndexBusy
from .store import IndexReport, Progress

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_NAME_BYTES = 150  # well under the 255-byte limit of common file systems, extension included
ALLOWED_SUFFIXES = {".pdf": "pdf", ".md": "text", ".markdown": "text", ".txt": "text"}
UPLOAD_TYPES = [s.lstrip(".") for s in ALLOWED_SUFFIXES]  # for st.file_uploader(type=...)
FALLBACK_STEM = "upload"

_UNSAFE_CHARS = re.compile(r"[^\w\s.,()\[\]&+'-]")
_SPACES = re.compile(r"\s+")
_DOTS = re.compile(r"\.{2,}")
_BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"PK\x03\x04",  # zip, docx, xlsx, epub
    b"\x1f\x8b",  # gzip
    b"BZh",
    b"\xfd7zXZ",
    b"7z\xbc\xaf",
    b"Rar!",
    b"\x7fELF",
    b"MZ",  # Windows executable
    b"\xca\xfe\xba\xbe",
    b"\xcf\xfa\xed\xfe",
    b"RIFF",
    b"OggS",
    b"ID3",
    b"\x00\x00\x00",
    b"SQLite format 3",
    b"\xd0\xcf\x11\xe0",  # old MS Office
)


class UploadRefused(Exception):
    """The one-line reason a file is not added."""


@dataclass(frozen=True)
class UploadOutcome:
    name: str  # the name the user gave, for messages
    status: Literal["added", "duplicate", "refused"]
    message: str
    source: str | None = None  # corpus-relative path of the new file, or of the existing copy

    @property
    def added(self) -> bool:
        return self.status == "added"


# --------------------------------------------------------------------------- names


def _split_suffix(name: str) -> tuple[str, str]:
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        return name, ""
    return stem, "." + ext


def _truncate_bytes(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")


def safe_filename(name: str | None) -> str:
    """A plain base name for `name`: no directories, no leading dots, no control characters,
    bounded in length, its extension kept (lower-cased). Never empty."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]  # drop any directory part, either style
    # Control, format, surrogate, private-use and unassigned characters (category C*).
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))
    name = _UNSAFE_CHARS.sub("_", name)
    name = _SPACES.sub(" ", name).strip(" .")  # no hidden files, no '..', no trailing dot
    stem, ext = _split_suffix(name)
    ext = ext.lower() if re.fullmatch(r"\.[a-z0-9]{1,10}", ext.lower()) else ""
    if not ext:
        stem = name
    stem = _DOTS.sub(".", stem).strip(" .") or FALLBACK_STEM
    stem = _truncate_bytes(stem, MAX_NAME_BYTES - len(ext.encode("utf-8"))).rstrip(" .") or FALLBACK_STEM
    return stem + ext


# --------------------------------------------------------------------------- content


def sniff(data: bytes) -> Literal["pdf", "text", "binary"]:
    """What the bytes are, whatever the name says."""
    head = data[:1024]
    if head.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return "text"
    if head.startswith(_BINARY_MAGIC) or b"\x00" in data[:8192]:
        return "binary"
    return "text"


def check_upload(name: str | None, data: bytes, max_bytes: int = MAX_UPLOAD_BYTES) -> str:
    """The safe file name for an acceptable upload; raises UploadRefused with the reason."""
    safe = safe_filename(name)
    suffix = Path(safe).suffix.lower()
    if not suffix and re.fullmatch(r"[A-Za-z][\w-]*", safe):  # "FAQ", "README": plain text by name
        raise UploadRefused(f"files without an extension cannot be added; rename it to {safe}.txt")
    if suffix not in ALLOWED_SUFFIXES:
        raise UploadRefused(
            f"'{suffix or 'no extension'}' files cannot be added; use PDF (.pdf), Markdown (.md) or text (.txt)"
        )
    if not data or not data.strip():
        raise UploadRefused("the file is empty")
    if len(data) > max_bytes:
        raise UploadRefused(
            f"the file is too large ({format_size(len(data))}; the limit is {format_size(max_bytes)})"
        )
    expected, found = ALLOWED_SUFFIXES[suffix], sniff(data)
    if found == "binary":
        raise UploadRefused(f"the file is called {suffix} but holds binary data, not text")
    if expected == "pdf" and found != "pdf":
        raise UploadRefused("the file is called .pdf but is not a PDF")
    if expected == "text" and found == "pdf":
        raise UploadRefused(f"the file is a PDF but is called {suffix}; rename it to .pdf")
    try:
        load_document(Path(safe), safe, data)
    except UnreadableDocument as exc:
        raise UploadRefused(str(exc)) from None
    return safe


def find_duplicate(corpus_dir: Path, data: bytes) -> str | None:
    """The corpus-relative path of a file with exactly this content, if there is one."""
    corpus_dir = Path(corpus_dir)
    digest: str | None = None
    for path in sorted(corpus_dir.rglob("*")):
        rel = path.relative_to(corpus_dir)
        if any(part.startswith((".", "~")) for part in rel.parts):
            continue
        try:
            if not path.is_file() or path.stat().st_size != len(data):
                continue
            digest = digest or content_hash(data)
            if content_hash(path.read_bytes()) == digest:
                return rel.as_posix()
        except OSError:
            continue
    return None


# --------------------------------------------------------------------------- writing


def _inside(folder: Path, target: Path) -> bool:
    return target.resolve().parent == folder.resolve()


def _candidates(safe: str):
    stem, ext = _split_suffix(safe)
    yield safe
    for i in range(2, 1000):
        tail = f"-{i}{ext}"
        yield _truncate_bytes(stem, MAX_NAME_BYTES - len(tail.encode("utf-8"))) + tail


def _write_new(corpus_dir: Path, safe: str, data: bytes) -> Path:
    """Write `data` under a name based on `safe` that does not exist yet, all at once: the
    bytes go to a hidden temporary file (the indexer and watcher ignore hidden files) which
    is then hard-linked into place, so nothing ever sees half a file or overwrites one."""
    tmp = corpus_dir / f".upload-{secrets.token_hex(8)}.part"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        for name in _candidates(safe):
            target = corpus_dir / name
            if os.path.lexists(target):
                continue
            if not _inside(corpus_dir, target):  # cannot happen for a plain base name; never trust it
                raise UploadRefused("the file name points outside the library folder")
            try:
                os.link(tmp, target)
            except FileExistsError:
                continue
            except OSError:  # a file system without hard links: exclusive create instead
                try:
                    out = os.open(
                        target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644
                    )
                except FileExistsError:
                    continue
                with os.fdopen(out, "wb") as handle:
                    handle.write(data)
            return target
        raise UploadRefused("too many files with this name in the library already")
    finally:
        tmp.unlink(missing_ok=True)


def save_upload(
    corpus_dir: str | os.PathLike, name: str | None, data: bytes, max_bytes: int = MAX_UPLOAD_BYTES
) -> UploadOutcome:
    """Check one uploaded file and, if it is acceptable and new, put it in the corpus folder."""
    corpus_dir = Path(corpus_dir)
    shown = str(name or "")[:200]
    try:
        safe = check_upload(name, data, max_bytes)
        if not corpus_dir.is_dir():
            raise UploadRefused(f"the library folder {corpus_dir} does not exist")
        existing = find_duplicate(corpus_dir, data)
        if existing is not None:
            return UploadOutcome(
                shown, "duplicate", f"already in the library as {existing}; not added again", existing
            )
        target = _write_new(corpus_dir, safe, data)
    except UploadRefused as exc:
        return UploadOutcome(shown, "refused", str(exc))
    source = target.relative_to(corpus_dir).as_posix()
    return UploadOutcome(shown, "added", f"added as {source}", source)


def add_uploads(
    library, files: Iterable[tuple[str, bytes]], progress: Progress | None = None
) -> tuple[list[UploadOutcome], IndexReport | None]:
    """Save each (name, bytes) into the library's corpus, then update the index once if any
    file was added. If another rebuild holds the index, the files stay saved, their messages
    say so, and the report is None: the next update indexes them."""
    outcomes = [save_upload(library.corpus_dir, name, data) for name, data in files]
    if not any(o.added for o in outcomes):
        return outcomes, None
    try:
        report = library.update(progress=progress)
    except IndexBusy:
        busy = "another rebuild of the index is running, so it will be indexed by the next update"
        return [
            UploadOutcome(o.name, o.status, f"{o.message}; {busy}", o.source) if o.added else o
            for o in outcomes
        ], None
    reasons = {s.path: s.reason for s in report.skipped}
    outcomes = [
        UploadOutcome(
            o.name, "refused", f"saved as {o.source} but not indexed: {reasons[o.source]}", o.source
        )
        if o.added and o.source in reasons
        else o
        for o in outcomes
    ]
    return outcomes, report
