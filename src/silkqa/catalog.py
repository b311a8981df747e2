"""The bibliography: works cited by documents in the library, with or without their full text.

A catalog entry is searchable on its own (it becomes a one-passage `Document`), the in-text
markers of the citing paper resolve to it, and when a user adds the cited work itself the
entry is linked to that file by title, so a reference trail can lead into the full text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .documents import Document, UnreadableDocument

CATALOG_SUFFIX = "references.json"


@dataclass(frozen=True)
class Reference:
    key: str
    authors: tuple[str, ...]
    title: str
    venue: str | None
    year: int | None
    issue: str | None
    pages: str | None
    kind: str | None
    cited_by: tuple[tuple[str, str], ...]  # (citing source, marker)
    full_text: str | None  # corpus source of the full text, when declared in the catalog

    @property
    def doc_id(self) -> str:
        return f"ref:{self.key}"

    def citation_line(self) -> str:
        """A conventional one-line reference, for people."""
        bits = [
            ", ".join(self.authors) or "Unknown author",
            f"({self.year})" if self.year else "",
            f"{self.title}.",
        ]
        venue = self.venue or ""
        if self.issue:
            venue += f", no. {self.issue}"
        if self.pages:
            venue += f", pp. {self.pages}"
        if venue:
            bits.append(venue.strip(", ") + ".")
        return " ".join(b for b in bits if b)


def parse_catalog(data: bytes, source: str) -> tuple[Reference, ...]:
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UnreadableDocument(f"catalog is not valid JSON ({exc.__class__.__name__})") from None
    entries = raw.get("entries") if isinstance(raw, dict) else raw
    if not isinstance(entries, list):
        raise UnreadableDocument("catalog has no list of entries")
    refs: list[Reference] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not entry.get("title"):
            raise UnreadableDocument(f"catalog entry {i + 1} has no title")
        key = re.sub(r"[^A-Za-z0-9_.-]+", "-", str(entry.get("key") or f"entry-{i + 1}"))
        if key in seen:
            raise UnreadableDocument(f"catalog key '{key}' appears twice")
        seen.add(key)
        authors = entry.get("authors") or []
        if isinstance(authors, str):
            authors = [authors]
        cited = tuple(
            (str(c.get("source", "")), str(c.get("marker", "")))
            for c in entry.get("cited_by") or []
            if isinstance(c, dict)
        )
        year = entry.get("year")
        refs.append(
            Reference(
                key=key,
                authors=tuple(str(a) for a in authors),
                title=str(entry["title"]).strip(),
                venue=str(entry["venue"]) if entry.get("venue") else None,
                year=int(year) if str(year or "").isdigit() else None,
                issue=str(entry["issue"]) if entry.get("issue") else None,
                pages=str(entry["pages"]) if entry.get("pages") else None,
                kind=str(entry["type"]) if entry.get("type") else None,
                cited_by=cited,
                full_text=str(entry["full_text"]) if entry.get("full_text") else None,
            )
        )
    return tuple(refs)


def reference_document(ref: Reference, source: str) -> Document:
    """The searchable record of a cited work: who wrote it, what, where and when."""
    lines = [ref.title, f"Authors: {', '.join(ref.authors) or 'unknown'}."]
    published = []
    if ref.kind:
        published.append(ref.kind.capitalize())
    if ref.venue:
        published.append(f"published in {ref.venue}")
    if ref.year:
        published.append(f"in {ref.year}")
    if ref.issue:
        published.append(f"issue {ref.issue}")
    if ref.pages:
        published.append(f"pages {ref.pages}")
    if published:
        lines.append(", ".join(published) + ".")
    for citing, marker in ref.cited_by:
        lines.append(f"Cited as reference [{marker}] in {citing}.")
    metadata = tuple((k, v) for k, v in (("key", ref.key), ("venue", ref.venue or "")) if v)
    return Document(
        doc_id=ref.doc_id,
        source=source,
        title=ref.title,
        text="\n\n".join(lines),
        kind="reference",
        authors=ref.authors,
        year=ref.year,
        metadata=metadata,
    )


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def title_matches(reference_title: str, document: Document) -> bool:
    """Whether `document` is the full text of the work titled `reference_title`.

    The document's own title, or the opening of its text, must carry the reference title's
    words in order (catalog titles and PDF metadata differ in case, quotes and spacing).
    """
    wanted = " ".join(_words(reference_title))
    if len(wanted) < 12:
        return False
    candidates = [document.title, document.text[:3000]]
    return any(wanted in " ".join(_words(c)) for c in candidates if c)


def link_full_texts(refs: tuple[Reference, ...], documents: list[Document]) -> dict[str, str]:
    """Map reference key to the source of its full text in the library, if any."""
    links: dict[str, str] = {}
    by_source = {d.source: d for d in documents if d.kind != "reference"}
    for ref in refs:
        if ref.full_text and ref.full_text in by_source:
            links[ref.key] = ref.full_text
            continue
        for doc in by_source.values():
            if title_matches(ref.title, doc):
                links[ref.key] = doc.source
                break
    return links
