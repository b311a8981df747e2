"""A saved web page as Markdown text: the main content, its headings kept, tables readable.

trafilatura is made for pages wrapped in navigation and adverts, and keeps their article. On
a page that is all document (a manual, a specification) it can drop much of the prose — on
one manual here it kept 58% of the text, losing every note that followed a code block. So a
page whose extract keeps much less than its visible text is converted whole (markdownify),
minus scripts, styles and navigation. Tables become "field: value" lines either way, so an
infobox fact ("Born: August 4, 1961") reads as a sentence and table borders never become
evidence.
"""

from __future__ import annotations

import html
import re

from .markup import POWER

# Below this share of the page's visible text, the extract is judged to have lost content.
MIN_EXTRACT_SHARE = 0.6
# what the Markdown writers escape (trafilatura: * _ ` ~ [ ] < anywhere, # - + > at a line's start;
# markdownify: * _): a backslash before anything else is the page's own ("--ignore='.*\\.orig'")
_MD_ESCAPE = re.compile(r"\\([\\`*_\[\]<>~#+\-])")
_MD_ESCAPED_NUMBER = re.compile(r"^([ \t]*\d{1,9})\\([.)])", re.M)  # "1\. item": a list's number, escaped
_HTML_HEADING = re.compile(r"<h[1-6]\b[^>]*>\s*(?:<[^>]+>\s*)*[^<\s]", re.I)
_MAIN = re.compile(r"(?is)<(main|article)\b.*</\1\s*>")
_CHROME = re.compile(r"(?is)<(aside|footer)\b.*?</\1\s*>")
_HTML_PRE = re.compile(r"<pre\b", re.I)
_MD_HEADING = re.compile(r"^#{1,6}\s+\S")
# the extractor writes a code block as a line of code span and runs the next heading on after it
_HEADING_AFTER_CODE = re.compile(r"(?m)^(`[^`\n]+`)[ \t]+(#{1,6}[ \t]+\S)")
# markdownify keeps an XHTML page's <?xml ...?> declaration as text, and the <head>'s <title>
# as the first line of the body: neither is the document's text
_NOT_BODY = re.compile(r"(?is)<\?.*?\?>|<head\b.*?</head\s*>")
# a list that a sentence introduces ("... make sure you have filled out the following fields:"),
# and its items that are one link each ("<li><a href=...>license</a></li>"): the extractor drops
# lists of links as navigation, and with this one what the sentence promised. The colon may sit
# inside inline markup ("fields:</em></p>"). A nested list is read up to its first closing tag;
# a loose list (<li><p><a ...>) is not handled.
_INTRODUCED_LIST = re.compile(
    r"(?is)<p\b[^>]*>((?:(?!</?p\b).)*?):\s*(?:</\w+>\s*)*</p>\s*(<(ul|ol)\b[^>]*>)((?:(?!</(?:ul|ol)\b).)*)(</\3\s*>)"
)
_LINK_ITEM = re.compile(r"(?is)(<li\b[^>]*>)\s*<a\b[^>]*>((?:(?!</?(?:a|li)\b).)*)</a>\s*(</li>)")
_HREF = re.compile(r"(?is)<a\b[^>]*\bhref\s*=\s*[\"']?([^\"'\s>]*)")
# what introduces a page's own contents or its links elsewhere, not content
_MENU_INTRODUCTION = re.compile(
    r"\b(?:contents|on this page|in this (?:page|section|chapter|article)|see also|related|next|previous|"
    r"read more|more information|further reading|links?)\W*$",
    re.I,
)


_TABLE_CELL = re.compile(r"(?i)<t[dh]\b")
LAYOUT_CELL_CHARS = 800  # a cell of a table of data holds a value, not pages of prose
LAYOUT_ROWS = 3  # a table that lays a page out has a row or three (banner, menu and body, footer)


def _own(table, names: list[str]) -> list:
    """The table's own elements of these names, not those of a table nested in it."""
    return [e for e in table.find_all(names) if e.find_parent("table") is table]


def _is_layout_table(table) -> bool:
    """A table whose own cells hold a heading or pages of prose lays out the page; so does one of a
    few rows whose cells hold other tables. A table of data (an infobox with sub-boxes among its
    many rows) is none."""
    few_rows = len(_own(table, ["tr"])) <= LAYOUT_ROWS
    for cell in _own(table, ["td", "th"]):
        if cell.find(["h1", "h2", "h3", "h4", "h5", "h6"]) is not None:
            return True
        if few_rows and cell.find("table") is not None:
            return True
        if len(" ".join(cell.get_text(" ").split())) > LAYOUT_CELL_CHARS:
            return True
    return False


