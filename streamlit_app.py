"""silkqa web chat: ask the library, check a claim, look after the library.

UI only. Answers, claim checks, indexing and uploads all go through `silkqa.library.Library`
and `silkqa.uploads`; text is escaped and highlighted by the pure helpers in
`silkqa.ui_text`. Run with `streamlit run streamlit_app.py [-- --corpus DIR --index DIR]`;
SILKQA_CORPUS and SILKQA_INDEX choose the folders too, as for the command line, and SILKQA_SESSIONS where conversations are
kept (default: index/conversations; see `silkqa.conversation` for why on the server).
"""

from __future__ import annotations

import sys
import time

import streamlit as st

from silkqa import ui_chat as uc
from silkqa import ui_text as ut
from silkqa.errors import IndexBusy, SilkqaError, StoreUnavailable, UsageError
from silkqa.export import conversation_markdown
from silkqa.language import quotes_note
from silkqa.library import Library, app_paths
from silkqa.ui_session import clear_history, open_conversation, save_conversation, undo_clear
from silkqa.ui_source import source_view
from silkqa.uploads import MAX_UPLOAD_BYTES, add_uploads

st.set_page_config(page_title="silkqa · ask the library", page_icon=":material/menu_book:", layout="wide")
# Constant CSS only (no document text): spacing, and wide tables scrolling in their own box.
st.html(uc.PAGE_CSS)


# --------------------------------------------------------------------------- the library


@st.cache_resource(show_spinner="Opening the library (slower only on the first visit after a restart)…")
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
    """Build the index on first start, or re-read the library after an upgrade changed how
    documents are read; wait politely if another process is building it."""
    outdated = library.index_is_outdated()
    if library.has_index() and not outdated:
        return
    placeholder = st.empty()
    with placeholder.container():
        if outdated:
            st.info("silkqa reads documents better since this index was built: re-reading the library.")
        else:
            st.info("Building the index for the first time. This takes a minute; later starts are instant.")
        try:
            report = run_update(library)
        except IndexBusy:
            with st.spinner("Another process is building the index; waiting for it to finish…"):
                for _ in range(900):
                    if library.has_index() and not library.index_is_outdated():
                        break
                    time.sleep(1)
            library.reload()
            report = None
    placeholder.empty()
    if report is not None:
        st.session_state.pop("greeted", None)  # say "Library ready" once it is


def greet(library: Library) -> None:
    """Once per visit, say what the library holds, in a student's words."""
    if not st.session_state.get("greeted"):
        st.session_state["greeted"] = True
        st.toast(f"Library ready: {uc.library_summary(library.index)}", icon=":material/check:")


def in_step(library: Library) -> None:
    """Reload the index if another process (the CLI, a watcher) published a new one."""
    live = library.store.live()
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


def render_citation(
    citation,
    quote_extra=(),
    expanded: bool = False,
    preview: bool = False,
    anchor: str | None = None,
    shared: bool = False,
) -> None:
    box = st.container(key=anchor) if anchor else st  # keyed: the answer's [n] chip opens it
    with box.expander(ut.citation_label(citation, preview, shared), expanded=expanded):
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
    source_view(get_library(*map(str, app_paths(sys.argv[1:]))), citation)


# --------------------------------------------------------------------------- Ask


def render_answer(answer, anchor: str | None = None) -> None:
    """An answer; with `anchor`, its [n] chips open the citation boxes `{anchor}-{n}`."""
    if note := quotes_note(getattr(answer, "language", "en")):
        st.caption(note)
    if read_as := getattr(answer, "read_as", None):
        st.caption(f"Read as: {ut.escape_markdown(read_as)}")
    if answer.abstained:
        st.warning(ut.escape_markdown(ut.refusal_text(answer)), icon=":material/search_off:")
        closest = answer.closest or answer.citations
        if closest:
            st.caption("The closest passages, below, may help, but they do not answer it.")
        for citation in closest:
            render_citation(citation, preview=True)
        return
    html(ut.answer_html(answer, anchor))
    st.caption(
        f"{len(answer.citations)} source{'s' if len(answer.citations) != 1 else ''}"
        " · click a number or open a source to see the quote in context"
    )
    shared = ut.shared_places(answer.citations)
    for citation in answer.citations:
        render_citation(
            citation, anchor=f"{anchor}-{citation.n}" if anchor else None, shared=citation.n in shared
        )


