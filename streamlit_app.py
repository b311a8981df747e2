"""silkqa web chat: ask the library, check a claim, look after the library.

UI only. Answers, claim checks, indexing and uploads all go through `silkqa.library.Library`
and `silkqa.uploads`; text is escaped and highlighted by the pure helpers in
`silkqa.ui_text`. Run with `streamlit run streamlit_app.py`; SILKQA_CORPUS and SILKQA_INDEX
choose the folders, as for the command line.
"""

from __future__ import annotations

import time

import streamlit as st

from silkqa import ui_text as ut
from silkqa.errors import IndexBusy, SilkqaError, UsageError
from silkqa.library import Library, default_paths
from silkqa.store import current_generation
from silkqa.ui_source import source_view
from silkqa.uploads import MAX_UPLOAD_BYTES, UPLOAD_TYPES, add_uploads

st.set_page_config(page_title="silkqa · ask the library", page_icon=":material/menu_book:", layout="wide")
# Constant CSS only (no document text): less empty space above the title.
st.html('<style>[data-testid="stMainBlockContainer"]{padding-top:2.5rem}</style>')


# --------------------------------------------------------------------------- the library


@st.cache_resource(show_spinner="Loading the embedding model (once per server)…")
def get_library(corpus: str, index: str) -> Library:
    """One Library, with its model loaded, shared by every session of this server process."""
    library = Library(corpus, index)
    _ = library.encoder  # load the model now rather than on the first question
    return library


def html(markup: str) -> None:
    """Render HTML built by silkqa.ui_text, where every piece of text is already escaped."""
    st.markdown(markup, unsafe_allow_html=True)


def run_update(library: Library, full: bool = False):
    """Update (or rebuild) the index with a progress bar; IndexBusy propagates."""
    bar = st.progress(0.0, text="Looking for changes in the library folder…")

    def progress(stage: str, done: int, total: int) -> None:
        value, text = ut.progress_state(stage, done, total)
        bar.progress(value, text=text)

    try:
        return library.update(full=full, progress=progress)
    finally:
        bar.empty()


def ensure_index(library: Library) -> None:
    """Build the index on first start; wait politely if another process is building it."""
    if library.has_index():
        return
    placeholder = st.empty()
    with placeholder.container():
        st.info("Building the index for the first time. This takes a minute; later starts are instant.")
        try:
            report = run_update(library)
        except IndexBusy:
            with st.spinner("Another process is building the index; waiting for it to finish…"):
                for _ in range(900):
                    if library.has_index():
                        break
                    time.sleep(1)
            library.reload()
            report = None
    placeholder.empty()
    if report is not None:
        st.toast(f"Index built: {ut.report_summary(report)}", icon=":material/check:")


def in_step(library: Library) -> None:
    """Reload the index if another process (the CLI, a watcher) published a new one."""
    live = current_generation(library.index_dir)
    if live is not None and library.index.folder != live:
        library.reload()


def note(where: str, kind: str, text: str) -> None:
    """Remember a message for a part of the Library tab across the rerun after an update."""
    st.session_state.setdefault(f"notes-{where}", []).append((kind, text))


def show_notes(where: str) -> None:
    for kind, text in st.session_state.pop(f"notes-{where}", []):
        getattr(st, kind)(text)


# --------------------------------------------------------------------------- shared pieces


def render_trail(citation) -> None:
    if not citation.references:
        return
    st.markdown("**Reference trail** · the cited work behind this passage")
    for entry in citation.references:
        st.markdown(ut.trail_markdown(entry))
        passage = entry.full_text_passage
        if passage:
            where = " · ".join(
                x
                for x in (passage.get("section"), f"p. {passage['page']}" if passage.get("page") else None)
                if x
            )
            st.caption(
                f"Closest passage in the full text{' · ' + ut.escape_markdown(where) if where else ''}"
            )
            html(ut.block_html(ut.escape_html(passage.get("text", "")), ut.PASSAGE_STYLE))


def render_citation(citation, quote_extra=(), expanded: bool = False, preview: bool = False) -> None:
    with st.expander(ut.citation_label(citation, preview), expanded=expanded):
        html(ut.passage_html(citation, quote_extra=quote_extra))
        facts = [f"**{ut.escape_markdown(ut.one_line(citation.title))}**"]
        if citation.section:
            facts.append(f"section {ut.escape_markdown(citation.section)}")
        if citation.page:
            facts.append(f"page {citation.page}")
        facts.append(f"file {ut.escape_markdown(citation.source)}")
        st.caption(" · ".join(facts))
        render_source(citation)
        render_trail(citation)


def render_source(citation) -> None:
    """On demand: the cited PDF page with the quote marked, or the whole section (silkqa.ui_source)."""
    source_view(get_library(*map(str, default_paths())), citation)


# --------------------------------------------------------------------------- Ask


