"""Essay mode: a student's draft checked sentence by sentence, with one report.

The draft is split into sentences with their offsets; headings, questions and sentences with
no content words are `skipped`. Every claim sentence is checked by `claims.check_claim` with
the same index and encoder, and the encoder work is shared: all the sentences (and the parts a
checker cuts them into) are embedded in one batch before the checks start.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import UsageError

ESSAY_SUFFIXES = (".txt", ".md", ".markdown", ".docx")
MAX_ESSAY_BYTES = 2_000_000  # a draft, not a book: a .docx with pictures stays under this
MAX_ESSAY_CHARS = 100_000
MAX_ESSAY_SENTENCES = 500
VERDICTS = ("supported", "contradicted", "not_found", "skipped")

# A sentence ends at . ! ? (with closing quotes or brackets) before a space and a capital or an
# opening mark, and at every line break; an abbreviation such as "e.g." does not end one.
_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n+")
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|cf|vs|Dr|Mr|Mrs|Ms|Prof|St|No|Fig|al)\.$", re.I)
_MARKUP_HEADING = re.compile(r"^\s*(?:#{1,6}\s|=+$|-+$)")
_LIST_MARK = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@dataclass(frozen=True)
class EssaySentence:
    text: str
    start: int  # offsets in the essay's text
    end: int
    skip: str | None = None  # why it is not checked: heading, question, no content words


@dataclass(frozen=True)
class EssayReport:
    text: str
    sentences: tuple[EssaySentence, ...]
    checks: tuple[object | None, ...]  # a ClaimCheck per sentence, None where skipped

    def to_json(self) -> dict:
        rows = []
        for s, check in zip(self.sentences, self.checks, strict=True):
            row = {"text": s.text, "start": s.start, "end": s.end}
            if check is None:
                row |= {
                    "verdict": "skipped",
                    "claim": s.text,
                    "evidence": [],
                    "differences": [],
                    "covered_terms": [],
                    "missing_terms": [],
                    "confidence": 0.0,
                    "reason": s.skip,
                    "parts": [],
                }
            else:
                data = check.to_json()
                row |= {k: v for k, v in data.items() if k not in row}
            rows.append(row)
        return {"sentences": rows, "summary": summarise(rows)}


def summarise(rows: Sequence[dict]) -> dict:
    counts = {v: sum(1 for r in rows if r["verdict"] == v) for v in VERDICTS}
    return {"sentences": len(rows), "checked": len(rows) - counts["skipped"], **counts}


# --------------------------------------------------------------------------- reading a draft


def read_essay(path: str, stdin: io.TextIOBase | None = None) -> str:
    """The text of a draft: a .txt, .md or .docx file, or "-" for standard input. Empty,
    binary and oversized input is refused with a one-line reason."""
    if path == "-":
        if stdin is None:
            stdin = sys.stdin
        raw = stdin.buffer.read(MAX_ESSAY_BYTES + 1) if hasattr(stdin, "buffer") else stdin.read().encode()
        return essay_text(raw, "standard input", ".txt")
    file = Path(path)
    if not file.is_file():
        raise UsageError(f"no such essay file: {path}")
    suffix = file.suffix.lower()
    if suffix not in ESSAY_SUFFIXES:
        raise UsageError(f"an essay must be {', '.join(ESSAY_SUFFIXES)} (got '{suffix or file.name}')")
    if file.stat().st_size > MAX_ESSAY_BYTES:
        raise UsageError(f"{file.name} is too large for an essay (over {MAX_ESSAY_BYTES // 1_000_000} MB)")
    return essay_text(file.read_bytes(), file.name, suffix)


def essay_text(raw: bytes, name: str, suffix: str = ".txt") -> str:
    """Decode a draft's bytes (a .docx is read paragraph by paragraph) and check its size."""
    if len(raw) > MAX_ESSAY_BYTES:
        raise UsageError(f"{name} is too large for an essay (over {MAX_ESSAY_BYTES // 1_000_000} MB)")
    if suffix == ".docx":
        text = _docx_text(raw, name)
    else:
        if b"\x00" in raw[:8192]:
            raise UsageError(f"{name} is not text (it looks like a binary file)")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UsageError(f"{name} is not UTF-8 text") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UsageError(f"{name} is empty")
    if len(text) > MAX_ESSAY_CHARS:
        raise UsageError(f"{name} is too long for an essay (over {MAX_ESSAY_CHARS:,} characters)")
    return text