def _layout_tables_unwrapped(raw: str) -> str:
    """A page laid out with tables (old manuals put their whole body, headings and all, in one
    cell) reads as its flow: each layout table's cells become blocks, so that the extractor keeps
    its headings and paragraphs instead of one table row of everything. Tables of data stay tables
    (and become "field: value" lines later). A page with no layout table is returned as it is.
    lxml parses as browsers do: a cell whose end tag is left out ends at the next cell."""
    if not _TABLE_CELL.search(raw):
        return raw
    import warnings

    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    with warnings.catch_warnings():  # an XHTML manual is read as the HTML it also is
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(raw, "lxml")
    # classified once, on the page as written; unwrapped innermost first
    layout = [t for t in soup.find_all("table") if _is_layout_table(t)]
    for table in reversed(layout):
        for part in _own(table, ["td", "th"]):
            part.name, part.attrs = "div", {}
        for part in _own(table, ["tr", "thead", "tbody", "tfoot", "caption", "colgroup", "col"]):
            part.unwrap()
        table.name, table.attrs = "div", {}
    return str(soup) if layout else raw


def _extract(raw: str) -> str | None:
    import trafilatura

    return trafilatura.extract(
        raw,
        output_format="markdown",
        include_formatting=True,  # keeps headings and paragraph breaks, hence sections
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        with_metadata=False,
    )


def _visible_length(raw: str) -> int:
    import trafilatura

    return len(" ".join((trafilatura.html2txt(raw) or "").split()))


def _main_part(raw: str, marked: re.Match | None = None) -> str:
    """The page's <main> or <article> when it marks one, else the page without its asides and
    footers: a blog's sidebar headings ("Recent posts") are not the document's."""
    marked = marked or _MAIN.search(raw)
    return marked.group(0) if marked else _CHROME.sub(" ", raw)


def _whole(raw: str) -> str:
    import markdownify

    text = _CHROME.sub(" ", _main_part(_NOT_BODY.sub(" ", raw)))
    text = re.sub(r"(?is)<(script|style|nav|noscript|template)\b.*?</\1\s*>", " ", text)
    from bs4 import BeautifulSoup

    # parsed as a browser parses it (lxml): an <li> that a page leaves open ends at the next
    # <li>; Python's html.parser nests it, and markdownify then glues the item to the one before
    # ("... the same IP address.- postscreen(8)'s built-in SMTP engine ...")
    converter = markdownify.MarkdownConverter(heading_style="ATX", bullets="-", strip=["img"])
    return converter.convert_soup(BeautifulSoup(text, "lxml"))


def _headings(markdown: str) -> int:
    """ATX headings outside code fences."""
    count, fenced = 0, False
    for line in markdown.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and _MD_HEADING.match(line):
            count += 1
    return count


_TAGS = re.compile(r"<[^>]+>")


def _blocks_of(raw: str, tags: str) -> list[str]:
    """The text of the page's elements of these tags, lines kept."""
    import html

    found = re.findall(rf"(?is)<({tags})\b[^>]*>(.*?)</\1\s*>", raw)
    return [html.unescape(_TAGS.sub("", inner)) for _, inner in found]


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", text.lower()))