def render_answer(answer) -> None:
    if answer.abstained:
        st.warning(ut.escape_markdown(answer.answer), icon=":material/search_off:")
        closest = answer.closest or answer.citations
        if closest:
            st.caption("Closest passages: related to the question, but they do not answer it.")
        for citation in closest:
            render_citation(citation, preview=True)
        return
    html(ut.answer_html(answer))
    st.caption(
        f"{len(answer.citations)} source{'s' if len(answer.citations) != 1 else ''} · open one to see the quote in context"
    )
    for citation in answer.citations:
        render_citation(citation)


def render_turn(answer) -> None:
    with st.chat_message("user", avatar=":material/person:"):
        st.markdown(ut.escape_markdown(answer.question))
    with st.chat_message("assistant", avatar=":material/menu_book:"):
        render_answer(answer)


def ask_starter(question: str) -> None:
    st.session_state["starter"] = question


def render_starters() -> None:
    st.markdown("##### Start with a topic")
    columns = st.columns(2)
    for i, (topic, (icon, question)) in enumerate(ut.STARTERS.items()):
        with columns[i % 2]:
            st.button(
                f"**{topic}** · {question}",
                icon=icon,
                key=f"starter-{topic}",
                on_click=ask_starter,
                args=(question,),
                width="stretch",
            )


def render_ask(library: Library) -> None:
    history: list = st.session_state.setdefault("history", [])
    starters = st.container()
    chat = st.container()
    question = st.chat_input("Ask a question about the library…", key="question", max_chars=2000)
    question = question or st.session_state.pop("starter", None)
    if not history and not question:
        with starters:
            render_starters()
    with chat:
        for answer in history:
            render_turn(answer)
        if not question:
            return
        with st.chat_message("user", avatar=":material/person:"):
            st.markdown(ut.escape_markdown(question))
        with st.chat_message("assistant", avatar=":material/menu_book:"):
            try:
                with st.spinner("Searching the library…"):
                    answer = library.ask(question)
            except UsageError as exc:
                st.error(f"{ut.escape_markdown(exc)}. Try a question with a few words in it.")
                return
            render_answer(answer)
        history.append(answer)


# --------------------------------------------------------------------------- Check a claim


def render_check_result(claim: str, check) -> None:
    html(ut.verdict_html(check.verdict, getattr(check, "reason", None)))
    evidence, differences = list(check.evidence), list(check.differences)
    html(ut.text_html(claim, ut.claim_spans(claim, evidence, differences)))
    legend = ["**underlined**: words the evidence shares"]
    if differences:
        legend.append("red: where the claim and the source differ")
    st.caption(" · ".join(legend))
    for d in differences:
        html(ut.difference_html(d))
    if not evidence:
        st.info("Nothing in the library speaks to this claim.", icon=":material/search_off:")
        return
    if check.verdict == "not_found":
        st.markdown("**Closest passages** · related, but they neither support nor contradict the claim")
    else:
        st.markdown("**Evidence**")
    for i, citation in enumerate(evidence):
        render_citation(citation, ut.evidence_quote_spans(claim, citation, differences), expanded=i == 0)


def render_check(library: Library) -> None:
    with st.form("claim-form", border=False):
        claim = st.text_area(
            "A claim to check against the sources",
            placeholder="e.g. Kazakhstan has the highest economic growth rate of the five Central Asian countries.",
            height=100,
            max_chars=2000,
            key="claim",
        )
        submitted = st.form_submit_button("Check the claim", type="primary", icon=":material/fact_check:")
    if submitted:
        try:
            with st.spinner("Looking for evidence…"):
                st.session_state["check"] = (claim, library.check(claim))
        except UsageError as exc:
            st.session_state.pop("check", None)
            st.error(f"{ut.escape_markdown(exc)}.")
    if "check" in st.session_state:
        render_check_result(*st.session_state["check"])


# --------------------------------------------------------------------------- Library


def handle_uploads(library: Library) -> None:
    key = f"uploader-{st.session_state.setdefault('uploader_round', 0)}"
    files = st.file_uploader(
        f"PDF, Markdown or text, up to {MAX_UPLOAD_BYTES // (1024 * 1024)} MB each",
        type=UPLOAD_TYPES,
        accept_multiple_files=True,
        key=key,
        max_upload_size=MAX_UPLOAD_BYTES // (1024 * 1024),
    )
    if not files:
        return
    outcomes, report = add_uploads(library, [(f.name, f.getvalue()) for f in files], progress=_bar_progress())
    for o in outcomes:
        kind = {"added": "success", "duplicate": "info", "refused": "error"}[o.status]
        note("upload", kind, f"**{ut.escape_markdown(o.name)}**: {ut.escape_markdown(o.message)}")
    if report is not None:
        note("upload", "success", f"Index updated: {ut.escape_markdown(ut.report_summary(report))}")
    st.session_state["uploader_round"] += 1  # a fresh, empty uploader
    st.rerun()


def _bar_progress():
    bar = st.progress(0.0, text="Saving…")

    def progress(stage: str, done: int, total: int) -> None:
        value, text = ut.progress_state(stage, done, total)
        bar.progress(value, text=text)

    return progress


