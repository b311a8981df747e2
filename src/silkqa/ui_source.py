"""The web chat's source viewer: from a citation to the page or section it quotes.

Streamlit UI only, kept out of streamlit_app.py so that file needs one hook line in its
citation expander. A PDF citation gets "Show the page": the cited page drawn with the quote
marked (silkqa.pages, through Library.page_image), previous/next page, zoom and the
original file. Other sources get "Show the whole section" with the quote highlighted. Both
render on demand inside a fragment, so opening a page reruns only this viewer and never
the chat; a file that is gone, damaged or encrypted falls back to the text with one line
saying why. Document text is escaped by silkqa.ui_text; the page viewer's HTML holds only
numbers and our own PNG.
"""

from __future__ import annotations

import base64
from pathlib import PurePosixPath

import streamlit as st
import streamlit.components.v1 as components

from . import ui_text as ut
from .pages import PageImage, PageUnavailable

ZOOM_CHOICES = {"Fit": 1.0, "150%": 1.5, "200%": 2.0, "300%": 3.0}  # times the viewer's width
SHARPNESS = 1.5  # pdfium's scale per unit of width: a page of 612 pt is drawn 918 px wide to fit
VIEWER_HEIGHT = 720  # pixels of page shown at once; the rest scrolls
SECTION_HEIGHT = 380


def is_paginated(citation) -> bool:
    return bool(citation.page) and str(citation.source).lower().endswith(".pdf")


def viewer_html(image: PageImage, width: float = 1.0, height: int = VIEWER_HEIGHT) -> str:
    """A scrollable page, `width` times the frame's width, that opens scrolled to the first
    mark. Only our own PNG and numbers go in here (no document text), so the small script
    cannot be fed anything."""
    data = base64.b64encode(image.png).decode("ascii")
    y = int(image.boxes[0].top) if image.boxes else 0
    x = int(min(b.left for b in image.boxes)) if image.boxes else 0
    right = int(max(b.right for b in image.boxes)) if image.boxes else 0
    return (
        f'<div id="pv" style="height:{height}px;overflow:auto;border:1px solid rgba(128,128,128,.35);'
        'border-radius:6px;background:#f3f3f3">'
        f'<img id="pv-page" src="data:image/png;base64,{data}" '
        f'style="display:block;width:{width * 100:.0f}%;max-width:none;height:auto" '
        f'alt="page {image.page} with {len(image.boxes)} marked lines"></div>'
        '<script>const v=document.getElementById("pv"),i=document.getElementById("pv-page");'
        # image pixels to screen pixels; sideways only when the marked lines do not fit
        f"const fit=()=>{{const k=i.clientWidth/{image.width};v.scrollTop=Math.max(0,{y}*k-90);"
        f"v.scrollLeft=({right}*k+40)>v.clientWidth?Math.max(0,{x}*k-40):0}};"
        'if(i.complete)fit();else i.addEventListener("load",fit);new ResizeObserver(fit).observe(v);</script>'
    )


def mark_caption(image: PageImage, cited_page: int) -> str:
    """One line under the page: what is marked, or why not."""
    if image.marked:
        share = "" if image.placed >= 0.999 else f" ({image.placed:.0%} of it placed)"
        return f":material/ink_highlighter: The quote is marked on this page{share}."
    if image.note:
        return f":material/info: {ut.escape_markdown(image.note)}"
    if image.page != cited_page:
        return f"The quote is on page {cited_page}."
    return "Nothing of the quote lies on this page."


def source_view(library, citation) -> None:
    """The hook for a citation's expander."""
    key = f"sv-{id(citation)}"  # one viewer per citation object; history keeps them alive
    if is_paginated(citation):
        if st.toggle(f"Show page {citation.page}", key=f"{key}-open", help="The cited page, quote marked"):
            _page_view(library, citation, key)
    elif st.toggle("Show the whole section", key=f"{key}-open", help="Read the quote in its context"):
        _text_view(library, citation)


@st.fragment
def _page_view(library, citation, key: str) -> None:
    state = st.session_state
    page = state.setdefault(f"{key}-page", citation.page)
    width = ZOOM_CHOICES.get(state.get(f"{key}-zoom") or "", 1.0)
    try:
        with st.spinner(f"Drawing page {page}…"):
            image = library.page_image(
                citation.source, page, highlight=(citation.start, citation.end), zoom=SHARPNESS * width
            )
    except PageUnavailable as exc:
        st.caption(f":material/warning: {ut.escape_markdown(exc)}; showing the text instead.")
        _text_view(library, citation)
        return

    def go(to: int) -> None:
        state[f"{key}-page"] = to

    bar = st.container(horizontal=True, vertical_alignment="center", gap="small")
    bar.button(
        "Previous",
        icon=":material/chevron_left:",
        key=f"{key}-prev",
        disabled=page <= 1,
        on_click=go,
        args=(page - 1,),
    )
    bar.button(
        "Next",
        icon=":material/chevron_right:",
        icon_position="right",
        key=f"{key}-next",
        disabled=page >= image.page_count,
        on_click=go,
        args=(page + 1,),
    )
    if page != citation.page:
        bar.button(
            f"Back to page {citation.page}",
            icon=":material/undo:",
            key=f"{key}-back",
            on_click=go,
            args=(citation.page,),
        )
    bar.markdown(f"Page **{page}** of {image.page_count}")
    bar.segmented_control(
        "Zoom",
        list(ZOOM_CHOICES),
        key=f"{key}-zoom",
        default="Fit",
        label_visibility="collapsed",
    )
    bar.download_button(
        "Original",
        data=lambda: library.source_file(citation.source).read_bytes(),
        file_name=PurePosixPath(citation.source).name,
        mime="application/pdf",
        icon=":material/download:",
        key=f"{key}-download",
        on_click="ignore",
        help="Download the original PDF",
    )
    components.html(viewer_html(image, width), height=VIEWER_HEIGHT + 8)
    st.caption(mark_caption(image, citation.page))


def _text_view(library, citation) -> None:
    try:
        context = library.source_context(citation.doc_id, citation.start, citation.end)
    except KeyError:  # the document left the index since the answer was given
        st.caption(":material/info: This document is no longer in the index.")
        return
    label = {"section": "Section", "page": "Page text", "passage": "Around the quote"}[context.kind]
    title = f" · {ut.escape_markdown(ut.one_line(context.title))}" if context.title else ""
    clipped = " (shortened around the quote)" if context.clipped else ""
    st.caption(f"{label}{title}{clipped}")
    with st.container(height=SECTION_HEIGHT, border=False):
        st.markdown(
            ut.block_html(ut.mark_html(context.text, [(*context.quote, "quote")]), ut.PASSAGE_STYLE),
            unsafe_allow_html=True,
        )
