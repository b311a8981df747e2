"""Markdown and heading-structured plain text to clean text with its sections.

Markdown headings (`#`, underlined "setext"), reStructuredText titles (over- and underlined,
any punctuation), numbered headings in plain text; front matter; inline markup, links and
list bullets removed; code blocks kept as paragraphs of their own. Sections come back as
(start, end, title) offsets into the clean text.
"""

from __future__ import annotations

import html
import re

from .titlepage import ADDRESS, PERSON

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_FRONT_MATTER_LINE = re.compile(r"(?m)^([A-Za-z][\w-]*):[ \t]+(\S.*?)\s*$")
# CommonMark's backslash escapes: any ASCII punctuation after a backslash is itself
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
# Pandoc's and kramdown's heading attributes: "## Q1 : Do you plan ...? {#Q001}"
# (only after words: Svelte's "### {#each ...}" is the heading's whole text)
_HEADING_ATTRIBUTES = re.compile(r"(?<=\S)\s+\{\s*#[\w:.-]+(?:\s+[^{}]*)?\}\s*$")
_SETEXT_MARKDOWN = re.compile(r"(?:=+|-+)")
_SETEXT_TEXT = re.compile(r"(?:=+|-+|~+|\^+|\*+|\++|#+|`+|'+|\.+|:+|_+)")
# a directive or a comment at the margin; inside a box (indented) only a directive, "   .. code-block:: python"
_RST_DIRECTIVE = re.compile(r"^(?:\.\.(?:\s|$)|\s+\.\.\s+[\w:-]+::)")
_BOX_EDGE = re.compile(r"^\+-{3,}\+$")
_BOXED = re.compile(r"^\|\s*([^|]*?\w[^|]*?)\s*\|$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# "2.1 Requests", and as DocBook writes chapters to text: "Chapter 1. Introduction", "Appendix A. ..."
_NUMBERED_HEADING = re.compile(
    r"^((?:(?:Chapter|Appendix|Part)\s+(?:\d+|[A-Z])|\d+(?:\.\d+)*)\.?)\s{1,2}[A-Z](?:(?!\s{3})[^\n]){0,90}$"
)
# "2<sup>29</sup>" is a power: read as 2^29, not 229 (but "21<sup>st</sup>" is an ordinal)
# "2<sup>48</sup>" is 2^48, not 248; the exponent may sit in a styling tag ("<sup><small>48</small></sup>")
_STYLE_TAG = r"(?:</?(?:small|span|b|i|em|strong)\b[^>]*>\s*)*"
POWER = re.compile(rf"(?<=[0-9])<sup>\s*{_STYLE_TAG}([-+−]?[0-9]{{1,4}}|[A-Za-z])\s*{_STYLE_TAG}</sup>", re.I)
_INLINE_SUP = re.compile(r"</?(sup|sub|span|em|strong|b|i|u|small)\b[^>]*>", re.I)


def _without_style_tags(prose: str, written: bool) -> str:
    """Inline style tags dropped, their words kept. In Markdown as written every one goes (its
    HTML may close in a later paragraph); in plain text an opening tag only where the same tag
    closes after it: par's manual writes "the <i>th line" and "<n>" as placeholders."""
    if written:
        return _INLINE_SUP.sub("", prose)
    last_close: dict[str, int] = {}
    for match in _INLINE_SUP.finditer(prose):
        if match.group(0).startswith("</"):
            last_close[match.group(1).lower()] = match.start()

    def dropped(match: re.Match) -> str:
        closing = match.group(0).startswith("</")
        return "" if closing or last_close.get(match.group(1).lower(), -1) > match.start() else match.group(0)

    return _INLINE_SUP.sub(dropped, prose)


# HTML that a README writes among its Markdown (GitHub renders it): the tags are layout, their
# words are text. A tag is taken for HTML when it closes, carries an attribute (name="value") or
# is an image; "<version>", "<source> <target>" and "Foo<S>" in prose are placeholders and stay.
_HTML_NAMES = (
    r"a|p|br|hr|div|center|h[1-6]|details|summary|kbd|code|pre|tt|picture|source|table|thead|tbody|tr|td|th|"
    r"ul|ol|li|dl|dt|dd|blockquote|section|article|nav|header|footer|figure|figcaption|abbr|mark|ins|del|s|"
    r"strike|q|cite|dfn|var|samp|font|big|sup|sub|span|em|strong|b|i|u|small"
)
_HTML_BLOCK = frozenset(
    re.findall(
        r"\w+",
        "p br hr div center h1 h2 h3 h4 h5 h6 details summary pre picture table thead tbody tr td th ul ol li "
        "dl dt dd blockquote section article nav header footer figure figcaption",
    )
)
_HTML_IN_MARKDOWN = re.compile(
    rf"<!--.*?-->|<img\b[^<>]*>|<br\s*/?>|</({_HTML_NAMES})\s*>"
    rf"|<({_HTML_NAMES})(?:\s+[\w:-]+=(?:\"[^\"]*\"|'[^']*'|[^\s<>]+))+\s*/?>"
    rf"|<({_HTML_NAMES})>(?=.*</\3\s*>)"
    # a bare block tag ("<details>", "<summary>", "<center>") is layout even when it closes on
    # another line: no README writes such a name between angle brackets as a placeholder
    r"|<(details|summary|center|div|table|thead|tbody|tr|td|th|dl|dt|dd|blockquote|picture|figure|figcaption)\s*>",
    re.I | re.S,
)
# a character reference as CommonMark reads one: "&amp;", "&nbsp;", "&#8212;", "&#x2014;" (with
# its semicolon: "?a=1&copy=2" in a link is no copyright sign)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_HTML_HEADING = re.compile(r"^<h([1-6])\b[^>]*>(.*?)</h\1>$", re.I)
_BLOCKQUOTE = re.compile(r"^\s{0,3}(?:>(?!=)\s?)+")  # "> quoted", not ">=3.6"
# a label may hold brackets of its own: "[.set(key, value, [ttl])](#setkey-value-ttl)"
_LINK = re.compile(r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:[^)]{1,2000})\)")
# "[`common` module][]", "[text][label]"; "a[0]["b"]" and "x())["tool"]["key"]" index something
_REFERENCE_LINK = re.compile(r"(?<![\w\])'\"])!?\[([^\]]+)\]\[[^\]]*\]")
# "[label]: https://...": where a reference link points, not text
_LINK_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:\s*<?\S+>?(?:\s+[\"'(].*[\"')])?\s*$")
# emphasis is a pair of markers around words; a lone "*" ("x ** y", "a * b") is text. A single
# star before a dot is a glob ("libpng-*.tar.gz or libpng-*.tar.xz", "lpng*.7z") unless it
# closes on the same word ("the *.copy()* is required"); a strong pair may open on one ("**.NET 8**")
_SINGLE_STAR = r"\*((?=[^\s.]).{1,500}?|\.[^\s*]{1,100}?)(?<=\S)\*(?!\.\w)"
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.{1,500}?)(?<=\S)\1|" + _SINGLE_STAR)
# plain text and reStructuredText have no underscore emphasis: "__getattribute__" is a name
# (and, as reStructuredText has it, no emphasis opens right after a word or a dot: ".*/dev/shm/.*:"
# is a pattern, "2*t*x" a product)
_STAR_EMPHASIS = re.compile(r"(?<![^\W_])(?<![.*])(?:(\*\*)(?=\S)(.{1,500}?)(?<=\S)\1|" + _SINGLE_STAR + ")")