def _docx_text(raw: bytes, name: str) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception:  # noqa: BLE001 - python-docx raises zip, xml and key errors alike
        raise UsageError(f"{name} is not a readable .docx file") from None
    lines = []
    for para in document.paragraphs:
        style = (para.style.name if para.style is not None else "") or ""
        text = para.text.strip()
        if text:
            heading = style == "Title" or style.startswith("Heading")
            lines.append(f"# {text}" if heading else text)
    return "\n\n".join(lines)


# --------------------------------------------------------------------------- sentences


def split_essay(text: str) -> list[EssaySentence]:
    """The draft's sentences with their offsets, each marked with why it is skipped, if it is."""
    pieces: list[tuple[int, int]] = []
    cursor = 0
    for m in _END.finditer(text):
        if _ABBREVIATION.search(text[cursor : m.start()]) and "\n" not in m.group(0):
            continue
        pieces.append((cursor, m.start()))
        cursor = m.end()
    pieces.append((cursor, len(text)))
    out = []
    for a, b in pieces:
        raw = text[a:b]
        lead = len(raw) - len(raw.lstrip())
        a, b = a + lead, a + len(raw.rstrip())
        if a >= b:
            continue
        line_start = text.rfind("\n", 0, a) + 1
        line_end = text.find("\n", b)
        whole_line = text[line_start : len(text) if line_end < 0 else line_end].strip() == text[a:b].strip()
        mark = _LIST_MARK.match(text[a:b])
        if mark and not _MARKUP_HEADING.match(text[a:b]):
            a += mark.end()
        out.append(EssaySentence(text[a:b], a, b, _skip_reason(text[a:b], whole_line)))
    return out


def _skip_reason(sentence: str, whole_line: bool) -> str | None:
    from .claims import tokenize

    if _MARKUP_HEADING.match(sentence):
        return "heading"
    stripped = sentence.strip()
    if stripped.endswith("?"):
        return "question"
    words = _WORD.findall(stripped)
    if not any(t.content for t in tokenize(stripped)):
        return "no content words"
    if whole_line and not re.search(r"[.!:;\"”)]$", stripped) and len(words) <= 12:
        return "heading"  # a short line with no closing stop: a title
    return None


# --------------------------------------------------------------------------- checking


class SharedEncoder:
    """An encoder that remembers what it has embedded: the essay embeds all its sentences (and
    their parts) in one batch, and each check then finds its vectors ready."""

    def __init__(self, encoder) -> None:
        self.encoder = encoder
        self.memory: dict[str, np.ndarray] = {}

    def prepare(self, texts: Sequence[str]) -> None:
        todo = list(dict.fromkeys(t for t in texts if t not in self.memory))
        if todo:
            for text, vector in zip(todo, self.encoder.encode(todo), strict=True):
                self.memory[text] = vector

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.prepare(texts)
        return np.stack([self.memory[t] for t in texts]) if texts else self.encoder.encode(texts)

    def __getattr__(self, name: str):  # name, dimension, ... of the real encoder
        return getattr(self.encoder, name)