def render_library(library: Library) -> None:
    index = library.index
    status = ut.index_status(index.manifest)
    a, b, c, d = st.columns(4)
    a.metric("Documents", len(ut.document_rows(index)))
    b.metric("Chunks", status["Chunks"])
    c.metric("Cited works", len(index.references))
    d.metric("Built", status["Built"].split(" ")[0], help=status["Built"])
    st.caption(
        f"Model {ut.escape_markdown(status['Model'])} · corpus folder {ut.escape_markdown(library.corpus_dir)}"
        f" · index folder {ut.escape_markdown(library.index_dir)}"
    )

    st.subheader("Documents", divider="gray")
    st.dataframe(
        ut.document_rows(index),
        hide_index=True,
        width="stretch",
        column_order=("Title", "Authors", "Year", "Kind", "Chunks", "Source"),
        column_config={
            "Title": st.column_config.TextColumn(width="medium"),
            "Year": st.column_config.NumberColumn(format="%d"),
            "Chunks": st.column_config.NumberColumn(help="passages the document is split into"),
        },
    )
    st.subheader("Bibliography", divider="gray")
    st.caption("Works cited by the documents. Add a work's PDF or text and it is linked by its title.")
    st.dataframe(
        ut.bibliography_rows(index),
        hide_index=True,
        width="stretch",
        column_order=("In library", "Cited as", "Authors", "Title", "Year", "Venue", "Full text", "Cited by"),
        column_config={
            "Title": st.column_config.TextColumn(width="large"),
            "Year": st.column_config.NumberColumn(format="%d"),
            "In library": st.column_config.CheckboxColumn(help="is the full text in the library?"),
        },
    )
    st.subheader("Add documents", divider="gray")
    handle_uploads(library)
    show_notes("upload")

    st.subheader("Index", divider="gray")
    st.caption(
        "Update picks up files added to or removed from the library folder by hand; a rebuild starts from scratch."
    )
    left, right = st.columns(2)
    update = left.button("Update index", icon=":material/sync:", width="stretch")
    rebuild = right.button("Rebuild from scratch", icon=":material/restart_alt:", width="stretch")
    show_notes("index")
    if update or rebuild:
        try:
            report = run_update(library, full=rebuild)
        except IndexBusy:
            note("index", "info", "Another rebuild of the index is running. Try again when it has finished.")
        except SilkqaError as exc:
            note("index", "error", ut.escape_markdown(exc))
        else:
            note(
                "index",
                "success",
                f"Index {'rebuilt' if rebuild else 'up to date'}: {ut.escape_markdown(ut.report_summary(report))}",
            )
            for skipped in report.skipped:
                note(
                    "index",
                    "warning",
                    f"Skipped **{ut.escape_markdown(skipped.path)}**: {ut.escape_markdown(skipped.reason)}",
                )
        st.rerun()


# --------------------------------------------------------------------------- sidebar


def clear_history() -> None:
    st.session_state["history"] = []


def render_sidebar(library: Library) -> None:
    history = st.session_state.get("history", [])
    with st.sidebar:
        st.markdown("### :material/menu_book: silkqa")
        st.caption(
            "Answers are quotations from the library, each with a citation you can open. "
            "When the library does not answer, silkqa says so."
        )
        index = library.index
        status = ut.index_status(index.manifest)
        documents = len(ut.document_rows(index))
        st.markdown(
            f"**{documents}** document{'s' if documents != 1 else ''}, **{len(index.references)}** cited works"
            f"  \n**{status['Chunks']}** chunks, indexed {status['Built']}"
        )
        st.download_button(
            "Export conversation",
            data=ut.conversation_markdown(history),
            file_name="silkqa-conversation.md",
            mime="text/markdown",
            icon=":material/download:",
            disabled=not history,
            on_click="ignore",
            width="stretch",
        )
        st.button(
            "Clear conversation",
            icon=":material/delete_sweep:",
            on_click=clear_history,
            disabled=not history,
            width="stretch",
        )


# --------------------------------------------------------------------------- page


def main() -> None:
    corpus, index = default_paths()
    try:
        library = get_library(str(corpus), str(index))
        ensure_index(library)
        in_step(library)
        _ = library.index  # surface a damaged or mismatched index here, with a way out
    except IndexBusy as exc:
        st.info(f"{ut.escape_markdown(exc)}.", icon=":material/hourglass_top:")
        st.stop()
    except SilkqaError as exc:
        st.error(ut.escape_markdown(exc), icon=":material/error:")
        if st.button("Rebuild the index from scratch", icon=":material/restart_alt:"):
            try:
                run_update(get_library(str(corpus), str(index)), full=True)
            except SilkqaError as again:
                st.error(ut.escape_markdown(again))
            else:
                st.rerun()
        st.stop()

    st.title("Ask the library", anchor=False)
    st.caption(
        "Grounded answers and claim checks: every sentence is a quotation from the library, with its source."
    )
    ask, check, shelf = st.tabs(
        [":material/forum: Ask", ":material/fact_check: Check a claim", ":material/library_books: Library"]
    )
    with ask:
        render_ask(library)
    with check:
        render_check(library)
    with shelf:
        render_library(library)
    render_sidebar(library)


main()