def _emphasised(match: re.Match) -> str:
    return match.group(2) if match.group(1) else match.group(3)


# an old GNU text quotes `like this' (groff, Emacs, Vim): a quotation, not reST interpreted text
_GNU_QUOTE = re.compile(r"`[^`'\s][^`'\n]*'(?!\w)(?![^`]*`_)")  # not "`the users' guide`_", a link
# "_opting out_": in Markdown as written; a converted web page's underscores are its text ("_.zip")
_UNDERSCORE_EMPHASIS = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
_LIST_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?=\S)")
_ITEM_NUMBER = re.compile(r"^\s*(\d+)[.)]\s+(?=\S)")
# a GitHub table: a header row, a rule under it ("|---|:--:|"), then rows; "|" inside a cell is "\\|"
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$|^\s*\|\s*:?-+:?\s*\|\s*$")
_CELL_BORDER = re.compile(r"(?<!\\)\|")
_THEMATIC_BREAK = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
# MyST (Sphinx's Markdown): a role before a code span ("{any}`--no-deps`", "{pep}`440`") and a
# target line ("(Fixing conflicting dependencies)=") are markup, not text
_MYST_ROLE = re.compile(r"\{([a-z][\w:+-]*)\}(\x00(\d+)\x01)")  # before a code span set aside
_MYST_TARGET = re.compile(r"^\([^()\s][^()]*\)=\s*$")
_MYST_NAMED_ROLES = {"pep": "PEP ", "rfc": "RFC "}
# a fence opens with three or more backticks; a MyST directive names itself after them
_FENCE = re.compile(r"^(`{3,})\s*(?:\{([\w-]+)\}\s*(.*))?")
_QUOTED_FENCE = re.compile(r"^\s{0,3}((?:>\s?)+)(`{3,}.*)$")  # "> ```": code inside a quote
_QUOTE_MARK = re.compile(r"^\s{0,3}>\s?")
# MyST directives whose body is Markdown prose, not code (Sphinx renders them as boxes of text)
_PROSE_DIRECTIVES = frozenset(
    {
        *("admonition", "note", "warning", "tip", "hint", "important", "caution", "attention"),
        *("danger", "error", "seealso", "see-also", "dropdown", "topic", "sidebar", "margin"),
        *("versionadded", "versionchanged", "deprecated", "versionremoved", "epigraph", "div"),
        *("card", "tab-set", "tab-item", "grid", "grid-item", "grid-item-card", "pull-quote"),
    }
)
# how Sphinx words a version directive's argument ("```{versionchanged} 20.3")
_VERSION_DIRECTIVES = {
    "versionadded": "New in version {}:",
    "versionchanged": "Changed in version {}:",
    "deprecated": "Deprecated since version {}:",
    "versionremoved": "Removed in version {}:",
}
# words set apart in columns, not a numbered heading's gap ("1.   Introduction")
_COLUMNS = re.compile(r"^(?!\d+(?:\.\d+)*\.?\s)\S+(?:\s\S+)*\s{3,}\S")


def _table_header(line: str, rule: str) -> bool:
    """A plain-text table's header row over its rule: words in columns, indented as the table is or
    over a rule broken into columns ("------  -------"); "v1.4.0     2023-05-01" at the margin over a
    whole rule is a changelog's heading."""
    indented = line[:1].isspace()
    broken = re.search(r"[-=~]\s+[-=~]", rule.strip()) is not None
    return bool(_COLUMNS.search(line.strip())) and (indented or broken)


