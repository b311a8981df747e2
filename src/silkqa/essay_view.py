"""Pure helpers for the web chat's essay mode: the draft as escaped HTML with every sentence
coloured by its verdict and numbered, and the labels of the sentence picker."""

from __future__ import annotations

from collections.abc import Sequence

from .essay import VERDICTS
from .ui_text import escape_html, one_line

ESSAY_COLOURS = {
    "supported": ("rgba(33,195,84,.16)", "✔"),
    "contradicted": ("rgba(255,43,43,.16)", "✘"),
    "not_found": ("rgba(128,128,128,.16)", "?"),
    "skipped": ("transparent", ""),
}
_LEGEND = {"supported": "supported", "contradicted": "contradicted", "not_found": "not found"}


def _sentence(text: str, number: int, verdict: str) -> str:
    background, mark = ESSAY_COLOURS.get(verdict, ESSAY_COLOURS["not_found"])
    style = f"background:{background};border-radius:.25rem;padding:.05rem .15rem"
    if verdict == "skipped":
        return f'<span class="sq-s sq-s-skipped" style="color:rgb(110,110,110)">{escape_html(text)}</span>'
    tag = f'<sup style="font-weight:700;margin-left:.1rem">{number}{mark}</sup>'
    return (
        f'<span class="sq-s sq-s-{verdict}" title="{verdict}" style="{style}">{escape_html(text)}{tag}</span>'
    )


def essay_html(text: str, rows: Sequence[dict]) -> str:
    """The whole draft, its text escaped, each sentence in its verdict's colour with its number."""
    out, cursor = [], 0
    for i, row in enumerate(rows, 1):
        start, end = int(row["start"]), int(row["end"])
        if start < cursor or end > len(text):
            continue
        out.append(escape_html(text[cursor:start]))
        out.append(_sentence(text[start:end], i, row["verdict"]))
        cursor = end
    out.append(escape_html(text[cursor:]))
    style = "line-height:1.9;padding:.75rem 1rem;border:1px solid rgba(128,128,128,.3);border-radius:.5rem"
    return f'<div class="sq-essay" style="{style}">{"".join(out)}</div>'


def legend_html() -> str:
    pieces = []
    for verdict, label in _LEGEND.items():
        background, mark = ESSAY_COLOURS[verdict]
        pieces.append(
            f'<span style="background:{background};border-radius:.25rem;padding:.05rem .4rem;margin-right:.5rem">'
            f"{mark} {escape_html(label)}</span>"
        )
    return f'<div class="sq-legend">{"".join(pieces)}</div>'


def sentence_label(number: int, row: dict) -> str:
    """A picker label: the number, the verdict's mark and the sentence's opening words."""
    mark = ESSAY_COLOURS.get(row["verdict"], ESSAY_COLOURS["not_found"])[1]
    return f"{number} {mark} {one_line(row['text'], 40)}"


def counts_line(summary: dict) -> str:
    parts = [f"{summary[v]} {v.replace('_', ' ')}" for v in VERDICTS if summary.get(v)]
    return f"{summary['checked']} of {summary['sentences']} sentences checked · " + " · ".join(parts)
