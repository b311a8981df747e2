"""The conversation as a Markdown file a student can cite from.

Every answer keeps silkqa's own citation numbers `[n]`; each source under it names who wrote
it, when, what, where it appeared, and the section and page of the quote. The documents'
own in-text reference markers (the paper's "[2]") are a different numbering, so in this file
they are written "(ref. 2)" and never as bracketed numbers beside silkqa's. Claim checks come
after the questions, each with its verdict, its parts and the evidence. A year that no
metadata gives is written "n.d." (no date) rather than guessed.

All document and user text is escaped (`ui_text.escape_markdown`): a file may hold markup.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from .ui_text import answer_segments, authors_text, escape_markdown, one_line, verdict_badge

_MARKER = re.compile(r"\s*(?:<sup>)?\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\](?:</sup>)?")
VENUE_KEYS = ("venue", "journal", "publisher", "container", "booktitle")


def source_markers_plain(text: str) -> str:
    """The document's own markers "[2]", "[1, 3]" written as " (ref. 2)", " (ref. 1, 3)"."""
    return _MARKER.sub(lambda m: " (ref. " + " ".join(m.group(1).split()) + ")", text or "")


def _venue(document) -> str | None:
    if document is None:
        return None
    meta = dict(getattr(document, "metadata", ()) or ())
    return next((str(meta[k]) for k in VENUE_KEYS if meta.get(k)), None)


def source_entry(citation, document=None) -> str:
    """'Authors (year). *Title*. Venue. Section "…", p. 3. File: x.md' for one citation."""
    authors = tuple(getattr(document, "authors", ()) or ())
    year = getattr(document, "year", None)
    title = one_line(getattr(document, "title", None) or citation.title)
    bits = [
        f"{escape_markdown(authors_text(authors, limit=10))} ({year or 'n.d.'})",
        f"*{escape_markdown(title)}*",
    ]
    venue = _venue(document)
    if venue:
        bits.append(escape_markdown(one_line(venue)))
    where = []
    if citation.section:
        # escaped whole, so "2.2" mid-line is not taken for a numbered list
        where.append(escape_markdown(f"section “{one_line(citation.section)}”"))
    if citation.page:
        where.append(f"p. {citation.page}")
    if where:
        bits.append(", ".join(where))
    bits.append(f"file {escape_markdown(citation.source)}")
    return ". ".join(bits) + "."


def work_entry(r) -> str:
    """A work from a document's bibliography: authors (year). *Title*. Venue. — full text?"""
    status = (
        f"full text in the library ({r.full_text_source})" if r.in_library else "full text not in the library"
    )
    venue = f" {escape_markdown(r.venue)}." if r.venue else ""
    return (
        f"{escape_markdown(authors_text(r.authors, limit=10))} ({r.year or 'n.d.'}). "
        f"*{escape_markdown(one_line(r.title))}*.{venue} — {escape_markdown(status)}"
    )


def _quote(text: str, indent: str = "   ") -> list[str]:
    lines = source_markers_plain(text).split("\n")
    return [indent + ("> " + escape_markdown(line) if line.strip() else ">") for line in lines]


def _citation_block(c, documents: Mapping, works: dict) -> list[str]:
    out = [f"{c.n}. {source_entry(c, documents.get(c.doc_id))}", ""]
    out += _quote(c.quote)
    for r in c.references:
        works.setdefault(r.key, r)
        if not r.marker:
            cites = "bibliography entry"
        elif getattr(r, "scope", "sentence") == "paragraph":
            cites = f"its paragraph cites ref. {escape_markdown(r.marker)}"
        else:
            cites = f"cites ref. {escape_markdown(r.marker)}"
        out += ["", f"   - The passage {cites}: {work_entry(r)}"]
    out.append("")
    return out


def answer_text(answer) -> str:
    """The answer's text with silkqa's [n] kept and the sources' own markers as (ref. n)."""
    return "".join(
        escape_markdown(source_markers_plain(seg.text)) if seg.n is None else f" [{seg.n}]"
        for seg in answer_segments(answer.answer, answer.citations)
    )