def check_essay(
    index, encoder, text: str, k: int = 8, progress: Callable[[int, int], None] | None = None
) -> EssayReport:
    """Check every claim sentence of a draft; `progress(done, total)` after each one."""
    from .claims import check_claim, split_parts
    from .library import clean_query

    sentences = split_essay(text)
    if len(sentences) > MAX_ESSAY_SENTENCES:
        raise UsageError(f"the essay has {len(sentences)} sentences; the limit is {MAX_ESSAY_SENTENCES}")
    claims = [clean_query(s.text, "sentence") if s.skip is None else None for s in sentences]
    shared = SharedEncoder(encoder)
    batch = []
    for claim in claims:
        if claim is not None:
            spans = split_parts(claim)
            batch += [claim] + ([claim[a:b] for a, b in spans] if len(spans) > 1 else [])
    shared.prepare(batch)
    todo = sum(1 for c in claims if c is not None)
    checks: list[object | None] = []
    done = 0
    for claim in claims:
        if claim is None:
            checks.append(None)
            continue
        checks.append(check_claim(index, shared, claim, k=k))
        done += 1
        if progress is not None:
            progress(done, todo)
    return EssayReport(text, tuple(sentences), tuple(checks))


# --------------------------------------------------------------------------- reports

_MARKS = {"supported": "✔", "contradicted": "✘", "not_found": "?", "skipped": "·"}
_LABELS = {
    "supported": "supported",
    "contradicted": "contradicted",
    "not_found": "not found",
    "skipped": "skipped",
}


def summary_line(summary: dict) -> str:
    parts = [f"{summary[v]} {_LABELS[v]}" for v in VERDICTS if summary.get(v)]
    return f"{summary['checked']} of {summary['sentences']} sentences checked: " + ", ".join(parts)


def format_essay(data: dict) -> str:
    """An essay report for a terminal: one line per sentence, then what differs."""
    lines = [summary_line(data["summary"]), ""]
    for i, s in enumerate(data["sentences"], 1):
        verdict = s["verdict"]
        note = f" ({s['reason']})" if verdict == "skipped" and s.get("reason") else ""
        lines.append(f"{i:>3} {_MARKS[verdict]} {_LABELS[verdict]:<12} {s['text']}{note}")
        for d in s.get("differences") or []:
            lines.append(
                f"      differs: “{d['claim_term']}” / source “{d['source_term']}” in “{d['quote']}”"
            )
        if verdict == "supported" and (evidence := s.get("evidence")):
            c = evidence[0]  # what supports it, so a tick can be checked as a cross can
            where = ", ".join(
                str(x) for x in (c["source"], c["section"], f"page {c['page']}" if c["page"] else None) if x
            )
            lines.append(f"      by [{c['n']}] {where}: “{' '.join(c['quote'].split())}”")
    return "\n".join(lines)


def _md(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", " ".join(str(text).split()))


def essay_markdown(data: dict, title: str = "Essay check") -> str:
    """The report as Markdown, for a download: every sentence, its verdict, its evidence."""
    out = [f"# {_md(title)}", "", summary_line(data["summary"]), ""]
    for i, s in enumerate(data["sentences"], 1):
        verdict = s["verdict"]
        out.append(f"{i}. **{_LABELS[verdict]}** {_MARKS[verdict]}: {_md(s['text'])}")
        if verdict == "skipped":
            continue
        for d in s.get("differences") or []:
            out.append(
                f"    - differs: the claim says “{_md(d['claim_term'])}”, the source “{_md(d['source_term'])}” "
                f"[{d['n']}]: > {_md(d['quote'])}"
            )
        for c in (s.get("evidence") or [])[:2]:
            where = ", ".join(
                str(x) for x in (c["title"], c["section"], f"p. {c['page']}" if c["page"] else None) if x
            )
            out.append(f"    - [{c['n']}] {_md(where)}: “{_md(c['quote'])}”")
    return "\n".join(out) + "\n"


def run_essay_command(lib, args, emit: Callable[[dict], None]) -> int:
    """`silkqa check --essay FILE`: read the draft before loading anything, then one report."""
    if args.essay is None:
        raise UsageError("give a claim to check, or --essay FILE")
    if args.claim is not None:
        raise UsageError("give either a claim or --essay FILE, not both")
    text = read_essay(args.essay)
    progress = None
    if sys.stderr.isatty():

        def progress(done: int, total: int) -> None:
            print(f"\rchecked {done}/{total} sentences", end="" if done < total else "\n", file=sys.stderr)

    data = lib.check_essay(text, progress=progress).to_json()
    if args.json:
        emit(data)
    else:
        print(format_essay(data))
    return 0
