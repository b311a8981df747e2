"""Turn a file in the corpus into a `Document`: plain text with its sections and pages.

Everything downstream (chunks, citations, quotes) points into `Document.text` by character
offset, so this module is the one place that decides what a document's text *is*. Markup is
removed here once; quotes are later checked against exactly this text.
"""

from __future__ import annotations

import hashlib
import html
import io
import logging
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import markup, pdf_layout
from .titlepage import author_field, sign_off, title_page_authors, title_page_date

MAX_FILE_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".md", ".markdown", ".txt", ".text", ".rst"}  # reStructuredText is read as text
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".pdf", ".docx"}

_MARKER = re.compile(r"\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]")


class UnreadableDocument(Exception):
    """A file that cannot become a document; the message is the one-line reason shown to users."""


@dataclass(frozen=True)
class Section:
    start: int
    end: int
    title: str


@dataclass(frozen=True)
class Page:
    start: int
    end: int
    number: int  # 1-based index of the page in the file, not the printed folio


@dataclass(frozen=True)
class Document:
    doc_id: str
    source: str  # path relative to the corpus folder
    title: str
    text: str
    kind: str  # markdown, text, pdf, html, docx, reference
    authors: tuple[str, ...] = ()
    year: int | None = None
    metadata: tuple[tuple[str, str], ...] = ()
    sections: tuple[Section, ...] = ()
    pages: tuple[Page, ...] = ()
    _section_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_section_starts", tuple(s.start for s in self.sections))

    def section_of(self, offset: int) -> Section | None:
        """The section an offset lies in, found by bisection (a reader asks for each sentence)."""
        i = bisect_right(self._section_starts, offset) - 1
        if i >= 0 and self.sections[i].start <= offset < self.sections[i].end:
            return self.sections[i]
        return None

    def headings_above(self, offset: int, count: int) -> list[str]:
        """The titles of the last `count` sections that begin at or before an offset, nearest first."""
        i = bisect_right(self._section_starts, offset)
        return [s.title for s in self.sections[max(0, i - count) : i][::-1]]

    def section_at(self, offset: int) -> str | None:
        section = self.section_of(offset)
        return section.title if section is not None else None

    def page_at(self, offset: int) -> int | None:
        for page in self.pages:
            if page.start <= offset < page.end:
                return page.number
        if self.pages and offset >= self.pages[-1].end:
            return self.pages[-1].number
        return None

    def meta(self, key: str) -> str | None:
        return dict(self.metadata).get(key)


def citation_markers(text: str) -> tuple[str, ...]:
    """In-text numeric citation markers such as [2], [1, 3] or [1–3], expanded, in order."""
    found: list[str] = []
    for match in _MARKER.finditer(text):
        for part in re.split(r"\s*,\s*", match.group(1)):
            bounds = re.split(r"\s*[–-]\s*", part)
            if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
                lo, hi = int(bounds[0]), int(bounds[1])
                numbers = [str(n) for n in range(lo, hi + 1)] if 0 < hi - lo < 50 else bounds
            else:
                numbers = [part]
            found.extend(n for n in numbers if n not in found)
    return tuple(found)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def format_size(n: int) -> str:
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def too_big(size: int) -> str:
    """The skip reason for an oversized file; reads the limit at call time (tests lower it)."""
    return f"file is too large ({format_size(size)}; the limit is {format_size(MAX_FILE_BYTES)})"


# "README", "FAQ", "INSTALL", "NEWS": by Unix convention a name in capitals without an extension
# is a plain-text document (a package's /usr/share/doc holds many); "Makefile" is not
_PLAIN_TEXT_NAME = re.compile(r"[A-Z][A-Z0-9_-]{1,30}")


_NOT_PROSE = frozenset({"TAGS", "GTAGS", "GRTAGS", "GPATH"})  # editors' symbol indexes


def is_plain_text_name(path: Path) -> bool:
    return (
        not path.suffix and _PLAIN_TEXT_NAME.fullmatch(path.name) is not None and path.name not in _NOT_PROSE
    )


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES or is_plain_text_name(path)


# --------------------------------------------------------------------------- text decoding


_OVERSTRUCK = re.compile(r"[^\n]\x08")