_GITHUB_ALERT = re.compile(r"^\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*", re.I)
_DIRECTIVE_OPTION = re.compile(r"^:[\w-]+:(?=\s|$)")  # ":class: tip", not the role ":class:`Foo`"
_RST_PROSE_DIRECTIVE = re.compile(
    rf"^\s*\.\.\s+({'|'.join(sorted(d for d in _PROSE_DIRECTIVES if d.isalpha()))})::(.*)$", re.I
)
_RST_TARGET = re.compile(r"^\.\.\s+_([^:`\n]+?):(?:\s|$)", re.M)
_NAMED_REFERENCE = re.compile(r"(?<![\w`])([A-Za-z][\w.+-]*[A-Za-z0-9+])_(?!\w)")
_LAYOUT_DIRECTIVES = frozenset(
    {
        "dropdown",
        "div",
        "card",
        "tab-set",
        "tab-item",
        "grid",
        "grid-item",
        "grid-item-card",
        "margin",
        "epigraph",
    }
)


def _in_literal_block(lines: list[str], at: int) -> bool:
    """Whether an indented line belongs to a reStructuredText literal block: the nearest line above
    it, less indented, ends with "::"."""
    margin = len(lines[at]) - len(lines[at].lstrip())
    for above in reversed(lines[:at]):
        if above.strip() and len(above) - len(above.lstrip()) < margin:
            return above.rstrip().endswith("::")
    return False


_RST_FOOTNOTE_REFERENCE = re.compile(r"\s?\[(?:#[\w-]*|\*|\d+)\]_(?!\w)")  # "See [#]_ it": a mark, no word
_RST_FOOTNOTE = re.compile(r"^\.\.\s+\[(?:#[\w-]*|\*|\d+)\]()\s+(\S.*)$")  # ".. [#] text", ".. [1] text"


# a picture, inline or by reference ("![NPM Version][npm-image]"), alone or as a link's text
_PICTURE = r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])"
_BY_REFERENCE_OR_LINKED = re.compile(r"^\[!\[|^!\[[^\]]*\]\[")
_BADGE = re.compile(rf"\[{_PICTURE}\](?:\([^)]*\)|\[[^\]]*\])|{_PICTURE}")
_SUBSTITUTIONS = re.compile(r"(?:\|[^|\s][^|]*\|_{0,2}\s*)+")  # "|pypi version| |Build status|"


_BADGE_URL = re.compile(r"\.svg\b|shields\.io|badge", re.I)
_HTML_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
# an inline code span: a run of backticks, the code, the same run (CommonMark)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_TRAILING_FENCE = re.compile(r"^((?:(?!```).)*?[^`\s])\s*(`{3,})$")  # no other fence on the line
_SET_ASIDE = re.compile("\x00(\\d+)\x01")
_RST_LITERAL = re.compile(r"(?<!`)(``)(?!`)(.+?)(?<!`)``(?!`)")
# a Sphinx role: ":class:`~poolmanager.PoolManager`", ":ref:`the guide <guide-label>`", ":sup:`2`"
_RST_ROLE = re.compile(r"(?<![\w`]):(?:[A-Za-z][\w+-]*:){1,2}`([^`\n]+)`(?!`)")
_COLON_FENCE = re.compile(r"^\s*:{3,}\s*(?:\{[\w:-]+\})?\s*(.*)$")  # MyST's ":::{note} Title" and ":::"
_RST_LINK_END = re.compile(r"`_{1,2}(?!\w)")  # "`Scrapy <https://scrapy.org>`__"


def _only_pictures(line: str, plain_text: bool) -> bool:
    """A README's row of badges, its banner or its HTML logo block is pictures: their alt texts
    ("pypi version", "Build status") and tags are not what the document says, and read as a
    sentence of nonsense. A lone figure ("![Serialization](doc/serialization.png)") keeps its
    alt text, its caption."""
    if _HTML_TAG.search(line) and not _HTML_TAG.sub("", line).strip():
        return True  # '<p align="center">', '<img src="logo.svg" alt="attrs" />': layout, no words
    pictures = _BADGE.findall(line)
    if pictures and not _BADGE.sub("", line).strip():
        linked = any(p.startswith("[") for p in pictures)  # [![alt](image)](link): a badge
        return linked or len(pictures) > 1 or bool(_BADGE_URL.search(line))
    return plain_text and bool(_SUBSTITUTIONS.fullmatch(line))


def _myst_role(match: re.Match, code: list[str]) -> str:
    """A MyST role's text as Sphinx shows it: "{pep}`440`" is "PEP 440", "{any}`pip install`"
    the code; a superscript footnote number ("compatible{sup}`1`") goes."""
    role, content = match.group(1).lower(), code[int(match.group(3))]
    if role in {"sup", "sub"} and content.strip().isdigit():
        return ""
    return _MYST_NAMED_ROLES.get(role, "") + match.group(2)


def _tag_gap(match: re.Match) -> str:
    """What a tag leaves: a space where it breaks the line or the box ("<br>", "</td><td>"),
    nothing inside a word ("<b>bold</b>ly"); either way a mark that its spaces go with it."""
    name = (
        match.group(1) or match.group(2) or match.group(3) or match.group(4) or match.group(0)[1:4]
    ).lower()
    return " \x02" if name in _HTML_BLOCK or name.startswith(("br", "img")) else "\x02"


