"""Show a PDF citation as the reader would meet it: the cited page, drawn, with the quote marked.

silkqa stores the text pypdf extracted (lines joined, hyphenation undone, see
documents.clean_pdf_page); the page image and the character boxes come from pdfium, whose
text layer breaks lines, keeps hyphens and may order columns differently. So the quote is
placed by aligning *words* (letters and digits only, case-folded), first with the whole
page's stored text as context (which tells two copies of a sentence apart), then, if that
places too little, with the quote alone, and last by letters alone (for text whose word
breaks the two extractors disagree on). When less than half of the quote finds a confident
place (runs of at least three words; the share counted in letters), nothing is marked:
highlighting the wrong sentence is worse than highlighting none.

pdfium is not thread-safe and Streamlit serves sessions from threads, so every call into it
holds one lock. Rendered pages are cached by (file hash, page, zoom, highlight).
"""

from __future__ import annotations

import ctypes
import io
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from .errors import SilkqaError

ZOOMS = (1.0, 1.5, 2.0, 3.0)
DEFAULT_ZOOM = 1.5
MIN_PLACED = 0.5  # share of the quote's words that must be placed before anything is marked
MIN_RUN = 3  # words: a shorter agreement between the two texts is too likely to be chance
GAP_FILL = 3  # words: a short disagreement between two placed runs is marked with them
HIGHLIGHT_RGB = (255, 221, 64)  # multiplied into the page, like a highlighter: ink stays black
PAD = 1.5  # pixels around each marked line
CACHE_SIZE = 48

_HYPHENS = "-\x02\u00ad\u2010\u2011"
_PDFIUM = threading.Lock()


class PageUnavailable(SilkqaError):
    """The page cannot be drawn (file removed, damaged, encrypted); the message is one line."""


@dataclass(frozen=True)
class Box:
    """A marked rectangle in image pixels, origin top left."""

    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class PageImage:
    source: str
    page: int  # 1-based
    page_count: int
    zoom: float
    png: bytes
    width: int
    height: int
    boxes: tuple[Box, ...] = ()  # what is marked; empty when nothing is
    asked: bool = False  # a highlight was asked for on this page
    placed: float = 0.0  # share of the quote's part on this page that was placed (in letters)
    note: str | None = None  # why nothing is marked although a highlight was asked for

    @property
    def marked(self) -> bool:
        return bool(self.boxes)


@dataclass(frozen=True)
class TextLayer:
    """pdfium's text layer of one page: one character per index, and the box of a character
    in PDF points (left, bottom, right, top), asked for only where a hyphen needs it."""

    chars: str
    box: Callable[[int], tuple[float, float, float, float]]


@dataclass(frozen=True)
class Word:
    key: str  # letters and digits, NFKC, case-folded
    start: int  # first character (index into the text or layer)
    end: int  # one past the last character


@dataclass(frozen=True)
class Placement:
    runs: tuple[tuple[int, int], ...]  # character ranges of the layer to mark, [start, end)
    placed: float  # share of the quote placed, counted in letters
    words: int  # how many words the quote has


# --------------------------------------------------------------------------- words


def _fold(ch: str) -> str:
    if ch.isascii():  # the common case, without the cost of normalising
        return ch.lower() if ch.isalnum() else ""
    out = unicodedata.normalize("NFKC", ch).casefold()
    return "".join(c for c in out if c.isalnum())


def text_words(text: str) -> list[Word]:
    """Words of the stored text: runs of letters and digits (hyphens and punctuation split)."""
    words: list[Word] = []
    key: list[str] = []
    start = 0
    for i, ch in enumerate(text):
        folded = _fold(ch)
        if folded:
            if not key:
                start = i
            key.append(folded)
        elif key:
            words.append(Word("".join(key), start, i))
            key = []
    if key:
        words.append(Word("".join(key), start, len(text)))
    return words


def _line_break_after(layer: TextLayer, i: int) -> int | None:
    """If character i is a hyphen that ends a line, the index of the next word's first
    character (pypdf's text has such words joined), else None."""
    chars, n = layer.chars, len(layer.chars)
    j, saw_break = i + 1, False
    while j < n and not _fold(chars[j]):
        if chars[j] in "\r\n":
            saw_break = True
        elif not chars[j].isspace():
            return None
        j += 1
    if j >= n:
        return None
    if not saw_break:
        here, there = layer.box(i), layer.box(j)
        saw_break = there[3] < here[1] or there[0] < here[0] - 4 * max(1.0, here[3] - here[1])
    return j if saw_break else None


def layer_words(layer: TextLayer) -> list[Word]:
    """Words of pdfium's text layer, with a word hyphenated across a line break made whole
    again (as the stored text has it). A word may then span two lines."""
    words: list[Word] = []
    key: list[str] = []
    start = 0
    i, n = 0, len(layer.chars)
    while i < n:
        folded = _fold(layer.chars[i])
        if folded:
            if not key:
                start = i
            key.append(folded)
            i += 1
            continue
        if key and layer.chars[i] in _HYPHENS:
            j = _line_break_after(layer, i)
            if j is not None:
                i = j
                continue
        if key:
            words.append(Word("".join(key), start, i))
            key = []
        i += 1
    if key:
        words.append(Word("".join(key), start, n))
    return words