def render_turn(answer, i: int) -> None:
    with st.container(key=f"turn-{i}"):
        with st.chat_message("user", avatar=":material/person:"):
            st.markdown(ut.escape_markdown(answer.question))
        with st.chat_message("assistant", avatar=":material/menu_book:"):
            render_answer(answer, anchor=f"cite-{i}")


def ask_starter(question: str) -> None:
    st.session_state["starter"] = question


def render_starters(library: Library) -> None:
    offered = ut.starters(library.index.documents.values())
    if not offered:
        return
    st.markdown(f"##### Start with a {offered[0].kind}")
    columns = st.columns(2)
    for i, starter in enumerate(offered):
        with columns[i % 2]:
            # a topic says what it is about; a document's question names it already
            text = ut.escape_markdown(starter.question)
            st.button(
                f"**{ut.escape_markdown(starter.label)}** · {text}" if starter.kind == "topic" else text,
                icon=starter.icon,
                key=f"starter-{starter.key}",
                on_click=ask_starter,
                args=(starter.question,),
                width="stretch",
            )


def render_ask(library: Library, question: str | None = None) -> None:
    """The conversation; `question` comes from the chat box pinned at the bottom of the page."""
    history: list = st.session_state.setdefault("history", [])
    st.header("Ask the library", anchor=False)
    starters = st.container()
    chat = st.container()
    question = question or st.session_state.pop("starter", None)
    if not history and not question:
        with starters:
            render_starters(library)
    with chat:
        for i, answer in enumerate(history):
            render_turn(answer, i)
        if not question:
            return
        i = len(history)
        with st.container(key=f"turn-{i}"):
            with st.chat_message("user", avatar=":material/person:"):
                st.markdown(ut.escape_markdown(question))
            with st.chat_message("assistant", avatar=":material/menu_book:"):
                try:
                    with st.spinner("Searching the library…"):
                        answer = library.ask(question)
                except UsageError as exc:
                    st.error(f"{ut.escape_markdown(exc)}. Try a question with a few words in it.")
                    return
                render_answer(answer, anchor=f"cite-{i}")
        history.append(answer)
        st.session_state.pop("undo", None)
        save_conversation(library)
        st.session_state["scroll_to"] = f"turn-{i}"  # bring it into view once the page is drawn


# --------------------------------------------------------------------------- Check a claim


def render_parts(claim: str, check, expanded: bool = True) -> set[int]:
    """A compound claim, part by part: each part's own verdict, differences and evidence.
    Returns the evidence numbers shown here."""
    parts = list(check.parts)
    numbers = list(getattr(check, "part_evidence", ())) or [()] * len(parts)
    evidence = {c.n: c for c in check.evidence}
    shown: set[int] = set()
    st.markdown(f"**This claim has {len(parts)} parts**, each checked on its own:")
    for j, ((text, verdict), ns) in enumerate(zip(parts, numbers, strict=False), start=1):
        with st.container(border=True):
            html(ut.verdict_html(verdict, f"part {j}"))
            own = [d for d in check.differences if d.n in ns]
            html(ut.text_html(text, ut.claim_spans(text, [evidence[n] for n in ns if n in evidence], own)))
            for d in own:
                html(ut.difference_html(d))
            for n in ns:
                if n in evidence:
                    shown.add(n)
                    render_citation(
                        evidence[n], ut.evidence_quote_spans(text, evidence[n], own), expanded=expanded
                    )
            if not any(n in evidence for n in ns):
                st.caption("Nothing in the library speaks to this part.")
    return shown


