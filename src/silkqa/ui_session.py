"""The web chat's session bound to its stored conversation.

A Streamlit session lives as long as one browser tab stays connected; the conversation must
outlive it. So the session's lists (`history`: answers, `checks`: claim checks) are loaded
from the conversation named in the page's URL (`?c=…`) and written back after each change,
through `silkqa.conversation`. Clear keeps the cleared lists for one Undo.
"""

from __future__ import annotations

import streamlit as st

from . import ui_text as ut
from .conversation import Conversation, ConversationStore, conversations_dir, new_id, valid_id
from .library import Library


def open_conversation(library: Library) -> None:
    """Bind this session to the conversation named in the URL (`?c=…`), loading it once;
    a page without a (valid) id gets a new one, so its link reopens it after a reload."""
    current = st.session_state.get("conversation_id")
    wanted = st.query_params.get("c")
    if current and (wanted == current or not valid_id(wanted)):
        if wanted != current:
            st.query_params["c"] = current
        return
    if not valid_id(wanted):
        wanted = new_id()
        st.query_params["c"] = wanted
    stored = ConversationStore(conversations_dir(library.index_dir)).load(wanted)
    st.session_state["conversation_id"] = wanted
    st.session_state["history"] = list(stored.answers)
    st.session_state["checks"] = list(stored.checks)


def save_conversation(library: Library) -> None:
    """Write the conversation after every change (a question, a check, a clear, an undo)."""
    conversation = Conversation(
        st.session_state["conversation_id"],
        tuple(st.session_state.get("history", [])),
        tuple(st.session_state.get("checks", [])),
    )
    try:
        ConversationStore(conversations_dir(library.index_dir)).save(conversation)
    except OSError as exc:
        st.warning(
            f"This conversation could not be saved, so a reload would lose it: {ut.escape_markdown(exc)}"
        )
    st.session_state.pop("unsaved", None)


def clear_history() -> None:
    """Clear the conversation, keeping it for one undo."""
    st.session_state["undo"] = (st.session_state.get("history", []), st.session_state.get("checks", []))
    st.session_state["history"], st.session_state["checks"] = [], []
    st.session_state["unsaved"] = True


def undo_clear() -> None:
    st.session_state["history"], st.session_state["checks"] = st.session_state.pop("undo", ([], []))
    st.session_state["unsaved"] = True
