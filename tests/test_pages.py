"""The page viewer: a PDF citation drawn on its page with the quote marked, checked against
pdfium's own text layer on a real manual (Debian's shared-mime-info specification)."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from silkqa.documents import load_document
from silkqa.pages import PageUnavailable, TextLayer, locate, render_page

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "tests" / "data" / "shared-mime-info-spec.pdf"
ZOOM = 1.5


@pytest.fixture(scope="module")
def spec():
    return load_document(SPEC, SPEC.name), SPEC.read_bytes()


def page_text(doc, number: int) -> str:
    page = next(p for p in doc.pages if p.number == number)
    return doc.text[page.start : page.end]


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of at least ten words, found independently of the code under test."""
    out = []
    for match in re.finditer(r"[A-Z][^.!?]*[.!?](?=\s|$)", text):
        if len(match.group().split()) >= 10:
            out.append(match.span())
    return out


def word_boxes(data: bytes, number: int, words: list[str]) -> dict[str, tuple[float, float, float, float]]:
    """Pixel boxes (left, top, right, bottom) of the words (or two-word phrases on one line)
    that occur once on the page, read straight from pdfium's text layer: the reference the
    marks are compared with."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[number - 1]
        height = page.get_height()
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        found = {}
        for word in words:
            pattern = " +".join(re.escape(part) for part in word.split())
            hits = [m for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", text)]
            if len(hits) != 1:
                continue
            boxes = [textpage.get_charbox(i) for i in range(*hits[0].span())]
            left, bottom = min(b[0] for b in boxes), min(b[1] for b in boxes)
            right, top = max(b[2] for b in boxes), max(b[3] for b in boxes)
            found[word] = (left * ZOOM, (height - top) * ZOOM, right * ZOOM, (height - bottom) * ZOOM)
        return found
    finally:
        pdf.close()


def inside(point: tuple[float, float], box) -> bool:
    return box.left <= point[0] <= box.right and box.top <= point[1] <= box.bottom


def check_marks(image, data: bytes, number: int, quote: str) -> None:
    words = [w for w in re.findall(r"\w+", quote) if len(w) >= 4 and w.isalpha()]
    spaced = [t.strip(".,;:()\"'") for t in quote.split()]  # words the quote separates by a space
    words += [f"{a} {b}" for a, b in zip(spaced, spaced[1:], strict=False) if f"{a}{b}".isalnum()]
    reference = word_boxes(data, number, words)
    assert len(reference) >= 3, "the test needs a few words that occur once on the page"
    # every word of the quote that pdfium can point to is under a mark ...
    for word, (left, t, right, b) in reference.items():
        centre = ((left + right) / 2, (t + b) / 2)
        assert any(inside(centre, box) for box in image.boxes), f"{word!r} is not marked"
    # ... and no mark strays from the lines the quote occupies
    line = max(b - t for _, t, _, b in reference.values())
    top = min(t for _, t, _, _ in reference.values()) - line
    bottom = max(b for _, _, _, b in reference.values()) + line
    for box in image.boxes:
        assert top <= box.top and box.bottom <= bottom, f"{box} is far from the quote"


def test_every_long_sentence_of_a_page_is_marked_where_pdfium_draws_it(spec):
    doc, data = spec
    checked = 0
    for number in (2, 5, 9):
        text = page_text(doc, number)
        for start, end in sentences(text)[:4]:
            image = render_page(data, number, ZOOM, text, (start, end))
            assert image.marked, f"page {number}: {text[start:end]!r} not placed ({image.note})"
            assert image.placed >= 0.9
            try:
                check_marks(image, data, number, text[start:end])
            except AssertionError as exc:
                if "needs a few words" in str(exc):
                    continue
                raise
            checked += 1
    assert checked >= 6


def test_the_png_is_the_page_with_a_highlighter_stroke(spec):
    from PIL import Image

    doc, data = spec
    text = page_text(doc, 5)
    start, end = sentences(text)[1]
    plain = render_page(data, 5, ZOOM)
    marked = render_page(data, 5, ZOOM, text, (start, end))
    a = Image.open(io.BytesIO(plain.png)).convert("RGB")
    b = Image.open(io.BytesIO(marked.png)).convert("RGB")
    assert a.size == b.size == (marked.width, marked.height)
    box = marked.boxes[0]
    x, y = int(box.left) + 2, int(box.top) + 2
    assert a.getpixel((x, y)) == (255, 255, 255)  # paper ...
    red, green, blue = b.getpixel((x, y))
    assert red > 200 and green > 180 and blue < 120  # ... turned yellow
    far = (5, marked.height - 5)
    assert a.getpixel(far) == b.getpixel(far)  # nothing else changes
    assert not plain.marked and not plain.asked and plain.note is None


def test_a_quote_that_is_not_on_the_page_marks_nothing_and_says_so(spec):
    doc, data = spec
    elsewhere = page_text(doc, 9)
    start, end = sentences(elsewhere)[0]
    image = render_page(data, 5, ZOOM, elsewhere, (start, end))  # stored text of page 9, drawn page 5
    assert image.asked and not image.marked and image.boxes == ()
    assert image.placed < 0.5
    assert "nothing is marked" in image.note
    assert image.png.startswith(b"\x89PNG")


def test_damaged_encrypted_and_missing_pages_give_one_line_reasons(spec, tmp_path):
    from pypdf import PdfReader, PdfWriter

    _, data = spec
    with pytest.raises(PageUnavailable, match="damaged"):
        render_page(data[: len(data) // 3] + b"garbage", 1)
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(data)).pages[:2]:
        writer.add_page(page)
    writer.encrypt("secret")
    locked = io.BytesIO()
    writer.write(locked)
    with pytest.raises(PageUnavailable, match="encrypted") as caught:
        render_page(locked.getvalue(), 1)
    assert "\n" not in str(caught.value)
    with pytest.raises(PageUnavailable, match="no page 99"):
        render_page(data, 99)


# --------------------------------------------------------------------------- placing, on layouts made here


def layer(lines: list[str]) -> TextLayer:
    """A text layer laid out line by line (pdfium puts a generated CRLF between lines)."""
    return TextLayer("\r\n".join(lines), lambda i: (0.0, 0.0, 1.0, 1.0))


def marked_text(placement, text_layer: TextLayer) -> str:
    return " ".join(text_layer.chars[a:b] for a, b in placement.runs)


def test_placing_survives_hyphenation_and_line_breaks():
    stored = (
        "Caravans rested at the oasis. The merchants exchanged silk for horses and carried "
        "lacquerware westwards across the mountains. Then they went home."
    )
    quote = "The merchants exchanged silk for horses and carried lacquerware westwards across the mountains."
    start = stored.index(quote)
    text_layer = layer(
        [
            "Caravans rested at the oasis. The merchants ex-",
            "changed silk for horses and carried lacquer-",
            "ware westwards across the moun-",
            "tains. Then they went home.",
        ]
    )
    placement = locate(stored, (start, start + len(quote)), text_layer)
    assert placement.placed == 1.0
    marked = marked_text(placement, text_layer)
    assert marked.startswith("The merchants ex-") and marked.endswith("moun-\r\ntains")
    assert "Caravans" not in marked and "Then" not in marked


def test_placing_reads_across_columns_that_pdfium_interleaves():
    left = [
        "Silk left the eastern capital",
        "on camels that walked slowly",
        "through the long desert roads",
        "to reach the western markets.",
    ]
    right = [
        "Glass and wine came back",
        "along the same roads in",
        "return for the silk and",
        "tea from the east.",
    ]
    stored = " ".join(left) + " " + " ".join(right)  # pypdf read column by column
    quote = "on camels that walked slowly through the long desert roads to reach the western markets."
    start = stored.index(quote)
    text_layer = layer([f"{a}   {b}" for a, b in zip(left, right, strict=True)])  # pdfium read across
    placement = locate(stored, (start, start + len(quote)), text_layer)
    assert placement.placed >= 0.9
    marked = marked_text(placement, text_layer)
    for word in ("camels", "desert", "western", "markets"):
        assert word in marked
    for word in ("Glass", "wine", "tea", "capital"):
        assert word not in marked


def test_a_repeated_sentence_is_marked_where_the_citation_points():
    sentence = "The caravan stopped at the well for water and rest."
    stored = f"First day. {sentence} Second day came. {sentence} Third day."
    second = stored.rindex(sentence)
    text_layer = layer(["First day. The caravan stopped at the well", "for water and rest. Second day came.",
                        "The caravan stopped at the well for water", "and rest. Third day."])  # fmt: skip
    placement = locate(stored, (second, second + len(sentence)), text_layer)
    assert placement.placed == 1.0
    assert placement.runs[0][0] > text_layer.chars.index("Second")


def test_placing_survives_word_breaks_the_extractors_disagree_on():
    # pypdf sometimes loses the spaces of a line that pdfium keeps (and the other way round)
    stored = "Setup. Oncetheinstallationismade,thegraphicalinterfacecanbelaunched from the menu. Done."
    quote = "Oncetheinstallationismade,thegraphicalinterfacecanbelaunched from the menu."
    start = stored.index(quote)
    text_layer = layer(
        [
            "Setup. Once the installation is made, the graphical",
            "interface can be launched from the menu. Done.",
        ]
    )
    placement = locate(stored, (start, start + len(quote)), text_layer)
    assert placement.placed >= 0.5
    marked = marked_text(placement, text_layer)
    assert marked.startswith("Once the installation") and "launched from the menu" in marked
    assert "Setup" not in marked and "Done" not in marked


def test_half_a_quote_is_not_enough():
    stored = "Alpha beta gamma delta epsilon zeta eta theta iota kappa."
    text_layer = layer(["Alpha beta gamma delta", "something quite different here entirely now"])
    placement = locate(stored, (0, len(stored)), text_layer)
    assert placement.runs == () and placement.placed < 0.5


# --------------------------------------------------------------------------- through the Library


@pytest.fixture(scope="module")
def spec_library(tmp_path_factory, encoder):
    from silkqa.library import Library

    base = tmp_path_factory.mktemp("spec")
    corpus = base / "corpus"
    corpus.mkdir()
    shutil.copy(SPEC, corpus / SPEC.name)
    lib = Library(corpus, base / "index")
    lib._encoder = encoder
    lib.update()
    return lib


@pytest.mark.model
def test_a_citation_opens_on_its_page_with_the_quote_marked(spec_library, one_torch_thread):
    answer = spec_library.ask("What is the default priority of a magic match?")
    cited = [c for c in answer.citations if c.page]
    assert cited, answer.answer
    citation = cited[0]
    assert "priority" in citation.quote
    image = spec_library.page_image(citation.source, citation.page, highlight=(citation.start, citation.end))
    assert image.marked, image.note
    check_marks(image, SPEC.read_bytes(), citation.page, citation.quote)
    # the second view of the page is the same object, from the cache
    again = spec_library.page_image(citation.source, citation.page, highlight=(citation.start, citation.end))
    assert again is image
    # the next page holds no part of this quote: drawn without marks, and no complaint
    following = spec_library.page_image(
        citation.source, citation.page + 1, highlight=(citation.start, citation.end)
    )
    assert not following.asked and not following.marked and following.note is None
    assert following.page_count == 17
    context = spec_library.source_context(citation.doc_id, citation.start, citation.end)
    assert context.text[slice(*context.quote)] == citation.quote
    assert spec_library.source_file(citation.source).read_bytes() == SPEC.read_bytes()


@pytest.mark.model
def test_a_removed_or_replaced_file_falls_back_with_a_reason(spec_library, tmp_path):
    from silkqa.library import Library

    corpus = tmp_path / "corpus"
    shutil.copytree(spec_library.corpus_dir, corpus)
    lib = Library(corpus, spec_library.index_dir)
    lib._encoder = spec_library.encoder
    doc = lib.index.documents[SPEC.name]
    page = next(p for p in doc.pages if p.number == 5)
    quote = (page.start + 100, page.start + 300)
    # the file was replaced by another PDF: the stored quote is no longer on its page
    from pypdf import PdfReader, PdfWriter

    replaced = io.BytesIO()
    writer = PdfWriter()
    pages = PdfReader(SPEC).pages
    for i in range(len(pages)):
        writer.add_page(pages[(i + 8) % len(pages)])  # same page count, shifted pages
    writer.write(replaced)
    (corpus / SPEC.name).write_bytes(replaced.getvalue())
    image = lib.page_image(SPEC.name, 5, highlight=quote)
    assert image.asked and not image.marked
    assert "changed since it was indexed" in image.note
    (corpus / SPEC.name).unlink()
    with pytest.raises(PageUnavailable, match="no longer in the library folder"):
        lib.page_image(SPEC.name, 5, highlight=quote)
    with pytest.raises(PageUnavailable, match="not a PDF"):
        lib.page_image("nothing.md", 1)
