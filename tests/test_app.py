"""The web app: its pure helpers (escaping, highlighting, export) and the app itself driven
through Streamlit's AppTest — asking, abstaining, checking a claim, uploading."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from silkqa import ui_text as ut
from silkqa.answering import Answer, Citation, TrailEntry

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "streamlit_app.py"
TIMEOUT = 180

HOSTILE = '<script>alert("x")</script> <img src=x onerror=alert(1)> $E=mc^2$ [link](javascript:alert(1)) :red[boo] **bold** `code`'


def citation(n=1, quote="Kazakhstan exports crude oil [1].", passage=None, refs=()):
    passage = passage if passage is not None else f"Before. {quote} After."
    start = passage.find(quote)
    return Citation(
        n=n,
        chunk_id=f"doc.md#{n}",
        doc_id="doc.md",
        source="doc.md",
        title="A <b>paper</b>",
        section="2.2 Trade",
        page=3,
        quote=quote,
        start=100 + start,
        end=100 + start + len(quote),
        passage=passage,
        passage_start=100,
        references=tuple(refs),
    )


TRAIL = TrailEntry(
    marker="1",
    key="li-2018",
    authors=("Li Siqi",),
    title="Trade facilitation <em>effects</em>",
    venue="Northeast Asia Forum",
    year=2018,
    in_library=False,
    full_text_source=None,
)


# --------------------------------------------------------------------------- escaping


def test_document_text_is_escaped_in_every_html_block():
    c = citation(quote=HOSTILE, passage=f"Context <script>bad()</script>. {HOSTILE} more")
    answer = Answer("q", f"{HOSTILE} [1]", False, (c,), (), 0.9)
    for markup in (
        ut.passage_html(c),
        ut.answer_html(answer),
        ut.text_html(HOSTILE, [(0, 8, "differ")]),
        ut.mark_html(HOSTILE, [(3, 20, "quote"), (10, 30, "match")]),
    ):
        assert "<script" not in markup and "<img" not in markup and "<b>" not in markup
        assert "&lt;" in markup and "&gt;" in markup
        for active in ("$", "[link]", ":red[", "**", "`"):
            assert active not in markup
        assert "\n\n" not in markup
    assert "&lt;script&gt;" in ut.passage_html(c)


def test_escape_html_escapes_each_character_once():
    assert (
        ut.escape_html('the world\'s <b> & "x" #1') == "the world&#39;s &lt;b&gt; &amp; &quot;x&quot; &#35;1"
    )
    assert ut.escape_html("a\n\nb") == "a<br><br>b"


def test_escape_markdown_neutralises_markup():
    out = ut.escape_markdown(HOSTILE + "\n# heading\n- item\n1. first")
    assert "\\<script\\>" in out
    assert "\\$" in out and "\\[link\\]" in out and "\\*\\*bold\\*\\*" in out and "\\`code\\`" in out
    assert "\n\\# heading" in out and "\n\\- item" in out and "\n1\\. first" in out
    assert ut.escape_markdown("2.2 Economic, trade") == "2\\.2 Economic, trade"


def test_passage_highlights_the_quote_inside_its_context():
    c = citation()
    markup = ut.passage_html(c)
    assert ut.quote_span(c) == (8, 8 + len(c.quote))
    assert 'class="sq-quote"' in markup
    highlighted = markup.split('class="sq-quote"')[1].split("</span>")[0]
    assert "Kazakhstan exports crude oil" in highlighted
    assert "Before." in markup and "After." in markup


def test_quote_not_at_its_offsets_is_found_by_search():
    c = citation()
    shifted = Citation(**{**c.__dict__, "start": 0, "end": 5})
    assert ut.quote_span(shifted) == ut.quote_span(c)


def test_answer_markers_are_told_apart_from_the_papers_own_markers():
    q1 = "Growth lacks impetus [1]."
    q2 = "Imports are mainly crude oil."
    c1, c2 = citation(1, q1), citation(2, q2)
    text = f"{q1} [1] {q2} [2]"
    segments = ut.answer_segments(text, [c1, c2])
    assert [s.n for s in segments if s.n] == [1, 2]
    assert segments[0].text == q1  # the paper's "[1]" stays inside the quote
    markup = ut.answer_html(Answer("q", text, False, (c1, c2), (), 0.9))
    assert markup.count('class="sq-cite"') == 2


def test_answer_segments_fall_back_to_marker_pattern():
    c1 = citation(1, "Something else entirely.")
    segments = ut.answer_segments("A rewritten sentence [1]. Another [9].", [c1])
    assert [s.n for s in segments if s.n] == [1]


def test_claim_highlights_shared_words_and_differences():
    class Diff:
        claim_term, source_term, kind, quote, n = "natural gas", "crude oil", "term", "", 1

    c = citation(1, "China imports mainly crude oil from Kazakhstan.")
    claim = "China imports mainly natural gas from Kazakhstan."
    spans = ut.claim_spans(claim, [c], [Diff()])
    marked = {claim[a:b] for a, b, layer in spans if layer == "match"}
    assert {"China", "imports", "Kazakhstan"} <= marked
    assert ("natural gas") in {claim[a:b] for a, b, layer in spans if layer == "differ"}
    quote_spans = ut.evidence_quote_spans(claim, c, [Diff()])
    assert "crude oil" in {c.quote[a:b] for a, b, layer in quote_spans if layer == "differ"}
    assert 'class="sq-differ"' in ut.difference_html(Diff())


def test_verdict_badges():
    assert ut.verdict_badge("supported")[1] == "green"
    assert ut.verdict_badge("contradicted")[1] == "red"
    assert ut.verdict_badge("not_found")[1] == "gray"


def test_progress_moves_forward_through_the_stages():
    values = [
        ut.progress_state("chunking", 1, 2)[0],
        ut.progress_state("chunking", 2, 2)[0],
        ut.progress_state("embedding", 5, 10)[0],
        ut.progress_state("embedding", 10, 10)[0],
        ut.progress_state("writing", 1, 1)[0],
    ]
    assert values == sorted(values) and values[-1] == 1.0


def test_conversation_export_has_answers_sources_and_references():
    c = citation(1, "Imports are mainly <b>crude</b> oil.", refs=[TRAIL])
    answered = Answer("What is imported?", f"{c.quote} [1]", False, (c,), (), 0.9)
    closest = citation(1, "Loosely related sentence.")
    abstained = Answer(
        "Who won the cup?",
        "The library does not answer this question.",
        True,
        (closest,),
        (),
        0.1,
        "x",
        (closest,),
    )
    md = ut.conversation_markdown([answered, abstained], exported_at=datetime(2026, 1, 2, tzinfo=UTC))
    assert "### 1. What is imported?" in md and "### 2. Who won the cup?" in md
    assert "[1]" in md and "2026-01-02" in md
    assert "\\<b\\>crude\\</b\\>" in md  # document text stays text in any Markdown viewer
    assert "**Sources**" in md and "**Closest passages**" in md
    assert "No answer in the library" in md
    assert "Li Siqi (2018)" in md and "full text not in the library" in md
    assert "## Works cited by the sources" in md
    assert "section “2.2 Trade”" in md and "p. 3" in md
    assert ut.conversation_markdown([]).count("No questions asked") == 1


def test_citations_of_a_page_without_sections_are_told_apart_by_their_quotes():
    from dataclasses import replace

    with_section = citation(1, "Kazakhstan exports crude oil.")
    assert "2.2 Trade" in ut.citation_label(with_section) and "crude oil" not in ut.citation_label(
        with_section
    )
    bare = [
        replace(citation(n, q), section=None, page=None)
        for n, q in ((1, "Alloc returns a pointer."), (2, "Free it."))
    ]
    labels = [ut.citation_label(c) for c in bare]
    assert "Alloc returns a pointer" in labels[0] and "Free it" in labels[1]
    # two citations of one section: each label says where, then how its quote begins
    same = [citation(1, "Kazakhstan exports crude oil."), citation(2, "Turkmenistan exports gas.")]
    other = replace(citation(3, "Banks signed a deal."), section="2.3 Finance")
    assert ut.shared_places([*same, other]) == {1, 2}
    labels = [ut.citation_label(c, shared=True) for c in same]
    assert all("2.2 Trade" in label for label in labels)
    assert "crude oil" in labels[0] and "exports gas" in labels[1]


def test_the_library_table_leaves_unknown_authors_blank():
    from types import SimpleNamespace

    from silkqa.documents import Document

    manual = Document("m.html", "m.html", "Closures", "Text.", "html")
    paper = Document("p.md", "p.md", "Trade", "Text.", "markdown", ("Linfu Huo",), 2020)
    index = SimpleNamespace(documents={"m.html": manual, "p.md": paper}, chunks=[])
    from silkqa.ui_chat import display_rows

    rows = {r["Source"]: r for r in display_rows(ut.document_rows(index))}
    assert rows["m.html"]["Authors"] == "" and rows["p.md"]["Authors"] == "Linfu Huo"


def test_a_claim_box_with_several_sentences_says_it_checks_them_as_one():
    note = ut.several_claims_note("Trams run at night. The ferry was built in 1871.")
    assert note and "2 sentences" in note and "An essay" in note
    assert ut.several_claims_note("Trams run at night on the main line.") is None


def test_a_refusal_box_says_why_without_the_closing_list_of_markers():
    closest = citation(1, "Loosely related sentence.")
    text = (
        "The library does not answer this question: the library never mentions salary."
        " The closest passages [1] are listed below; they may help, but they do not answer it."
    )
    refused = Answer(
        "What is his salary?", text, True, (closest,), (), 0.1, "the library never mentions salary"
    )
    assert (
        ut.refusal_text(refused)
        == "The library does not answer this question: the library never mentions salary."
    )
    unexplained = Answer("Q?", "The library does not answer this question.", True, (), (), 0.0)
    assert ut.refusal_text(unexplained) == "The library does not answer this question."


# --------------------------------------------------------------------------- the app


@pytest.fixture(scope="module")
def app_env(tmp_path_factory):
    """A copy of the corpus and an empty index folder, named in the environment."""
    base = tmp_path_factory.mktemp("app")
    corpus = base / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SILKQA_CORPUS", str(corpus))
        mp.setenv("SILKQA_INDEX", str(base / "index"))
        yield corpus, base / "index"


def started(app_env):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def all_markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def ask(at, question: str):
    at.chat_input[0].set_value(question).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def check(at, claim: str):
    """Check a claim in the "Check a claim" tab, as a student does."""
    tab = at.tabs[1]
    tab.text_area(key="claim").input(claim)
    next(b for b in tab.button if "Check the claim" in b.label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_first_start_builds_the_index(app_env):
    corpus, index = app_env
    at = started(app_env)
    assert (index / "CURRENT").exists()
    assert [t.label for t in at.tabs][:3] == [
        ":material/forum: Ask",
        ":material/fact_check: Check a claim",
        ":material/library_books: Library",
    ]
    assert len([b for b in at.button if b.key and b.key.startswith("starter-")]) == 4


def test_an_index_from_an_older_silkqa_is_read_again_on_start(app_env):
    import json

    from silkqa.library import Library
    from silkqa.store import current_generation

    corpus, index = app_env
    started(app_env)  # built
    manifest_file = current_generation(index) / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    manifest["chunking"]["version"] -= 1  # as an older silkqa wrote it
    manifest_file.write_text(json.dumps(manifest))
    assert Library(corpus, index).index_is_outdated()
    started(app_env)
    assert not Library(corpus, index).index_is_outdated()


def test_asking_shows_a_cited_answer(app_env):
    at = ask(started(app_env), "What does China import from Kazakhstan?")
    text = all_markdown(at)
    assert 'class="sq-cite"' in text and "[1]" in text
    assert "crude oil" in text
    labels = [e.label for e in at.expander]
    assert any(label.startswith("**\\[1\\]**") for label in labels)
    assert 'class="sq-quote"' in text  # the quote highlighted in its passage
    assert "Reference trail" in text
    assert not at.warning
    assert at.session_state["history"][0].citations


def test_a_starter_button_asks_its_question(app_env):
    at = started(app_env)
    next(b for b in at.button if b.key == "starter-Trade").click().run()
    assert not at.exception
    history = at.session_state["history"]
    assert len(history) == 1 and history[0].question == ut.STARTERS["Trade"][1]
    assert not [b for b in at.button if b.key and b.key.startswith("starter-")]


def test_an_off_topic_question_is_an_abstention(app_env):
    at = ask(started(app_env), "Who won the football world cup in 2018?")
    assert at.warning, "an abstention is shown as a warning"
    assert "does not answer" in at.warning[0].value
    # the box says why, once; its closest passages are the boxes under the caption, not "[1] [2]"
    assert at.warning[0].value.count("does not answer") == 1
    assert "[1]" not in at.warning[0].value
    assert 'class="sq-cite"' not in all_markdown(at)


def test_checking_a_claim_shows_a_verdict(app_env):
    at = check(
        started(app_env),
        "Among the five Central Asian countries, Kazakhstan has the highest economic growth rate.",
    )
    text = all_markdown(at)
    result = at.session_state["checks"][-1]
    assert result.verdict in ut.VERDICTS
    assert 'class="sq-verdict' in text and ut.VERDICTS[result.verdict][0] in text
    if result.evidence:
        assert 'class="sq-quote"' in text


def test_two_sentences_in_the_claim_box_are_pointed_to_the_essay_check(app_env):
    at = check(
        started(app_env),
        "China imports crude oil from Kazakhstan. The first currency agreement was signed in 2010.",
    )
    assert any("An essay" in i.value for i in at.info)


def test_an_uploaded_document_is_indexed_and_listed(app_env):
    corpus, _ = app_env
    note = (
        b"# Camel caravans of the Taklamakan\n\n"
        b"Camel caravans crossing the Taklamakan desert carried jade from Khotan to Dunhuang in about 40 days.\n"
    )
    at = started(app_env)
    at.file_uploader[0].set_value(("../../caravans.md", note, "text/markdown")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert (corpus / "caravans.md").read_bytes() == note
    assert any("added as caravans.md" in s.value for s in at.success)
    documents = at.dataframe[0].value
    assert "caravans.md" in list(documents["Source"])
    assert "Camel caravans of the Taklamakan" in list(documents["Title"])
    # the uploader was reset, so the same file is not added again on the next rerun
    assert not at.file_uploader[0].value

    at.file_uploader[0].set_value(("copy.md", note, "text/markdown")).run()
    assert any("already in the library" in i.value for i in at.info)
    assert not (corpus / "copy.md").exists()

    ask(at, "How long did camel caravans take to carry jade from Khotan to Dunhuang?")
    answer = at.session_state["history"][-1]
    assert not answer.abstained
    assert answer.citations[0].source == "caravans.md"


def hold_index_lock(index: Path):
    """Another process that holds the rebuild lock, as a running `silkqa index` would."""
    import subprocess
    import sys

    from silkqa.store import LOCK

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from filelock import FileLock; lock = FileLock(sys.argv[1]); lock.acquire();"
            " print('locked', flush=True); sys.stdin.read()",
            str(index / LOCK),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_a_busy_index_gets_a_friendly_message(app_env):
    _, index = app_env
    at = started(app_env)
    holder = hold_index_lock(index)
    try:
        next(b for b in at.button if b.label == "Update index").click().run()
    finally:
        holder.communicate("", timeout=30)
    assert not at.exception, [e.value for e in at.exception]
    assert any("Another rebuild of the index is running" in i.value for i in at.info)
    next(b for b in at.button if b.label == "Update index").click().run()
    assert any("Index up to date" in s.value for s in at.success)


def test_a_damaged_index_offers_a_rebuild(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from silkqa.store import current_generation

    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    monkeypatch.setenv("SILKQA_CORPUS", str(corpus))
    monkeypatch.setenv("SILKQA_INDEX", str(tmp_path / "index"))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    (current_generation(tmp_path / "index") / "manifest.json").write_text("{not json")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.error and "damaged" in at.error[0].value
    assert not at.tabs
    next(b for b in at.button if b.label == "Rebuild the index from scratch").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error and at.tabs
    ask(at, "What does China import from Kazakhstan?")
    assert at.session_state["history"][-1].citations


def test_a_hostile_document_is_shown_as_text(app_env):
    """A document that carries HTML, maths and links is displayed, never interpreted."""
    doc = (
        b"# Horses of Ferghana <script>alert('title')</script>\n\n"
        b"The heavenly horses of Ferghana were prized by the Han court `<img src=x onerror=alert(1)>`, "
        b"which sent an army in 104 BC to obtain them for $5 or $6.\n"
    )
    at = started(app_env)
    at.file_uploader[0].set_value(("horses.md", doc, "text/markdown")).run()
    assert any("added as horses.md" in s.value for s in at.success)
    ask(at, "Why did the Han court send an army to Ferghana?")
    answer = at.session_state["history"][-1]
    assert answer.citations and answer.citations[0].source == "horses.md"
    html_blocks = [m.value for m in at.markdown if m.proto.allow_html]
    assert any("&lt;img src=x onerror=alert(1)&gt;" in block for block in html_blocks)
    for block in html_blocks:
        assert "<script" not in block and "<img" not in block and "$" not in block
    for element in [*at.markdown, *at.expander]:
        text = element.value if hasattr(element, "value") else element.label
        assert "<script>" not in text.replace("\\<script\\>", "")


def test_essay_mode_colours_each_sentence_and_opens_one(app_env):
    from silkqa import essay_view as ev

    at = started(app_env)
    at.tabs[1].button_group(key="check-mode").set_value("An essay").run()
    assert not at.exception, [e.value for e in at.exception]
    draft = (
        "# My draft\n\n"
        "Among the five Central Asian countries, Kazakhstan has the highest economic growth rate. "
        "What about the others?\n"
        "<script>alert(1)</script> Camel caravans crossed the Taklamakan desert carrying jade.\n"
    )
    at.tabs[1].text_area(key="essay-text").input(draft)
    next(b for b in at.tabs[1].button if "Check the essay" in b.label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    report = at.session_state["essay"]
    rows = report.to_json()["sentences"]
    text = all_markdown(at)
    assert 'class="sq-essay"' in text and "<script>" not in text and "&lt;script&gt;" in text
    for row in rows:  # every sentence is shown in its verdict's colour
        assert f"sq-s-{row['verdict']}" in text
    assert [r["verdict"] for r in rows[:1]] == ["skipped"] and rows[2]["verdict"] == "skipped"
    assert ev.counts_line(report.to_json()["summary"]) in text.replace("\\", "")
    picker = at.button_group(key="essay-pick")
    first_claim = next(i for i, r in enumerate(rows) if r["verdict"] != "skipped")
    picker.set_value(first_claim).run()
    assert not at.exception, [e.value for e in at.exception]
    text = all_markdown(at)
    assert 'class="sq-verdict' in text and f"Sentence {first_claim + 1}" in text
    assert ut.VERDICTS[rows[first_claim]["verdict"]][0] in text
    assert at.get("download_button"), "the report can be downloaded as Markdown"


def test_the_web_chat_takes_its_folders_after_a_double_dash_as_the_cli_does(monkeypatch):
    # `streamlit run streamlit_app.py -- --corpus DIR --index DIR`: a new user's first guess,
    # which was read by nothing, so the chat opened the default corpus without a word
    from silkqa.library import app_paths

    monkeypatch.delenv("SILKQA_CORPUS", raising=False)
    monkeypatch.delenv("SILKQA_INDEX", raising=False)
    assert app_paths(["--corpus", "/tmp/papers", "--index", "/tmp/papers-index"]) == (
        Path("/tmp/papers"),
        Path("/tmp/papers-index"),
    )
    assert app_paths(["--corpus=/tmp/papers", "--theme", "dark"]) == (Path("/tmp/papers"), Path("index"))
    monkeypatch.setenv("SILKQA_INDEX", "/tmp/elsewhere")
    assert app_paths([]) == (Path("corpus"), Path("/tmp/elsewhere"))
