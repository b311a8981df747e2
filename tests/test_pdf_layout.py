"""PDF layout recovered from the text layer: running headers and folios out, headings in."""

from pathlib import Path

from silkqa.documents import load_document
from silkqa.pdf_layout import is_heading, lay_out, sections, strip_furniture

SPEC = Path(__file__).parent / "data" / "shared-mime-info-spec.pdf"


def _page(n: int, body: list[str]) -> list[str]:
    return ["A Study of Trams", *body, str(n)]


def test_running_header_and_folio_leave_every_page_but_the_title_stays_on_the_first():
    words = ["red", "green", "blue", "amber", "grey", "white"]
    pages = [
        _page(n, [f"The {w} line runs north.", f"Its {w} cars are new."]) for n, w in enumerate(words, 1)
    ]
    cleaned = strip_furniture(pages)
    assert cleaned[0][0] == "A Study of Trams"
    assert all("A Study of Trams" not in lines for lines in cleaned[1:])
    assert all(not line.isdigit() for lines in cleaned for line in lines)
    assert cleaned[3] == ["The amber line runs north.", "Its amber cars are new."]


def test_a_footnote_that_is_only_a_link_leaves_the_sentence_it_broke():
    from silkqa.documents import laid_out_pages

    raw = [
        [
            "Kiln manual",
            "Kiln packs objects as components that can be used in other",
            "1http://kiln.example/doc",
            "1",
        ],
        ["programs, by linking them in.", "2 See the appendix for the full list of formats.", "2"],
    ]
    cleaned = strip_furniture(raw)
    assert "1http://kiln.example/doc" not in cleaned[0]
    assert "2 See the appendix for the full list of formats." in cleaned[1]  # a note in words stays
    pages, _ = laid_out_pages(raw)
    assert "used in other" in pages[0] and "http" not in pages[0]


def test_a_line_repeated_on_few_pages_is_text_not_a_header():
    words = ["red", "green", "blue", "amber", "grey", "white", "black", "pink"]
    pages = [[f"The {w} page starts.", f"Its {w} middle.", f"And its {w} end."] for w in words]
    pages[2][0] = pages[5][0] = "Results were good."
    cleaned = strip_furniture(pages)
    assert cleaned[2][0] == "Results were good."


def test_headings_are_short_numbered_or_conventional_lines_that_start_something():
    assert is_heading("2.5. The magic files", "The magic data is stored in a binary format.", 90)
    assert is_heading("3 Results", "We measured ...", 90)
    assert is_heading("Abstract", "This paper ...", 90)
    assert not is_heading("2 October 2018 the committee met", "again.", 90)  # a date, not a section
    assert not is_heading("1. Introduction ........ 4", None, 90)  # a table of contents line
    assert not is_heading("4 CARD32 ALIAS_LIST_OFFSET", "4 CARD32 PARENT_LIST_OFFSET", 90)  # a table row
    assert not is_heading(
        "12 Trams were withdrawn in the year after the", "strike ended.", 50
    )  # wrapped prose
    assert not is_heading("3. Download the archive.", "Then unpack it.", 90)  # a step, a sentence


def test_laid_out_headings_become_sections():
    text, headings = lay_out(["1. Introduction", "Trams are back.", "2. Method", "We counted riders."])
    assert headings == ["1. Introduction", "2. Method"]
    found = sections(text.replace("\n\n\n", "\n\n").strip("\n"), set(headings))
    assert [title for _, _, title in found] == ["1. Introduction", "2. Method"]


def test_a_real_pdf_gets_sections_and_no_running_header_inside_sentences():
    doc = load_document(SPEC, SPEC.name)
    titles = [s.title for s in doc.sections]
    assert "1.2. What is this spec?" in titles and "2.5. The magic files" in titles
    # the header "Shared MIME-info Database" tops every page; now only the title line keeps it
    assert doc.text.count("Shared MIME-info Database ") <= 2
    at = doc.text.index("This specification attempts to unify")
    assert doc.section_at(at) == "1.2. What is this spec?"
    assert not any(title.isdigit() for title in titles)


def test_an_overview_section_runs_over_its_subsections():
    from silkqa.overview import abstract_spans, extent

    doc = load_document(SPEC, SPEC.name)
    intro = next(s for s in doc.sections if s.title == "1. Introduction")
    start, end = extent(doc, intro)
    assert start == intro.start and end == next(
        s.start for s in doc.sections if s.title == "2. Unified system"
    )
    assert (start, end) in abstract_spans(doc)


def test_a_chapter_header_and_a_contents_page_leave_the_text():
    pages = [["Contents", "1. Start . . . . . . . . . . 1", "2. Usage . . . . . . . . . . 3", "i"]]
    pages += [
        ["How to use it", f"Page {w} has its own {w} words here.", str(n)] for n, w in enumerate("abcd", 2)
    ]
    cleaned = strip_furniture(pages)
    assert cleaned[0] == ["Contents"]  # the contents lines and the folio are gone
    assert all("How to use it" not in lines for lines in cleaned[1:])


def test_a_numbered_heading_may_be_followed_by_a_lowercase_program_name():
    assert is_heading("2.3. DESCRIPTION", "bzip2 compresses files using ...", 90)
    # a number with an inner dot is no wrapped count: "2.3 Attributes" above a grammar rule
    assert is_heading("2.3 Attributes", "attributes ::= [ attribute {, attribute} ]", 90)
    assert not is_heading("12 Trams were withdrawn", "in the year after the strike.", 90)
    # a numbered item that wraps: "... is enabled: command substitution, shell" / "functions, ..."
    assert not is_heading("5. Function tracing is enabled: command substitution, shell", "functions, and", 90)
    assert not is_heading("6. Error tracing is enabled: command substitution, shell func-", "tions, and", 90)
    assert is_heading("5. Module Com: run-time library", "The type of COM components", 90)
    assert not is_heading("1.5 Million people lived in the", "city in 2010 and", 80)  # wrapped prose


def test_a_heading_typeset_with_a_ligature_is_a_section():
    from silkqa.documents import laid_out_pages

    raw = [
        ["Kiln manual", "6 Hints on writing IDL \ufb01les", "Keep each \ufb01le short.", "7 Release notes"],
        ["Version 1.04 \ufb01xed the parser.", "It also sped up builds."],
    ]
    pages, headings = laid_out_pages(raw)
    assert "6 Hints on writing IDL files" in headings
    text = "\n\n".join(pages)
    assert [title for _, _, title in sections(text, headings)] == [
        "6 Hints on writing IDL files",
        "7 Release notes",
    ]


def test_chapter_headings_on_a_few_pages_are_kept():
    words = [
        "red",
        "green",
        "blue",
        "amber",
        "grey",
        "white",
        "black",
        "pink",
        "teal",
        "gold",
        "navy",
        "rose",
    ]
    pages = [
        [f"The {w} page says something new.", f"Its {w} text goes on.", str(n)]
        for n, w in enumerate(words, 1)
    ]
    for n, page in zip((1, 2, 3), (0, 4, 8), strict=True):
        pages[page].insert(0, f"Chapter {n}")
    cleaned = strip_furniture(pages)
    assert [cleaned[p][0] for p in (0, 4, 8)] == ["Chapter 1", "Chapter 2", "Chapter 3"]
