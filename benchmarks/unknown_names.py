"""The unknown-name check on a large library: one merged vocabulary against reading every document.

    .venv/bin/python benchmarks/unknown_names.py [--mb 30]

A question's lower-case word that no dictionary lists is looked up a dozen times (its typos, its
parts, the words it may join). `answering.LibraryWords` answers from the library's words merged
once; the baseline here, run in the same process on the same library, asks each document in turn
as LibraryWords did before. The library is the gold corpora repeated up to the size asked for.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from silkqa.answering import (  # noqa: E402
    LibraryWords,
    _has_prefix,
    _has_word,
    _spellings,
    _words_of,
    document_mentions,
)
from silkqa.documents import load_document  # noqa: E402
from silkqa.vocabulary import unknown_names  # noqa: E402

QUESTIONS = [
    "does kiln work in jupyter notebooks with pubgrub",
    "is serde faster than frobnicator",
    "how to set an rpath for a mutex",
    "does zqxwvtool run on plimbor",
]


@dataclass(frozen=True)
class Doc:
    text: str


@dataclass(frozen=True)
class Library:
    documents: dict


@dataclass(frozen=True)
class EveryDocument:
    """The baseline: each question word looked for in each document, as before."""

    index: Library

    def _texts(self):
        return (doc.text for doc in self.index.documents.values())

    def mentions(self, term: str) -> bool:
        return any(document_mentions(text, term) for text in self._texts())

    def uses(self, word: str) -> bool:
        return any(_has_word(_words_of(text)[1], word.lower()) for text in self._texts())

    def begins(self, prefix: str) -> bool:
        return any(_has_prefix(_words_of(text)[1], prefix.lower()) for text in self._texts())

    def writes(self, text: str) -> bool:
        return any(text.lower() in _words_of(t)[0] for t in self._texts())

    def joins(self, first: str, second: str) -> bool:
        pattern = re.compile(rf"\b{re.escape(first.lower())}\w*[ \t-]+{re.escape(second.lower())}")
        return any(pattern.search(_words_of(text)[0]) for text in self._texts())

    def spells(self, name: str) -> bool:
        return len(name) >= 3 and any(
            _has_prefix(_spellings((text,)), name.lower()) for text in self._texts()
        )


def library_of(megabytes: float) -> Library:
    texts = []
    for path in sorted((ROOT / "gold").glob("blind*/corpus/*")):
        try:
            texts.append(load_document(path, path.name).text)
        except Exception:  # noqa: BLE001 - a gold file the loader refuses is simply not used
            continue
    docs: dict[str, Doc] = {}
    size = 0
    while size < megabytes * 1_000_000:
        text = texts[len(docs) % len(texts)] + f"\nvariant {len(docs)}\n"
        docs[f"d{len(docs)}"] = Doc(text)
        size += len(text)
    return Library(docs)


def timed(lexicon) -> tuple[float, float, list[list[str]]]:
    started = time.perf_counter()
    first = [unknown_names(q, lexicon) for q in QUESTIONS]
    middle = time.perf_counter()
    again = [unknown_names(q, lexicon) for q in QUESTIONS]
    assert again == first
    return middle - started, time.perf_counter() - middle, first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=30.0, help="library size in millions of characters")
    args = parser.parse_args()
    library = library_of(args.mb)
    chars = sum(len(d.text) for d in library.documents.values())
    print(
        f"library: {len(library.documents)} documents, {chars / 1e6:.1f} M characters; {len(QUESTIONS)} questions"
    )
    base_first, base_again, base_found = timed(EveryDocument(library))
    first, again, found = timed(LibraryWords(library))
    assert found == base_found, (found, base_found)
    print(f"every document (baseline): first pass {base_first:.2f} s, second pass {base_again:.2f} s")
    print(f"merged vocabulary:         first pass {first:.2f} s, second pass {again:.3f} s")
    print(
        f"ratio, first pass {first / base_first:.2f}x, second pass {again / base_again:.4f}x; same names found: {found}"
    )


if __name__ == "__main__":
    main()
