"""How often the page viewer marks a quote, and how often the mark is wrong, on real PDFs.

    .venv/bin/python benchmarks/pagemarks.py PDF [PDF ...] [--pages N] [--per-page K]

For every page (up to N) it takes up to K sentences of 8+ words from the text silkqa stores
(pypdf's, as indexed), places each with silkqa.pages.locate, and checks the marks against
pdfium's own boxes of the sentence's words that occur once on the page: a placement is
*wrong* when more than a fifth of the marked letters are not the quote's, else *partial* when
some of those once-only words are not under a mark, else *right*. Sentences with fewer than two such words are placed but not judged. A `.gz`
PDF is read decompressed. The figures go to stdout as a Markdown table.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from silkqa.documents import load_document  # noqa: E402
from silkqa.pages import locate, read_layer  # noqa: E402

_SENTENCE = re.compile(r"[^.!?。！？]+[.!?。！？]")


def sentences(text: str, per_page: int) -> list[tuple[int, int]]:
    out = []
    for m in _SENTENCE.finditer(text):
        a = m.start() + (len(m.group()) - len(m.group().lstrip()))
        if len(m.group().split()) >= 8 or (len(m.group().strip()) >= 30 and not m.group().isascii()):
            out.append((a, m.end()))
    step = max(1, len(out) // per_page) if out else 1
    return out[::step][:per_page]


def judge(textpage, runs, quote: str) -> str:
    """right, partial (some of the quote unmarked) or wrong (marks beyond the quote), or
    unjudged when the page has too few once-only words of the quote to check against."""
    text = textpage.get_text_range()
    refs = []
    for word in {w for w in re.findall(r"\w+", quote) if len(w) >= 4 and w.isalpha()}:
        hits = list(re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text))
        if len(hits) == 1:
            boxes = [textpage.get_charbox(i) for i in range(*hits[0].span())]
            refs.append(
                (
                    min(b[0] for b in boxes),
                    min(b[1] for b in boxes),
                    max(b[2] for b in boxes),
                    max(b[3] for b in boxes),
                )
            )
    if len(refs) < 2:
        return "unjudged"
    rects = []
    for start, end in runs:
        for r in range(textpage.count_rects(start, end - start)):
            rects.append(textpage.get_rect(r))  # left, bottom, right, top (PDF points, y up)
    missed = 0
    for left, bottom, right, top in refs:
        cx, cy = (left + right) / 2, (bottom + top) / 2
        if not any(rl - 1 <= cx <= rr + 1 and rb - 1 <= cy <= rt + 1 for rl, rb, rr, rt in rects):
            missed += 1
    # precision by letters: what is marked should be the quote's, not its neighbours' (letters,
    # not words: the two extractors disagree on word breaks, "Oncethe" against "Once the")
    marked = "".join(ch for ch in " ".join(text[a:b] for a, b in runs).casefold() if ch.isalnum())
    wanted = "".join(ch for ch in quote.casefold() if ch.isalnum())
    same = sum(
        size for _, _, size in SequenceMatcher(None, marked, wanted, autojunk=False).get_matching_blocks()
    )
    extra = len(marked) - same
    if extra > 0.2 * max(1, len(marked)):
        return "wrong"
    return "partial" if missed else "right"


def evaluate(path: Path, max_pages: int, per_page: int) -> dict:
    import pypdfium2 as pdfium

    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    doc = load_document(Path(path.name.removesuffix(".gz")), path.name, data)
    pdf = pdfium.PdfDocument(data)
    counts = {"sentences": 0, "placed": 0, "right": 0, "partial": 0, "wrong": 0, "unjudged": 0}
    wrong_examples = []
    try:
        for page in doc.pages[:max_pages]:
            text = doc.text[page.start : page.end]
            textpage = pdf[page.number - 1].get_textpage()
            layer = read_layer(textpage)
            for span in sentences(text, per_page):
                counts["sentences"] += 1
                placement = locate(text, span, layer)
                if not placement.runs:
                    continue
                counts["placed"] += 1
                verdict = judge(textpage, placement.runs, text[span[0] : span[1]])
                counts[verdict] += 1
                if verdict == "wrong" and len(wrong_examples) < 3:
                    wrong_examples.append(f"p{page.number}: {text[span[0] : span[1]][:70]!r}")
    finally:
        pdf.close()
    return {"file": path.name, "pages": min(len(doc.pages), max_pages), **counts, "examples": wrong_examples}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="+", type=Path)
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--per-page", type=int, default=5)
    args = parser.parse_args(argv)
    rows = [evaluate(p, args.pages, args.per_page) for p in args.pdfs]
    print("| file | pages | sentences | placed | right | partial | wrong | not judged |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    total = dict.fromkeys(("sentences", "placed", "right", "partial", "wrong", "unjudged"), 0)
    for r in rows:
        for k in total:
            total[k] += r[k]
        print(
            f"| {r['file']} | {r['pages']} | {r['sentences']} | {r['placed'] / max(1, r['sentences']):.0%} "
            f"| {r['right']} | {r['partial']} | {r['wrong']} | {r['unjudged']} |"
        )
    print(
        f"| **all** | | {total['sentences']} | {total['placed'] / max(1, total['sentences']):.0%} "
        f"| {total['right']} | {total['partial']} | {total['wrong']} | {total['unjudged']} |"
    )
    for r in rows:
        for example in r["examples"]:
            print(f"\nwrong in {r['file']} {example}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