def _role_text(text: str) -> str:
    """What Sphinx shows for a role: its title when it has one ("the guide <guide-label>"), the
    last part of a name written with "~" ("~response.HTTPResponse.read()" shows "read()")."""
    text = text.lstrip("!")
    titled = re.fullmatch(r"(.+?)\s*<[^<>]+>", text, re.S)
    # but "CMAKE_DISABLE_FIND_PACKAGE_<PackageName>" is a name with a placeholder in it
    if titled and not titled.group(1).endswith(("_", "-")):
        return titled.group(1)
    if text.startswith("~"):
        name, paren, call = text[1:].partition("(")
        return name.rsplit(".", 1)[-1] + paren + call
    return text


def _clean_inline(line: str, rst: bool = False, written: bool = False, entities: bool = True) -> str:
    """Markup removed outside code spans; a code span's text is kept as written (`*`, `<b>`,
    `__init__` are code, not emphasis or HTML). In reStructuredText only ``double`` backticks
    are code; `single` ones are a link or a role, whose trailing "_" or "__" goes too. Markdown
    as its author `written` it also has MyST roles, emphasis by underscores and character
    references ("&amp;", "&nbsp;"), read as the characters they stand for unless code."""
    code: list[str] = []

    def keep(text: str) -> str:
        code.append(text)
        return f"\x00{len(code) - 1}\x01"

    def set_aside(match: re.Match) -> str:  # "**`debuglevel`**": emphasis around code
        return keep(match.group(2))

    # code first: "`grid[i][j]`" is an index, not a reference link
    prose = (_RST_LITERAL if rst else _CODE_SPAN).sub(set_aside, line.replace("\x00", ""))
    if written and entities and not _HTML_IN_MARKDOWN.search(prose):
        # "SF\_INFO", "sf\_read\*": a backslash makes the character after it text (not in an
        # indented code block, nor in a line of HTML, where the backslash is as written)
        prose = _ESCAPED.sub(lambda m: keep(m.group(1)), prose)
    if rst:
        prose = _RST_ROLE.sub(lambda m: keep(_role_text(m.group(1))), prose)
        prose = _GNU_QUOTE.sub(lambda m: keep(m.group(0)), prose)
    if written:
        prose = _MYST_ROLE.sub(lambda m: _myst_role(m, code), prose)
    prose = _LINK.sub(r"\1", prose)
    if not rst:
        prose = _REFERENCE_LINK.sub(r"\1", prose)
    prose = _without_style_tags(POWER.sub(r"^\1", prose), written)
    if written and _HTML_IN_MARKDOWN.search(prose):
        # a tag goes with the spaces around it: one space where there were some, none inside a
        # word ("<b>bold</b>ly"); "<br />" ends a line, as a space does
        prose = _HTML_IN_MARKDOWN.sub(_tag_gap, prose)
        prose = re.sub(r"\s*\x02[\s\x02]*", lambda m: " " if m.group(0).strip("\x02") else "", prose).strip()
    if rst:
        prose = _RST_LINK_END.sub("`", _RST_FOOTNOTE_REFERENCE.sub("", prose))
    emphasis = _STAR_EMPHASIS if rst else _EMPHASIS
    prose = emphasis.sub(_emphasised, emphasis.sub(_emphasised, prose))  # twice: "***both***"
    if written:
        prose = _UNDERSCORE_EMPHASIS.sub(r"\1", prose)
    prose = prose.replace("`", "")
    if written and entities:  # last, so that "&lt;b&gt;" is text, not a tag, and "&#42;" no emphasis
        prose = _ENTITY.sub(lambda m: html.unescape(m.group(0)).replace("\xa0", " "), prose)
    return _SET_ASIDE.sub(lambda m: code[int(m.group(1))], prose).strip()