def _begins(line: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """The line starts with the words' first and holds the rest in order: a placeholder the
    page's text lost ("getmail-<version>.tar.gz" read as "getmail-.tar.gz") is skipped."""
    if not words or not line or line[0] != words[0]:
        return False
    rest = iter(line[1:])
    return all(word in rest for word in words[1:])


def listed_not_headed(raw: str, titles: list[str]) -> set[str]:
    """Of these section titles, those that begin a line of a listing (<pre>) and are no heading
    of the page: the extractor writes a listing's root prompt bare ("# python setup.py
    --show-default-install-dirs"), which reads as a Markdown heading, but is the command a
    sentence introduces."""
    if "<pre" not in raw.lower():
        return set()
    headings = {_tokens(h) for h in _blocks_of(raw, "h[1-6]")}  # "Options¶" is "Options"
    lines = [
        _tokens(re.sub(r"^\s*[#$]\s+", "", line))
        for block in _blocks_of(raw, "pre")
        for line in block.splitlines()
    ]
    return {
        t for t in titles if (words := _tokens(t)) not in headings and any(_begins(x, words) for x in lines)
    }


def _fences(markdown: str) -> int:
    """Fenced code blocks."""
    return sum(1 for line in markdown.split("\n") if line.lstrip().startswith("```")) // 2


def _linked_items_kept(raw: str) -> str:
    """In a list that a sentence ending in a colon introduces, items that are one link each lose
    the link and keep their words: there they are content, not a menu. A contents list stays a
    menu: one of links within the page, or one introduced as contents, "see also" or the like."""

    def unlinked(listed: re.Match) -> str:
        introduction = re.sub(r"<[^>]+>", " ", listed.group(1))
        hrefs = _HREF.findall(listed.group(4))
        if (
            len(introduction.split()) <= 3
            or _MENU_INTRODUCTION.search(introduction)
            or (hrefs and all(h.startswith("#") for h in hrefs))
        ):
            return listed.group(0)
        items = _LINK_ITEM.sub(r"\1\2\3", listed.group(4))
        return listed.group(0)[: listed.start(4) - listed.start(0)] + items + listed.group(5)

    return _INTRODUCED_LIST.sub(unlinked, raw)


# The extractor writes <em> as *...* and leaves the page's own asterisks as they are, so
# "<em>*ffi_closure_alloc (void **code)</em>" came out as "ffi_closure_alloc (void *code)" once
# the emphasis was read: a quote that is not the page's. The page's asterisks travel as a
# printable character the page does not use (the extractor drops private-use ones), one for
# one so that offsets hold, and become asterisks again in the document's text.
_STAND_INS = ("\ufe61", "\u2731", "\u229b")  # small asterisk, heavy asterisk, circled asterisk
_ASTERISK = re.compile(r"\*|&ast;|&#0*42;|&#x0*2a;", re.I)
# a heading's or a definition's permalink ("¶", Sphinx's and Texinfo's): the page's furniture
_PERMALINK = re.compile(r"<a\b[^>]*>\s*(?:¶|&para;|&#0*182;|&#x0*b6;)\s*</a>", re.I)


# a page's own table of contents as the extractor writes it: one link into the page per line
# ("[7.5. What is a Debian conffile?](pkg-basics.en.html#conffile)", "- [Usage](#usage)"); a
# reader took the list for the answer, and it says again what the headings say
_CONTENTS_ENTRY = re.compile(r"^\s*(?:[-*+:]\s+|\d+[.)]\s+)?\[[^\]\n]+\]\(([^)\s#]*)#[^)\s]*\)\s*$")
_CONTENTS_TITLE = re.compile(
    r"(?i)^\W*(?:table of contents|contents|on this page)\W*$"
)  # "► Table Of Contents"
MIN_CONTENTS_ENTRIES = 3


def own_contents_dropped(markdown: str, same_page: bool = False) -> str:
    """The page's text without its own contents list: a run of lines, each one link to a place
    in one page (blank lines between), and the "Table of Contents" line that introduces it.
    `same_page`: only links to places in the text itself ("[Release cycle](#release-cycle)"),
    as a README's contents list; a list of links into other files says where to read on."""
    lines = markdown.split("\n")
    drop: set[int] = set()
    i = 0
    while i < len(lines):
        entry = _CONTENTS_ENTRY.match(lines[i])
        if not entry:
            i += 1
            continue
        run, j = [i], i + 1
        while j < len(lines):
            if not lines[j].strip():
                j += 1
                continue
            following = _CONTENTS_ENTRY.match(lines[j])
            if not following or following.group(1) != entry.group(1):
                break
            run.append(j)
            j += 1
        before = run[0] - 1
        while before >= 0 and not lines[before].strip():
            before -= 1
        # "This module provides the following parsers:" above links to their sections: the list is
        # what the sentence says, not the page's contents
        introduced = (
            before >= 0
            and lines[before].rstrip().endswith(":")
            and not _CONTENTS_TITLE.match(lines[before])
            and len(lines[before].split()) >= 3
        )
        if len(run) >= MIN_CONTENTS_ENTRIES and not (same_page and entry.group(1)) and not introduced:
            drop.update(range(run[0], run[-1] + 1))
            if before >= 0 and _CONTENTS_TITLE.match(lines[before]):
                drop.add(before)
                if before > 0 and re.fullmatch(r"[^\w\s]+", lines[before - 1].strip()):
                    drop.add(before - 1)  # the toggle that opens it ("►")
        i = max(j, i + 1)
    return "\n".join(line for n, line in enumerate(lines) if n not in drop) if drop else markdown


# An AsciiDoc page's header (asciidoc's xhtml11 and Asciidoctor's html5 output, as Debian ships
# for git, i3 and others): the author and the revision's date stand in spans under the <h1>,
# which the extractor drops with the title, so "who wrote the guide?" had no line to quote
_ASCIIDOC = re.compile(r'<meta\s+name="generator"\s+content="Asciidoc(?:tor)?\b', re.I)
_HEADER_START = re.compile(r'<div\s+id="header"\s*>', re.I)
HEADER_CHARS = 4000  # a header's title, author, address and revision: never longer
_HEADER_FIELD = re.compile(
    r'(?is)<span\s+(?:[^<>]{0,200}\s)?id="(author|revnumber|revdate)"[^<>]{0,200}>(.{0,300}?)</span>'
)


def header_fields(raw: str) -> dict[str, str]:
    """An AsciiDoc page's header fields, as the page shows them: author, revnumber, revdate."""
    body = raw.find("<body")
    if not _ASCIIDOC.search(raw[: body if body >= 0 else HEADER_CHARS]):
        return {}  # another page's "author" span is a blog's "Posted by admin"
    start = _HEADER_START.search(raw)
    if start is None:
        return {}
    header = raw[start.end() : start.end() + HEADER_CHARS]
    header = re.split(r'<div\s+id="(?:content|toc|preamble)"', header, maxsplit=1, flags=re.I)[0]
    fields: dict[str, str] = {}
    for name, value in _HEADER_FIELD.findall(header):
        text = html.unescape(" ".join(re.sub(r"<[^>]+>", " ", value).split())).strip(" ,")
        if text:
            fields.setdefault(name.lower(), text)
    return fields


def _byline_kept(extracted: str, raw: str) -> str:
    """The extracted text with the page's header byline above it ("Michael Stapelberg" /
    "January 2014"), when the extractor dropped it."""
    fields = header_fields(raw)
    lines = [fields[k] for k in ("author",) if k in fields]
    dated = " ".join(fields[k] for k in ("revnumber", "revdate") if k in fields)
    lines += [dated] if dated else []
    top = " ".join(extracted[:2000].split())
    missing = [line for line in lines if line not in top]
    if not missing:
        return extracted
    heading = re.match(r"\s*#[^\n]*\n+", extracted)  # under the page's own title heading, if kept
    at = heading.end() if heading else 0
    return extracted[:at] + "\n\n".join(missing) + "\n\n" + extracted[at:].lstrip("\n")


def asterisk_stand_in(raw: str) -> str | None:
    """The character a page's own asterisks are written as on their way through the extractor
    (None for a page that uses all of them: its asterisks then go as they are)."""
    return next((c for c in _STAND_INS if c not in raw), None)


# a DocBook page's navigation bars ("2.8. Accounts: <<< Prev; Chapter 2. The Basics; Next >>>"):
# links to the pages around it, no text of its own (they hold a table, never another <div>)
_DOCBOOK_NAVIGATION = re.compile(r'<div\b[^>]*\bclass="nav(?:header|footer)"[^>]*>.*?</div>', re.I | re.S)


def page_markdown(raw: str, asterisk: str | None = None) -> str:
    """The readable text of a web page as Markdown ('' when there is none); with `asterisk`,
    the page's own asterisks are written as that character."""
    raw = _DOCBOOK_NAVIGATION.sub("", _PERMALINK.sub("", raw))
    if asterisk:
        raw = _ASTERISK.sub(asterisk, raw)
    raw = _layout_tables_unwrapped(_linked_items_kept(POWER.sub(r"^\1", raw)))
    extracted = _extract(raw) or ""
    visible = _visible_length(raw)
    # a manual's headings inside anchors or styled spans are lost by the extractor, and with
    # them the sections a citation names and an overview is read from
    main = _MAIN.search(raw)
    page_headings = len(_HTML_HEADING.findall(_main_part(raw, main)))
    lost_headings = page_headings >= 3 and _headings(extracted) < 0.5 * page_headings
    # a book's code listings (mdBook wraps them in <figure>) are dropped by the extractor as
    # illustrations, and with them what the prose around them explains; a page converted whole
    # keeps them, and keeps no navigation where the page marks its <main> part
    page_listings = len(_HTML_PRE.findall(main.group(0))) if main else 0
    lost_listings = page_listings >= 2 and _fences(extracted) < 0.5 * page_listings
    if (
        lost_headings
        or lost_listings
        or (visible and len(" ".join(extracted.split())) < MIN_EXTRACT_SHARE * visible)
    ):
        whole = _whole(raw)
        if len(" ".join(whole.split())) > len(" ".join(extracted.split())):
            extracted = whole
    extracted = _MD_ESCAPE.sub(r"\1", _MD_ESCAPED_NUMBER.sub(r"\1\2", extracted))  # the writers' escapes
    extracted = _HEADING_AFTER_CODE.sub("\\1\n\n\\2", extracted)
    extracted = own_contents_dropped(extracted)
    return _byline_kept(extracted, raw)  # its tables become "field: value" lines in markup.parse_markdown