def render_check_result(claim: str, check, latest: bool = True) -> None:
    html(ut.verdict_html(check.verdict, getattr(check, "reason", None)))
    if note := ut.several_claims_note(claim):
        st.info(note, icon=":material/splitscreen:")
    evidence, differences = list(check.evidence), list(check.differences)
    html(ut.text_html(claim, ut.claim_spans(claim, evidence, differences)))
    legend = ["**underlined**: words the evidence shares"]
    if differences:
        legend.append("red: where the claim and the source differ")
    st.caption(" · ".join(legend))
    if len(check.parts) > 1:
        shown = render_parts(claim, check, expanded=latest)
        evidence = [c for c in evidence if c.n not in shown]
        if not evidence:
            return
    else:
        for d in differences:
            html(ut.difference_html(d))
    if not evidence:
        st.info("Nothing in the library speaks to this claim.", icon=":material/search_off:")
        return
    if check.verdict == "not_found":
        st.markdown("**Closest passages** · related, but they neither support nor contradict the claim")
    else:
        st.markdown("**Evidence**" if len(check.parts) <= 1 else "**Other evidence**")
    for i, citation in enumerate(evidence):
        render_citation(
            citation, ut.evidence_quote_spans(claim, citation, differences), expanded=latest and i == 0
        )


def render_check(library: Library) -> None:
    st.header("Check a claim", anchor=False)
    if render_essay_mode(library):
        return
    with st.form("claim-form", border=False):
        claim = st.text_area(
            "A claim to check against the sources",
            placeholder=ut.claim_placeholder(library.index.documents.values()),
            height=100,
            max_chars=2000,
            key="claim",
        )
        submitted = st.form_submit_button("Check the claim", type="primary", icon=":material/fact_check:")
    checks: list = st.session_state.setdefault("checks", [])
    status = st.container()  # one slot whatever it shows, so the history below keeps its place
    if submitted:
        try:
            with status, st.spinner("Looking for evidence…"):
                checks.append(library.check(claim))
        except UsageError as exc:
            status.error(f"{ut.escape_markdown(exc)}.")
        else:
            st.session_state.pop("undo", None)
            save_conversation(library)
    if checks:
        status.caption(
            f"{len(checks)} claim{'s' if len(checks) != 1 else ''} checked in this conversation, newest first."
        )
    for i, check in reversed(list(enumerate(checks))):
        with st.container(border=True, key=f"check-{i}"):
            render_check_result(check.claim, check, latest=i == len(checks) - 1)


# --------------------------------------------------------------------------- Check an essay


def render_essay_mode(library: Library) -> bool:
    """One claim or a whole draft; True when the essay view took the tab."""
    mode = st.segmented_control(
        "What to check",
        ["One claim", "An essay"],
        default="One claim",
        key="check-mode",
        label_visibility="collapsed",
    )
    if mode != "An essay":
        return False
    render_essay(library)
    return True


def render_essay(library: Library) -> None:
    from silkqa.essay import ESSAY_SUFFIXES, MAX_ESSAY_CHARS, essay_text

    with st.form("essay-form", border=False):
        pasted = st.text_area(
            "A draft to check, sentence by sentence",
            placeholder="Paste a paragraph or a whole essay; headings and questions are skipped.",
            height=220,
            max_chars=MAX_ESSAY_CHARS,
            key="essay-text",
        )
        upload = st.file_uploader(
            "…or upload it", type=[s.lstrip(".") for s in ESSAY_SUFFIXES], key="essay-file"
        )
        submitted = st.form_submit_button("Check the essay", type="primary", icon=":material/fact_check:")
    if submitted:
        try:
            if upload is not None:
                text = essay_text(
                    upload.getvalue(), upload.name, "." + upload.name.rsplit(".", 1)[-1].lower()
                )
            else:
                text = essay_text(pasted.encode("utf-8"), "the draft")
            bar = st.progress(0.0, text="Checking the sentences…")
            report = library.check_essay(
                text,
                progress=lambda done, total: bar.progress(done / total, text=f"Checked {done} of {total}"),
            )
            bar.empty()
            st.session_state["essay"] = report
            st.session_state.pop("essay-pick", None)
        except UsageError as exc:
            st.session_state.pop("essay", None)
            st.error(f"{ut.escape_markdown(exc)}.")
    if "essay" in st.session_state:
        render_essay_report(st.session_state["essay"])