def decode_text(data: bytes) -> str:
    """Decode bytes that claim to be text; refuse binary junk rather than index mojibake."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableDocument("binary content, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        matches = list(from_bytes(data))
        if not matches:
            raise UnreadableDocument("not readable as text in any known encoding") from None
        best = matches[0]
        # Single-byte Western text fits several code pages equally well; Windows-1252 is by
        # far the commonest, so it wins a tie (else "naïve" can come out as cp1257 "naļve").
        for match in matches:
            if (
                match.encoding == "cp1252"
                and match.chaos <= best.chaos + 0.1
                and match.coherence >= best.coherence
            ):
                best = match
        text = str(best)
    # a typewriter's bold and underline ("H\bHE\bEL\bLO", "_\bw"), as nroff writes Postfix's READMEs
    # and man pages saved as text: the letters, once
    text = _OVERSTRUCK.sub("", text)
    controls = sum(1 for ch in text[:20000] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > max(5, len(text[:20000]) // 100):
        raise UnreadableDocument("binary content, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or (
        "<html" in head and "<head" in text[:4096].lower()
    )


# --------------------------------------------------------------------------- markdown / text

_HTML_HEAD = re.compile(r"(?is)<head\b.*?</head\s*>")
_HTML_TITLE = re.compile(r"<title[^>]*>([^<]+)</title>", re.I)
_GENERIC_TITLE = re.compile(r"^\W*(?:abstract|contents|introduction|index|home|untitled)\W*$", re.I)
_MONTH_ONLY = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?", re.I)


def parse_markdown(
    raw: str, *, numbered_headings: bool = False, h1_is_title: bool = True, converted: bool = False
) -> tuple[dict, str, list[Section], str | None]:
    """Markdown (or heading-structured plain text) to clean text plus sections (markup.py)."""
    meta, text, sections, title = markup.parse_markdown(
        raw, numbered_headings=numbered_headings, h1_is_title=h1_is_title, converted=converted
    )
    # a heading's no-break spaces ("4.1.\xa0Startup", as DocBook writes them) are spaces where it is shown
    return meta, text, [Section(a, b, heading.replace("\xa0", " ")) for a, b, heading in sections], title


# --------------------------------------------------------------------------- PDF

_HYPHEN_BREAK = re.compile(
    r"(\w+)-\n(?=(\w+))"
)  # the right part is looked at, not taken: "inter-/nation-/al"
_SOFT_BREAK = re.compile(r"(?<!\n)\n(?!\n)")
_SPACES = re.compile(r"[ \t\u00a0]+")
# typeset ligatures (U+FB00-FB06: ff fi fl ffi ffl st) as their letters: "ﬁle" is not the
# word "file" to the search index or to the encoder's tokenizer; the page view folds
# characters the same way (NFKC), so quotes are still placed on the page
_LIGATURES = {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}


# TeX's old font encoding (OT1) in a PDF that maps none of its glyphs to Unicode: pypdf reads the
# ligatures as control characters ("Satis\x0cability", "\x0cle"), an accent as a control before
# its letter ("E\x13en", "S\x7forensson"), the en dash as "{" ("(1.5){(1.6)") and the math minus as
# "\x00". Only a page that shows a ligature between two letters is read so, and "fl" ("\r", which
# also ends lines) is no sign of one.
_OT1_SEEN = re.compile(r"[a-z][\x0b\x0c\x0e\x0f][a-z]")
_OT1_LIGATURE = re.compile(r"(?<=[A-Za-z])[\x0b-\x0f]|[\x0b-\x0f](?=[A-Za-z])")
_OT1_LIGATURES = {"\x0b": "ff", "\x0c": "fi", "\x0d": "fl", "\x0e": "ffi", "\x0f": "ffl"}
_OT1_ACCENT = re.compile(r"([\x12-\x17\x7f])([A-Za-z])")
_OT1_ACCENTS = dict(
    zip("\x12\x13\x14\x15\x16\x17\x7f", "\u0300\u0301\u030c\u0306\u0304\u030a\u0308", strict=True)
)
_OT1_DASH = re.compile(r"(?<=[\d)])\{(?=[\d(])")
_OT1_MINUS = re.compile(r"(?<= )\x00(?= )")


def _tex_font_read(text: str) -> str:
    """Letters, accents and dashes of a page typeset in TeX's OT1 encoding (_OT1_SEEN)."""
    if not _OT1_SEEN.search(text):
        return text
    text = _OT1_LIGATURE.sub(lambda m: _OT1_LIGATURES[m.group(0)], text)
    text = _OT1_ACCENT.sub(
        lambda m: unicodedata.normalize("NFC", m.group(2) + _OT1_ACCENTS[m.group(1)]), text
    )
    return _OT1_MINUS.sub("\u2212", _OT1_DASH.sub("\u2013", text))


