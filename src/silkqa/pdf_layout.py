"""The layout a PDF's text layer loses: running headers, page numbers and headings.

pypdf gives each page as lines. Read naively, the title repeated at the top of every page and
the folio at its foot end up inside sentences ("Shared MIME-info Database If a matching
pattern ...") and in quotes, and headings run into the sentence after them ("1.1. Version
This is version 0.21 ..."), so a PDF has no sections: no "show the whole section", no
overview of the section a question names. These rules recover that from the lines alone
(no fonts, which a text layer may not keep): a line repeated at the same edge of many pages
is furniture; a short numbered or conventionally named line standing alone is a heading.
"""

from __future__ import annotations

import re

_FOLIO = re.compile(r"^(?:page\s+)?(?:\d{1,4}|[ivxlcdm]{1,6})(?:\s*(?:/|of)\s*\d{1,4})?$", re.I)
_NUMBERED = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[A-H]\.(?:\d{1,2}\.){0,3}\d{0,2}|Appendix\s+[A-H]\.?)\s+(\S.*)$"
)
_NAMED = re.compile(
    r"^(?:abstract|introduction|background|related work|methods?|methodology|results?|discussion|"
    r"conclusions?|concluding remarks|summary|acknowledge?ments?|references|bibliography|appendix)$",
    re.I,
)
_MONTH = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)
_IDENTIFIER = re.compile(r"\w_\w|\b[A-Za-z]+\d")
_RUNNING_FOLIO = re.compile(r"^(?:# \S+(?: \S+){2,}|\S+(?: \S+){2,} #)$")
_TOC_LINE = re.compile(r"\.\s?\.\s?\.\s?\.\s*\d{1,4}\s*$")  # a dot leader, then the page
MAX_LINE = 300  # longer lines are prose (or junk), never a heading, header or contents line
_EDGE = 2  # lines at the top and at the foot of a page where running headers and footers sit
# a footnote that is only a link, at a page's foot: joined to the last line, it sat inside the
# sentence that runs on to the next page ("used in other 1http://caml.inria.fr/... programs")
_LINK_FOOTNOTE = re.compile(r"^\d{1,2}\s*(?:https?://|ftp://|www\.)\S+$")
_FOOT = 4  # lines at a page's foot where such footnotes sit (above the folio)


def _shape(line: str) -> str:
    """A line with its numbers blurred, so "Page 3 of 9" and "Page 4 of 9" count as one."""
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def strip_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Drop running headers/footers (a line at the same edge of many pages) and bare folios.

    The first line of the first page is kept even when it repeats as a header: there it is the
    title."""
    pages = [[line.strip() for line in lines if line.strip()] for lines in pages]
    counts: dict[str, int] = {}
    tops: dict[str, int] = {}  # a chapter's running header tops only that chapter's pages
    for lines in pages:
        edge = {_shape(line) for line in lines[:_EDGE] + lines[-_EDGE:]}
        for shape in edge:
            counts[shape] = counts.get(shape, 0) + 1
        for line in {" ".join(line.split()) for line in lines[:1] + lines[-1:]}:
            tops[line] = tops.get(line, 0) + 1  # exact text: "Chapter 1", "Chapter 2" are headings
    threshold = max(3, int(0.3 * len(pages)) + 1)
    # a header with the folio in it ("Chapter 2: Parsing 3") repeats only along its chapter
    repeated = {
        shape for shape, n in counts.items() if n >= threshold or (n >= 2 and _RUNNING_FOLIO.match(shape))
    }
    repeated_lines = {line for line, n in tops.items() if n >= 3}
    if len(pages) < 4:
        repeated, repeated_lines = set(), set()
    cleaned = []
    for number, lines in enumerate(pages):
        keep = []
        for i, line in enumerate(lines):
            at_edge = i < _EDGE or i >= len(lines) - _EDGE
            title_line = number == 0 and i == 0
            if len(line) > MAX_LINE:
                keep.append(line)
                continue
            header = _shape(line) in repeated or " ".join(line.split()) in repeated_lines
            if at_edge and not title_line and (_FOLIO.match(line) or header):
                continue
            if i >= len(lines) - _FOOT and _LINK_FOOTNOTE.match(line):
                continue  # "1http://caml.inria.fr/...": a link target, not text (as in Markdown)
            if _TOC_LINE.search(line):  # "2.5. MEMORY MANAGEMENT . . . . . . . 5": the contents page
                continue
            keep.append(line)
        cleaned.append(keep)
    return cleaned


def is_heading(line: str, next_line: str | None, typical_length: float) -> bool:
    """A line that names a section: numbered ("2.5. The magic files") or conventional
    ("Abstract", "References"), short, not ending as a sentence or a wrapped line does, and
    followed by a line that starts afresh."""
    line = line.strip()
    if len(line) > MAX_LINE:
        return False
    if _NAMED.match(line.rstrip(":")):
        return True
    match = _NUMBERED.match(line)
    if not match:
        return False
    rest = match.group(1)
    words = rest.split()
    if not words[0][:1].isupper() or _MONTH.match(rest) or len(words) > 10:
        return False
    if line.endswith((".", ",", ";", ":", "-")) or re.search(r"\d$|\.{3,}", line):  # a sentence, a TOC entry
        return False
    if re.search(r"\s(?:the|a|an|of|in|to|and|or|for|with|on|at|by|from)$", line, re.I):
        return False  # "1.5 Million people lived in the" / "city ...": wrapped prose
    if re.search(r":\s+[a-z]", rest) and next_line is not None and next_line[:1].islower():
        return (
            False  # "5. Function tracing is enabled: command substitution, shell" / "functions, ...": an item
        )
    if sum(c.isalpha() for c in rest) < 3 or _IDENTIFIER.search(rest):  # a table row of field names
        return False
    if len(line) > max(60, 0.8 * typical_length):  # a full-width line is prose wrapped there
        return False
    # "2.3. DESCRIPTION" may be followed by "bzip2 compresses ..."; a bare "12 Trams were" is
    # more likely a wrapped line unless what follows starts afresh
    # as is "2.3 Attributes" above a grammar rule: a number with an inner dot is no wrapped count
    dotted = bool(re.match(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.\s|^\d{1,2}(?:\.\d{1,2}){1,3}\s", line))
    return dotted or next_line is None or not next_line[:1].islower()


def lay_out(lines: list[str], first_page: bool = False) -> tuple[str, list[str]]:
    """One page as text with each heading on a paragraph of its own (blank lines around it),
    for the cleaner that joins wrapped lines into paragraphs; and the headings found. On the
    first page the first line (the title) stands alone too."""
    if not lines:
        return "", []
    lengths = sorted(len(line) for line in lines)
    typical = lengths[len(lengths) * 3 // 4]  # the long lines are the full-width ones
    out: list[str] = []
    headings: list[str] = []
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else None
        if first_page and i == 0 and len(lines) > 1:
            out.extend([line, ""])
        elif is_heading(line, following, typical):
            out.extend(["", line, ""])
            headings.append(" ".join(line.split()))
        else:
            out.append(line)
    return "\n".join(out), headings


def sections(text: str, headings: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, heading) of each section of a laid-out PDF text: from a heading paragraph
    to the next one."""
    starts: list[tuple[int, str]] = []
    offset = 0
    for paragraph in text.split("\n\n"):
        line = paragraph.strip()
        if line in headings:
            starts.append((offset + paragraph.index(line), line))
        offset += len(paragraph) + 2
    return [
        (start, starts[n + 1][0] if n + 1 < len(starts) else len(text), title)
        for n, (start, title) in enumerate(starts)
    ]