def render_essay_report(report) -> None:
    from silkqa import essay_view as ev
    from silkqa.essay import essay_markdown

    data = report.to_json()
    rows = data["sentences"]
    st.markdown(f"**{ut.escape_markdown(ev.counts_line(data['summary']))}**")
    html(ev.legend_html())
    html(ev.essay_html(report.text, rows))
    checked = [i for i, row in enumerate(rows) if row["verdict"] != "skipped"]
    picked = st.pills(
        "Open a sentence to see its evidence and what differs",
        checked,
        format_func=lambda i: ev.sentence_label(i + 1, rows[i]),
        key="essay-pick",
    )
    st.download_button(
        "Download the report (Markdown)",
        essay_markdown(data),
        file_name="essay-check.md",
        mime="text/markdown",
        icon=":material/download:",
    )
    if picked is not None:
        st.markdown(f"**Sentence {picked + 1}**")
        render_check_result(rows[picked]["text"], report.checks[picked])


# --------------------------------------------------------------------------- Library


def handle_uploads(library: Library) -> None:
    key = f"uploader-{st.session_state.setdefault('uploader_round', 0)}"
    # No `type=` filter: the browser would refuse other files with only an icon and a tooltip;
    # here every refusal is checked on the server and its reason shown as text.
    files = st.file_uploader(
        f"PDF, Markdown or text, up to {MAX_UPLOAD_BYTES // (1024 * 1024)} MB each",
        accept_multiple_files=True,
        key=key,
        max_upload_size=MAX_UPLOAD_BYTES // (1024 * 1024),
    )
    if not files:
        return
    outcomes, report = add_uploads(library, [(f.name, f.getvalue()) for f in files], progress=_bar_progress())
    for o in outcomes:
        kind = {"added": "success", "duplicate": "info", "refused": "error"}[o.status]
        note("upload", kind, f"**{ut.escape_markdown(o.name)}** — {ut.escape_markdown(o.message)}")
    if report is not None:
        note(
            "upload",
            "success",
            f"Library updated: {ut.escape_markdown(uc.update_summary(report, library.index))}",
        )
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
    st.header("Your library", anchor=False)
    a, b, c = st.columns(3)
    a.metric("Documents", len(ut.document_rows(index)))
    b.metric("Cited works", len(index.references))
    c.metric("Updated", status["Built"].split(" ")[0], help=status["Built"])

    st.subheader("Documents", divider="gray")
    st.dataframe(
        uc.display_rows(ut.document_rows(index)),
        hide_index=True,
        width="stretch",
        column_order=("Title", "Authors", "Year", "Kind", "Source"),
        column_config={"Title": st.column_config.TextColumn(width="medium")},
    )
    st.subheader("Bibliography", divider="gray")
    st.caption("Works cited by the documents. Add a work's PDF or text and it is linked by its title.")
    st.dataframe(
        uc.display_rows(ut.bibliography_rows(index)),
        hide_index=True,
        width="stretch",
        column_order=("In library", "Cited as", "Authors", "Title", "Year", "Venue", "Full text", "Cited by"),
        column_config={
            "Title": st.column_config.TextColumn(width="large"),
            "In library": st.column_config.CheckboxColumn(help="is the full text in the library?"),
        },
    )
    # Parts that vary in length (a progress bar, any number of notes) each sit in their own
    # container, so what follows keeps its place across reruns and Streamlit never shows the
    # previous run's buttons, greyed out, beside the new ones.
    st.subheader("Add documents", divider="gray")
    with st.container():
        handle_uploads(library)
    with st.container():
        show_notes("upload")

    st.subheader("Index", divider="gray")
    st.caption(
        "Update picks up files added to or removed from the library folder by hand; a rebuild starts from scratch."
    )
    controls = st.empty()  # the buttons, replaced by the progress bar while the index is rebuilt
    with controls.container():
        left, right = st.columns(2)
        update = left.button("Update index", icon=":material/sync:", width="stretch")
        rebuild = right.button("Rebuild from scratch", icon=":material/restart_alt:", width="stretch")
    with st.container():
        show_notes("index")
    with st.expander("About this index"):
        for name, value in uc.about_index(
            index.manifest, library.corpus_dir, library.store.where, len(index.chunks)
        ):
            st.markdown(f"**{name}**: {ut.escape_markdown(value)}")
    if update or rebuild:
        try:
            with controls.container():
                report = run_update(library, full=rebuild)
        except IndexBusy:
            note("index", "info", "Another rebuild of the index is running. Try again when it has finished.")
        except SilkqaError as exc:
            note("index", "error", ut.escape_markdown(exc))
        else:
            note(
                "index",
                "success",
                f"Index {'rebuilt' if rebuild else 'up to date'}: "
                f"{ut.escape_markdown(uc.update_summary(report, library.index, full=rebuild))}",
            )
            for skipped in report.skipped:
                note(
                    "index",
                    "warning",
                    f"Skipped **{ut.escape_markdown(skipped.path)}**: {ut.escape_markdown(skipped.reason)}",
                )
        st.rerun()