def written_with_hyphens(lines: list[str]) -> frozenset[str]:
    """The hyphenated words a document writes inside its lines ("camlidl-generated"): broken at
    a line's end, such a word keeps its hyphen."""
    return frozenset(m.group(0).lower() for line in lines for m in _HYPHENATED.finditer(line.rstrip()))


_HYPHENATED = re.compile(r"\b[^\W\d_]+(?:-[^\W\d_]+)+\b(?!-?$)")


def clean_pdf_page(raw: str, hyphenated: frozenset[str] = frozenset()) -> str:
    """Undo the line layout of a PDF page: join hyphenated words and wrapped lines; a word
    broken at its own hyphen ("camlidl-" / "generated", written so elsewhere) keeps it."""
    text = (
        _tex_font_read(raw)
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\u00ad", "")
        .translate(_LIGATURES)
    )
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    text = _HYPHEN_BREAK.sub(
        lambda m: f"{m.group(1)}-" if f"{m.group(1)}-{m.group(2)}".lower() in hyphenated else m.group(1),
        text,
    )
    text = _SOFT_BREAK.sub(" ", text)
    text = _SPACES.sub(" ", text)
    return text.strip()


def _pdf_pages(data: bytes) -> tuple[list[str], dict]:
    # pypdf logs each repair it tries ("EOF marker not found") straight to stderr, with no
    # file name; the skip reason already says what matters, so those lines are only noise.
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        return _read_pdf_pages(data)
    finally:
        logger.setLevel(level)


def laid_out_pages(raw_pages: list[list[str]]) -> tuple[list[str], set[str]]:
    """The text of each page, and the headings found on them as that text writes them (a
    heading typeset with a ligature, "6 Hints on writing IDL ﬁles", is found by its letters)."""
    pages, headings = [], set()
    hyphenated = written_with_hyphens([line for lines in raw_pages for line in lines])
    for number, lines in enumerate(pdf_layout.strip_furniture(raw_pages)):
        laid_out, found = pdf_layout.lay_out(lines, first_page=number == 0)
        pages.append(clean_pdf_page(laid_out, hyphenated))
        headings.update(clean_pdf_page(h) for h in found)
    return pages, headings


def _read_pdf_pages(data: bytes) -> tuple[list[str], dict]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:  # noqa: BLE001 - pypdf raises several types for unsupported crypto
                ok = 0
            if not ok:
                raise UnreadableDocument("encrypted PDF: it needs a password")
        raw_pages = [(page.extract_text() or "").replace("\r\n", "\n").split("\n") for page in reader.pages]
        pages, headings = laid_out_pages(raw_pages)
        info = reader.metadata or {}
        meta = {
            "title": str(info.get("/Title") or "").strip(),
            "author": str(info.get("/Author") or "").strip(),
            "headings": headings,
        }
    except UnreadableDocument:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, IndexError) as exc:
        detail = " ".join(str(exc).split())[:80]
        raise UnreadableDocument(f"broken PDF ({type(exc).__name__}: {detail})") from None
    except Exception as exc:  # noqa: BLE001 - a hostile PDF can trip anything inside pypdf
        raise UnreadableDocument(f"broken PDF ({type(exc).__name__})") from None
    return pages, meta


def join_pages(pages: list[str]) -> tuple[str, list[Page]]:
    """Concatenate pages, keeping each page's span. A sentence cut by a page break is rejoined
    with a space (the page number of a passage is the page where it starts)."""
    parts: list[str] = []
    spans: list[Page] = []
    pos = 0
    for number, page_text in enumerate(pages, start=1):
        if not page_text:
            continue
        if parts:
            previous = parts[-1]
            sep = (
                " " if previous and previous[-1] not in ".!?:;”\"')]" and page_text[:1].islower() else "\n\n"
            )
            parts.append(sep)
            pos += len(sep)
        spans.append(Page(pos, pos + len(page_text), number))
        parts.append(page_text)
        pos += len(page_text)
    return "".join(parts), spans


# --------------------------------------------------------------------------- loaders


_BOXED = re.compile(r"^([*|#+])\s+(.*?)\s+\1$|^()(.*?)\s{2,}[*|#+]$")


_FAQ_QUESTION_LINE = re.compile(r"\s*(?:Q|Question)\s*\d*\s*[:.)]\s+\S")


