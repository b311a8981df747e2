"""The web chat for a student: a conversation that survives a reload, claim checks kept as a
history (compound claims part by part), a Markdown export one can cite from, and messages
without technical noise. Pure parts first, then the app through Streamlit's AppTest."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from silkqa import export
from silkqa.answering import Answer, Citation, TrailEntry
from silkqa.claims import ClaimCheck, Coverage, Difference
from silkqa.conversation import Conversation, ConversationStore, conversations_dir, encode, new_id, valid_id
from silkqa.documents import Document, Section

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "streamlit_app.py"
TIMEOUT = 180
MIXED_CLAIM = (
    "Finance is a weak industry in Central Asia, and China's central bank first signed a "
    "local currency settlement deal with the region in 2015."
)


def citation(n: int, quote: str, doc_id: str = "paper.md", refs=()) -> Citation:
    passage = f"Before. {quote} After."
    return Citation(
        n=n,
        chunk_id=f"{doc_id}#{n}",
        doc_id=doc_id,
        source=doc_id,
        title="A paper",
        section="2.2 Trade",
        page=4,
        quote=quote,
        start=8,
        end=8 + len(quote),
        passage=passage,
        passage_start=0,
        references=tuple(refs),
    )


TRAIL = TrailEntry("2", "li-2018", ("Li Siqi",), "Trade effects", "Northeast Asia Forum", 2018, False, None)
PAPER = Document(
    "paper.md",
    "paper.md",
    "A paper <b>on trade</b>",
    "text",
    "markdown",
    authors=("Ann Author", "Bo Writer"),
    year=2021,
    metadata=(("venue", "Journal of Silk Road Studies"),),
)
UNDATED = Document("notes.md", "notes.md", "Field notes", "text", "markdown", authors=("C. Keeper",))


def an_answer() -> Answer:
    c1 = citation(1, "Imports are mainly crude oil [2].", refs=[TRAIL])
    c2 = citation(2, "Trade grew by 10% a year.", doc_id="notes.md")
    return Answer("What is imported?", f"{c1.quote} [1] {c2.quote} [2]", False, (c1, c2), (), 0.8)


def a_check() -> ClaimCheck:
    e1 = citation(1, "Finance is weak in the region.")
    e2 = citation(2, "The first settlement deal was signed in 2008.")
    return ClaimCheck(
        "Finance is weak, and the first deal was signed in 2015.",
        "contradicted",
        (e1, e2),
        (Difference("2015", "2008", "year", e2.quote, 2),),
        Coverage(("finance",), ()),
        0.7,
        "the sources say otherwise",
        (("Finance is weak", "supported"), ("the first deal was signed in 2015.", "contradicted")),
        ((1,), (2,)),
    )


# --------------------------------------------------------------------------- export


def test_starters_fit_the_library_they_are_offered_for():
    from silkqa.ui_text import claim_placeholder, starters

    def doc(source, title, kind="markdown", headings=()):
        text = "x" * 100
        sections = tuple(Section(0, 100, h) for h in headings)
        return Document(source, source, title, text, kind, sections=sections)

    paper = doc(
        "p.md", "Cooperation between China and Central Asia", headings=("Energy", "Trade", "Technology")
    )
    finance = doc("ref:w", "Financial cooperation", kind="reference")
    assert [s.key for s in starters([paper, finance])] == ["Energy", "Trade", "Finance", "Technology"]
    # without finance anywhere the paper's four topics do not fit: its documents are offered
    offered = starters([paper])
    assert [s.question for s in offered] == [
        "What is the Cooperation between China and Central Asia document about?"
    ]
    manuals = [
        doc(f"{n}.html", t) for n, t in enumerate(["Node.js v20 documentation", "The DNS", "", "A", "B", "C"])
    ]
    manuals.append(doc("ref:x", "A cited work", kind="reference"))
    assert "Kazakhstan" in claim_placeholder([paper, finance])
    assert "Kazakhstan" not in claim_placeholder(manuals)  # a claim about manuals, not the Silk Road
    offered = starters(manuals)
    assert [s.question for s in offered] == [
        "What is the Node.js v20 documentation about?",
        "What is the DNS document about?",
        "What is the A document about?",
        "What is the B document about?",
    ]
    assert len({s.key for s in offered}) == 4 and {s.kind for s in offered} == {"document"}
    long = starters([doc("l.md", "word " * 30)])[0]
    assert len(long.label) <= 48 and long.label.endswith("…")


def test_the_library_is_counted_as_a_student_counts_it():
    from types import SimpleNamespace

    from silkqa.ui_chat import library_summary

    paper = Document("p.md", "p.md", "Paper", "x", "markdown")
    ref = Document("ref:a", "ref:a", "A cited work", "x", "reference")
    assert library_summary(SimpleNamespace(documents={"p": paper, "r": ref}, references=(1,))) == (
        "1 document, 1 cited work"
    )
    # manuals that cite nothing are documents, not "0 cited works"
    assert (
        library_summary(SimpleNamespace(documents={"p": paper, "q": paper}, references=())) == "2 documents"
    )


def test_export_cites_each_source_with_authors_year_venue_section_and_page():
    md = export.conversation_markdown(
        [an_answer()],
        documents={"paper.md": PAPER, "notes.md": UNDATED},
        exported_at=datetime(2026, 1, 2, tzinfo=UTC),
    )
    assert (
        "Ann Author, Bo Writer (2021). *A paper \\<b\\>on trade\\</b\\>*. Journal of Silk Road Studies." in md
    )
    assert "section “2.2 Trade”, p. 4. file paper.md." in md
    assert "C. Keeper (n.d.). *Field notes*." in md  # no year in the metadata: not guessed
    assert "## Documents quoted" in md and "## Works cited by the sources" in md
    assert "Li Siqi (2018). *Trade effects*. Northeast Asia Forum." in md


def test_export_keeps_the_sources_markers_apart_from_silkqa_numbers():
    md = export.conversation_markdown([an_answer()], documents={"paper.md": PAPER})
    answer_line = next(line for line in md.splitlines() if line.startswith("Imports are"))
    assert answer_line == "Imports are mainly crude oil (ref. 2). [1] Trade grew by 10% a year. [2]"
    assert "> Imports are mainly crude oil (ref. 2)." in md  # in the quote as well
    assert "The passage cites ref. 2: Li Siqi" in md
    assert "[2]. [1]" not in md and "] [" not in answer_line
    assert (
        export.source_markers_plain("as shown [1, 3] and <sup>[2]</sup>.")
        == "as shown (ref. 1, 3) and (ref. 2)."
    )


def test_export_includes_claim_checks_with_their_parts():
    md = export.conversation_markdown([], [a_check()], documents={"paper.md": PAPER})
    assert "## Claim checks" in md
    assert "### 1. Finance is weak, and the first deal was signed in 2015." in md
    assert "**Verdict: Contradicted** — the sources say otherwise" in md
    assert "- “Finance is weak” — Supported [1]" in md
    assert "- “the first deal was signed in 2015.” — Contradicted [2]" in md
    assert "The claim says “2015”; the source [2] says “2008” (year)." in md
    assert "**Evidence**" in md and "Ann Author, Bo Writer (2021)" in md
    assert "No questions asked" not in md


# --------------------------------------------------------------------------- storage


def test_a_conversation_round_trips_through_its_file(tmp_path):
    store = ConversationStore(tmp_path)
    conversation = Conversation(new_id(), (an_answer(),), (a_check(),))
    store.save(conversation)
    back = store.load(conversation.id)
    assert back.answers == conversation.answers
    assert back.checks == conversation.checks
    assert [p.name for p in tmp_path.iterdir()] == [f"{conversation.id}.json"]  # no temporary left


def test_ids_are_checked_so_no_path_escapes_the_folder(tmp_path):
    store = ConversationStore(tmp_path)
    for bad in ("../../etc/passwd", "a/b", "", "short", "x" * 65, None, "abc def ghijklmn"):
        assert not valid_id(bad)
        with pytest.raises(ValueError):
            store.path(bad)
    assert valid_id(new_id()) and new_id() != new_id()


def test_an_unreadable_file_is_an_empty_conversation_and_old_fields_are_tolerated(tmp_path):
    store = ConversationStore(tmp_path)
    broken = new_id()
    (tmp_path / f"{broken}.json").write_text("{not json")
    assert store.load(broken) == Conversation(broken)
    assert store.load(new_id()).answers == ()
    # a check written by another version (a field missing, one unknown) still loads
    older = encode(a_check())
    del older["part_evidence"]
    older["added_by_a_future_version"] = 1
    old = new_id()
    (tmp_path / f"{old}.json").write_text(json.dumps({"answers": [], "checks": [older]}))
    loaded = store.load(old)
    assert loaded.checks[0].verdict == "contradicted" and loaded.checks[0].part_evidence == ()
    assert loaded.checks[0].differences == a_check().differences


def test_conversations_go_to_the_configured_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("SILKQA_SESSIONS", raising=False)
    assert conversations_dir(tmp_path / "index") == tmp_path / "index" / "conversations"
    monkeypatch.setenv("SILKQA_SESSIONS", str(tmp_path / "elsewhere"))
    assert conversations_dir(tmp_path / "index") == tmp_path / "elsewhere"


# --------------------------------------------------------------------------- the app


@pytest.fixture(scope="module")
def app_env(tmp_path_factory):
    base = tmp_path_factory.mktemp("chat")
    corpus = base / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SILKQA_CORPUS", str(corpus))
        mp.setenv("SILKQA_INDEX", str(base / "index"))
        mp.delenv("SILKQA_SESSIONS", raising=False)
        yield corpus, base / "index"


def open_app(conversation: str | None = None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    if conversation:
        at.query_params["c"] = conversation
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def check(at, claim: str):
    at.text_area(key="claim").input(claim)
    next(b for b in at.button if "Check the claim" in b.label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def html_blocks(at) -> list[str]:
    return [m.value for m in at.markdown if m.proto.allow_html]


def test_the_conversation_comes_back_from_its_link_and_clear_can_be_undone(app_env):
    at = open_app()
    link = at.query_params["c"]
    link = link[0] if isinstance(link, list) else link
    assert valid_id(link)
    at.chat_input[0].set_value("What does China import from Kazakhstan?").run()
    at.chat_input[0].set_value("Who won the football world cup in 2018?").run()
    check(at, "China imports mainly crude oil from Kazakhstan.")

    again = open_app(link)  # a reload, or the link opened later: a new session
    assert [a.question for a in again.session_state["history"]] == [
        "What does China import from Kazakhstan?",
        "Who won the football world cup in 2018?",
    ]
    assert [c.claim for c in again.session_state["checks"]] == [
        "China imports mainly crude oil from Kazakhstan."
    ]
    assert sum('class="sq-cite"' in b for b in html_blocks(again)) >= 1

    next(b for b in again.button if b.label == "Clear conversation").click().run()
    assert not again.session_state["history"] and not again.session_state["checks"]
    assert any("Conversation cleared" in i.value for i in again.info)
    assert not open_app(link).session_state["history"]  # the clear is saved
    next(b for b in again.button if b.label == "Undo").click().run()
    assert len(again.session_state["history"]) == 2
    assert len(open_app(link).session_state["checks"]) == 1  # and so is the undo

    assert not open_app().session_state["history"]  # a page without the link starts afresh


def test_claim_checks_stay_as_a_history_newest_first(app_env):
    at = open_app()
    first = "Kazakhstan has the highest economic growth rate of the five Central Asian countries."
    second = "China imports mainly natural gas from Kazakhstan."
    check(check(at, first), second)
    assert [c.claim for c in at.session_state["checks"]] == [first, second]
    claims_shown = [b for b in html_blocks(at) if first.split()[0] in b or "natural gas" in b]
    order = [0 if "natural" in b else 1 for b in claims_shown if 'class="sq-block"' in b]
    assert order and order[0] == 0 and 1 in order  # newest first, the older one still there
    assert any("2 claims checked" in c.value for c in at.caption)


def test_a_compound_claim_shows_each_part_with_its_own_verdict_and_evidence(app_env):
    at = check(open_app(), MIXED_CLAIM)
    result = at.session_state["checks"][-1]
    assert [v for _, v in result.parts] == ["supported", "contradicted"]
    assert len(result.part_evidence) == 2 and all(result.part_evidence)
    text = "\n".join(m.value for m in at.markdown)
    assert "This claim has 2 parts" in text
    blocks = html_blocks(at)
    assert any("Supported" in b and "part 1" in b for b in blocks)
    assert any("Contradicted" in b and "part 2" in b for b in blocks)
    labels = [e.label for e in at.expander]
    for numbers in result.part_evidence:
        for n in numbers:
            assert any(label.startswith(f"**\\[{n}\\]**") for label in labels)
    assert any("2015" in b and "2008" in b and 'class="sq-differ"' in b for b in blocks)


def test_the_export_holds_claim_checks_and_cites_every_source(app_env, monkeypatch):
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    exported: list[str] = []  # what the app hands to its "Export conversation" button
    keep = MemoryMediaFileStorage.load_and_get_id

    def spy(self, data, mimetype, kind, filename=None):
        if filename == "silkqa-conversation.md":
            exported.append(data.decode() if isinstance(data, bytes) else data)
        return keep(self, data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", spy)
    at = open_app()
    at.chat_input[0].set_value("What does China import from Kazakhstan?").run()
    check(at, MIXED_CLAIM)
    md = exported[-1]
    assert "### 1. What does China import from Kazakhstan?" in md
    assert "## Claim checks" in md and "**Verdict: Contradicted**" in md and "— Supported [" in md
    index_documents = _documents(app_env)
    sources = [line for line in md.splitlines() if line[:1].isdigit() and ". " in line and "file " in line]
    assert sources
    for line in sources:  # who and when for every source, from the documents' metadata
        document = next(d for d in index_documents.values() if f"file {d.source}" in line.replace("\\", ""))
        assert document.authors and document.authors[0] in line
        assert f"({document.year or 'n.d.'})" in line
    assert "## Works cited by the sources" in md and "Li Siqi (2018)" in md


def _documents(app_env):
    from silkqa.library import Library

    corpus, index = app_env
    return Library(corpus, index).index.documents


def test_rejected_uploads_say_why_and_the_library_speaks_plainly(app_env):
    corpus, index = app_env
    at = open_app()
    assert [h.value for h in at.header] == ["Ask the library", "Check a claim", "Your library"]
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    at.file_uploader[0].set_value(("map.png", png, "image/png")).run()
    assert not at.exception
    assert any("map.png" in e.value and ".png" in e.value and "cannot be added" in e.value for e in at.error)
    assert not (corpus / "map.png").exists()
    for table in at.dataframe:
        assert "None" not in table.value.astype(str).to_numpy().ravel().tolist()
    plain = [m.value for m in at.main.markdown] + [c.value for c in at.caption] + [m.label for m in at.metric]
    about = next(e for e in at.expander if e.label == "About this index")
    hidden = {m.value for m in about.markdown}
    visible = [t for t in plain if t not in hidden]
    for technical in ("MiniLM", str(index), str(corpus), "chunks"):
        assert not any(technical in t for t in visible), technical
    assert any("MiniLM" in t for t in hidden)
