"""The source viewer inside the web app, driven through Streamlit's AppTest: a Markdown
citation shows its whole section (escaped), a PDF citation its page, and a PDF that has
gone falls back to the text with a one-line note."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from silkqa.pages import PageImage
from silkqa.ui_source import mark_caption, viewer_html

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "streamlit_app.py"
SPEC = ROOT / "tests" / "data" / "shared-mime-info-spec.pdf"
TIMEOUT = 240

NOTE = (
    "---\ntitle: Camel caravans of the Taklamakan\n---\n\n"
    "# Camel caravans of the Taklamakan\n\n"
    "## Routes <script>alert(1)</script>\n\n"
    "Caravans left Kashgar at dawn. <script>alert('x')</script> $x^2$ **loud**.\n\n"
    "Camel caravans crossing the Taklamakan desert carried jade from Khotan to Dunhuang in about 40 days.\n\n"
    "The caravans travelled at night in summer to spare the animals the heat.\n"
)


@pytest.fixture(scope="module")
def app_env(tmp_path_factory):
    base = tmp_path_factory.mktemp("viewer-app")
    corpus = base / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    shutil.copy(SPEC, corpus / SPEC.name)
    (corpus / "caravans.md").write_text(NOTE, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SILKQA_CORPUS", str(corpus))
        mp.setenv("SILKQA_INDEX", str(base / "index"))
        yield corpus


def ask(question: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    at.chat_input[0].set_value(question).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def toggles(at, label: str) -> list:
    return [t for t in at.toggle if t.label.startswith(label)]


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


def test_a_markdown_citation_shows_its_whole_section_escaped(app_env):
    at = ask("How long did camel caravans take to carry jade from Khotan to Dunhuang?")
    section = toggles(at, "Show the whole section")
    assert section
    before = markdown(at)
    section[0].set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    after = markdown(at)
    # one more block, holding the section from its first sentence, with the quote marked
    assert after.count("Caravans left Kashgar at dawn") == before.count("Caravans left Kashgar at dawn") + 1
    assert after.count("sq-quote") == before.count("sq-quote") + 1
    assert "Section" in captions(at) and "Routes" in captions(at)
    assert "<script" not in after and "&lt;script&gt;" in after and "$x^2$" not in after


def test_a_pdf_citation_shows_its_page_then_falls_back_when_the_file_is_gone(app_env):
    at = ask("What is the default priority of a magic match?")
    pages = toggles(at, "Show page")
    assert pages, "the answer should cite the PDF"
    pages[0].set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    assert "The quote is marked on this page" in captions(at)
    assert any(b.label == "Next" for b in at.button) and any(b.label == "Previous" for b in at.button)

    (app_env / SPEC.name).unlink()  # removed by hand while the answer is on screen
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    note = captions(at)
    assert "no longer in the library folder; showing the text instead" in note
    assert "Section · " in note  # the PDF has headings now: its section, else the page text
    assert "sq-quote" in markdown(at)


def page_image(**kw) -> PageImage:
    base = dict(source="a.pdf", page=2, page_count=3, zoom=1.5, png=b"\x89PNG", width=10, height=20)
    return PageImage(**{**base, **kw})


def test_the_page_viewer_html_holds_only_our_png_and_numbers():
    from silkqa.pages import Box

    html = viewer_html(page_image(boxes=(Box(5, 300, 50, 320),)))
    assert 'src="data:image/png;base64,iVBORw=="' in html
    assert "{const k=i.clientWidth/10;v.scrollTop=Math.max(0,300*k-90)" in html
    assert 'alt="page 2 with 1 marked lines"' in html and "width:100%" in html
    assert "width:200%" in viewer_html(page_image(), width=2.0)
    assert "a.pdf" not in html


def test_the_caption_says_what_is_marked_or_why_not():
    from silkqa.pages import Box

    assert "marked on this page" in mark_caption(page_image(boxes=(Box(0, 0, 1, 1),), placed=1.0), 2)
    assert "80% of it placed" in mark_caption(page_image(boxes=(Box(0, 0, 1, 1),), placed=0.8), 2)
    assert "nothing is marked" in mark_caption(page_image(asked=True, note="… so nothing is marked."), 2)
    assert mark_caption(page_image(page=3), 2) == "The quote is on page 2."