def _check_block(i: int, check, documents: Mapping, works: dict) -> list[str]:
    label = verdict_badge(check.verdict)[0]
    out = [f"### {i}. {escape_markdown(one_line(check.claim))}", ""]
    reason = f" — {escape_markdown(one_line(check.reason))}" if check.reason else ""
    out += [f"**Verdict: {label}**{reason}", ""]
    parts = list(check.parts)
    if len(parts) > 1:
        numbers = list(check.part_evidence) or [()] * len(parts)
        out += ["This claim has parts, each checked on its own:", ""]
        for (text, verdict), ns in zip(parts, numbers, strict=False):
            cites = "".join(f" [{n}]" for n in ns)
            out.append(f"- “{escape_markdown(one_line(text))}” — {verdict_badge(verdict)[0]}{cites}")
        out.append("")
    for d in check.differences:
        where = f" [{d.n}]" if d.n else ""
        kind = f" ({escape_markdown(str(d.kind).replace('_', ' '))})" if d.kind else ""
        out.append(
            f"- The claim says “{escape_markdown(one_line(d.claim_term) or '—')}”; the source{where} says "
            f"“{escape_markdown(one_line(d.source_term) or '—')}”{kind}."
        )
    if check.differences:
        out.append("")
    if check.evidence:
        out += ["**Evidence**" if check.verdict != "not_found" else "**Closest passages**", ""]
        for c in check.evidence:
            out += _citation_block(c, documents, works)
    return out


def conversation_markdown(
    answers: Sequence,
    checks: Sequence = (),
    documents: Mapping | None = None,
    exported_at: datetime | None = None,
    title: str = "silkqa conversation",
) -> str:
    """Questions with their answers and sources, then claim checks (oldest first, as asked),
    then one reference list of the documents quoted and the works they cite."""
    documents = documents or {}
    when = (exported_at or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        f"# {escape_markdown(title)}",
        "",
        f"_Exported {when}. Every answer quotes the library; a number in brackets such as [1] points to "
        "the numbered source under it. A source's own reference markers are written (ref. 1)._",
        "",
    ]
    works: dict[str, object] = {}
    quoted: dict[str, object] = {}
    if answers:
        out += ["## Questions", ""]
    for i, a in enumerate(answers, start=1):
        out += [f"### {i}. {escape_markdown(one_line(a.question))}", ""]
        if a.abstained:
            out += [f"> **No answer in the library.** {escape_markdown(one_line(a.answer))}", ""]
        else:
            out += [answer_text(a), ""]
        cites = a.citations or getattr(a, "closest", ())
        if cites:
            out += ["**Closest passages**" if a.abstained else "**Sources**", ""]
            for c in cites:
                quoted.setdefault(c.doc_id, c)
                out += _citation_block(c, documents, works)
    if checks:
        out += ["## Claim checks", ""]
        for i, check in enumerate(checks, start=1):
            for c in check.evidence:
                quoted.setdefault(c.doc_id, c)
            out += _check_block(i, check, documents, works)
    if quoted:
        out += ["## Documents quoted", ""]
        for c in quoted.values():
            document = documents.get(c.doc_id)
            authors = tuple(getattr(document, "authors", ()) or ())
            year = getattr(document, "year", None)
            venue = _venue(document)
            line = (
                f"- {escape_markdown(authors_text(authors, limit=10))} ({year or 'n.d.'}). "
                f"*{escape_markdown(one_line(getattr(document, 'title', None) or c.title))}*."
            )
            if venue:
                line += f" {escape_markdown(one_line(venue))}."
            out.append(line + f" File {escape_markdown(c.source)}.")
        out.append("")
    if works:
        out += ["## Works cited by the sources", ""]
        out += [f"- {work_entry(r)}" for r in works.values()]
        out.append("")
    if not answers and not checks:
        out += ["_No questions asked and no claims checked yet._", ""]
    return "\n".join(out)