# --------------------------------------------------------------------------- sidebar


def render_sidebar(library: Library) -> None:
    history = st.session_state.get("history", [])
    checks = st.session_state.get("checks", [])
    with st.sidebar:
        st.markdown("### :material/menu_book: silkqa")
        st.caption(
            "Answers are quotations from the library, each with a citation you can open. "
            "When the library does not answer, silkqa says so."
        )
        index = library.index
        status = ut.index_status(index.manifest)
        st.markdown(f"{ut.escape_markdown(uc.library_summary(index))}  \nupdated {status['Built']}")
        st.caption(
            "This conversation is saved: reloading the page, or opening its link later, brings it back."
        )
        st.download_button(
            "Export conversation",
            data=conversation_markdown(history, checks, index.documents),
            file_name="silkqa-conversation.md",
            mime="text/markdown",
            icon=":material/download:",
            disabled=not (history or checks),
            on_click="ignore",
            width="stretch",
            help="Questions, answers, claim checks and their sources with authors, year and page, as Markdown.",
        )
        if "undo" in st.session_state:
            st.info("Conversation cleared.", icon=":material/delete_sweep:")
            st.button("Undo", icon=":material/undo:", on_click=undo_clear, width="stretch")
        else:
            st.button(
                "Clear conversation",
                icon=":material/delete_sweep:",
                on_click=clear_history,
                disabled=not (history or checks),
                width="stretch",
                help="Removes the questions and claim checks; you can undo it.",
            )


# --------------------------------------------------------------------------- page


def main() -> None:
    corpus, index = app_paths(sys.argv[1:])
    try:
        library = get_library(str(corpus), str(index))
        ensure_index(library)
        in_step(library)
        _ = library.index  # surface a damaged or mismatched index here, with a way out
    except IndexBusy as exc:
        st.info(f"{ut.escape_markdown(exc)}.", icon=":material/hourglass_top:")
        st.stop()
    except StoreUnavailable as exc:  # a Milvus server down or slow: rebuilding would not help
        st.error(ut.escape_markdown(exc), icon=":material/cloud_off:")
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

    open_conversation(library)
    if st.session_state.get("unsaved"):
        save_conversation(library)
    greet(library)
    scripts = st.container(key="sq-scripts")  # constant scripts only; takes no room
    scripts.html(uc.CITE_SCRIPT, unsafe_allow_javascript=True)
    ask, check, shelf = st.tabs(
        [":material/forum: Ask", ":material/fact_check: Check a claim", ":material/library_books: Library"],
        key="view",
        on_change="rerun",
    )
    # At the top level (not inside a tab) the chat box is pinned to the bottom of the page;
    # it is drawn only while the Ask view is open.
    question = None
    if ask.open is not False:
        question = st.chat_input("Ask a question about the library…", key="question", max_chars=2000)
    with ask:
        render_ask(library, question)
    with check:
        render_check(library)
    with shelf:
        render_library(library)
    render_sidebar(library)
    if scroll_to := st.session_state.pop("scroll_to", None):
        # last, so the script runs after everything above is on the page (and can be measured)
        scripts.html(uc.scroll_script(scroll_to, time.monotonic_ns()), unsafe_allow_javascript=True)


main()
