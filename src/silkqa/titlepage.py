"""What a plain-text document's title page says about it: who wrote it and when.

A specification rendered to text (DocBook, RFC style) opens with short lines before its first
chapter: title, "X Consortium Standard", "David P. Wiggins", a licence, "November 15, 1996".
Nothing marks them as author or date, so "who wrote the spec?" found no author to quote. Only
lines standing alone in that opening block count, and a name must look like a person's.
"""

from __future__ import annotations

import re

from .vocabulary import is_english

# where the title page ends: the first chapter, the table of contents, a rule
_END = re.compile(
    r"^\s*(?:table of contents|contents|abstract|(?:chapter|section)\s+1\b|1\.?\s+\S|[━─=_*-]{10,})", re.I
)
_REACH = 4000  # characters: a title page is never longer
_INITIAL = r"[A-Z]\."
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"  # Latin letters: "Grünbacher", "Émile"
_NAME_WORD = rf"[{_UPPER}][{_LOWER}]+(?:[-']?[{_UPPER}][{_LOWER}]+)?"  # "McMillan", "Smith-Jones", "O'Neil"
PERSON = re.compile(rf"(?:{_NAME_WORD}|{_INITIAL})(?:\s+(?:{_INITIAL}|{_NAME_WORD}|van|von|de|der)){{1,3}}")
# words of titles, bodies and formats that a title-case line of a title page is made of
_NOT_NAMES = frozenset(
    re.findall(
        r"\w+",
        """Standard Specification Spec Extension Protocol Version Release Consortium Group Foundation
    Project Manual Guide Reference Documentation Library Edition Draft Introduction Contents Chapter
    Table Abstract Copyright Window Windows System Systems Inc Corporation Corp Ltd University Institute
    Laboratory Laboratories Research Company Council Committee Association Society Team Press Software Format
    Interface Overview Notes Request Requests Public License Licence Proposal Working Technical Report
    Memo Appendix Part Volume Open Source The All Rights Reserved Contact Us Maintainer Maintainers Support
    Email Mail Send Report Questions Feedback Bugs Help Updated Modified Posted Published Revised News
    List Lists Reports Mailing Last Latest""",
    )
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_COPYRIGHT = re.compile(r"\bcopyright\b|©|\(c\)\s*\d{4}", re.I)
_DATE_LINE = re.compile(
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
)


def _standalone_lines(text: str, end: int) -> list[str]:
    """The title page's lines that stand alone (a paragraph of one short line), before `end`
    (where the first section begins)."""
    lines = []
    for paragraph in text[: min(end, _REACH)].split("\n\n"):
        line = paragraph.strip()
        if _END.match(line):
            break
        if line and "\n" not in line and len(line) <= 60:
            lines.append(line)
    return lines


# "Keith Packard keithp@keithp.com Intel Corporation": a name with its address is a byline
# "Andreas Grünbacher, SuSE Labs agruen@suse.de": with the place the author works between
ADDRESS = re.compile(r"<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?")  # an e-mail address
_BYLINE = re.compile(rf"({PERSON.pattern})(?:,\s+[^@,\n]{{2,40}}?)?\s+{ADDRESS.pattern}(?:\s+\S.*)?")


# "Andrew Tridgell August 2009": a name with the date it was written under a title is a byline
_DATED_BYLINE = re.compile(rf"({PERSON.pattern}),?\s+(?:{_DATE_LINE.pattern})")


def title_page_authors(text: str, title: str, end: int, names_alone: bool = True) -> tuple[str, ...]:
    """Lines of the title page that are a person's name: "David P. Wiggins". Only a page that
    looks like a title page (it bears a copyright or a date) is read: a README's opening
    phrases ("Relative Dates") are title case too. A name followed by its e-mail address (on
    its line or the next), or by a date ("Andrew Tridgell August 2009"), is a byline on any
    page; `names_alone` False (a web page, whose lines under its title are headings and links)
    counts only such bylines."""
    lines = _standalone_lines(text, end)
    title_page = _COPYRIGHT.search(text[: min(end, _REACH)]) or any(
        _DATE_LINE.fullmatch(line) for line in lines
    )
    names = []
    below_title = [line for line in lines if line != title]
    for i, line in enumerate(below_title):
        following = below_title[i + 1] if i + 1 < len(below_title) else ""
        # looser forms, only where a byline stands and of a name no dictionary spells out
        # ("Mailing List" over its address, "Last Updated March 2020" are no one): the name on
        # one line and its address on the next; a name and a date right under the title
        loose = ADDRESS.fullmatch(following) and _BYLINE.fullmatch(f"{line} {following}")
        loose = loose or (_DATED_BYLINE.fullmatch(line) if i == 0 else None)
        byline = _BYLINE.fullmatch(line) or (loose if loose and _not_words(loose.group(1)) else None)
        if byline:
            name = byline.group(1)
        elif names_alone and title_page and PERSON.fullmatch(line):
            name = line
        else:
            continue
        if not _NOT_NAMES.intersection(name.replace(".", " ").split()):
            names.append(name)
    return tuple(names[:4])


def _not_words(name: str) -> bool:
    """Whether a name has a part no dictionary lists: "Andrew Tridgell", not "Posted On"."""
    return any(not is_english(part) for part in re.findall(r"[^\W\d_]+", name))


def title_page_date(text: str, end: int) -> str | None:
    """A line of the title page that is a date and nothing else: "November 15, 1996"."""
    return next((line for line in _standalone_lines(text, end) if _DATE_LINE.fullmatch(line)), None)


# "Author: Gordon McMillan" (a reST or Sphinx field list, "Author: :   Name" once converted), "By: ..."
_AUTHOR_FIELD = re.compile(
    # reStructuredText's field list too, its fields run into one line: ":Author: Jan Kneschke :Date: ..."
    rf"^[ \t]*:?(?:Authors?|Written by|By)[ \t]*:[ \t]*(?::[ \t]+)?"
    rf"({PERSON.pattern}(?:[ \t]*(?:,|\band\b|&)[ \t]*{PERSON.pattern})*)[ \t]*(?:{ADDRESS.pattern}[ \t]*)?"
    r"(?:[ \t]+:\w+:.*)?"
)


def author_field(text: str) -> tuple[str, ...]:
    """The people an "Author:" line near a document's top names: a page's own byline."""
    # "Author:" alone on its line, the name on the next (a definition list read as paragraphs)
    lines = re.sub(
        r"^([ \t]*(?:Authors?|Written by)[ \t]*:)[ \t]*\n+[ \t]*(?=[A-Z])", r"\1 ", text[:_REACH], flags=re.M
    )
    found = next((m for line in lines.splitlines() if (m := _AUTHOR_FIELD.fullmatch(line))), None)
    if found is None:
        return ()
    names = re.split(r"\s*(?:,|\band\b|&)\s*", found.group(1))
    return tuple(n for n in names if n and not _NOT_NAMES.intersection(n.replace(".", " ").split()))[:4]


# A sign-off at a document's end names who wrote it: Debian's " -- Name <address>  Sun, 19 Apr
# 2015 10:25:49 +0200" (README.Debian, a changelog's trailer) or "[Eduard Bloch, Sun, 19 Apr 2015
# 10:25:49 +0200]" under a HOWTO. The date must be a date stamp and nothing more, and the name a
# person's ("[Security Fix, 2020-03-01]" and a bibliography's last entry are not sign-offs)
_STAMP = re.compile(
    rf"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*,?\s+)?(?:{_DATE_LINE.pattern})"
    r"(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[+-]\d{4}|\s+[A-Z]{2,4})?)?"
)
_SIGN_OFF = re.compile(
    rf" ?(?:--[ \t]+({PERSON.pattern})[ \t]+<[^<>\s]+@[^<>\s]+>[ \t]+(.+?)|\[({PERSON.pattern}),[ \t]+(.+?)\])[ \t]*"
)
SIGN_OFF_REACH = 600  # characters from the end: the last lines


def sign_off(raw: str) -> tuple[str, str] | None:
    """The author and date stamp of a sign-off on a text's last line, as written (`raw`, before
    any markup is read: a line inside a code block or indented as an example is no sign-off)."""
    lines = [line for line in raw[-SIGN_OFF_REACH:].splitlines() if line.strip()]
    if not lines or raw.count("```") % 2 or raw.count("~~~") % 2:
        return None  # the text ends inside a fenced block
    match = _SIGN_OFF.fullmatch(lines[-1].rstrip())
    if match is None:
        return None
    name, dated = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
    if not _STAMP.fullmatch(dated.strip()) or _NOT_NAMES.intersection(name.replace(".", " ").split()):
        return None
    return (name, dated.strip()) if _not_words(name) or match.group(1) else None
