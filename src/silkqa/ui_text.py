"""Pure text helpers for the web app: escaping, highlighting, tables and the Markdown export.

Everything a document says is untrusted: a PDF or Markdown file may contain `<script>`,
Markdown links, `$…$` that Streamlit would render as maths, or `:red[…]` directives. So every
piece of document or user text that reaches the page goes through `escape_markdown` (for
Markdown) or `escape_html` (for the few HTML highlight blocks); only markup built here from
constants is left unescaped. Kept free of Streamlit so it can be tested directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

# --------------------------------------------------------------------------- starters

STARTERS: dict[str, tuple[str, str]] = {
    # topic: (icon, question) — written from the themes of the paper, not from its sentences
    "Energy": (":material/bolt:", "How do China and the Central Asian countries cooperate on energy?"),
    "Trade": (":material/local_shipping:", "What goods does China import from the Central Asian countries?"),
    "Finance": (":material/account_balance:", "How could financial cooperation between the regions develop?"),
    "Technology": (":material/memory:", "How is technology exchanged between China and Central Asia?"),
}
# what a library must speak of (in a title or heading) for the paper's topics to fit it
_STARTER_THEMES = {
    "Central Asia": re.compile(r"\bcentral asia", re.I),
    "Energy": re.compile(r"\benergy\b", re.I),
    "Trade": re.compile(r"\btrade\b", re.I),
    "Finance": re.compile(r"\bfinanc", re.I),
    "Technology": re.compile(r"\btechnolog", re.I),
}
_DOCUMENT_ICON = ":material/description:"
_KIND_OF_TEXT = re.compile(
    r"\b(?:document|documentation|manual|guide|handbook|paper|book|readme|notes)\W*$", re.I
)
_MAX_STARTERS = 4


@dataclass(frozen=True)
class Starter:
    key: str  # stable widget key
    kind: str  # "topic" (the paper's themes) or "document"
    label: str
    icon: str
    question: str


def _shorten(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def starters(documents: Iterable) -> list[Starter]:
    """Questions to start with, fitted to the library: the paper's four topics where its titles
    and headings speak of them all; otherwise "What is … about?" for its first full texts, so a
    library of manuals is not offered questions about the Silk Road."""
    documents = list(documents)
    headings = [d.title for d in documents] + [s.title for d in documents for s in d.sections]
    if all(any(theme.search(h) for h in headings) for theme in _STARTER_THEMES.values()):
        return [
            Starter(topic, "topic", topic, icon, question) for topic, (icon, question) in STARTERS.items()
        ]
    texts = [d for d in documents if d.kind != "reference" and d.title.strip()]
    return [
        Starter(f"doc-{i}", "document", _shorten(d.title), _DOCUMENT_ICON, _about(d.title))
        for i, d in enumerate(sorted(texts, key=lambda d: d.source)[:_MAX_STARTERS])
    ]


PAPER_CLAIM_EXAMPLE = (
    "e.g. Kazakhstan has the highest economic growth rate of the five Central Asian countries."
)


def claim_placeholder(documents: Iterable) -> str:
    """An example claim that fits the library: the paper's own where the starters are its
    topics, else one that names no subject (a library of manuals is not about Kazakhstan)."""
    documents = list(documents)
    if documents and all(s.kind == "topic" for s in starters(documents)):
        return PAPER_CLAIM_EXAMPLE
    return "Paste a sentence from your notes or an essay, e.g. a figure or a date you want to verify."


def _about(title: str) -> str:
    """Ask what a document is about: "the DNS document", but "the Node.js documentation"."""
    title = re.sub(r"^the\s+", "", " ".join(title.split()), flags=re.I)
    kind = "" if _KIND_OF_TEXT.search(title) else " document"
    return f"What is the {title}{kind} about?"


# --------------------------------------------------------------------------- escaping

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~$&#])")
_MD_LINE_START = re.compile(r"^(\s*)([>+=-])", re.M)
_MD_LINE_NUMBER = re.compile(r"^(\s*\d+)([.)])", re.M)
# One pass over the text (so no entity is escaped twice): HTML's specials, then the
# characters Markdown, maths or Streamlit directives would act on, as numeric entities.
_HTML_SAFE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "'": "&#39;",
        "$": "&#36;",
        "*": "&#42;",
        "_": "&#95;",
        "`": "&#96;",
        "[": "&#91;",
        "]": "&#93;",
        "~": "&#126;",
        "\\": "&#92;",
        ":": "&#58;",
        "|": "&#124;",
        "#": "&#35;",
    }
)


def escape_markdown(text: object) -> str:
    """Text that Markdown (and Streamlit's extensions: maths, directives) shows literally."""
    text = _MD_INLINE.sub(r"\\\1", str(text if text is not None else ""))
    text = _MD_LINE_START.sub(r"\1\\\2", text)
    return _MD_LINE_NUMBER.sub(r"\1\\\2", text)


def escape_html(text: object) -> str:
    """Text safe inside an HTML block that Streamlit renders as Markdown: tags and entities
    escaped, characters Markdown or maths would act on turned into entities, and line breaks
    as <br> so the block never contains a blank line (which would end it)."""
    out = str(text if text is not None else "").translate(_HTML_SAFE)
    return out.replace("\r\n", "\n").replace("\n", "<br>")


def one_line(text: object, limit: int | None = None) -> str:
    text = " ".join(str(text or "").split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


# --------------------------------------------------------------------------- highlighting

Span = tuple[int, int, str]  # start, end, layer

STYLES: dict[str, str] = {
    "quote": "background:rgba(255,214,10,.38);color:inherit;border-radius:3px;padding:1px 0",
    "match": "font-weight:650;text-decoration:underline 2px rgba(33,150,83,.75);text-underline-offset:3px",
    "differ": "background:rgba(234,67,53,.20);color:inherit;font-weight:650;text-decoration:underline wavy rgba(217,48,37,.9);text-underline-offset:3px;border-radius:3px",
}
_LAYER_ORDER = ("quote", "match", "differ")

BLOCK_STYLE = "line-height:1.65;font-size:0.95rem;"
PASSAGE_STYLE = (
    "border-left:3px solid rgba(128,128,128,.35);padding:.35rem .8rem;margin:.2rem 0 .6rem 0;color:inherit;"
)
CONTEXT_STYLE = "opacity:.72"
CHIP_STYLE = "display:inline-block;font-size:.75em;font-weight:700;line-height:1.2;padding:0 .35em;margin:0 .1em;border-radius:.6em;background:rgba(28,131,225,.16);color:rgb(0,104,201);vertical-align:.15em"


def mark_html(text: str, spans: Iterable[Span], dim_unmarked: bool = False) -> str:
    """Escaped text with each span wrapped in the style of its layer. Spans may overlap;
    overlapping layers combine (a matching word inside the quote is both)."""
    text = text or ""
    layers: list[set[str]] = [set() for _ in range(len(text))]
    for start, end, layer in spans:
        for i in range(max(0, start), min(len(text), end)):
            layers[i].add(layer)
    out: list[str] = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and layers[j] == layers[i]:
            j += 1
        piece = escape_html(text[i:j])
        active = [name for name in _LAYER_ORDER if name in layers[i]]
        if active:
            style = ";".join(STYLES[name] for name in active)
            cls = " ".join(f"sq-{name}" for name in active)
            out.append(f'<span class="{cls}" style="{style}">{piece}</span>')
        elif dim_unmarked:
            out.append(f'<span style="{CONTEXT_STYLE}">{piece}</span>')
        else:
            out.append(piece)
        i = j
    return "".join(out)


def block_html(inner: str, extra_style: str = "") -> str:
    """One HTML block on one line (no blank line can end it early)."""
    return f'<div class="sq-block" style="{BLOCK_STYLE}{extra_style}">{inner}</div>'


def quote_span(citation) -> tuple[int, int] | None:
    """Where the citation's quote sits inside its passage (the chunk), by offsets, else by search."""
    passage, quote = citation.passage or "", citation.quote or ""
    start = citation.start - citation.passage_start
    end = citation.end - citation.passage_start
    if 0 <= start < end <= len(passage) and passage[start:end] == quote:
        return start, end
    found = passage.find(quote) if quote else -1
    return (found, found + len(quote)) if found >= 0 else None


def passage_html(citation, extra: Iterable[Span] = (), quote_extra: Iterable[Span] = ()) -> str:
    """The passage around a citation with the quoted sentence highlighted.

    `extra` spans are offsets in the passage; `quote_extra` spans are offsets in the quote
    and are shifted to where the quote sits."""
    span = quote_span(citation)
    if span is None:  # the passage does not hold the quote: show the quote alone
        spans = [(0, len(citation.quote), "quote"), *quote_extra]
        return block_html(mark_html(citation.quote, spans), PASSAGE_STYLE)
    start, end = span
    spans = [(start, end, "quote"), *extra, *((a + start, b + start, layer) for a, b, layer in quote_extra)]
    return block_html(mark_html(citation.passage, spans, dim_unmarked=True), PASSAGE_STYLE)


def text_html(text: str, spans: Iterable[Span] = ()) -> str:
    return block_html(mark_html(text, spans))


# --------------------------------------------------------------------------- answers


@dataclass(frozen=True)
class Segment:
    text: str
    n: int | None = None  # a citation marker when set


def answer_segments(answer_text: str, citations: Sequence) -> list[Segment]:
    """Split an answer into text and its own [n] markers.

    A quoted sentence may itself contain the paper's in-text markers ("… impetus [1]."), so
    markers are found after each citation's quote rather than by pattern alone; if the
    answer was not composed that way, any [n] naming a citation counts as a marker."""
    segments: list[Segment] = []
    pos = 0
    ok = True
    from .answering import display_quote

    for c in citations:
        quote = c.quote.replace("\n\n", " ")
        at = answer_text.find(quote, pos)
        if at < 0:  # composed with the source's markers written "(ref. n)"
            quote = display_quote(c.quote)
            at = answer_text.find(quote, pos)
        marker = re.compile(rf"\s*\[{c.n}\]").match(answer_text, at + len(quote)) if at >= 0 else None
        if marker is None:
            ok = False
            break
        segments.append(Segment(answer_text[pos : at + len(quote)]))
        segments.append(Segment(f"[{c.n}]", c.n))
        pos = marker.end()
    if ok:
        if pos < len(answer_text):
            segments.append(Segment(answer_text[pos:]))
        return [s for s in segments if s.text]
    numbers = {c.n for c in citations}
    segments, pos = [], 0
    for match in re.finditer(r"\s?\[(\d+)\]", answer_text):
        if int(match.group(1)) in numbers:
            segments.append(Segment(answer_text[pos : match.start()]))
            segments.append(Segment(f"[{match.group(1)}]", int(match.group(1))))
            pos = match.end()
    segments.append(Segment(answer_text[pos:]))
    return [s for s in segments if s.text]


_SOURCE_MARKER = re.compile(
    r"\s*(?:(?:<sup>)?\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\](?:</sup>)?|\(ref\. (\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\))"
)
REF_STYLE = "font-size:.72em;opacity:.75;margin-left:.15em"


def source_text_html(text: str) -> str:
    """Escaped text in which the document's own reference markers ("[2]") are shown as a
    small superscript "ref. 2", so they are never mistaken for silkqa's citation chips."""
    out, pos = [], 0
    for m in _SOURCE_MARKER.finditer(text):
        number = one_line(m.group(1) or m.group(2))
        out.append(escape_html(text[pos : m.start()]))
        out.append(
            f'<sup class="sq-ref" style="{REF_STYLE}" title="the source&#39;s own reference {escape_html(number)}">'
            f"ref. {escape_html(number)}</sup>"
        )
        pos = m.end()
    out.append(escape_html(text[pos:]))
    return "".join(out)


def answer_html(answer, anchor: str | None = None) -> str:
    """The answer text, escaped, with its citation markers as small chips. With `anchor`, a
    chip is a link to the citation's box (`{anchor}-{n}`) and shows its quote on hover."""
    quotes = {c.n: c.quote for c in answer.citations}
    span = getattr(answer, "answer_span", None)
    parts = []
    for seg in answer_segments(answer.answer, answer.citations):
        if seg.n is None and span and span.get("text") and span["text"] in seg.text:
            before, _, after = seg.text.partition(span["text"])  # the answering phrase, in bold
            parts.append(
                f"{source_text_html(before)}<strong class='sq-span'>{escape_html(span['text'])}</strong>"
                f"{source_text_html(after)}"
            )
            span = None
        elif seg.n is None:
            parts.append(source_text_html(seg.text))
        elif anchor:
            target = f"{anchor}-{int(seg.n)}"
            parts.append(
                f' <a class="sq-cite" href="#{target}" data-sq-cite="{target}" role="button" '
                f'title="{escape_html(one_line(quotes.get(seg.n, ""), 300))}" '
                f'style="{CHIP_STYLE};text-decoration:none;cursor:pointer">[{int(seg.n)}]</a>'
            )
        else:
            parts.append(f' <span class="sq-cite" style="{CHIP_STYLE}">[{int(seg.n)}]</span>')
    return block_html("".join(parts), "font-size:1rem;")


def refusal_text(answer) -> str:
    """A refusal as the chat's warning box says it: why the library does not answer, without
    the CLI's closing sentence ("The closest passages [1] [2] [3] are listed below ..."), whose
    markers would be plain text there and which the caption over the passages already says."""
    if getattr(answer, "reason", None):
        return f"The library does not answer this question: {answer.reason}."
    return answer.answer


def several_claims_note(claim: str) -> str | None:
    """A note for a claim box holding more than one sentence: its one verdict reads them as one
    claim, so a contradiction in one sentence may come out as "not found" for the whole."""
    from .chunking import split_sentences

    count = len(split_sentences(claim.strip()))
    if count < 2:
        return None
    return (
        f"This box checks one claim, and your text has {count} sentences: its verdict is for them "
        "together. To check each sentence on its own, choose **An essay** above."
    )


def answer_markdown(answer) -> str:
    """The answer as Markdown: text escaped, its own markers left as plain [n]."""
    return "".join(
        escape_markdown(seg.text) if seg.n is None else f" [{seg.n}]"
        for seg in answer_segments(answer.answer, answer.citations)
    )


def citation_where(c) -> str:
    """'Title · Section · p. 3' as plain text (escape it for Markdown)."""
    bits = [one_line(c.title, 72)]
    if c.section:
        bits.append(one_line(c.section, 70))
    if c.page:
        bits.append(f"p. {c.page}")
    return " · ".join(bits)


def citation_label(c, preview: bool = False, shared: bool = False) -> str:
    """An expander label for a citation, Markdown-escaped; with `preview`, the quote's
    opening words lead (closest passages of an abstention have no answer text above them), as
    they do for a citation with no section or page to tell it from others of its document;
    with `shared` (another citation of the answer has the same document, section and page),
    its place is followed by the quote's opening words, so [1] and [2] do not look the same."""
    if preview or not (c.section or c.page):
        return f"**\\[{c.n}\\]** “{escape_markdown(one_line(c.quote, 90))}” · {escape_markdown(one_line(c.title, 48))}"
    if shared:
        return f"**\\[{c.n}\\]** {escape_markdown(citation_where(c))} · “{escape_markdown(one_line(c.quote, 60))}”"
    return f"**\\[{c.n}\\]** {escape_markdown(citation_where(c))}"


def shared_places(citations: Sequence) -> set[int]:
    """The numbers of the citations whose place (document, section, page) another one shares."""
    places: dict[str, list[int]] = {}
    for c in citations:
        places.setdefault(citation_where(c), []).append(c.n)
    return {n for ns in places.values() if len(ns) > 1 for n in ns}


def authors_text(authors: Sequence[str], limit: int = 3) -> str:
    authors = [a for a in authors if a]
    if not authors:
        return "Unknown author"
    if len(authors) > limit:
        return ", ".join(authors[:limit]) + " et al."
    return ", ".join(authors)


def trail_markdown(entry) -> str:
    """One cited work of a reference trail as escaped Markdown."""
    # the source's own marker, written apart from silkqa's [n] (see silkqa.export)
    if not entry.marker:
        head = "bibliography entry"
    elif (
        getattr(entry, "scope", "sentence") == "paragraph"
    ):  # the marker ends the paragraph, not this sentence
        head = f"the paragraph this sentence belongs to cites ref. {escape_markdown(entry.marker)}"
    else:
        head = f"this sentence cites ref. {escape_markdown(entry.marker)}"
    year = f" ({entry.year})" if entry.year else ""
    venue = f" {escape_markdown(entry.venue)}." if entry.venue else ""
    status = (
        f":green-badge[full text in the library] {_code(entry.full_text_source or '')}"
        if entry.in_library
        else ":gray-badge[full text not in the library]"
    )
    return (
        f"{head} — {escape_markdown(authors_text(entry.authors))}{year}. "
        f"*{escape_markdown(one_line(entry.title))}*.{venue}  \n{status}"
    )


def _code(text: str) -> str:
    """Inline code: escaping does not work inside backticks, so pick a fence longer than any run."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}" if text else ""


# --------------------------------------------------------------------------- claims

VERDICTS: dict[str, tuple[str, str, str]] = {
    "supported": ("Supported", "green", ":material/check_circle:"),
    "contradicted": ("Contradicted", "red", ":material/cancel:"),
    "not_found": ("Not found in the library", "gray", ":material/help:"),
}


def verdict_badge(verdict: str) -> tuple[str, str, str]:
    """(label, colour, icon) for st.badge."""
    return VERDICTS.get(
        verdict, (one_line(verdict).replace("_", " ").capitalize() or "Unknown", "gray", ":material/help:")
    )


_VERDICT_COLOURS = {
    "green": ("rgba(33,195,84,.14)", "rgb(23,114,51)", "✔"),
    "red": ("rgba(255,43,43,.12)", "rgb(189,39,39)", "✘"),
    "gray": ("rgba(128,128,128,.14)", "rgb(90,90,90)", "?"),
}


def verdict_html(verdict: str, reason: str | None = None) -> str:
    """A large verdict badge (green, red or grey) with the checker's reason beside it."""
    label, colour, _ = verdict_badge(verdict)
    background, ink, mark = _VERDICT_COLOURS[colour]
    badge = (
        f'<span class="sq-verdict sq-{colour}" style="display:inline-block;padding:.3rem .85rem;border-radius:999px;'
        f'background:{background};color:{ink};font-weight:700;font-size:1.05rem;margin-right:.6rem">'
        f"{mark} {escape_html(label)}</span>"
    )
    why = f'<span style="opacity:.75">{escape_html(one_line(reason))}</span>' if reason else ""
    return block_html(badge + why, "margin:.4rem 0 .6rem 0;")


_WORD = re.compile(r"\w\w+")
# Words too common to be worth underlining as "shared" (the index's own stop list is short).
_FUNCTION_WORDS = frozenset(
    [
        "about",
        "above",
        "after",
        "again",
        "all",
        "also",
        "am",
        "any",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "its",
        "itself",
        "just",
        "may",
        "me",
        "might",
        "more",
        "most",
        "much",
        "must",
        "my",
        "nor",
        "now",
        "off",
        "once",
        "only",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "than",
        "those",
        "through",
        "too",
        "under",
        "until",
        "up",
        "very",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "would",
        "you",
        "your",
    ]
)


def stems(words: Sequence[str]) -> list[set[str]]:
    """The stemmed content terms of each word (empty for stop words), as the index sees them."""
    from .lexical import tokenize

    return [set(t) for t in tokenize(list(words))] if words else []


def term_spans(text: str, terms: set[str], layer: str = "match") -> list[Span]:
    """Spans of the words in `text` whose stem is one of `terms`."""
    if not terms or not text:
        return []
    words = [m for m in _WORD.finditer(text) if m.group().lower() not in _FUNCTION_WORDS]
    return [
        (m.start(), m.end(), layer)
        for m, s in zip(words, stems([m.group() for m in words]), strict=True)
        if s & terms
    ]


def content_stems(text: str) -> set[str]:
    found: set[str] = set()
    words = [m.group() for m in _WORD.finditer(text or "") if m.group().lower() not in _FUNCTION_WORDS]
    for s in stems(words):
        found |= s
    return found


def phrase_spans(text: str, phrase: str, layer: str = "differ") -> list[Span]:
    """Every occurrence of `phrase` in `text` (case and spacing ignored, whole words), else
    the words of `text` sharing a stem with it."""
    phrase = one_line(phrase)
    if not phrase or not text:
        return []
    pattern = r"\s+".join(re.escape(w) for w in phrase.split())
    left = r"(?<!\w)" if phrase[0].isalnum() else ""
    right = r"(?!\w)" if phrase[-1].isalnum() else ""
    found = [(m.start(), m.end(), layer) for m in re.finditer(left + pattern + right, text, re.I)]
    return found or term_spans(text, content_stems(phrase), layer)


def claim_spans(claim: str, evidence: Sequence, differences: Sequence) -> list[Span]:
    """The claim's words found in the evidence (match) and its differing terms (differ)."""
    evidence_terms = content_stems(" ".join(c.quote for c in evidence))
    spans = term_spans(claim, evidence_terms & content_stems(claim), "match")
    for d in differences:
        spans += phrase_spans(claim, d.claim_term or "")
    return spans


def evidence_quote_spans(claim: str, citation, differences: Sequence) -> list[Span]:
    """Spans inside one evidence quote: the claim's words it shares, and its differing terms."""
    spans = term_spans(citation.quote, content_stems(claim), "match")
    for d in differences:
        if d.n == citation.n and d.source_term:
            spans += phrase_spans(citation.quote, d.source_term)
    return spans


def difference_html(d) -> str:
    """'the claim says X, the source [n] says Y (kind)' with both terms marked."""
    claim_side = one_line(d.claim_term) or "—"
    source_side = one_line(d.source_term) or "—"
    where = f" [{d.n}]" if d.n is not None else ""
    kind = f" ({one_line(str(d.kind).replace('_', ' '))})" if d.kind else ""
    return block_html(
        "The claim says "
        + mark_html(claim_side, [(0, len(claim_side), "differ")])
        + escape_html(f"; the source{where} says ")
        + mark_html(source_side, [(0, len(source_side), "differ")])
        + escape_html(kind)
    )


# --------------------------------------------------------------------------- library tables


def document_rows(index) -> list[dict]:
    """One row per document in the index (bibliography records excluded), with chunk counts."""
    counts: dict[str, int] = {}
    for chunk in index.chunks:
        counts[chunk.doc_id] = counts.get(chunk.doc_id, 0) + 1
    rows = []
    for doc in index.documents.values():
        if doc.kind == "reference":
            continue
        rows.append(
            {
                "Title": one_line(doc.title),
                # a manual page names no authors: a blank cell, not "Unknown author" for each
                "Authors": authors_text(doc.authors) if any(doc.authors) else None,
                "Year": doc.year,
                "Kind": doc.kind,
                "Source": doc.source,
                "Chunks": counts.get(doc.doc_id, 0),
            }
        )
    return sorted(rows, key=lambda r: r["Source"])


def bibliography_rows(index) -> list[dict]:
    """The works cited by documents in the library, and whether their full text is here."""
    rows = []
    for ref in index.references:
        markers = ", ".join(dict.fromkeys(f"[{m}]" for _, m in ref.cited_by))
        citing = ", ".join(dict.fromkeys(source for source, _ in ref.cited_by))
        linked = index.links.get(ref.key)
        rows.append(
            {
                "Cited as": markers,
                "Cited by": citing,
                "Authors": authors_text(ref.authors),
                "Title": one_line(ref.title),
                "Venue": ref.venue or "",
                "Year": ref.year,
                "In library": bool(linked),
                "Full text": linked or "",
            }
        )
    return rows


def index_status(manifest: dict | None) -> dict[str, str]:
    if not manifest:
        return {}
    counts = manifest.get("counts") or {}
    model = manifest.get("model") or {}
    return {
        "Model": f"{model.get('name', '?')} ({model.get('dim', '?')}-dim)",
        "Documents": str(counts.get("documents", 0)),
        "Chunks": str(counts.get("chunks", 0)),
        "Built": friendly_time(manifest.get("built_at")),
    }


def friendly_time(stamp: str | None) -> str:
    if not stamp:
        return "unknown"
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


STAGES = {
    "chunking": (0.0, 0.1, "Reading and chunking documents"),
    "embedding": (0.1, 0.9, "Embedding passages"),
    "writing": (0.9, 1.0, "Writing the index"),
}


def progress_state(stage: str, done: int, total: int) -> tuple[float, str]:
    """Overall fraction and label for one progress callback of an index update."""
    lo, hi, label = STAGES.get(stage, (0.0, 1.0, stage.capitalize()))
    frac = done / total if total else 1.0
    value = min(1.0, max(0.0, lo + (hi - lo) * frac))
    counter = f" ({done}/{total})" if stage != "writing" and total else ""
    return value, f"{label}{counter}…"


def report_summary(report) -> str:
    """One line about an index update. Its document count includes the bibliography's
    records (each cited work is searchable), so it says "entries", not "documents"."""
    bits = [f"{report.documents} entries (documents and cited works), {report.chunks} chunks"]
    for name in ("added", "changed", "removed"):
        items = getattr(report, name)
        if items:
            bits.append(f"{name}: {', '.join(items)}")
    if report.embedded_chunks:
        bits.append(
            f"embedded {report.embedded_chunks} new chunk{'s' if report.embedded_chunks != 1 else ''}"
        )
    return "; ".join(bits) + f" ({report.seconds:.1f} s)."


# --------------------------------------------------------------------------- export


def conversation_markdown(answers: Sequence, exported_at: datetime | None = None, **kwargs) -> str:
    """The conversation as Markdown; the citable export lives in `silkqa.export`."""
    from .export import conversation_markdown as export

    return export(answers, exported_at=exported_at, **kwargs)