def _first_line_title(text: str, fallback: str) -> str:
    """The first line, unless it is a sentence of prose (a README that opens with "attrs is the
    Python package that ...") rather than a title: then the file's name."""
    for line in text.split("\n"):
        line = line.strip()
        if len(line) <= 200:
            line = _BOXED.sub(r"\2\4", line)  # "*   mpg123 - MPEG audio player   *": a banner's words
        if sum(c.isalpha() for c in line) < 3:
            continue  # "* * * * *", "=====": the banner's frame
        if len(line) > 200:
            return fallback  # a paragraph of prose comes first: no title line (micro's README)
        if len(line) >= 3:
            return fallback if len(line) > 80 and line.endswith((".", "!", "?")) else line
    return fallback


def _authors(value) -> tuple[str, ...]:
    if isinstance(value, str):
        names = [a.strip() for a in re.split(r";|,| and ", value)]
    elif isinstance(value, list):
        names = [str(a).strip() for a in value]
    else:
        return ()
    return tuple(a for a in names if _looks_like_name(a))


def _looks_like_name(text: str) -> bool:
    """A page's author field can hold a version and a date ("v1.11.1, Aug 2022"): not names."""
    letters = sum(c.isalpha() for c in text)
    return letters >= 3 and not any(c.isdigit() for c in text) and not _MONTH_ONLY.fullmatch(text)


def _year(value) -> int | None:
    match = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", str(value or ""))
    return int(match.group(1)) if match else None


# a plain-text specification made from troff keeps its font changes: "a \fIDisplay Manager\fP"
_TROFF_FONT = re.compile(r"\\f(?:[BIRP1-4]|\(\w\w|\[\w*\])")


# Emacs's mode line on a file's first line ("-*- text -*-", "# HACKING   -*- org -*-"): a note to
# the editor, which became the title ("-- text -- GNU Wget ========")
_MODE_LINE = re.compile(r"\A([^\n]*?)[ \t]*-\*-[^\n]*?-\*-[ \t]*(?=\n|\Z)")
# lines pushed to the right margin above a text's first line ("jw  21.10.93" / "05.05.94"): a
# dateline or a signature, not its title
# (a centred title ends mid-line; these end at the margin)


def _after_right_pushed(raw: str) -> str:
    """The text below a dateline pushed to the right margin at the top, or the whole text."""
    lines = raw.split("\n")
    at = 0
    while at < len(lines) and not lines[at].strip():
        at += 1
    first = at
    while at < len(lines) and (
        not lines[at].strip() or (len(lines[at].strip()) <= 30 and len(lines[at].expandtabs().rstrip()) >= 60)
    ):
        at += 1
    pushed = [line for line in lines[first:at] if line.strip()]
    return "\n".join(lines[at:]) if pushed and at < len(lines) else raw


def _from_markdown(source: str, raw: str, kind: str, stem: str) -> Document:
    # a web page's title is its <title>; its first <h1> may be a section ("Abstract")
    if kind != "html":
        raw = _MODE_LINE.sub(r"\1", raw, count=1)
    meta, text, sections, heading = parse_markdown(
        raw,
        numbered_headings=(kind == "text"),
        h1_is_title=(kind != "html"),
        converted=(kind in {"html", "docx"}),
    )
    below = _after_right_pushed(raw) if kind == "text" else raw
    first_line = _first_line_title(below if below is not raw else text, stem)
    if kind == "markdown" and sections and sections[0].start == 0 and sections[0].title == first_line:
        first_line = stem  # a README whose first line is its "## Introduction": no title of its own
    if _FAQ_QUESTION_LINE.match(below if below is not raw else raw):
        first_line = stem  # a FAQ that opens on its first question ("Q: I have compile/link problems.")
    title = str(meta.get("title") or heading or first_line).strip()
    extra = tuple(
        (str(k), str(v))
        for k, v in meta.items()
        if k not in {"title", "authors", "author", "year"} and isinstance(v, str | int | float)
    )
    authors, year = _authors(meta.get("authors") or meta.get("author")), _year(meta.get("year"))
    authors = authors or author_field(text)  # "Author: Gordon McMillan" under the title
    if kind == "text":  # a specification's title page: "David P. Wiggins", "November 15, 1996"
        first = sections[0].start if sections else len(text)  # the title page ends at the first heading
        authors = authors or title_page_authors(text, title, first)
        if (dated := title_page_date(text, first)) and not meta.get("date"):
            extra += (("date", dated),)
            year = year or _year(dated)
    else:  # a page's byline under its title heading: "Andreas Grünbacher, SuSE Labs agruen@suse.de"
        first = next((s.start for s in sections if s.start > 0), len(text))
        authors = authors or title_page_authors(text, title, first, names_alone=False)
    if (signed := sign_off(raw)) is not None:  # "-- Name <address>  date" closing the text
        # its author, not its date: the date a README was signed is not the date of the release
        # or the program it speaks of ("when was tcsh first released?"), which the reader would
        # take a document's date for
        authors = authors or (signed[0],)
    return Document(
        doc_id=source,
        source=source,
        title=title,
        text=text,
        kind=kind,
        authors=authors,
        year=year,
        metadata=extra,
        sections=tuple(sections),
    )


