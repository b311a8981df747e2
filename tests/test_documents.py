"""Loading files into Documents: what a document's text, title, sections and pages are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from silkqa.documents import UnreadableDocument, citation_markers, clean_pdf_page, is_supported, load_document

ROOT = Path(__file__).resolve().parents[1]
PAPER = ROOT / "corpus" / "huo-silk-road-central-asia.md"


def load(path: Path) -> object:
    return load_document(path, path.name)


def make_pdf(path: Path, pages: list[list[str]], title: str | None = None) -> Path:
    """A real PDF with a text layer: one list of lines per page, one line per cell."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    if title:
        pdf.set_title(title)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


# --------------------------------------------------------------------------- markdown


def test_markdown_sections_come_from_headings_including_bold_ones(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(
        "# Caravan notes\n\n"
        "Opening words before any section.\n\n"
        "## 1. Routes\n\nThe northern route crossed the steppe.\n\n"
        "### **1.1 Mountain passes**\n\nThe Torugart pass is high and cold.\n\n"
        "## **2. Goods**\n\nSilk went west and horses went east.\n",
        encoding="utf-8",
    )
    doc = load(path)
    assert doc.title == "Caravan notes"
    assert [s.title for s in doc.sections] == ["1. Routes", "1.1 Mountain passes", "2. Goods"]
    assert "**" not in doc.text and "#" not in doc.text
    assert doc.section_at(doc.text.index("Torugart")) == "1.1 Mountain passes"
    assert doc.section_at(doc.text.index("horses went east")) == "2. Goods"
    assert doc.section_at(doc.text.index("Opening words")) is None  # the title is not a section
    assert doc.pages == () and doc.page_at(0) is None


MAN_PAGE = """KILN(1)                     General Commands Manual                    KILN(1)

NAME
       kiln - fire clay pots in batches

SYNOPSIS
       kiln [ -t temperature ] [ pot ...  ]

DESCRIPTION
       The kiln command fires each named pot at the given temperature.

EXIT STATUS
       If a warning occurs, exit status is 2.

                                     local                             KILN(1)
"""


def test_a_manual_page_saved_as_text_has_its_sections_and_a_title(tmp_path):
    path = tmp_path / "kiln.txt"
    path.write_text(MAN_PAGE, encoding="utf-8")
    doc = load_document(path, path.name)
    assert doc.title == "kiln(1) — fire clay pots in batches"
    assert [s.title for s in doc.sections] == ["Name", "Synopsis", "Description", "Exit Status"]
    assert doc.section_at(doc.text.index("exit status is 2")) == "Exit Status"
    assert "General Commands Manual" not in doc.text and "local" not in doc.text.split()
    # a text that only looks like one on a later line is read as before
    other = tmp_path / "notes.txt"
    other.write_text("Notes\n\n" + MAN_PAGE, encoding="utf-8")
    assert [s.title for s in load_document(other, other.name).sections] != [
        "Name",
        "Synopsis",
        "Description",
        "Exit Status",
    ]


def test_markdown_code_keeps_its_characters_and_emphasis_goes(tmp_path):
    """Quotes are the document's words: `*`, `<b>` and `__init__` in code are code, and an
    emphasis that runs over a line break is still emphasis."""
    path = tmp_path / "readme.md"
    path.write_text(
        "# Tool\n\n"
        "Avoid `*` requirements and call `__init__` or `foo<b>.<i></b>bar</i>` here.\n\n"
        "It is **fast and\nsmall**, and *tiny*; x ** y is not emphasis.\n\n"
        "- **`debuglevel`** sets how much is logged.\n\n"
        "Like this: ```\nargs = *rest\n```\n\n"
        "After the code, `prose` again.\n",
        encoding="utf-8",
    )
    text = load(path).text
    assert "Avoid * requirements and call __init__ or foo<b>.<i></b>bar</i> here." in text
    assert "It is fast and small, and tiny; x ** y is not emphasis." in text
    assert "debuglevel sets how much is logged." in text
    assert "Like this:" in text and "args = *rest" in text
    assert "After the code, prose again." in text and "`" not in text


def test_a_plain_text_heading_in_a_box_heads_its_section(tmp_path):
    path = tmp_path / "README"
    path.write_text(
        "FROBTOOL README\n===============\n\nThis directory has the frob filter.\n\n\n"
        "+--------------+\n| INTRODUCTION |\n+--------------+\n\nFrobtool reads frob files.\n\n\n"
        "+--------------+\n| DEPENDENCIES |\n+--------------+\n\no OpenSSL, any version.\n",
        encoding="utf-8",
    )
    doc = load(path)
    assert doc.title == "FROBTOOL README"
    assert [s.title for s in doc.sections] == ["INTRODUCTION", "DEPENDENCIES"]
    assert doc.section_at(doc.text.index("OpenSSL")) == "DEPENDENCIES" and "+--" not in doc.text
    # a one-column table and a boxed note are no headings
    path.write_text(
        "FROBTOOL\n========\n\n+-----------+\n| Option    |\n+-----------+\n| --verbose |\n+-----------+\n\n"
        "+--------------------------------------+\n| Note: never run frobtool as root.    |\n"
        "+--------------------------------------+\n\nIt reads frob files.\n",
        encoding="utf-8",
    )
    assert load(path).sections == ()


def test_restructuredtext_links_lose_their_underscores(tmp_path):
    path = tmp_path / "readme.txt"
    path.write_text(
        "Tool\n====\n\n`Sorted Containers`_ is used by `Scrapy <https://scrapy.org/>`__ and"
        " ``pickle.dumps(*a)`` works.\n",
        encoding="utf-8",
    )
    text = load(path).text
    assert "Sorted Containers is used by Scrapy <https://scrapy.org/> and pickle.dumps(*a) works." in text


def test_a_root_prompt_in_a_one_line_listing_is_code_not_a_heading(tmp_path):
    """A one-line <pre> the extractor writes bare ("# python setup.py ...") reads as a Markdown
    heading; the page's own headings say which lines are headings."""
    (tmp_path / "kiln.html").write_text(
        "<html><head><title>Kiln manual</title></head><body><h1>Kiln manual</h1><h2>Installing kiln</h2>"
        "<p>Kiln is a small tool that bakes static pages from notes written in plain text files.</p>"
        "<p>You can see a list of the default installation locations by running:</p>"
        '<pre class="example">\n# python setup.py --show-default-install-dirs\n</pre>'
        "<h2>Using kiln</h2><p>Run kiln in the folder that holds your notes, and it writes the pages next to them.</p>"
        "<p>To bake only one note, give its name on the command line:</p>"
        '<pre class="example">\n# kiln bake notes/first.txt\n</pre>'
        "<p>The pages are written in a folder named out, which kiln creates when it is missing.</p></body></html>",
        encoding="utf-8",
    )
    doc = load_document(tmp_path / "kiln.html", "kiln.html")
    assert [s.title for s in doc.sections] == ["Installing kiln", "Using kiln"]
    assert "by running:\n\npython setup.py --show-default-install-dirs" in doc.text
    assert doc.section_at(doc.text.index("kiln bake notes")) == "Using kiln"


def test_markdown_escapes_heading_attributes_and_loose_front_matter_are_read_as_a_site_would(tmp_path):
    (tmp_path / "faq.md").write_text(
        "---\nlayout: default\ntitle: kiln : Frequently Asked Questions.\n---\n\n"
        "# kiln : Frequently Asked Questions\n\n"
        "1. [.bake(note, [options])](#bake)\n\n"
        "## Q1 : Why is the KL\\_INFO struct smaller? {#Q001}\n\n"
        "Because kl\\_read\\* no longer counts frames\\! Use `kl\\_read` as before.\n",
        encoding="utf-8",
    )
    doc = load_document(tmp_path / "faq.md", "faq.md")
    assert doc.title == "kiln : Frequently Asked Questions."  # no YAML (a second ": "), still a title
    assert "layout" not in doc.text
    assert [s.title for s in doc.sections] == ["Q1 : Why is the KL_INFO struct smaller?"]
    assert "Because kl_read* no longer counts frames! Use kl\\_read as before." in doc.text  # code as written
    assert ".bake(note, [options])" in doc.text and "](#bake)" not in doc.text


def test_markdown_escapes_stay_in_code_and_a_heading_that_is_all_braces_stays(tmp_path):
    (tmp_path / "notes.md").write_text(
        "---\nWarning: this fork is unmaintained. See: upstream.\nIt was moved.\n---\n\n"
        "# Notes\n\nFind logs with a pattern:\n\n    grep '\\.txt$' \\*.log\n\n"
        "### {#each items as item}\n\nLoops over the items.\n",
        encoding="utf-8",
    )
    doc = load_document(tmp_path / "notes.md", "notes.md")
    assert "grep '\\.txt$' \\*.log" in doc.text  # an indented code block keeps its backslashes
    assert "{#each items as item}" in [s.title for s in doc.sections]
    assert "Warning: this fork is unmaintained." in doc.text  # prose between rules is no front matter


def test_a_heading_that_a_listing_also_prints_stays_a_section(tmp_path):
    (tmp_path / "tool.html").write_text(
        "<html><head><title>Tool</title></head><body><h1>Tool</h1>"
        "<p>Tool turns notes into pages and keeps a list of them for the index page of the site.</p>"
        "<h2>Options<a class='headerlink' href='#options'>¶</a></h2>"
        "<p>Tool reads its options from the command line; run it with --help to see them all.</p>"
        "<pre>Options:\n  -q  quiet\n  -v  verbose</pre>"
        "<h2>Usage</h2><p>Run tool in the folder that holds the notes, and it writes the pages.</p></body></html>",
        encoding="utf-8",
    )
    doc = load_document(tmp_path / "tool.html", "tool.html")
    assert [s.title.rstrip("¶ ") for s in doc.sections] == ["Options", "Usage"]


def test_html_code_keeps_its_asterisks(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Deps</title></head><body><h1>Deps</h1>"
        "<p>Avoid <code>*</code> requirements: they match any version of a package.</p>"
        '<pre><code>bitflags = "*"\n</code></pre>'
        "<p>Use block comments (<code>/* ... */</code>) rarely in this code base.</p></body></html>",
        encoding="utf-8",
    )
    text = load(path).text
    assert "Avoid * requirements" in text
    assert 'bitflags = "*"' in text
    assert "(/* ... */)" in text


def test_html_keeps_a_backslash_the_page_writes(tmp_path):
    # the Markdown writer escapes * _ [ ...; a backslash before anything else is the page's own
    page = (
        "<html><head><title>Ignore lists</title></head><body><h1>Ignore lists</h1>"
        "<p>Files that match a Perl regular expression are ignored. For example, using the options</p>"
        "<pre class=\"example\">--ignore='.*\\.orig' --ignore='.*\\.dist'\n</pre>"
        "<p>will cause stow to ignore files ending in .orig or .dist, and C:\\Temp is never read.</p>"
        "<ol><li>First step of the list.</li><li>Second step, with a_b and 2*3.</li></ol></body></html>"
    )
    path = tmp_path / "stow.html"
    path.write_text(page, encoding="utf-8")
    text = load(path).text
    assert "--ignore='.*\\.orig' --ignore='.*\\.dist'" in text
    assert "C:\\Temp" in text
    assert "a_b and 2*3" in text and "\\*" not in text


def test_html_prose_keeps_its_asterisks_inside_emphasis_and_drops_permalink_marks(tmp_path):
    """A manual's function signature in <em> ("<em>*alloc (void **code)</em>"): the extractor
    writes emphasis with asterisks too, which took the page's own with it."""
    path = tmp_path / "closures.html"
    path.write_text(
        "<html><head><title>Closures</title></head><body><h1>Closures</h1>"
        "<dl><dt>Function: <strong>void</strong> <em>*tram_alloc (size_t <var>size</var>, void **<var>code</var>)</em>"
        "<a class='copiable-link' href='#index-1'> &para;</a></dt>"
        "<dd><p>Allocate a block of size bytes and set <var>*code</var> to its address. "
        "A 5&#42;3 grid &ast; is drawn as well.</p></dd></dl>"
        "<h2 id='s'>Freeing<a class='headerlink' href='#s'>¶</a></h2>"
        "<p>Free the block with <em>tram_free</em> when the timetable no longer needs it.</p></body></html>",
        encoding="utf-8",
    )
    doc = load(path)
    assert "void *tram_alloc (size_t size, void **code)" in doc.text
    assert "set *code to its address" in doc.text and "A 5*3 grid * is drawn" in doc.text
    assert "Free the block with tram_free when" in doc.text  # emphasis is still no text
    assert "¶" not in doc.text and [s.title for s in doc.sections] == ["Freeing"]


def test_markdown_front_matter_gives_title_authors_year_and_metadata(tmp_path):
    path = tmp_path / "fm.md"
    path.write_text(
        "---\ntitle: The Front Matter Title\nauthors:\n  - Ana Example\n  - Bo Sample\n"
        "year: 2019\nvenue: Steppe Review\n---\n\n# A Different Heading\n\nBody text here.\n",
        encoding="utf-8",
    )
    doc = load(path)
    assert doc.title == "The Front Matter Title"
    assert doc.authors == ("Ana Example", "Bo Sample")
    assert doc.year == 2019
    assert doc.meta("venue") == "Steppe Review"
    assert "Front Matter Title" not in doc.text and "venue" not in doc.text
    assert doc.text.startswith("A Different Heading")


def test_default_paper_metadata_and_sections():
    doc = load(PAPER)
    assert doc.kind == "markdown"
    assert doc.title.startswith("An Analysis of the Regional Cooperation Between China")
    assert doc.authors == ("Linfu Huo",)
    assert doc.meta("references") == "references.json"
    titles = [s.title for s in doc.sections]
    assert "2.2 Economic, trade and investment" in titles
    assert "1.2 Characteristics of China’s economic development" in titles
    assert "4. Conclusion" in titles
    assert not any("*" in t for t in titles)
    crude_oil = doc.text.index("China’s imports from Kazakhstan are mainly crude oil")
    assert doc.section_at(crude_oil) == "2.2 Economic, trade and investment"
    # the abstract sits after the title, before the first numbered section
    assert doc.section_at(doc.text.index("The reconstruction of the “Silk Road”")) is None


def test_superscript_citation_markup_becomes_a_plain_marker():
    doc = load(PAPER)
    assert "<sup>" not in doc.text and "</sup>" not in doc.text
    tail = "potential of the two regions in service trade cooperation is huge [2]."
    assert tail in doc.text
    assert citation_markers(tail) == ("2",)


def test_citation_markers_expand_lists_and_ranges():
    assert citation_markers("as shown [1, 3] and [4–6], again [3]") == ("1", "3", "4", "5", "6")
    assert citation_markers("no markers here (2019)") == ()


def test_text_file_numbered_lines_become_sections(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text(
        "Trade report\n\n1. Introduction\n\nThe report covers trade.\n\n"
        "2.1 Energy exports\n\nOil and gas dominate exports.\n",
        encoding="utf-8",
    )
    doc = load(path)
    assert doc.kind == "text"
    assert [s.title for s in doc.sections] == ["1. Introduction", "2.1 Energy exports"]
    assert doc.section_at(doc.text.index("Oil and gas")) == "2.1 Energy exports"


def test_non_utf8_text_is_decoded(tmp_path):
    text = (
        "Notes from Almaty\n\n"
        "The café near the old bazaar served naïve tourists a crème brûlée that cost a week of rent.\n"
        "Señora Müller, who ran the hostel, said the façade was restored in 1998 by a Zürich firm.\n"
    )
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("cp1252"))
    doc = load(path)
    for word in ("café", "naïve", "crème brûlée", "Señora Müller", "façade", "Zürich"):
        assert word in doc.text


def test_unreadable_files_raise_with_a_one_line_reason(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("  \n\n")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n" + os.urandom(3000))
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    for path, reason in ((empty, "empty"), (broken, "broken PDF"), (binary, "binary")):
        with pytest.raises(UnreadableDocument) as err:
            load(path)
        assert reason in str(err.value)
        assert "\n" not in str(err.value)


def test_typewriter_bold_and_underline_read_as_their_letters(tmp_path):
    """nroff's overstrike ("H\\bH", "_\\bw"), as Postfix's READMEs are shipped, was refused as binary."""
    path = tmp_path / "README.txt"
    bold = "".join(f"{c}\b{c}" for c in "Introduction")
    path.write_bytes(
        f"Kiln Howto\n\n{bold}\n\n".encode()
        + ("The kiln daemon keeps " + "".join(f"_\b{c}" for c in "spambots") + " away.\n").encode() * 40
    )
    text = load(path).text
    assert "Introduction" in text and "The kiln daemon keeps spambots away." in text
    assert "\b" not in text


# --------------------------------------------------------------------------- PDF

PDF_PAGES = [
    ["Caravan Routes Report", "The first page describes the mountain passes of the Pamir range."],
    [
        "Camel caravans carried silk and porcelain westward through Samarkand every spring.",
        "Merchants paid tolls at each oasis on the way to the trans-",
        "continental markets of Persia. Their ledgers survive in two",
    ],
    ["archives in Bukhara and Khiva.", "The third page concludes with notes on modern railways."],
]


def test_an_html_page_writing_a_tag_as_text_keeps_it(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Tags</title></head><body><h1>Tags</h1>"
        "<p>It helps to match common tags such as &lt;DIV&gt; and &lt;TD&gt; in a page.</p></body></html>",
        encoding="utf-8",
    )
    assert "It helps to match common tags such as <DIV> and <TD> in a page." in load(path).text


def test_pdf_pages_are_one_based_and_hyphenation_is_joined(tmp_path):
    doc = load(make_pdf(tmp_path / "routes.pdf", PDF_PAGES, title="Caravan Routes Report"))
    assert doc.kind == "pdf"
    assert doc.title == "Caravan Routes Report"
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert doc.page_at(doc.text.index("Pamir range")) == 1
    assert doc.page_at(doc.text.index("Camel caravans")) == 2
    assert doc.page_at(doc.text.index("modern railways")) == 3
    assert "transcontinental markets of Persia" in doc.text
    assert "trans-" not in doc.text
    # a sentence cut by the page break is rejoined with a space; it belongs to its first page
    assert "Their ledgers survive in two archives in Bukhara and Khiva." in doc.text
    assert doc.page_at(doc.text.index("Their ledgers")) == 2
    for page in doc.pages:
        assert doc.text[page.start : page.end].strip() == doc.text[page.start : page.end]


def test_typeset_ligatures_become_letters():
    """pypdf gives "ﬁ" for a typeset fi: neither the search index nor the encoder reads "ﬁle"
    as "file" (the page view folds both the same way, so the quote is still marked)."""
    raw = "The ﬁrst ﬂow of ﬃne sta\ufb00 goes to the oﬄine la\ufb06 ﬁle."
    assert clean_pdf_page(raw) == "The first flow of ffine staff goes to the offline last file."


def test_a_word_broken_at_its_own_hyphen_keeps_it():
    from silkqa.documents import written_with_hyphens

    lines = ["The camlidl-generated stubs", "As explained above, camlidl-", "generated stubs are", "compu-"]
    hyphenated = written_with_hyphens(lines + ["ters count."])
    assert hyphenated == {"camlidl-generated"}
    raw = "As explained above, camlidl-\ngenerated stubs on compu-\nters."
    assert clean_pdf_page(raw, hyphenated) == "As explained above, camlidl-generated stubs on computers."
    assert clean_pdf_page(raw) == "As explained above, camlidlgenerated stubs on computers."
    assert clean_pdf_page("inter-\nnation-\nal law") == "international law"  # broken on both sides


def test_tex_old_font_encoding_reads_as_letters_on_its_pages_only():
    """A LaTeX PDF in TeX's OT1 fonts with no Unicode map: pypdf gives ligatures, accents, the en
    dash and the minus as control characters and braces (GLPK's CNF-SAT note)."""
    raw = (
        "The problem is to \x0cnd values; the Satis\x0cability le\x0bers in\x0duence the o\x0ece. "
        "It is speci\x0ced in (1.5){(1.6), where |J \x00 i| counts, by Niklas E\x13en and S\x7forensson.\r\n"
        "Next line, x \u2208 {0, 1}."
    )
    assert clean_pdf_page(raw) == (
        "The problem is to find values; the Satisfiability leffers influence the office. "
        "It is specified in (1.5)\u2013(1.6), where |J \u2212 i| counts, by Niklas E\u00e9n and S\u00f6rensson. "
        "Next line, x \u2208 {0, 1}."
    )
    plain = "Old Mac text\rends lines so; a set {1}{2} stays."  # no ligature between letters
    assert clean_pdf_page(plain) == "Old Mac text ends lines so; a set {1}{2} stays."


def test_pdf_without_a_text_layer_is_refused(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 50, 50)
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(UnreadableDocument, match="no text layer"):
        load(path)


# --------------------------------------------------------------------------- HTML and DOCX

PAGE = """<!DOCTYPE html><html><head><title>Oasis Trade Notes</title>
<style>body { color: red } .STYLETOKEN { margin: 0 }</style>
<script>var tracker = "SCRIPTTOKEN"; function go() { return 1; }</script></head><body>
<nav><ul><li><a href="/">Home NAVTOKEN</a></li><li><a href="/about">About NAVTOKEN</a></li></ul></nav>
<main><article><h1>Oasis Trade Notes</h1>
<h2>Water and markets</h2>
<p>The oasis towns of the Fergana valley grew rich on the trade in melons, cotton and horses that
passed between the steppe and the settled lands.</p>
<p>Their bazaars drew merchants from Kashgar and Bukhara, who exchanged news as well as goods,
and the caravanserais along the roads kept travellers safe at night.</p>
<h2>Decline</h2>
<p>When the sea routes opened in the sixteenth century the overland caravans slowly declined and
many of the oasis markets shrank to local fairs.</p>
</article></main>
<footer>Copyright FOOTERTOKEN 2024</footer></body></html>"""


@pytest.mark.parametrize("name", ["oasis.html", "saved-page.txt"])
def test_html_keeps_the_article_and_drops_navigation_script_and_style(tmp_path, name):
    path = tmp_path / name
    path.write_text(PAGE, encoding="utf-8")
    doc = load(path)
    assert doc.kind == "html"
    assert doc.title == "Oasis Trade Notes"
    for junk in ("NAVTOKEN", "SCRIPTTOKEN", "STYLETOKEN", "function go", "<", "color: red"):
        assert junk not in doc.text
    assert "grew rich on the trade in melons" in doc.text
    assert [s.title for s in doc.sections] == ["Water and markets", "Decline"]
    assert doc.section_at(doc.text.index("sea routes opened")) == "Decline"
    assert doc.section_at(doc.text.index("Kashgar")) == "Water and markets"


LISTED_FIELDS_PAGE = """<html><head><title>Publishing a kiln log</title></head><body>
<main><h1>Publishing a kiln log</h1>
<ul><li><a href="#firing">Firing the kiln CONTENTSTOKEN</a></li><li><a href="#cooling">Cooling the pots CONTENTSTOKEN</a></li>
<li><a href="#glazes">Mixing glazes CONTENTSTOKEN</a></li></ul>
<h2 id="firing">Firing the kiln</h2>
<p>A kiln log records every firing of the kiln, so that the potter can repeat a good result and
avoid a bad one. Before you publish your log, make sure you have filled out the following fields:</p>
<ul>
<li><a href="fields.html#clay"><code>clay</code> or <code>clay-body</code></a></li>
<li><a href="fields.html#cone"><code>cone</code></a></li>
<li><a href="fields.html#atmosphere"><code>atmosphere</code></a></li>
</ul>
<p>It is also a good idea to note the weather, though it is not required. A humid day slows the
drying of the pots and can change the colour of a glaze in ways that are hard to predict.</p>
<h2 id="cooling">Cooling the pots</h2>
<p>The pots are left to cool in the closed kiln for a day, because opening it early cracks them.</p>
<h2 id="glazes">Mixing glazes</h2>
<p>Glazes are mixed from silica, flux and alumina, weighed on a scale to a tenth of a gram.</p>
</main></body></html>"""


def test_a_list_of_links_that_a_sentence_introduces_is_text_and_a_contents_list_is_not(tmp_path):
    """The extractor drops lists of links as menus; the fields a sentence asks for are content."""
    path = tmp_path / "kiln-log.html"
    path.write_text(LISTED_FIELDS_PAGE, encoding="utf-8")
    text = load(path).text
    introduced = text.index("the following fields:")
    for field in ("clay or clay-body", "cone", "atmosphere"):
        assert field in text[introduced : text.index("It is also a good idea")]
    assert "CONTENTSTOKEN" not in text
    assert "fields.html" not in text and "<" not in text


@pytest.mark.parametrize(
    "introduction, href",
    [
        ("On this page:", "other.html#a"),
        ("See also:", "other.html"),
        ("The sections of this page are these:", "#a"),
    ],
)
def test_an_introduced_list_of_contents_or_related_links_stays_a_menu(introduction, href):
    """A list of links within the page, or one introduced as contents or "see also", is a menu."""
    from silkqa.webpages import _linked_items_kept

    raw = f'<p>{introduction}</p><ul><li><a href="{href}">Firing</a></li><li><a href="{href}">Cooling</a></li></ul>'
    assert _linked_items_kept(raw) == raw


def test_only_items_that_are_one_link_lose_the_link():
    from silkqa.webpages import _linked_items_kept

    raw = (
        "<p>Make sure you have filled out these <em>fields:</em></p>"
        '<ul><li><a href="a.html">clay</a> described here</li><li><a href="c.html">cone</a></li></ul>'
    )
    kept = _linked_items_kept(raw)
    assert '<li><a href="a.html">clay</a> described here</li>' in kept
    assert "<li>cone</li>" in kept


XHTML_MANUAL = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Chapter 2. Kilns</title></head><body>
<div class="chapter"><h1 class="title"><a id="kilns"></a>Chapter 2. Kilns</h1>
<div class="section"><h2 class="title"><a id="a">2.1. What is a kiln?</a></h2>
<p>A kiln is an oven that fires clay at high temperatures.</p></div>
<div class="section"><h2 class="title"><a id="b">2.2. Why fire slowly?</a></h2>
<p>Clay is fired slowly because trapped water turns to steam and cracks the pot.</p></div>
<div class="section"><h2 class="title"><a id="c">2.3. How hot?</a></h2>
<p>Stoneware is fired at about 1,200 degrees.</p></div>
</div></body></html>"""


def test_an_xhtml_manual_has_no_xml_declaration_and_its_title_once(tmp_path):
    """A DocBook-style page (headings in anchors) is converted whole; its <?xml?> line and its
    <head> title were read as the document's first sentence."""
    path = tmp_path / "kilns.en.html"
    path.write_text(XHTML_MANUAL, encoding="utf-8")
    doc = load(path)
    assert "xml version" not in doc.text and "?" not in doc.text.split("\n")[0]
    assert doc.text.count("Chapter 2. Kilns") == 1
    assert doc.title == "Chapter 2. Kilns"
    assert [s.title for s in doc.sections] == [
        "2.1. What is a kiln?",
        "2.2. Why fire slowly?",
        "2.3. How hot?",
    ]
    assert doc.section_at(doc.text.index("trapped water")) == "2.2. Why fire slowly?"


def test_docx_headings_give_sections(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Steppe Empires", level=0)
    document.add_paragraph("An introduction that belongs to no section.")
    document.add_heading("Horses and herders", level=1)
    document.add_paragraph("Herders of the Kazakh steppe raised horses prized in Chinese markets.")
    document.add_heading("Trade with the cities", level=1)
    document.add_paragraph("The herders traded wool and hides for grain and cloth in border towns.")
    document.core_properties.author = "Ana Nomad"
    path = tmp_path / "steppe.docx"
    document.save(str(path))

    doc = load(path)
    assert doc.kind == "docx"
    assert doc.title == "Steppe Empires"
    assert doc.authors == ("Ana Nomad",)
    assert [s.title for s in doc.sections] == ["Horses and herders", "Trade with the cities"]
    assert doc.section_at(doc.text.index("wool and hides")) == "Trade with the cities"
    assert doc.section_at(doc.text.index("An introduction")) is None


def test_a_name_in_capitals_without_an_extension_is_plain_text(tmp_path):
    from silkqa.documents import is_supported

    faq = tmp_path / "FAQ"
    faq.write_text(
        "Kiln FAQ\n========\n\nWhat is kiln?\n-------------\n\nKiln bakes static pages from notes.\n"
    )
    doc = load(faq)
    assert doc.kind == "text" and "Kiln bakes static pages" in doc.text
    assert [s.title for s in doc.sections] == ["What is kiln?"]
    assert not is_supported(tmp_path / "Makefile") and not is_supported(tmp_path / "notes")
    assert not is_supported(tmp_path / "TAGS")  # an editor's symbol index
    binary = tmp_path / "BLOB"
    binary.write_bytes(b"\x7fELF\x00\x00\x00binary")
    with pytest.raises(UnreadableDocument, match="binary"):
        load(binary)


def test_unsupported_suffix_is_refused(tmp_path):
    path = tmp_path / "table.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(UnreadableDocument, match="unsupported file type"):
        load(path)


# --------------------------------------------------------------------------- structure of plain documents


def test_an_html_logo_block_is_no_text_and_an_opening_sentence_is_no_title(tmp_path):
    md = tmp_path / "kiln-readme.md"
    md.write_text(
        '<p align="center">\n  <a href="https://kiln.example/">\n'
        '    <img src="https://kiln.example/logo.svg" width="35%" alt="kiln" />\n  </a>\n</p>\n\n'
        "*kiln* is the Python package that fires clay in small batches without any of the usual fuss.\n\n"
        "## Example\n\n```html\n<div>\n</div>\n```\n",
        encoding="utf-8",
    )
    doc = load(md)
    assert "<p" not in doc.text and "<img" not in doc.text and "logo.svg" not in doc.text
    assert doc.text.startswith("kiln is the Python package")
    assert doc.title == "kiln readme"  # the opening sentence is prose, not a title
    assert "<div>" in doc.text  # HTML inside a code block is the code's own text


def test_a_row_of_badges_is_no_text_but_an_inline_picture_keeps_its_sentence(tmp_path):
    md = tmp_path / "kiln.md"
    md.write_text(
        "# Kiln\n\n"
        "[![pypi version](https://img.example/v.svg)](https://pypi.example/kiln)\n"
        "[![Build status](https://ci.example/b.svg)](https://ci.example/kiln) ![Downloads](https://d.example/d.svg)\n\n"
        "A Python library for firing clay in small batches.\n\n"
        "Kiln shows a ![flame](f.svg) icon while it heats.\n\n"
        "![Firing curve of a glaze kiln](doc/curve.png)\n",
        encoding="utf-8",
    )
    doc = load(md)
    assert "pypi version" not in doc.text and "Build status" not in doc.text and "Downloads" not in doc.text
    assert doc.text.startswith("Kiln\n\nA Python library for firing clay")
    assert "Kiln shows a flame icon while it heats." in doc.text
    assert "Firing curve of a glaze kiln" in doc.text  # a lone figure keeps its caption
    rst = tmp_path / "kiln.txt"
    rst.write_text(
        "kiln\n====\n\n|pypi version| |Build status|\n\nA Python library for firing clay.\n\n"
        "Type |kiln| to start; the |pipe| sign means or.\n",
        encoding="utf-8",
    )
    doc = load(rst)
    assert "pypi version" not in doc.text and "A Python library for firing clay." in doc.text
    assert "the |pipe| sign means or." in doc.text  # substitutions inside a sentence stay


def test_setext_and_restructuredtext_headings_become_sections(tmp_path):
    rst = tmp_path / "guide.txt"
    rst.write_text(
        "=========================\nTram Guide -- how it runs\n=========================\n\n"
        ".. image:: https://example.org/badge.svg\n    :alt: badge\n\n"
        "Synopsis\n========\n\nTrams run every ten minutes on the red line.\n\n"
        "Fares\n-----\n\nA single fare costs two euros and is valid for an hour.\n",
        encoding="utf-8",
    )
    doc = load(rst)
    assert doc.title == "Tram Guide -- how it runs"
    assert [s.title for s in doc.sections] == ["Synopsis", "Fares"]
    assert doc.section_at(doc.text.index("two euros")) == "Fares"
    assert "badge" not in doc.text and "===" not in doc.text and "---" not in doc.text
    md = tmp_path / "notes.md"
    md.write_text(
        "Notes\n=====\n\nIntro text here.\n\nDetails\n-------\n\nThe details follow.\n", encoding="utf-8"
    )
    doc = load(md)
    assert doc.title == "Notes" and [s.title for s in doc.sections] == ["Details"]


def test_a_wrapped_list_item_and_a_wrapped_link_stay_whole(tmp_path):
    md = tmp_path / "list.md"
    md.write_text(
        "# Goals\n\n- Outputs depend on the command line used to generate\n  them, so new flags rebuild them.\n"
        "- Second item.\n\nIt was born from [my work on the\nbrowser project](http://example.org/x), long ago.\n",
        encoding="utf-8",
    )
    doc = load(md)
    assert "Outputs depend on the command line used to generate them, so new flags rebuild them." in doc.text
    assert "It was born from my work on the browser project, long ago." in doc.text


MANUAL = """<html><head><title>The Tram Manual</title></head><body>
<div class="book"><h1 class="title"><a id="top"></a>The Tram Manual</h1>
<h3 class="author"><span class="firstname">v1.2,</span> <span class="othername">Aug</span> <span>2022</span></h3>
<div class="toc"><ul><li><a href="#intro">Introduction</a></li><li><a href="#fares">Fares</a></li></ul></div>
<h2 class="title"><a id="intro"></a>Introduction</h2><p>This manual explains how the city trams run and
how riders pay for them, from the first tram at dawn to the last one at midnight.</p>
<h2 class="title"><a id="fares"></a>Fares</h2><p>A single fare costs two euros. Day passes cost six
euros and are sold at every stop from a machine that takes cards and coins.</p>
<h2 class="title"><a id="night"></a>Night service</h2><p>Night trams run hourly on the red line only,
and they stop at every station on the way to the depot.</p>
<pre><code># a comment inside code is not a heading
run --fast</code></pre>
</div></body></html>"""


def test_a_manual_page_keeps_its_headings_and_its_author_line_is_not_taken_for_names(tmp_path):
    path = tmp_path / "manual.html"
    path.write_text(MANUAL, encoding="utf-8")
    doc = load(path)
    assert doc.title == "The Tram Manual"
    titles = [s.title for s in doc.sections]
    assert {"Introduction", "Fares", "Night service"} <= set(titles)
    assert not any("comment inside code" in t for t in titles)
    assert doc.section_at(doc.text.index("Day passes")) == "Fares"
    assert all(not any(ch.isdigit() for ch in a) and a != "Aug" for a in doc.authors)


BLOG = """<html><head><title>Tram Notes</title></head><body><article><h1>Tram Notes</h1>
<p>The first paragraph of the post says a good deal about trams and their long history in the city.</p>
<h2>Depots</h2><p>More words about the trams and the depots they were kept in over the winter.</p>
</article><aside><h3>Recent posts</h3><ul><li>Buses</li></ul><h3>Categories</h3><h3>Archives</h3></aside>
<footer>Copyright 2021 Example Blog</footer><svg><title>Copy icon</title></svg></body></html>"""


def test_a_blog_keeps_its_post_not_its_sidebar_footer_or_icon_titles(tmp_path):
    path = tmp_path / "post.html"
    path.write_text(BLOG, encoding="utf-8")
    doc = load(path)
    assert doc.title == "Tram Notes"
    assert [s.title for s in doc.sections] == ["Depots"]
    for chrome in ("Recent posts", "Categories", "Copyright 2021", "Copy icon"):
        assert chrome not in doc.text


def test_an_html_title_from_the_page_chrome_gives_way_to_the_title_tag(tmp_path, monkeypatch):
    """mdBook pages open with a "Keyboard shortcuts" help box, which trafilatura takes for the
    title of eleven pages in the gold sets; the page is what its <title> says."""
    import trafilatura

    real = trafilatura.extract_metadata

    def chrome_title(raw, *args, **kwargs):
        meta = real(raw, *args, **kwargs)
        meta.title = "Keyboard shortcuts"
        return meta

    monkeypatch.setattr(trafilatura, "extract_metadata", chrome_title)
    path = tmp_path / "page.html"
    page = (
        "<html><head><title>{}</title></head><body>"
        '<div id="help"><h2>Keyboard shortcuts</h2><p>Press ? to show this help.</p></div>'
        "<main><h1>Dependency Resolution</h1><p>Cargo picks the versions of dependencies from"
        " the version requirements that each package states in its manifest.</p></main></body></html>"
    )
    path.write_text(page.format("Dependency Resolution - The Cargo Book"), encoding="utf-8")
    assert load(path).title == "Dependency Resolution - The Cargo Book"
    path.write_text(page.format("Keyboard shortcuts | Help"), encoding="utf-8")
    assert load(path).title == "Keyboard shortcuts"  # a title found in <title> stands


def test_a_book_page_keeps_the_code_listings_its_prose_explains(tmp_path):
    # mdBook wraps each listing in <figure class="listing">, which the article extractor drops
    # as an illustration; the prose around it ("as shown in Listing 1") loses what it explains
    things = ["counter", "queue", "cache", "log", "buffer", "table"]
    prose = [
        f"<p>The mutex guards the {t} so that only one thread changes the {t} at a time. The guard "
        f"that lock returns for the {t} unlocks it when it goes out of scope, so the {t} is never "
        f"left locked. Each thread takes the lock, updates the {t} and lets the lock go again.</p>"
        for t in things
    ]
    listing = (
        '<figure class="listing"><span class="file-name">Filename: src/main.rs</span>'
        '<pre class="playground"><code class="language-rust">use std::sync::Mutex;\n\nfn main() {{\n'
        "    let total_{n} = Mutex::new({n});\n}}\n</code></pre><figcaption>Listing {n}: a mutex"
        "</figcaption></figure>"
    )
    parts = "".join(
        f"<h2>Part {n}</h2>{prose[2 * n]}{listing.format(n=n)}{prose[2 * n + 1]}" for n in range(3)
    )
    page = tmp_path / "shared-state.html"
    page.write_text(
        "<html><head><title>Shared state</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<main><h1>Shared state</h1>{parts}</main><footer>(c) 2024</footer></body></html>"
    )
    text = load_document(page, page.name).text
    assert all(f"let total_{n} = Mutex::new({n});" in text for n in range(3))
    assert "Home" not in text and "(c) 2024" not in text
    assert all(f"updates the {t} and lets the lock go again" in text for t in things)


def test_markdown_reference_links_read_as_their_text_and_their_targets_are_not_text(tmp_path):
    path = tmp_path / "guide.md"
    path.write_text(
        "# Guide\n\nThe [`common` module][] has helpers, and [the LTS lines][lts] are tested.\n"
        "Index a grid with `grid[i][j]` and never with [brackets][].\n\n"
        "[`common` module]: https://example.org/common/README.md\n"
        "[lts]: https://example.org/lts 'Long-term support'\n"
        "[brackets]: <https://example.org/brackets>\n",
        encoding="utf-8",
    )
    text = load(path).text
    assert "The common module has helpers, and the LTS lines are tested." in text
    assert "Index a grid with grid[i][j] and never with brackets." in text
    assert "example.org" not in text


def test_a_plain_text_list_item_wrapped_over_lines_is_one_item_not_a_heading(tmp_path):
    path = tmp_path / "spec.txt"
    path.write_text(
        "Keyboard Security\n\nThe following changes apply:\n\n"
        " 1. The bit vector representing the state of the keys returned by\n"
        "    QueryKeymap is all zeroes.\n\n"
        " 2. GrabKeyboard returns a status of AlreadyGrabbed.\n\n"
        "5. Encoding\n\nEach request is encoded in four-byte units.\n",
        encoding="utf-8",
    )
    doc = load(path)
    assert (
        "The bit vector representing the state of the keys returned by QueryKeymap is all zeroes." in doc.text
    )
    assert [s.title for s in doc.sections][-1:] == ["5. Encoding"]


def test_a_specifications_title_page_gives_its_author_and_date_and_chapters_are_sections(tmp_path):
    path = tmp_path / "spec.txt"
    path.write_text(
        "Frobnication Extension Specification\n\nX Consortium Standard\n\nAda M. Lovelace\n\n"
        "X Consortium\n\nVersion 1.0\n\nCopyright © 1996 X Consortium\n\nPermission is hereby granted, "
        "free of charge, to any person obtaining a copy of this software.\n\nMarch 3, 1996\n\n"
        "Table of Contents\n\n1. Introduction\n2. Requests\n\n"
        "Chapter\xa01.\xa0Introduction\n\nThe extension frobnicates windows.\n\n"
        "Chapter\xa02.\xa0Requests\n\n1         CARD8          major-opcode\n\n"
        "FrobnicateWindow asks the server to frobnicate a window.\n",
        encoding="utf-8",
    )
    doc = load(path)
    assert doc.authors == ("Ada M. Lovelace",)
    assert doc.year == 1996 and doc.meta("date") == "March 3, 1996"
    titles = [s.title for s in doc.sections]
    assert "Chapter 2. Requests" in titles and not any("CARD8" in t for t in titles)
    at = doc.text.index("FrobnicateWindow asks")
    assert next(s.title for s in doc.sections if s.start <= at < s.end) == "Chapter 2. Requests"


def test_a_name_with_its_address_is_a_byline_without_a_copyright_or_date(tmp_path):
    path = tmp_path / "frob.txt"
    path.write_text(
        "The Frob Extension Version 1.2 2018-02-26\n\nAda Lovelace ada@example.org Analytical Engines\n\n"
        "1. Introduction\n\nThe Frob extension frobnicates windows.\n\n1.1. Acknowledgments\n\n"
        "Charles Babbage <cb@example.org>\n",
        encoding="utf-8",
    )
    assert load(path).authors == ("Ada Lovelace",)


def test_a_name_with_the_date_it_was_written_under_the_title_is_a_byline(tmp_path):
    path = tmp_path / "guide.txt"
    path.write_text(
        "Using frob in Kiln4\n\nAda Tridgell August 2009\n\nThe most current version of this "
        "document is online.\n\nRelease Notes March 2020\n\nThe frob library is a pool of memory.\n",
        encoding="utf-8",
    )
    assert load(path).authors == ("Ada Tridgell",)


def test_a_byline_set_as_a_heading_names_the_author_and_heads_no_section(tmp_path):
    path = tmp_path / "frob.html"
    path.write_text(
        "<html><head><title>How To Frob</title></head><body>"
        '<h1 class="titlemain">How To Frob</h1><h3 class="titlerest">Ada Grünbacher, Engine Labs <br>'
        "ada@example.org</h3><h2>1 Introduction</h2><p>Frobbing windows is a craft that takes years "
        "to learn, and this paper shows how to learn it in a week.</p><h2>2 Method</h2><p>First "
        "frob the small windows, then the large ones, and keep notes of every step.</p></body></html>",
        encoding="utf-8",
    )
    doc = load(path)
    assert doc.authors == ("Ada Grünbacher",)
    assert "Ada Grünbacher, Engine Labs" in doc.text
    assert not any("example.org" in s.title for s in doc.sections)
    # a section about addresses stays a section, and no one is "Last Updated" or "Mailing List"
    readme = tmp_path / "kiln.md"
    readme.write_text(
        "# Kiln\n\nLast Updated March 2020\n\nKiln bakes notes.\n\n## Install\n\nRun pip install kiln.\n\n"
        "## Contact\n\nkiln-help@example.org\n\n## Mailing List\n\nkiln-users@example.org\n",
        encoding="utf-8",
    )
    doc = load(readme)
    assert doc.authors == () and [s.title for s in doc.sections] == ["Install", "Contact", "Mailing List"]


def test_a_readme_s_logo_heading_and_top_screenshot_are_no_title(tmp_path):
    path = tmp_path / "kiln-README.md"
    path.write_text(
        "# [![kiln logo](kiln.png)](https://kiln.dev)\n\n"
        "[![CI](https://example.org/ci/badge.svg)](https://example.org/ci)\n\n"
        "![Screenshot of kiln](docs/screenshot.png?raw=true)\n\n"
        "## Introduction\n\nkiln is an interactive note viewer.\n\n## Install\n\nRun make install.\n",
        encoding="utf-8",
    )
    doc = load(path)
    assert doc.title == "kiln README"
    assert doc.text.startswith("Introduction\n\nkiln is an interactive note viewer.")


def test_a_readme_that_opens_with_long_prose_is_titled_by_its_file_not_a_later_line(tmp_path):
    path = tmp_path / "kiln-README.md"
    long = "kiln is a terminal-based note viewer that aims to be easy to use and intuitive, " * 3
    path.write_text(
        '<img alt="kiln logo" src="logo.svg"/>\n\n'
        f"**kiln** {long.strip()}\n\nHere is a picture of kiln showing its own notes.\n\n## Install\n\nRun make.\n",
        encoding="utf-8",
    )
    assert load(path).title == "kiln README"


def test_html_and_quote_marks_in_markdown_are_layout_not_text(tmp_path):
    path = tmp_path / "readme.md"
    path.write_text(
        '<h1 align="center">Kiln, for Everyone</h1>\n\n<p align="center">The oven<br> for notes</p>\n\n'
        "> A library that bakes pages from notes.<br />\n> Motivated by ovens, I tried a new approach.\n\n"
        'Run `kiln <notes>` with <kbd>Ctrl</kbd>+<kbd>C</kbd> to stop; see <a href="x">the guide</a>.\n\n'
        "Use pyenv install <version>  to pick one.\n\n"
        "<table><tr><td>Linux</td><td>Yes</td></tr></table>\n\n"
        "Copy with kiln cp <source> <target>; a Foo<S> holds notes; a >=3.6 Python.\n",
        encoding="utf-8",
    )
    doc = load(path)
    assert doc.title == "Kiln, for Everyone"
    assert "A library that bakes pages from notes. Motivated by ovens, I tried a new approach." in doc.text
    assert "The oven for notes" in doc.text
    assert "Run kiln <notes> with Ctrl+C to stop; see the guide." in doc.text  # code keeps its characters
    assert "Use pyenv install <version>  to pick one." in doc.text  # a placeholder, not a tag
    assert "Linux Yes" in doc.text  # cells stay apart
    assert "Copy with kiln cp <source> <target>; a Foo<S> holds notes; a >=3.6 Python." in doc.text
    assert "<img" not in doc.text and "<h1" not in doc.text and "<kbd>" not in doc.text


def test_code_inside_a_quote_ends_with_its_fence_and_the_page_reads_on(tmp_path):
    """A fence opened as "> ```" never closed: every heading, link and emphasis after it was kept as
    typed Markdown and the rest of the document had no sections (nano's FAQ, SQLite's WAL page)."""
    readme = tmp_path / "notes.md"
    readme.write_text(
        "# Kiln\n\n> To turn it on, run:\n>\n> ```\n> kiln --on\n>     --fast\n> ```\n>\n"
        "> Then **restart** it.\n\n## Cooling\n\nSee [the guide](guide.html) for *cooling*.\n\n"
        "```\n> ```\nquoted fence shown as code\n```\n\n## After\n\nThe end.\n",
        encoding="utf-8",
    )
    doc = load(readme)
    assert [s.title for s in doc.sections] == ["Cooling", "After"]
    assert "Then restart it." in doc.text and "See the guide for cooling." in doc.text
    assert "kiln --on" in doc.text and "> kiln" not in doc.text
    assert "> ``` quoted fence shown as code" in doc.text  # code outside a quote is kept as written
    page = tmp_path / "faq.html"
    page.write_text(
        "<html><head><title>Kiln FAQ</title></head><body><main><h1>Kiln FAQ</h1>"
        "<h2>1. Starting</h2><blockquote><p>Add these lines to your kilnrc file:</p>"
        "<pre>kiln.heat: high\nkiln.fan: on</pre><p>Then restart the kiln.</p></blockquote>"
        "<h2>2. Cooling</h2><blockquote><p>Open the <b>vent</b>, as <a href='g.html'>the guide</a> "
        "says, and wait an hour before you touch the shelves.</p></blockquote>"
        "<h2>3. Cleaning</h2><p>Brush the shelves when they are cold, never with water.</p>"
        "</main></body></html>",
        encoding="utf-8",
    )
    doc = load(page)
    assert "Open the vent, as the guide says, and wait an hour" in doc.text
    assert "**" not in doc.text and "](" not in doc.text and "> " not in doc.text
    assert [s.title for s in doc.sections][-2:] == ["2. Cooling", "3. Cleaning"]


def test_headings_and_phrases_of_a_readme_are_no_authors(tmp_path):
    path = tmp_path / "readme.txt"
    path.write_text(
        "Relative Dates\n\nAll Rights Reserved\n\nHow To Use\n==========\n\n"
        "Parse relative dates such as 'two days ago' with a single call.\n",
        encoding="utf-8",
    )
    assert load(path).authors == ()


def test_myst_markdown_roles_targets_and_admonitions_read_as_sphinx_shows_them(tmp_path):
    path = tmp_path / "resolution.md"
    path.write_text(
        "# Resolution\n\nThis can be disabled by passing {any}`--no-deps` to {any}`pip install`.\n"
        "The operators are in {pep}`440`; any compatible{sup}`1` version.\n\n"
        "(Fixing conflicts)=\n\n## Conflicts\n\n"
        "```{versionchanged} 20.3\npip's resolver is now capable of backtracking.\n```\n\n"
        "````{admonition} Example\n:class: dropdown\n\nThe user requests `pip install tea`.\n\n"
        "```{pip-cli}\n$ pip install tea\n```\n\nThis can look like _many downloads_ of `cup`.\n````\n\n"
        "```python\nx = '``` not a fence end'\n```\n\nThe end.\n",
        encoding="utf-8",
    )
    text = load(path).text
    assert "This can be disabled by passing --no-deps to pip install." in text
    assert "The operators are in PEP 440; any compatible version." in text
    assert "Fixing conflicts" not in text
    assert "Changed in version 20.3: pip's resolver is now capable of backtracking." in text
    # an admonition's body is prose (its code spans and emphasis go), a listing in it stays code
    assert "The user requests pip install tea." in text
    assert "This can look like many downloads of cup." in text
    assert "$ pip install tea" in text and ":class:" not in text
    assert "The end." in text and "`" not in text.replace("``` not a fence end", "")


def test_a_myst_colon_fence_is_a_box_not_text(tmp_path):
    path = tmp_path / "guide.md"
    path.write_text(
        "# Guide\n\n:::{important}\nThe quickest way to start is to call configure.\n:::\n\n"
        "After that, logs go to stdout.\n\n:::{note} A title\nSome note text.\n:::\n",
        encoding="utf-8",
    )
    text = load(path).text
    assert ":::" not in text and "{important}" not in text
    assert "The quickest way to start is to call configure.\n\nAfter that" in text
    assert "A title\n\nSome note text." in text


@pytest.mark.parametrize("name", ["README.txt", "README.md"])
def test_a_star_glued_to_a_word_is_a_glob_not_emphasis(tmp_path, name):
    path = tmp_path / name
    path.write_text(
        "Get libpng-*.tar.gz or\nlibpng-*.tar.xz for UNIX line endings, or lpng*.7z for DOS ones.\n\n"
        "It is *tiny* and **fast**, and the *.copy()* is required.\n\n"
        "**.NET 8** is the target. On *nix systems get lpng*.7z.\n",
        encoding="utf-8",
    )
    text = load(path).text
    assert "Get libpng-*.tar.gz or libpng-*.tar.xz for UNIX line endings, or lpng*.7z for DOS ones." in text
    assert "It is tiny and fast, and the .copy() is required." in text
    assert ".NET 8 is the target. On *nix systems get lpng*.7z." in text


def test_underscores_are_emphasis_in_written_markdown_and_text_in_a_converted_page(tmp_path):
    written = tmp_path / "notes.md"
    written.write_text(
        "# Notes\n\nYou are _opting out_ of support; snake_case_names stay.\n", encoding="utf-8"
    )
    assert "You are opting out of support; snake_case_names stay." in load(written).text
    page = tmp_path / "api.html"
    page.write_text(
        "<html><head><title>API</title></head><body><main><h1>API</h1>"
        "<p>For example, _.reduce/_.inject is exported from reduce.js, and ${in} is a variable.</p>"
        "</main></body></html>",
        encoding="utf-8",
    )
    assert (
        "For example, _.reduce/_.inject is exported from reduce.js, and ${in} is a variable."
        in load(page).text
    )


def test_troff_font_changes_in_a_plain_text_spec_are_not_text(tmp_path):
    path = tmp_path / "xdmcp.txt"
    path.write_text(
        "X Display Manager Control Protocol\n\nA new server, called a \\fIDisplay Manager\\fP, starts sessions.\n",
        encoding="utf-8",
    )
    assert "A new server, called a Display Manager, starts sessions." in load(path).text


def test_a_role_keeps_a_name_with_angle_brackets_and_a_literal_block_keeps_its_comments(tmp_path):
    path = tmp_path / "packages.txt"
    path.write_text(
        "Packages\n========\n\n"
        "Setting :variable:`CMAKE_DISABLE_FIND_PACKAGE_<PackageName>` skips it; see\n"
        ":ref:`the guide <guide-label>`.\n\n"
        ".. code-block:: cmake\n\n"
        "  # compute PREFIX relative to the file\n"
        "  set(Foo_DIRS ${PREFIX}/include)\n\n"
        "After the block.\n"
    )
    doc = load(path)
    assert "Setting CMAKE_DISABLE_FIND_PACKAGE_<PackageName> skips it; see the guide." in doc.text
    assert "# compute PREFIX relative to the file" in doc.text
    assert not any("compute PREFIX" in s.title for s in doc.sections)


def test_a_web_page_writes_powers_with_a_caret_and_starts_a_heading_after_a_code_block(tmp_path):
    from silkqa.webpages import page_markdown

    assert "up to 2^29 bytes" in page_markdown(
        "<html><body><p>Aligned up to 2<sup>29</sup> bytes.</p></body></html>"
    )
    # SQLite's pages style the exponent: "2<sup><small>48</small></sup>" read as "248 bytes"
    assert "(2^48 bytes)" in page_markdown(
        "<html><body><p>A database holds 281 terabytes (2<sup><small>48</small></sup> bytes).</p></body></html>"
    )
    page = tmp_path / "permissions.html"
    page.write_text(
        "<html><body><main><h1>Permissions</h1>"
        "<p>The policy manifest will be used to enforce constraints on code loaded by Node.js.</p>"
        "<p>This allows running node and asserting the policy file contents even if it changed.</p>"
        '<pre><code class="language-bash">node --experimental-policy=policy.json app.js</code> '
        '<button class="copy-button">copy</button></pre>'
        '<h5>Features<span><a class="mark" href="#features">#</a></span></h5>'
        "<p>When a policy check fails, Node.js by default will throw an error in the process.</p>"
        "</main></body></html>"
    )
    doc = load(page)
    assert "node --experimental-policy=policy.json app.js\n\nFeatures" in doc.text
    assert [s.title for s in doc.sections][-1:] == ["Features"]


LAID_OUT = """<html><head><title>Kiln FAQ</title></head><body>
<table width="100%"><tr>
<td valign="top" width="200"><table><tr><th>Main menu</th></tr>
<tr><td><a href="index.html">Home</a></td></tr><tr><td><a href="faq.html">FAQ</a></td></tr></table></td>
<td valign="top"><h1>Kiln FAQ</h1>
<h2>Licence</h2>
<p>The kiln controller is released under the MIT Licence, which allows it to be embedded in closed products.</p>
<h2>Firing</h2>
<p>A bisque firing reaches about nine hundred degrees and takes most of a day to cool.</p>
<table><tr><th>Cone</th><th>Temperature</th></tr><tr><td>06</td><td>999 C</td></tr>
<tr><td>6</td><td>1222 C</td></tr></table>
<h2>Glazes</h2>
<p>Glazes are applied after the bisque firing, when the clay can still absorb water from them.</p>
</td></tr></table></body></html>"""


def test_a_page_laid_out_with_tables_reads_as_its_flow_and_keeps_its_tables_of_data(tmp_path):
    """An old manual puts its whole body, headings and all, in one cell of a layout table: it reads
    as headings and paragraphs (sections a citation can name), while a table of data inside it
    still reads as one row per line."""
    path = tmp_path / "faq.html"
    path.write_text(LAID_OUT, encoding="utf-8")
    doc = load(path)
    assert {"Licence", "Firing", "Glazes"} <= {s.title for s in doc.sections}
    bisque = doc.text.index("A bisque firing reaches about nine hundred degrees")
    assert doc.section_at(bisque) == "Firing"
    assert doc.section_at(doc.text.index("Glazes are applied after")) == "Glazes"
    assert "1222 C" in doc.text
    row = next(line for line in doc.text.split("\n") if "1222 C" in line)
    assert "Glazes are applied" not in row and "bisque" not in row  # the data row stands alone


def test_a_table_of_data_stays_rows_with_end_tags_left_out_or_sub_boxes_inside(tmp_path):
    """A table of data is no layout however it is written: cells without end tags end at the next
    cell (as in a browser), not at the table's end with its whole text; an infobox whose rows hold
    sub-box tables keeps its field: value rows."""
    cones = "".join(
        f"<tr><td>Cone {i}<td>{900 + 20 * i} C<td>Used for the firing of glaze number {i} in the small kiln"
        for i in range(30)
    )
    bare = f"<html><body><h1>Cones</h1><p>The cones tell the heat of a firing.</p><table>{cones}</table></body></html>"
    infobox = (
        "<html><body><h1>Ada Potter</h1><p>Ada Potter is a potter from Leeds who taught glazing.</p>"
        '<table class="infobox"><tr><th>Born</th><td>August 4, 1961 Leeds, England</td></tr>'
        '<tr><td colspan="2"><table class="infobox-subbox"><tr><th>Occupation</th><td>Potter, teacher</td></tr>'
        "</table></td></tr><tr><th>Known for</th><td>Glazes</td></tr><tr><th>Spouse</th><td>None</td></tr>"
        "</table></body></html>"
    )
    from silkqa.webpages import _layout_tables_unwrapped

    assert _layout_tables_unwrapped(bare) == bare and _layout_tables_unwrapped(infobox) == infobox
    (tmp_path / "potter.html").write_text(infobox, encoding="utf-8")
    potter = load(tmp_path / "potter.html").text
    assert any("Born" in line and "August 4, 1961" in line for line in potter.split("\n"))


def test_character_references_and_bare_layout_tags_in_markdown_read_as_github_shows_them(tmp_path):
    """ "&amp;", "&lt;filename&gt;" and a paragraph of "&nbsp;" were quoted as typed, and a bare
    "<details>" that closes lines later stayed in the text (pyenv's and node-gyp's READMEs)."""
    path = tmp_path / "readme.md"
    path.write_text(
        "# Kiln\n\n<details>\n<summary>Notes about ovens</summary>\n\n"
        "<details>Bakes pages from notes &amp; files, as &quot;Baking &lt;name&gt;...&quot; says.\n\n"
        "</details>\n\n&nbsp;\n\n&nbsp;&nbsp;Or&nbsp;on Windows: run `kiln &amp;`.\n\n"
        "    >>> # only 'P&Eacute;REZ' is code\n\nLinks keep ?a=1&copy=2 as written.\n",
        encoding="utf-8",
    )
    text = load(path).text
    assert "Notes about ovens" in text and "<details>" not in text and "<summary>" not in text
    assert 'Bakes pages from notes & files, as "Baking <name>..." says.' in text
    assert "Or on Windows: run kiln &amp;." in text  # a code span keeps its characters
    assert "&nbsp;" not in text and "\xa0" not in text
    assert "P&Eacute;REZ" in text  # an indented code block is code
    assert "?a=1&copy=2" in text  # no semicolon, no reference


def test_a_page_s_own_table_of_contents_is_not_its_text(tmp_path):
    """The Debian FAQ's chapter pages open with their contents list; the reader quoted "7.5. What
    is a Debian conffile? 7.6. ..." as the answer. A list of links elsewhere stays."""
    entries = "".join(
        f'<dt><span class="section"><a href="kiln.html#s{n}">1.{n}. {q}</a></span></dt>'
        for n, q in enumerate(["What is a kiln?", "Why does it crack?", "How hot does it get?"], 1)
    )
    sections = "".join(
        f'<div class="section"><h2 id="s{n}">1.{n}. {q}</h2><p>{a}</p></div>'
        for n, (q, a) in enumerate(
            [
                ("What is a kiln?", "A kiln is an oven that bakes clay into pottery at high heat."),
                ("Why does it crack?", "Clay cracks because water escapes from it too fast."),
                ("How hot does it get?", "A stoneware firing reaches about 1300 degrees Celsius."),
            ],
            1,
        )
    )
    page = tmp_path / "kiln.html"
    page.write_text(
        "<html><head><title>Chapter 1. Kilns</title></head><body><h1>Chapter 1. Kilns</h1>"
        f'<div class="toc"><p><b>Table of Contents</b></p><dl class="toc">{entries}</dl></div>'
        "<p>This chapter is about the ovens that potters use every day in their studios.</p>"
        f"{sections}<p>Read more in these guides:</p><ul><li><a href='a.html'>Glazes</a></li>"
        "<li><a href='b.html'>Clays</a></li><li><a href='c.html'>Wheels</a></li></ul></body></html>",
        encoding="utf-8",
    )
    doc = load(page)
    assert "Table of Contents" not in doc.text
    assert doc.text.count("1.2. Why does it crack?") == 1  # the heading, not its entry in the list
    assert [s.title.replace("\xa0", " ") for s in doc.sections][:3] == [
        "1.1. What is a kiln?",
        "1.2. Why does it crack?",
        "1.3. How hot does it get?",
    ]
    assert "Clay cracks because water escapes from it too fast." in doc.text


def test_a_number_that_a_wrapped_line_carries_to_the_margin_is_no_item_nor_heading(tmp_path):
    """chrony's FAQ wraps "the UDP port\\n323." and dnsmasq's "should be\\n192.168.55.255. Having":
    the number began a list item or a section of its own and cut the sentence in two."""
    path = tmp_path / "FAQ.txt"
    path.write_text(
        "Kiln FAQ\n========\n\n1. Why does the kiln not answer?\n-------------------------------\n\n"
        "Perhaps you have a firewall set up in a way that blocks packets on the UDP port\n"
        "323. You need to amend the firewall configuration in this case.\n\n"
        "For instance if the address of the ethernet interface is 192.168.55.7 and the broadcast should be\n"
        "192.168.55.255. Having a broadcast address which is elsewhere kills things.\n\n"
        "2. How do I install it?\n-----------------------\n\nThere are three steps:\n\n"
        "1. Unpack the archive into a folder of your own choosing,\n"
        "2. Run the installer from that folder as an ordinary user.\n3. Restart the kiln.\n",
        encoding="utf-8",
    )
    doc = load(path)
    assert "blocks packets on the UDP port 323. You need to amend" in doc.text
    assert "the broadcast should be 192.168.55.255. Having a broadcast" in doc.text
    assert [s.title for s in doc.sections] == ["1. Why does the kiln not answer?", "2. How do I install it?"]
    assert "\n\nRun the installer from that folder as an ordinary user.\n\n" in doc.text  # the next number
    readme = tmp_path / "readme.md"
    readme.write_text(
        "# Kiln\n\nThe clipboard application should be installed: 1. wl-clipboard (Wayland),\n"
        "2. xclip (xwindows) or 3. pbcopy (MacOS).\n",
        encoding="utf-8",
    )
    assert "1. wl-clipboard (Wayland), 2. xclip (xwindows) or 3. pbcopy" in load(readme).text


def test_an_old_faq_s_banner_is_its_title_and_its_wrapped_questions_are_sections(tmp_path):
    """procmail's FAQ: the title sat between rules ("---- Frequently Asked Questions ----") and
    was quoted with its dashes; questions wrapped over two lines were no sections, so an answer
    cited no question. An instruction over its indented example stays a list item."""
    path = tmp_path / "FAQ.txt"
    path.write_text(
        "-" * 40 + "\n" + "-" * 8 + " Frequently Asked Questions " + "-" * 10 + "\n" + "-" * 40 + "\n\n"
        "1. How do I set up a kiln?\n\n\tRead the INTRO file first; it describes the setup in detail.\n\n"
        "2. I installed the kiln (i.e. typed 'make install'), but how am I supposed to\n"
        "   use it?  When I type kiln on the command line it does nothing.\n\n"
        "\tYou are not supposed to start the kiln from the command line.\n\n"
        "3. Use the helper to read a file, as it is shown\n   in this example:\n\n      kiln --read file\n\n"
        "4. Why does the kiln insert my name after the '#' in the .forward or\n"
        "   .kilnrc file?\n\n\tBecause the mailer wants one.\n",
        encoding="utf-8",
    )
    doc = load(path)
    assert doc.title == "Frequently Asked Questions" and "---" not in doc.text
    assert [s.title for s in doc.sections] == [
        "1. How do I set up a kiln?",
        "2. I installed the kiln (i.e. typed 'make install'), but how am I supposed to use it? "
        "When I type kiln on the command line it does nothing.",
        "4. Why does the kiln insert my name after the '#' in the .forward or .kilnrc file?",
    ]
    section = doc.sections[1]
    assert "You are not supposed to start the kiln" in doc.text[section.start : section.end]


def test_an_editors_mode_line_and_a_dateline_at_the_margin_are_not_the_title(tmp_path):
    readme = tmp_path / "README"
    readme.write_text(
        " " * 58 + "-*- text -*-\nGNU Kiln\n========\n" + " " * 18 + "Home: https://kiln.example/\n\n"
        "GNU Kiln is a free utility for baking static pages.\n"
    )
    doc = load(readme)
    assert doc.title == "GNU Kiln" and "-*-" not in doc.text and "text --" not in doc.text
    faq = tmp_path / "FAQ"
    faq.write_text(
        " " * 68 + "jw  21.10.93\n\t\t\t\t\t\t\t\t\t05.05.94\n\n"
        "   kiln: frequently asked questions -- known problems\n=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-\n\n"
        "Kiln bakes pages.\n"
    )
    assert load(faq).title == "kiln: frequently asked questions -- known problems"
    centred = tmp_path / "licence.txt"
    centred.write_text(
        " " * 26 + "KILN PUBLIC LICENSE\n" + " " * 30 + "Version 1.1\n\n1. Definitions.\n\nText.\n"
    )
    assert load(centred).title == "KILN PUBLIC LICENSE Version 1.1"  # a centred title stays the title


def test_a_faqs_q_paragraph_is_a_heading_and_its_a_paragraph_is_read_under_it(tmp_path):
    faq = tmp_path / "FAQ"
    faq.write_text(
        "Kiln FAQ\n\n"
        "Q:   Why is it impossible to bake a page with Kermit  when\n     kiln is running? Do I need special variables?\n \n"
        "A:   Kiln always interprets control sequences sent by the\n     applications, so no.\n\n"
        "Q: Can kiln bake twice?\n\nA: Yes, run it again.\n\n"
        "Q: This line has no answer paragraph under it.\n\nSome other text.\n"
    )
    doc = load(faq)
    assert [s.title for s in doc.sections] == [
        "Why is it impossible to bake a page with Kermit when kiln is running? Do I need special variables?",
        "Can kiln bake twice?",
    ]
    assert doc.section_at(doc.text.index("Kiln always interprets")) == doc.sections[0].title
    assert "Q: This line has no answer" in doc.text
    steps = tmp_path / "steps.txt"
    steps.write_text("Steps\n\nQuestion: pick one option\n\na) first\nb) second\n")
    assert load(steps).sections == ()  # "a)" is an item, not an answer


def test_an_html_list_item_left_open_after_a_nested_list_is_an_item_of_its_own():
    # browsers end an open <li> at the next <li>; parsed so, the item after a nested list is
    # not glued to the last nested item ("... IP address.- postscreen(8)'s built-in ...")
    from silkqa.webpages import _whole

    markdown = _whole(
        "<html><body><ul><li><p>Small sites: keep the cache on disk.</p>\n<ul>"
        "<li><p>Large sites: this avoids delays with clients from the same IP address. </p>\n</ul>\n"
        "<li><p><a href='p.html'>postscreen(8)</a>'s built-in engine does not implement the AUTH feature."
        "</p>\n</ul></body></html>"
    )
    assert "address.-" not in markdown
    assert "\n- [postscreen(8)](p.html)'s built-in engine" in markdown


def test_a_faq_that_opens_on_its_first_question_is_titled_by_its_file(tmp_path):
    path = tmp_path / "ferry-FAQ.txt"
    path.write_text(
        "Q: I have compile/link problems.\nA: See the INSTALL file.\n\n"
        "Q: How can I see the greeting message?\nA: Try `debug 3'.\n",
        encoding="utf-8",
    )
    assert load_document(path, path.name).title == "ferry FAQ"


def test_an_asciidoc_page_keeps_its_byline_and_date(tmp_path):
    # asciidoc's xhtml11 output puts the author and the revision date in spans under the <h1>,
    # which the extractor drops with the title: "who wrote the guide?" then had no line to quote
    path = tmp_path / "guide.html"
    path.write_text(
        '<html><head><meta name="generator" content="AsciiDoc 10.2.0" /><title>Kiln: How To</title></head>'
        '<body><div id="header"><h1>Kiln: How To</h1>'
        '<span id="author">Wren Tallis</span><br /><span id="email"><code>&lt;<a href="mailto:w@kiln.org">'
        'w@kiln.org</a>&gt;</code></span><br /><span id="revnumber">version 2.1,</span> '
        '<span id="revdate">March 2016</span></div>'
        '<div id="content"><div id="preamble"><div class="sectionbody"><div class="paragraph">'
        "<p>This document describes how to fire a kiln without cracking the pots inside it.</p></div>"
        '</div></div><h2>1. Heating</h2><div class="paragraph"><p>Raise the heat slowly over the first '
        "two hours, so that the water left in the clay escapes as steam.</p></div></div></body></html>",
        encoding="utf-8",
    )
    doc = load_document(path, path.name)
    assert doc.text.startswith("Wren Tallis\n\nversion 2.1 March 2016\n\n")
    assert "This document describes how to fire a kiln" in doc.text
    assert doc.authors == ("Wren Tallis",)
    assert doc.year == 2016 and doc.meta("date") == "March 2016"
    # a page not made by AsciiDoc gains no lines from spans that look like its header
    plain = tmp_path / "plain.html"
    plain.write_text(
        '<html><head><title>Kiln</title></head><body><div id="header"><h1>Kiln</h1><span id="author">'
        'Posted by admin</span></div><div id="content"><p>Raise the heat slowly over the '
        "first two hours, so that the water left in the clay escapes as steam.</p></div></body></html>",
        encoding="utf-8",
    )
    other = load_document(plain, plain.name)
    assert other.year is None and other.meta("date") is None
    assert "\n\n" not in other.text  # nothing put above the text


def test_a_sign_off_closing_a_text_names_its_author(tmp_path):
    # Debian's README.Debian trailer and a HOWTO's bracketed signature say who wrote it and when
    readme = tmp_path / "README.Debian.txt"
    readme.write_text(
        "kiln for Debian\n\nThe pages are written to /var/lib/kiln, which the package creates.\n\n"
        " -- Wren Tallis <wren@example.org>  Mon, 25 Apr 2011 15:18:22 +0200\n",
        encoding="utf-8",
    )
    howto = tmp_path / "howto.md"
    howto.write_text(
        "# Kiln HOWTO\n\nRaise the heat slowly over the first two hours.\n\n"
        "[Eduard Bloch, Sun, 19 Apr 2015 10:25:49 +0200]\n",
        encoding="utf-8",
    )
    team = tmp_path / "team.txt"
    team.write_text(
        "Kiln notes\n\nRaise the heat slowly.\n\n -- The Kiln Team <team@example.org>  Mon, 25 Apr 2011\n",
        encoding="utf-8",
    )
    first = load_document(readme, readme.name)
    assert first.authors == ("Wren Tallis",)
    # not its date: the day a README was signed is not that of the release it speaks of, which
    # the reader would take a document's date for ("when was kiln first released?")
    assert first.year is None and first.meta("date") is None
    assert load_document(howto, howto.name).authors == ("Eduard Bloch",)
    assert load_document(team, team.name).authors == ()  # a team is no person
    for last in (
        "[Security Fix, 2020-03-01]",  # a change note, not a person
        "[Leslie Lamport, The Part-Time Parliament, ACM TOCS, May 1998]",  # a bibliography's entry
        "```\n -- Wren Tallis <wren@example.org>  Mon, 25 Apr 2011 15:18:22 +0200",  # an example, unclosed
        "     -- Wren Tallis <wren@example.org>  Mon, 25 Apr 2011 15:18:22 +0200",  # indented: an example
    ):
        other = tmp_path / "other.md"
        other.write_text(f"# Kiln packaging\n\nRaise the heat slowly.\n\n{last}\n", encoding="utf-8")
        assert load_document(other, other.name).authors == (), last


def test_a_readmes_own_contents_list_is_dropped_and_a_list_of_links_elsewhere_kept(tmp_path):
    path = tmp_path / "kiln.md"
    path.write_text(
        "# kiln\n\n* [Overview](#overview)\n* [Release cycle](#release-cycle)\n  * [Tags](#tags)\n"
        "* [License](#license)\n\n## Overview\n\nKiln bakes static pages from notes.\n\n"
        "## Release cycle\n\nEvery other month a snapshot is tagged as a release.\n\n### Tags\n\nTags are signed.\n\n"
        "## License\n\nKiln is free software.\n\nRead on:\n\n* [Install](INSTALL.md#linux)\n"
        "* [Usage](USAGE.md#start)\n* [Themes](THEMES.md#dark)\n",
        encoding="utf-8",
    )
    doc = load_document(path, path.name)
    assert "Release cycle\\n\\nEvery other month" in doc.text.replace("\n", "\\n")
    assert doc.text.count("Release cycle") == 1  # the heading, not the contents entry
    assert "Install" in doc.text and "Themes" in doc.text  # links into other files stay


def test_a_style_tag_that_never_closes_is_a_placeholder_in_a_plain_text_manual(tmp_path):
    manual = tmp_path / "reflow.txt"
    manual.write_text(
        "reflow\n\nThe <i>th line of a paragraph is indented by <n> spaces. "
        "Words in <b>bold</b> stay bold, and a <em>stressed</em> word stays.\n"
    )
    text = load_document(manual, manual.name).text
    assert "The <i>th line of a paragraph is indented by <n> spaces." in text
    assert "Words in bold stay bold, and a stressed word stays." in text


def test_markdown_html_that_closes_in_a_later_paragraph_is_still_dropped(tmp_path):
    readme = tmp_path / "notes.md"
    readme.write_text("# Notes\n\n<sub>Small print about the notes.\n\nMore of it here.</sub>\n")
    text = load_document(readme, readme.name).text
    assert "<sub>" not in text and "Small print about the notes." in text


def test_a_restructuredtext_file_is_read_with_its_title_and_sections(tmp_path):
    # a PyPI README.rst was skipped as an unsupported type though its headings are read as text
    path = tmp_path / "README.rst"
    path.write_text(
        "Frobtool\n========\n\nFrobtool turns frob queues.\n\nInstallation\n------------\n\n"
        "Run ``pip install frobtool``.\n\nUsage\n-----\n\nCall ``frob()`` once.\n",
        encoding="utf-8",
    )
    assert is_supported(path)
    doc = load(path)
    assert doc.title == "Frobtool" and [s.title for s in doc.sections] == ["Installation", "Usage"]
    assert "pip install frobtool" in doc.text and "``" not in doc.text


def test_restructuredtext_notes_and_footnotes_are_text_and_images_are_not(tmp_path):
    # a user guide's boxed notes said what nothing else did ("settings cannot be changed after start")
    path = tmp_path / "guide.rst"
    path.write_text(
        "Frobtool guide\n==============\n\nFrobtool turns frob queues.\n\n"
        ".. note::\n   Settings cannot be changed after the queue starts.\n   Restart it instead.\n\n"
        ".. warning::\n\n   Never turn a queue twice.\n\n"
        ".. important:: Omit the trigger to turn a queue now.\n\n"
        ".. versionadded:: 2.1 The ``--dry`` flag.\n\n"
        ".. image:: diagram.png\n   :alt: the frob diagram\n\n"
        ".. tip::\n   :class: small\n\n   Use ``frob -n`` to preview.\n\n"
        ".. note:: Remember to disable\n   :class:`frob.Queue` when you turn:\n\n   .. code-block:: python\n\n"
        "       turn(queue)\n\n    .. index::\n       pair: queue; turning\n\n"
        "Queues are kept on disk [#]_ by default.\n\n.. [#] In the folder /var/lib/frob.\n\n"
        ">>> x = frob(2)*frob(3)*2\n>>> x**2\n\nFind them with grep '.*/var/frob/.*:' or *really* look.\n\n"
        "Use pyre2_ instead of Python's re_, not a class_ name.\n\n.. _pyre2: https://example.org/pyre2\n"
        ".. _re: https://docs.python.org/3/library/re.html\n",
        encoding="utf-8",
    )
    text = load(path).text
    for said in (
        "Settings cannot be changed after the queue starts. Restart it instead.",
        "Never turn a queue twice.",
        "Omit the trigger to turn a queue now.",
        "New in version 2.1: The --dry flag.",
        "Use frob -n to preview.",
        "Remember to disable frob.Queue when you turn:",
        "turn(queue)",
        "Queues are kept on disk by default.",
        "In the folder /var/lib/frob.",
        ">>> x = frob(2)*frob(3)*2 >>> x**2",  # a doctest is code: its stars multiply
        "Find them with grep '.*/var/frob/.*:' or really look.",
        "Use pyre2 instead of Python's re, not a class_ name.",  # only a target's name is a link
    ):
        assert said in text, said
    assert "diagram" not in text and ":class:" not in text and "[#]" not in text and ".. " not in text
    assert "pair:" not in text and "code-block" not in text


def test_badges_by_reference_and_github_alert_marks_are_no_text(tmp_path):
    path = tmp_path / "README.md"
    path.write_text(
        "# frob\n\n[![NPM Version][npm-image]][npm-url]\n![NPM Downloads][downloads-image]\n\n"
        "Frob turns queues.\n\n> [!IMPORTANT]\n> **How frob works:** it sets the queue's headers.\n\n"
        "![The queue diagram](diagram.png)\n\n"
        "[npm-image]: https://img.shields.io/npm/v/frob.svg\n[npm-url]: https://npmjs.org/package/frob\n"
        "[downloads-image]: https://img.shields.io/npm/dm/frob.svg\n",
        encoding="utf-8",
    )
    text = load(path).text
    assert "NPM" not in text and "![" not in text and "[!IMPORTANT]" not in text
    assert "How frob works: it sets the queue's headers." in text
    assert "The queue diagram" in text  # a lone figure keeps its caption


def test_a_plain_text_tables_header_over_its_rule_is_no_heading(tmp_path):
    path = tmp_path / "README.txt"
    path.write_text(
        "Frob\n====\n\nInstalling\n----------\n\nFrob is installed in one of these places:\n\n"
        "  __prefix__    __rules_dir__\n  ---------------------------------\n  /usr          /usr/share/frob\n"
        "  /usr/local    /usr/local/share/frob\n\nTweaks are kept in the local folder.\n\n"
        "1.   Running\n-------------\n\nRun frob once a day.\n",
        encoding="utf-8",
    )
    doc = load(path)
    assert [s.title for s in doc.sections] == ["Installing", "1.   Running"]
    assert doc.section_at(doc.text.index("Tweaks are kept")) == "Installing"


def test_review_counter_examples_to_the_markup_rules_hold(tmp_path):
    # a changelog's heading with a gap, at the margin over a whole rule, is a heading
    path = tmp_path / "NEWS.txt"
    path.write_text(
        "Frob news\n=========\n\nv1.4.0     2023-05-01\n---------------------\n\nFaster queues.\n\n"
        "v1.3.0     2023-01-10\n---------------------\n\nFirst release.\n",
        encoding="utf-8",
    )
    assert [s.title for s in load(path).sections] == ["v1.4.0     2023-05-01", "v1.3.0     2023-01-10"]
    # an example of a directive inside a literal block stays an example; a grid's layout says nothing
    path = tmp_path / "guide.rst"
    path.write_text(
        "Guide\n=====\n\nWrite a warning like this::\n\n    .. warning:: Never run this as root.\n\n"
        ".. grid:: 1 2 2 2\n\n   Frob turns queues.\n",
        encoding="utf-8",
    )
    text = load(path).text
    assert ".. warning:: Never run this as root." in text and "1 2 2 2" not in text
    # a hero picture after a row of badges keeps its caption; "[!IMPORTANT]" outside a quote is text
    path = tmp_path / "README.md"
    path.write_text(
        "# frob\n\n[![CI](https://ci.example.org/b.svg)](https://ci.example.org)\n"
        "![Frob turns CSV files into charts](docs/hero.png)\n\n"
        "[!IMPORTANT] is how you write an alert.\n",
        encoding="utf-8",
    )
    text = load(path).text
    assert "Frob turns CSV files into charts" in text and "[!IMPORTANT] is how you write an alert." in text


def test_a_list_of_links_to_sections_that_a_sentence_introduces_is_text(tmp_path):
    # body-parser's "This module provides the following parsers:" was followed by nothing
    path = tmp_path / "README.md"
    path.write_text(
        "# frob\n\nFrob parsing middleware.\n\n## Table of Contents\n\n- [Install](#install)\n- [API](#api)\n"
        "- [License](#license)\n\n## API\n\nThis module provides the following parsers:\n\n"
        "  - [JSON frob parser](#frobjsonoptions)\n  - [Raw frob parser](#frobrawoptions)\n"
        "  - [Text frob parser](#frobtextoptions)\n\n## Install\n\nnpm install frob\n\n## License\n\nMIT\n",
        encoding="utf-8",
    )
    text = load(path).text
    assert "This module provides the following parsers:\n\nJSON frob parser" in text
    assert "Raw frob parser" in text and "Text frob parser" in text
    assert "Table of Contents" not in text  # the page's own contents list still goes


def test_a_headings_no_break_spaces_are_spaces_in_its_section_title(tmp_path):
    path = tmp_path / "ch4.html"
    path.write_text(
        "<html><head><title>Frob guide</title></head><body><h1>Frob guide</h1>"
        "<h2>4.1.\u00a0Startup</h2><p>Frob starts when the queue is full.</p></body></html>",
        encoding="utf-8",
    )
    assert [s.title for s in load(path).sections] == ["4.1. Startup"]


def test_a_docbook_pages_navigation_bars_are_no_text(tmp_path):
    nav = (
        '<div xmlns="http://www.w3.org/TR/xhtml1/transitional" class="navheader"><table width="100%" '
        'summary="Navigation header"><tr><th colspan="3" align="center">3.1. Queues</th></tr><tr><td width="20%" '
        'align="left"><a accesskey="p" href="a.html">&lt;&lt;&lt; Prev</a> </td><th width="60%" align="center">'
        'Chapter 3. The Frobs</th><td width="20%" align="right"> <a accesskey="n" href="b.html">Next &gt;&gt;&gt;'
        "</a></td></tr></table><hr></hr></div>"
    )
    foot = (
        '<div xmlns="http://www.w3.org/TR/xhtml1/transitional" class="navfooter"><hr></hr><table width="100%" '
        'summary="Navigation footer"><tr><td width="40%" align="left"><a accesskey="p" href="a.html">&lt;&lt;&lt; '
        'Prev</a> </td><td width="20%" align="center"><a accesskey="h" href="index.html">Home</a></td><td '
        'width="40%" align="right"> <a accesskey="n" href="b.html">Next &gt;&gt;&gt;</a></td></tr><tr><td '
        'width="40%" align="left">3.0. Starting </td><td width="20%" align="center"><a accesskey="u" '
        'href="c.html">Up</a></td><td width="40%" align="right"> 3.2. Turning</td></tr></table></div>'
    )
    # DocBook's headings sit in anchors and title pages, which the extractor loses: the page is read whole
    body = "".join(
        f'<div class="sect2"><div class="titlepage"><div><div><h3 class="title"><a name="q{n}"></a>3.1.{n}. '
        f"Queue part {n}</h3></div></div></div><p>A frob queue number {n} keeps track of what you turn and "
        "what you still owe the kiln today.</p></div>"
        for n in range(6)
    )
    path = tmp_path / "ch3.html"
    path.write_text(
        '<html><head><title>3.1. Queues</title></head><body bgcolor="white">'
        f'{nav}<div class="sect1"><div class="titlepage"><h2 class="title">3.1. Queues</h2></div>{body}</div>'
        f"{foot}</body></html>",
        encoding="utf-8",
    )
    text = load(path).text
    assert "Prev" not in text and "Home" not in text and "Next" not in text and "Up;" not in text
    assert "A frob queue number 3 keeps track" in text


def test_a_pdf_title_pages_contents_run_is_cut_from_its_byline(tmp_path):
    path = make_pdf(
        tmp_path / "kiln-guide.pdf",
        [
            [
                "Kiln Assistant 1.2: user guide",
                "Maria Lopez Garcia",
                "5th January 2015",
                "Contents",
                "1 Introduction 2",
                "2 Menus 2",
                "3 Modules 4",
                "4 Tools 9",
            ],
            ["1 Introduction", "Kiln Assistant helps you bake glaze tests in 3 steps."],
        ],
    )
    text = load(path).text
    assert "Maria Lopez Garcia" in text and "5th January 2015" in text
    assert "Contents" not in text and "3 Modules 4" not in text
    assert "Kiln Assistant helps you bake glaze tests in 3 steps." in text