# --------------------------------------------------------------------------- placing a quote


def _blocks(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return [(i, j, size) for i, j, size in matcher.get_matching_blocks() if size >= MIN_RUN]


def _with_context(page: list[Word], lo: int, hi: int, layer: list[Word]) -> dict[int, int]:
    """Quote words (indices lo..hi of the page's stored words) mapped to layer words, by
    aligning the whole page: context tells repeated phrases apart."""
    mapping: dict[int, int] = {}
    for i, j, size in _blocks([w.key for w in page], [w.key for w in layer]):
        for k in range(max(i, lo), min(i + size, hi)):
            mapping[k - lo] = j + (k - i)
    return mapping


def _alone(quote: list[str], layer: list[Word]) -> dict[int, int]:
    """Quote words mapped to layer words by aligning the quote alone (when the two texts
    order the page differently), keeping runs near the longest one."""
    keys = [w.key for w in layer]
    if len(quote) < MIN_RUN:  # too short to align piecewise: all or nothing
        for j in range(len(keys) - len(quote) + 1):
            if keys[j : j + len(quote)] == quote:
                return {k: j + k for k in range(len(quote))}
        return {}
    blocks = _blocks(quote, keys)
    if not blocks:
        return {}
    anchor = max(blocks, key=lambda b: b[2])
    reach = 2 * len(quote) + 20
    mapping: dict[int, int] = {}
    for i, j, size in blocks:
        if abs(j - anchor[1]) <= reach:
            mapping.update({i + k: j + k for k in range(size)})
    return mapping


def _runs(mapping: dict[int, int], layer: list[Word]) -> tuple[tuple[int, int], ...]:
    """Character ranges of the layer for the placed words: consecutive words join into one
    run, and a short gap between two runs (a word the texts split differently) is bridged."""
    runs: list[list[int]] = []  # [first layer word, last layer word, last quote word]
    for q in sorted(mapping):
        j = mapping[q]
        if runs and 0 < j - runs[-1][1] <= GAP_FILL + 1 and q - runs[-1][2] <= GAP_FILL + 1:
            runs[-1][1], runs[-1][2] = j, q
        else:
            runs.append([j, j, q])
    return tuple((layer[a].start, layer[b].end) for a, b, _ in runs)


def _letters(quote: list[str], layer: list[Word]) -> tuple[int, tuple[tuple[int, int], ...]]:
    """Place the quote by its letters alone, for text whose word breaks the two extractors
    disagree on ("Aminimalexample" against "A minimal example"): pieces of a quarter of the
    quote, each found in order in the layer's letters. Returns the letters placed and the runs."""
    letters = "".join(w.key for w in layer)
    owner = [k for k, w in enumerate(layer) for _ in w.key]
    want = max(12, sum(len(k) for k in quote) // 4)  # a short string of letters turns up anywhere
    pieces: list[str] = [""]
    for key in quote:
        if len(pieces[-1]) >= want:
            pieces.append("")
        pieces[-1] += key
    if len(pieces) > 1 and len(pieces[-1]) < want:  # a short tail rides with the piece before it
        tail = pieces.pop()
        pieces[-1] += tail
    placed, at, first = 0, 0, None
    covered: list[tuple[int, int]] = []
    for piece in pieces:
        found = letters.find(piece, at) if len(piece) >= 12 else -1
        if found < 0 or (first is not None and found - first > 2 * want * len(pieces) + 200):
            continue
        first = found if first is None else first
        placed += len(piece)
        covered.append((owner[found], owner[found + len(piece) - 1]))
        at = found + len(piece)
    runs: list[list[int]] = []
    for lo, hi in covered:
        if runs and lo - runs[-1][1] <= GAP_FILL + 1:
            runs[-1][1] = hi
        else:
            runs.append([lo, hi])
    return placed, tuple((layer[lo].start, layer[hi].end) for lo, hi in runs)


def locate(page_text: str, span: tuple[int, int], layer: TextLayer) -> Placement:
    """Where the quote `page_text[span[0]:span[1]]` lies in the page's text layer."""
    page = text_words(page_text)
    inside = [k for k, w in enumerate(page) if w.end > span[0] and w.start < span[1]]
    if not inside:
        return Placement((), 0.0, 0)
    lo, hi = inside[0], inside[-1] + 1
    quote = [w.key for w in page[lo:hi]]
    words = layer_words(layer)
    total = sum(len(k) for k in quote)  # shares count letters: a glued "Oncetheinstallation" is long

    def share(mapping: dict[int, int]) -> int:
        return sum(len(quote[q]) for q in mapping)

    best = _with_context(page, lo, hi, words)
    if share(best) < MIN_PLACED * total:
        alone = _alone(quote, words)
        if share(alone) > share(best):
            best = alone
    if share(best) < MIN_PLACED * total:
        letters, runs = _letters(quote, words)
        if letters > share(best) and letters >= MIN_PLACED * total:
            return Placement(runs, letters / total, len(quote))
    placed = share(best) / total
    if placed < MIN_PLACED:
        return Placement((), placed, len(quote))
    return Placement(_runs(best, words), placed, len(quote))


# --------------------------------------------------------------------------- pdfium


def _open(data: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise PageUnavailable("the PDF is encrypted: it needs a password") from None
        detail = " ".join(str(exc).split())[:80]
        raise PageUnavailable(f"the PDF is damaged and cannot be drawn ({detail})") from None


def read_layer(textpage) -> TextLayer:
    import pypdfium2.raw as raw

    n = textpage.count_chars()
    chars = textpage.get_text_range()
    if len(chars) != n:  # one character per index is what the offsets rely on
        chars = "".join(chr(raw.FPDFText_GetUnicode(textpage.raw, i) or 32) for i in range(n))
    return TextLayer(chars, textpage.get_charbox)


def _to_device(page, size: tuple[int, int], x: float, y: float) -> tuple[int, int]:
    import pypdfium2.raw as raw

    dx, dy = ctypes.c_int(), ctypes.c_int()
    raw.FPDF_PageToDevice(page.raw, 0, 0, size[0], size[1], 0, x, y, ctypes.byref(dx), ctypes.byref(dy))
    return dx.value, dy.value


def _boxes(page, textpage, runs, size: tuple[int, int]) -> tuple[Box, ...]:
    """One box per line of each run, as pdfium itself joins characters into lines."""
    out: list[Box] = []
    for start, end in runs:
        for r in range(textpage.count_rects(start, end - start)):
            left, top, right, bottom = textpage.get_rect(r)
            x1, y1 = _to_device(page, size, left, top)
            x2, y2 = _to_device(page, size, right, bottom)
            out.append(
                Box(
                    max(0.0, min(x1, x2) - PAD),
                    max(0.0, min(y1, y2) - PAD),
                    min(size[0], max(x1, x2) + PAD),
                    min(size[1], max(y1, y2) + PAD),
                )
            )
    return merge_lines(out, gap=4 * PAD)


def merge_lines(boxes: list[Box], gap: float) -> tuple[Box, ...]:
    """Join boxes that sit on one line and nearly touch (pdfium splits a line at a change of
    font), so a marked line reads as one stroke."""
    out: list[Box] = []
    for box in boxes:
        if out:
            last = out[-1]
            overlap = min(last.bottom, box.bottom) - max(last.top, box.top)
            height = min(last.bottom - last.top, box.bottom - box.top)
            if overlap > 0.5 * height and -gap <= box.left - last.right <= gap:
                out[-1] = Box(
                    min(last.left, box.left),
                    min(last.top, box.top),
                    max(last.right, box.right),
                    max(last.bottom, box.bottom),
                )
                continue
        out.append(box)
    return tuple(out)


def _highlight(image, boxes: tuple[Box, ...]) -> None:
    from PIL import Image, ImageChops

    for box in boxes:
        area = (int(box.left), int(box.top), int(round(box.right)), int(round(box.bottom)))
        if area[2] <= area[0] or area[3] <= area[1]:
            continue
        region = image.crop(area)
        tint = Image.new(region.mode, region.size, HIGHLIGHT_RGB)
        image.paste(ImageChops.multiply(region, tint), area[:2])


def render_page(
    data: bytes,
    page: int,
    zoom: float = DEFAULT_ZOOM,
    page_text: str | None = None,
    span: tuple[int, int] | None = None,
    source: str = "",
) -> PageImage:
    """Draw page `page` (1-based) of a PDF as PNG; with `span` (offsets into the stored
    `page_text`), mark where that part of the text lies on the page, or say why not."""
    zoom = min(max(float(zoom), 0.25), 4.0)
    with _PDFIUM:
        pdf = _open(data)
        try:
            count = len(pdf)
            if not 1 <= page <= count:
                raise PageUnavailable(f"the PDF has no page {page} (it has {count})")
            pdf_page = pdf[page - 1]
            bitmap = pdf_page.render(scale=zoom)
            image = bitmap.to_pil().convert("RGB")
            boxes: tuple[Box, ...] = ()
            placed, note = 0.0, None
            asked = span is not None and page_text is not None and span[1] > span[0]
            if asked:
                textpage = pdf_page.get_textpage()
                placement = locate(page_text, span, read_layer(textpage))
                placed = placement.placed
                boxes = _boxes(pdf_page, textpage, placement.runs, image.size)
                if not boxes:
                    note = (
                        f"The quote could not be placed on this page with confidence "
                        f"(only {placed:.0%} of it found), so nothing is marked."
                    )
        finally:
            pdf.close()
    _highlight(image, boxes)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=1)
    return PageImage(
        source, page, count, zoom, buffer.getvalue(), image.width, image.height, boxes, asked, placed, note
    )


# --------------------------------------------------------------------------- cache


class PageCache:
    """A small LRU of rendered pages, keyed by (file hash, page, zoom, highlight)."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._items: OrderedDict[tuple, PageImage] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple) -> PageImage | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return item

    def put(self, key: tuple, item: PageImage) -> None:
        with self._lock:
            self._items[key] = item
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