def _words(text: str) -> str:
    """A title's words, lower case, without punctuation ("IDLE¶", "Series — Changes")."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _from_html(source: str, raw: str, stem: str) -> Document:
    import trafilatura

    from .webpages import asterisk_stand_in, header_fields, listed_not_headed, page_markdown

    asterisk = asterisk_stand_in(raw)
    extracted = page_markdown(raw, asterisk)
    if not extracted.strip():
        raise UnreadableDocument("web page with no readable text")
    meta = trafilatura.extract_metadata(raw)
    doc = _from_markdown(source, extracted, "html", stem)
    head = _HTML_HEAD.search(raw)  # an inline SVG's <title> in the body is not the page's
    page_title = _HTML_TITLE.search(head.group(0)) if head else None
    tag_title = html.unescape(" ".join(page_title.group(1).split())) if page_title else ""
    found_title = meta.title if meta and meta.title else ""
    # the extractor's title drops a site name from <title> ("... - The Cargo Book"); one that
    # is not in <title> at all came from the page's chrome (mdBook's "Keyboard shortcuts" box)
    if tag_title and _words(found_title) not in _words(tag_title):
        found_title = ""
    titles = [found_title, tag_title, doc.sections[0].title if doc.sections else ""]
    title = next((t.rstrip("¶ ") for t in titles if t and not _GENERIC_TITLE.match(t)), stem)
    authors = (_authors(meta.author) if meta and meta.author else ()) or doc.authors
    header = header_fields(raw)  # an AsciiDoc page's author and revision date
    authors = authors or _authors(header.get("author", ""))
    metadata = doc.metadata
    if (dated := header.get("revdate")) and not doc.meta("date"):
        metadata += (("date", dated),)
    sections = doc.sections
    if sections and " ".join(sections[0].title.split()) == " ".join(title.split()):
        sections = sections[1:]  # the page's title as its <h1>: a title, not a section
    sections = _listings_unheaded(sections, listed_not_headed(raw, [s.title for s in sections]))

    def starred(text: str) -> str:
        return text.replace(asterisk, "*") if asterisk else text

    return Document(
        doc.doc_id,
        doc.source,
        starred(title),
        starred(doc.text),
        "html",
        authors,
        _year(header.get("revdate")) or _year(meta.date if meta else None),
        metadata,
        tuple(replace(s, title=starred(s.title)) for s in sections),
    )


def _listings_unheaded(sections: tuple[Section, ...], listed: set[str]) -> tuple[Section, ...]:
    """The sections without those a listing's line opened: each such line is part of the
    section before it, which runs on to where the line's own section ended."""
    kept: list[Section] = []
    for section in sections:
        if section.title in listed and kept:
            kept[-1] = replace(kept[-1], end=section.end)
        elif section.title not in listed:
            kept.append(section)
    return tuple(kept)


def _from_docx(source: str, data: bytes, stem: str) -> Document:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises zip, xml and key errors alike
        raise UnreadableDocument(f"broken DOCX ({type(exc).__name__})") from None
    lines: list[str] = []
    for para in document.paragraphs:
        style = (para.style.name if para.style is not None else "") or ""
        text = para.text.strip()
        if not text:
            continue
        level = re.match(r"Heading (\d)", style)
        if style == "Title":
            lines.append(f"# {text}")
        elif level:
            lines.append(f"{'#' * (int(level.group(1)) + 1)} {text}")
        else:
            lines.append(text)
        lines.append("")
    doc = _from_markdown(source, "\n".join(lines), "docx", stem)
    props = document.core_properties
    title = (props.title or "").strip() or doc.title
    return Document(
        doc.doc_id,
        doc.source,
        title,
        doc.text,
        "docx",
        _authors(props.author or ""),
        props.created.year if props.created else None,
        doc.metadata,
        doc.sections,
    )