def _parse_front_matter(text: str) -> tuple[dict, str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    import yaml

    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError:
        # "title: libsndfile : Frequently Asked Questions." is no YAML (a second ": "), but a
        # site generator reads it as a title; lines of "key: value" are read so, the rest dropped
        lines = [line for line in match.group(1).splitlines() if line.strip()]
        if not all(_FRONT_MATTER_LINE.fullmatch(line) for line in lines):
            return {}, text  # prose between rules ("Warning: ... See: upstream."), not metadata
        meta = dict(_FRONT_MATTER_LINE.findall(match.group(1)))
    return (meta if isinstance(meta, dict) else {}), text[match.end() :]


def _next_line(lines: list[str], i: int) -> str:
    """The next line after line i that is not blank, stripped ("" at the end)."""
    return next((line.strip() for line in lines[i + 1 :] if line.strip()), "")


def _starts_a_block(line: str) -> bool:
    """A heading, a list item, a code fence or a thematic break: where a table's rows end."""
    return bool(
        _HEADING.match(line) or _LIST_BULLET.match(line) or _THEMATIC_BREAK.match(line)
    ) or line.startswith(("```", "~~~"))


def _cells(line: str) -> list[str]:
    """A table row's cells, its outer borders dropped."""
    row = line.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return [cell.strip().replace("\\|", "|") for cell in _CELL_BORDER.split(row)]


def table_lines(header: list[str], rows: list[list[str]], header_is_data: bool = False) -> list[str]:
    """A table as lines that read as statements, one per row: "field: value" for two columns
    (an infobox's "Born: August 4, 1961"); with more, each value named by its column,
    "Feature: Intl; small-icu: partial (English-only)", so a row says what its cells are. A web
    page's converter writes a two-column table's first row as its header whatever it holds (an
    infobox has none), so there it is read as a fact too (`header_is_data`)."""
    named = len(header) > 2 and any(header) and not header_is_data
    lines: list[str] = []
    for cells in ([header] if header_is_data else []) + rows:
        if named:
            pairs = [(h, c) for h, c in zip(header, cells, strict=False) if c]
            line = "; ".join(f"{h}: {c}" if h else c for h, c in pairs)
        else:
            filled = [c for c in cells if c]
            line = f"{filled[0]}: {filled[1]}" if len(filled) == 2 else "; ".join(filled)
        if line:
            lines.append(line)
    return lines


def parse_markdown(
    raw: str, *, numbered_headings: bool = False, h1_is_title: bool = True, converted: bool = False
) -> tuple[dict, str, list[tuple[int, int, str]], str | None]:
    """Markdown (or heading-structured plain text) to clean text plus sections.

    Returns (front matter, text, sections, first level-1 heading). A level-1 heading is the
    document's title, not a section; a thematic break closes the current section so that
    front matter such as the abstract does not inherit a heading it does not have. Markdown
    `converted` from a web page has literal underscores and fences that nest only by chance.
    """
    written = not converted and not numbered_headings  # Markdown as its author wrote it
    meta, body = _parse_front_matter(raw)
    out: list[str] = []
    pos = 0
    sections: list[tuple[int, int, str]] = []
    current: tuple[int, str] | None = None
    title: str | None = None
    paragraph: list[str] = []
    # reStructuredText's link targets, ".. _Django: https://www.djangoproject.com/": "Django_" names one
    targets = {t.lower() for t in _RST_TARGET.findall(body)} if numbered_headings else set()

    def close_section(at: int) -> None:
        nonlocal current
        if current is not None:
            sections.append((current[0], at, current[1]))
            current = None

    def emit(block: str) -> int:
        nonlocal pos
        if out:
            out.append("\n\n")
            pos += 2
        start = pos
        out.append(block)
        pos += len(block)
        return start

    def flush() -> None:
        # cleaned whole: a link, an emphasis or a code span may run over a line break; code
        # (inside a fence) is kept as written
        if paragraph:
            joined = " ".join(paragraph)
            # an indented block is code too ("    >>> fix_text('P&EACUTE;REZ')"): its references stay
            # as is a reStructuredText doctest block (">>> x*y" multiplies, it stresses nothing)
            doctest = numbered_headings and joined.startswith(">>>")
            text = (
                joined
                if in_fence or doctest
                else _clean_inline(joined, numbered_headings, written, not indented_block)
            )
            if targets and not (in_fence or doctest):  # "Django_" links to ".. _Django: https://..."
                text = _NAMED_REFERENCE.sub(
                    lambda m: m.group(1) if m.group(1).lower() in targets else m.group(0), text
                )
            if text:  # a paragraph of markup alone ("<span></span>") says nothing
                emit(text)
            paragraph.clear()

    fences: list[tuple[str, bool]] = []  # open fences, innermost last: (backticks, prose inside)
    in_fence = False  # inside code
    indented_block = False  # the paragraph began indented by four: CommonMark's code block
    item_number: int | None = None  # the number of the list's last numbered item
    options = False  # at a directive's ":class: ..." lines
    lines = body.split("\n")
    lines = _fences_on_own_lines(lines if numbered_headings else _quoted_code_unquoted(lines), written)
    underlines = _SETEXT_TEXT if numbered_headings else _SETEXT_MARKDOWN
    levels: list[str] = []  # underline characters in order of first use: the heading levels
    skip = 0
    badges = False  # the line above was a row of badges
    for i, line in enumerate(lines):
        if skip:
            skip -= 1
            continue
        if written and not fences and (colon := _COLON_FENCE.match(line)):
            # MyST's ":::{important}" opens a box and ":::" closes it; a title after it is a line of its own
            if colon.group(1):
                flush()
                paragraph.append(colon.group(1))
                flush()
                continue
            line = ""
        opened = len(fences)
        if _fence_step(fences, line.strip(), written):
            flush()  # code is a paragraph of its own, never the tail of a sentence
            fence = _FENCE.match(line.strip())
            said = _VERSION_DIRECTIVES.get((fence.group(2) or "").lower())
            if len(fences) > opened and said and fence.group(3).strip():
                paragraph.append(said.format(fence.group(3).strip()))  # its body goes on from here
            options = len(fences) > opened and fences[-1][1]
            in_fence = any(not prose for _, prose in fences)
            continue
        stripped = line.strip()
        if options and _DIRECTIVE_OPTION.match(stripped):
            continue
        options = False
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if not numbered_headings and not in_fence:
            quoted_line = _BLOCKQUOTE.match(stripped) is not None
            stripped = _BLOCKQUOTE.sub("", stripped)  # "> quoted": the quote's words
            if quoted_line and _GITHUB_ALERT.match(
                stripped
            ):  # "> [!IMPORTANT]": GitHub draws a box, the words say it
                stripped = _GITHUB_ALERT.sub("", stripped)
                if not stripped:
                    continue
        if written and not in_fence:
            html_heading = _HTML_HEADING.match(stripped)
            if html_heading:  # '<h1 align="center">Charset Detection</h1>'
                stripped = "#" * int(html_heading.group(1)) + " " + html_heading.group(2)
        quoted = not numbered_headings  # "> |---|---|": a table in a quote
        rule = _BLOCKQUOTE.sub("", following) if quoted else following
        if (
            not in_fence
            and not numbered_headings
            and "|" in stripped
            and _TABLE_RULE.match(rule)
            and len(_cells(rule)) == len(_cells(stripped))
        ):
            flush()  # each row a paragraph of its own: rows glued together say nothing
            rows, end = [], i + 2
            while end < len(lines) and "|" in (
                row := _BLOCKQUOTE.sub("", lines[end].strip()) if quoted else lines[end]
            ):
                if _starts_a_block(row.strip()):
                    break  # a heading, a list item, a fence or a rule starts the next block
                rows.append(_cells(row))
                end += 1
            header = [_clean_inline(c, False, written) for c in _cells(stripped)]
            cleaned = [[_clean_inline(c, False, written) for c in row] for row in rows]
            # a header row alone, or the one column of a list, is the table's text
            as_data = (converted and len(header) == 2) or not rows or len(header) == 1
            for row_line in table_lines(header, cleaned, header_is_data=as_data):
                emit(row_line)
            skip = end - i - 1
            continue
        # an indented "# ..." is code: a comment in a literal block, not a heading
        indented = len(line) - len(line.lstrip()) >= (1 if numbered_headings else 4)
        heading = _HEADING.match(stripped) if not (in_fence or indented) else None
        if in_fence:
            heading_text, level = None, 0
        elif line[:1].isspace() and numbered_headings and _in_literal_block(lines, i):
            heading_text, level = (
                None,
                0,
            )  # "Write a warning like this::" above "    .. warning:: ...": an example
        elif numbered_headings and (box := _RST_PROSE_DIRECTIVE.match(line) or _RST_FOOTNOTE.match(line)):
            # ".. note:: Settings cannot be changed after start.", ".. [#] The footnote's text": a box
            # or a note of prose, its first line and its indented body, not an image's options
            flush()
            kind, argument = (box.group(1) or "").lower(), box.group(2).strip()
            if kind in _VERSION_DIRECTIVES and argument:
                version, _, said = argument.partition(" ")
                argument = f"{_VERSION_DIRECTIVES[kind].format(version)} {said}".strip()
            if argument and kind not in _LAYOUT_DIRECTIVES:  # ".. grid:: 1 2 2 2" lays out, says nothing
                paragraph.append(_clean_inline(argument, numbered_headings, written))
            options = True  # its ":class: tip" lines are no text
            continue
        elif numbered_headings and _RST_DIRECTIVE.match(line):
            skip = _directive_length(lines, i)  # ".. image:: badge.svg" and its indented options
            flush()
            continue
        elif (
            numbered_headings
            and _BOX_EDGE.match(stripped)
            and i + 2 < len(lines)
            and (boxed := _BOXED.match(following))
            and lines[i + 2].strip() == stripped
            and len(boxed.group(1)) <= 60
            and not boxed.group(1).endswith((".", ":", ";"))
            # a table's cells above or below: a one-column table, not a heading
            and not (i + 3 < len(lines) and lines[i + 3].lstrip().startswith(("|", "+")))
            and not (i > 0 and lines[i - 1].lstrip().startswith(("|", "+")))
        ):
            # "+--------------+ / | INTRODUCTION | / +--------------+": a heading in a box
            flush()
            heading_text, level = " ".join(boxed.group(1).split()), 2
            skip = 2
        elif (
            numbered_headings
            and underlines.fullmatch(stripped)
            and i + 2 < len(lines)
            and _is_underline(lines[i + 2], len(following))
        ):
            continue  # the overline of an over-and-underlined title
        elif (
            not paragraph
            and stripped
            and _is_underline(lines[i + 1] if i + 1 < len(lines) else "", len(stripped), underlines)
            # a plain-text table's header row over its rule ("  __prefix__    __def_rules_dir__"): columns
            and not (numbered_headings and _table_header(line, lines[i + 1] if i + 1 < len(lines) else ""))
        ):
            mark = following[0]
            levels += [] if mark in levels else [mark]
            heading_text, level = _clean_inline(stripped, numbered_headings, written), levels.index(mark) + 1
            skip = 1
        elif numbered_headings and not out and _BANNER.match(stripped):  # the document's first line
            heading_text, level = stripped, 1
        elif numbered_headings and (question := _wrapped_question(lines, i) or _asked_above_answer(lines, i)):
            heading_text, level = question[0], 2
            skip = question[1]
        elif (
            heading is None
            and numbered_headings
            and _NUMBERED_HEADING.match(stripped)
            and not stripped.endswith((".", ",", ";"))
            and not _wraps_on(line, lines[i + 1] if i + 1 < len(lines) else "")
            # "... the broadcast address should be\n192.168.55.255. Having ...": a wrapped line
            and not (
                paragraph
                and _wrapped_into(lines[i - 1])
                and not re.match(r"\d+(?:\.\d+)*\.?\s", lines[i - 1].strip())  # one in a list of them
            )
        ):
            heading_text, level = " ".join(stripped.split()), 2  # "Chapter\xa01.\xa0Introduction"
        elif (
            heading is not None
            and len(sections) + (current is not None) <= 1  # under the title, before any other heading
            and PERSON.match(heading.group(2))
            and (ADDRESS.search(heading.group(2)) or ADDRESS.fullmatch(_next_line(lines, i)))
        ):
            # "### Andreas Grünbacher, SuSE Labs agruen@suse.de" under the title: a byline set as
            # a heading says who wrote the page and where they work; it heads no section
            stripped, heading_text, level = heading.group(2), None, 0
        elif heading is not None:
            # a heading's badges ("[![Build Status](...)](...)") are pictures, not its words
            words = _HEADING_ATTRIBUTES.sub("", _BADGE.sub("", heading.group(2)))
            heading_text = _clean_inline(words, numbered_headings, written).rstrip("¶ ")
            level = len(heading.group(1))
            if not heading_text.strip() and _BADGE.search(heading.group(2)):
                continue  # "# [![htop logo](htop.png)](https://htop.dev)": a logo, no title
        else:
            heading_text, level = None, 0
        if heading_text:
            if numbered_headings and not out and (banner := _BANNER.match(heading_text)):
                heading_text = " ".join(banner.group(2).split())  # "---- Frequently Asked Questions ----"
            item_number = None
            flush()
            start = emit(heading_text)
            # a plain-text document's title stands above its sections: "Have fun!" underlined
            # at the end of a numbered README is a sign-off, not the title
            heads_it = not numbered_headings or (not sections and current is None)
            if level == 1 and title is None and h1_is_title and heads_it:
                title = heading_text
                close_section(start)
            else:
                close_section(start)
                current = (start, heading_text)
            continue
        if not stripped:
            flush()
            badges = False
            continue
        if _THEMATIC_BREAK.match(stripped):
            flush()
            if not (numbered_headings and i > 0 and _table_header(lines[i - 1], line)):
                close_section(pos)  # (a table's rule under its header row ends no section)
            continue
        number = _ITEM_NUMBER.match(line)
        if number and paragraph and not in_fence:
            n = int(number.group(1))
            # "... listens on UDP port\n323. Other ...": a number that a wrapped line carried to
            # the margin, not the next item (as CommonMark has it, only "1." or the next number
            # interrupts a paragraph)
            if not (n == 1 or n == (item_number or 0) + 1) and _wrapped_into(lines[i - 1]):
                paragraph.append(stripped)
                continue
        if _LIST_BULLET.match(line):  # an item is a paragraph; its wrapped lines continue it
            item_number = int(number.group(1)) if number else item_number
            flush()
            paragraph.append(_LIST_BULLET.sub("", line).strip())
            continue
        if not in_fence and (
            _only_pictures(stripped, numbered_headings)
            # a row of badges wrapped over lines: its last picture alone is a badge too
            or (
                badges and _BADGE.sub("", stripped).strip() == "" and _BY_REFERENCE_OR_LINKED.search(stripped)
            )
        ):
            badges = True
            continue
        badges = False
        if not in_fence and not out and not paragraph and _BADGE.fullmatch(stripped):
            continue  # a screenshot above everything else: its caption is no title, nor text
        if not in_fence and not numbered_headings and not paragraph and _LINK_DEFINITION.match(line):
            continue
        if not in_fence and not numbered_headings and _MYST_TARGET.match(stripped):
            continue
        if not paragraph:
            indented_block = len(line) - len(line.lstrip()) >= 4
            if not line[:1].isspace():
                item_number = None  # a paragraph at the margin ends the list
        paragraph.append(stripped)
    flush()
    close_section(pos)
    return meta, "".join(out), sections, title


def _quoted_code_unquoted(lines: list[str]) -> list[str]:
    """Code inside a quote ("> ```" / "> x = 1" / "> ```") without the quote's marks: else its
    fence opens as "> ```", never closes, and the rest of the document reads as code, its
    headings, links and emphasis as typed. Code ends with its quote (CommonMark); a fence outside
    any quote holds its lines as they are ("> ```" in a listing of Markdown is code)."""
    out: list[str] = []
    depth, ticks, plain = 0, "", ""  # the quoted fence's depth and backticks; an unquoted fence's
    for line in lines:
        stripped = line.strip()
        if plain:
            if stripped and set(stripped) == {"`"} and len(stripped) >= len(plain):
                plain = ""
            out.append(line)
            continue
        if depth:
            body: str | None = line
            for _ in range(depth):
                mark = _QUOTE_MARK.match(body) if body is not None else None
                body = body[mark.end() :] if mark and body is not None else None
            if body is None:  # the quote ended, and with it the code
                out += [ticks, line]
                depth = 0
                continue
            out.append(body)
            if body.strip() and set(body.strip()) == {"`"} and len(body.strip()) >= len(ticks):
                depth = 0
            continue
        if quoted := _QUOTED_FENCE.match(line):
            depth, ticks = quoted.group(1).count(">"), _FENCE.match(quoted.group(2)).group(1)
            out.append(quoted.group(2))
            continue
        if fence := _FENCE.match(stripped):
            plain = fence.group(1)
        out.append(line)
    return out


def _fences_on_own_lines(lines: list[str], nested: bool = True) -> list[str]:
    """A code fence opened at the end of a line of text ("like this: ```", as markdownify
    writes a list item's <pre>) on a line of its own: else the code reads as prose and the
    prose after it as code."""
    out: list[str] = []
    fences: list[tuple[str, bool]] = []
    for line in lines:
        stripped = line.strip()
        if (
            not _fence_step(fences, stripped, nested)
            and not fences
            and (opened := _TRAILING_FENCE.match(stripped))
        ):
            out += [opened.group(1), opened.group(2)]
            fences.append((opened.group(2), False))
            continue
        out.append(line)
    return out


def _fence_step(fences: list[tuple[str, bool]], stripped: str, nested: bool = True) -> bool:
    """Whether a line opens or closes a fence, updating the open fences (innermost last; each
    its backticks and whether its body is prose, as a MyST admonition's is). A fence closes
    with as many backticks or more and nothing else (CommonMark); inside code, a fence line
    that does not close it is code, and only a prose directive holds fences of its own. Not
    `nested` (a converted web page, whose listings may show fences), each fence line toggles."""
    fence = _FENCE.match(stripped)
    if fence is None:
        return False
    ticks, directive = fence.group(1), (fence.group(2) or "").lower()
    if not nested:
        if fences:
            fences.pop()
        else:
            fences.append((ticks, False))
        return True
    if fences and stripped == ticks and len(ticks) >= len(fences[-1][0]):
        fences.pop()
        return True
    if fences and not fences[-1][1]:
        return False  # "```python" inside code is code
    fences.append((ticks, directive in _PROSE_DIRECTIVES))
    return True


# a title between rules on one line, as old FAQs head themselves
_BANNER = re.compile(r"^([-=])\1{2,}\s*([A-Za-z][^-=*#~_]*?[\w?)])\s*\1{3,}$")
MAX_QUESTION_CHARS = 250


def _wrapped_question(lines: list[str], at: int) -> tuple[str, int] | None:
    """A numbered question wrapped over lines aligned to its text, its answer indented deeper
    below a blank line (procmail's FAQ: "2. I installed procmail ..., but how am I supposed to\n
    use it?  ..."): the question is a heading, as it is when it fits on one line. Returns its
    text and the number of continuation lines."""
    line = lines[at].expandtabs()
    marker = re.match(r"\s*\d+\.\s+(?=[A-Z])", line)
    if marker is None:
        return None
    end = at + 1
    while end < len(lines) and lines[end].strip() and abs(_indent(lines[end]) - marker.end()) <= 1:
        end += 1
    body = end + 1
    if end == at + 1 or body >= len(lines) or lines[end].strip():
        return None
    while body < len(lines) and not lines[body].strip():
        body += 1
    text = " ".join(" ".join(x.split()) for x in lines[at:end])
    if "?" not in text or text.endswith(":"):
        return None  # an instruction over its indented example ("1. Use ...::"), not a question
    if body >= len(lines) or _indent(lines[body]) <= marker.end() or len(text) > MAX_QUESTION_CHARS:
        return None
    return text, end - at - 1


_Q_MARK = re.compile(r"\s*(?:Q|Question|QUESTION)\s*[:.]\s+(?=\S)")  # not "a) first" nor "question: ..."
_A_MARK = re.compile(r"\s*(?:A|Answer|ANSWER)\s*[:.]\s+(?=\S)")


def _asked_above_answer(lines: list[str], at: int) -> tuple[str, int] | None:
    """A FAQ's "Q: ..." paragraph (wrapped over lines or not) with an "A: ..." paragraph below
    it: the question is a heading, so its answer is read under it rather than quoted as the
    answer (screen's and dnsmasq's FAQs). Returns its text without the "Q:" and the number of
    continuation lines."""
    marker = _Q_MARK.match(lines[at])
    if marker is None:
        return None
    end = at + 1
    while end < len(lines) and lines[end].strip() and not _A_MARK.match(lines[end]):
        end += 1
    body = end
    while body < len(lines) and not lines[body].strip():
        body += 1
    if body >= len(lines) or not _A_MARK.match(lines[body]) or end - at > 6:
        return None
    text = " ".join(" ".join(x.split()) for x in [lines[at][marker.end() :], *lines[at + 1 : end]])
    return (text, end - at - 1) if len(text) <= MAX_QUESTION_CHARS else None


def _indent(line: str) -> int:
    line = line.expandtabs()
    return len(line) - len(line.lstrip())


def _wrapped_into(line: str) -> bool:
    """A long line that stops mid-sentence (on a word or a comma) wraps into the next one."""
    line = line.strip()
    return len(line) >= 40 and (line[-1].isalnum() or line[-1] == ",")


def _wraps_on(line: str, following: str) -> bool:
    """A numbered line whose next line is indented to its text (" 1. The bit vector ... by" /
    "    QueryKeymap ...") is a list item wrapped over lines, not a numbered heading."""
    marker = re.match(r"\s*\d+(?:\.\d+)*\.?\s+", line)
    if marker is None or not following.strip():
        return False
    return len(following) - len(following.lstrip()) == marker.end()


def _is_underline(line: str, width: int, pattern: re.Pattern = _SETEXT_TEXT) -> bool:
    """A setext/reStructuredText heading underline ("=====") as long as the heading, or so."""
    line = line.strip()
    return len(line) >= 3 and bool(pattern.fullmatch(line)) and len(line) >= 0.6 * width


def _directive_length(lines: list[str], at: int) -> int:
    """How many lines after a reStructuredText directive belong to it (its indented options)."""
    margin = len(lines[at]) - len(lines[at].lstrip())
    n = 0
    while at + n + 1 < len(lines) and (following := lines[at + n + 1]).strip():
        if len(following) - len(following.lstrip()) <= margin:
            break
        n += 1
    return n