# a title page's contents run into its byline: "Simon Prat 5th January 2015 Contents 1 Introduction 2
# 2 Menus 2 3 Modules 4": numbered titles each followed by its page, which say where, not what
_CONTENTS_RUN = re.compile(
    r"\s*\bContents\s+(?:\d+(?:\.\d+)*\.?\s+[A-Z][^\n\d]{1,60}?\s+\d{1,3}(?:\s+|$)){2,}\s*"
)


def _contents_cut(page: str) -> str:
    """A page without a contents run; what stood before it ends its paragraph there."""
    cut = _CONTENTS_RUN.sub("\n\n", page)
    if cut == page:
        return page
    return re.sub(r"\n{3,}", "\n\n", cut).rstrip() + page[len(page.rstrip()) :]  # the page's own end


def _from_pdf(source: str, data: bytes, stem: str) -> Document:
    pages, meta = _pdf_pages(data)
    text, spans = join_pages([_contents_cut(page) for page in pages])
    if not text.strip():
        raise UnreadableDocument("PDF has no text layer (a scan?); run OCR on it first")
    title = meta.get("title") or _first_line_title(text, stem)
    found = pdf_layout.sections(text, meta.get("headings") or set())
    return Document(
        source,
        source,
        title,
        text,
        "pdf",
        _authors(meta.get("author") or ""),
        sections=tuple(Section(a, b, heading) for a, b, heading in found),
        pages=tuple(spans),
    )


# a manual page rendered to text (`man gzip | col -bx`): "GZIP(1)   General Commands Manual   GZIP(1)"
_MAN_HEADER = re.compile(r"^([A-Za-z][\w.+-]*)\((\d\w*)\)\s{2,}.*\S\s{2,}\1\(\2\)\s*$")
_MAN_SECTION = re.compile(r"^[A-Z][A-Z0-9]*(?:[ /-][A-Z0-9]+)*$")  # "NAME", "SEE ALSO", at column 0


def man_page_as_markdown(raw: str) -> str | None:
    """A manual page saved as text, with its NAME, SYNOPSIS, … as headings and "gzip(1) — compress
    or expand files" as its title (it was one undivided text titled by its header line, so every
    citation of it read the same); None for any other text."""
    lines = raw.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    header = _MAN_HEADER.match(lines[first]) if first is not None else None
    if header is None:
        return None
    body = lines[first + 1 :]
    while body and not body[-1].strip():
        body.pop()
    if body and re.search(rf"\s{re.escape(header.group(1))}\({header.group(2)}\)\s*$", body[-1]):
        body.pop()  # the footer repeats the header's name
    name = f"{header.group(1).lower()}({header.group(2)})"
    out: list[str] = []
    summary = ""
    for i, line in enumerate(body):
        if _MAN_SECTION.match(line):
            heading = line.title() if len(line) > 3 else line
            out += ["", heading, "-" * len(heading), ""]
            if line == "NAME":
                summary = next((x.strip() for x in body[i + 1 :] if x.strip()), "")
        else:
            out.append(line)
    described = summary.split(" - ", 1)[1].strip() if " - " in summary else ""
    title = f"{name} — {described}" if described else name
    return f"{title}\n{'=' * len(title)}\n" + "\n".join(out) + "\n"


def load_document(path: Path, source: str, data: bytes | None = None) -> Document:
    """Read one corpus file. Raises UnreadableDocument with a one-line reason."""
    suffix = path.suffix.lower()
    if not is_supported(path):
        raise UnreadableDocument(f"unsupported file type '{suffix or path.name}'")
    if data is None:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableDocument(too_big(size))
        data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableDocument(too_big(len(data)))
    if not data.strip():
        raise UnreadableDocument("empty file")
    stem = path.stem.replace("_", " ").replace("-", " ")
    if suffix == ".pdf":
        doc = _from_pdf(source, data, stem)
    elif suffix == ".docx":
        doc = _from_docx(source, data, stem)
    else:
        raw = decode_text(data)
        if suffix in HTML_SUFFIXES or looks_like_html(raw):
            doc = _from_html(source, raw, stem)
        elif suffix in {".md", ".markdown"}:
            from .webpages import own_contents_dropped

            # a README's own contents list ("* [Release cycle](#release-cycle)") says where its
            # sections are, not what they say, and matched a question better than its answer
            doc = _from_markdown(source, own_contents_dropped(raw, same_page=True), "markdown", stem)
        else:
            raw = _TROFF_FONT.sub("", raw)
            doc = _from_markdown(source, man_page_as_markdown(raw) or raw, "text", stem)
    if not doc.text.strip():
        raise UnreadableDocument("no text in the file")
    return doc
