"""Questions in Chinese and Russian, answered from the English sources: language detection,
the multilingual vector set in the index (incremental, lazy, optional), answers through the
CLI and the web app, and claims in another language refused with one clear line."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from silkqa import multilingual
from silkqa.language import detect

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "gold"
DATA = Path(__file__).parent / "data"


def gold_rows(lang: str) -> list[dict]:
    return [json.loads(line) for line in (GOLD / f"questions.{lang}.jsonl").read_text().splitlines() if line]


@pytest.fixture()
def multilingual_on(monkeypatch):
    monkeypatch.setenv("SILKQA_MULTILINGUAL", "1")


def refuse_to_load(*_args, **_kwargs):
    raise AssertionError("no encoder may be loaded here")


# --------------------------------------------------------------------------- detection


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("中国主要从哈萨克斯坦进口什么？", "zh"),
        ("中国从BRI获得什么好处？", "zh"),  # a Latin acronym does not make it English
        ("Что Китай импортирует из Казахстана?", "ru"),
        ("Що Китай імпортує з Казахстану?", "uk"),
        ("日本は何を輸入していますか", "ja"),
        ("What does China import from Kazakhstan?", "en"),
        ("2013", "en"),
    ],
)
def test_language_is_detected_by_script(text, code):
    assert detect(text) == code


def test_every_english_gold_question_is_english_and_every_translation_is_not():
    english = [json.loads(line)["question"] for line in (GOLD / "questions.jsonl").read_text().splitlines()]
    assert {detect(q) for q in english} == {"en"}
    for lang in ("zh", "ru"):
        assert {detect(r["question"]) for r in gold_rows(lang)} == {lang}


# --------------------------------------------------------------------------- the index


def test_an_english_only_index_is_updated_with_multilingual_vectors_not_refused(
    tmp_path, counting_encoder, monkeypatch
):
    from silkqa.store import load_index, read_manifest, update_index

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    shutil.copy(DATA / "wind_farm.md", corpus)
    first = update_index(corpus, index, encoder=counting_encoder)  # the suite default: English only
    assert first.embedded_multilingual == 0 and read_manifest(index)["multilingual"] is None

    monkeypatch.setenv("SILKQA_MULTILINGUAL", "1")
    # the MiniLM vectors are all reused: only the multilingual encoder runs
    second = update_index(corpus, index, encoder=refuse_to_load)
    assert second.embedded_chunks == 0 and second.embedded_multilingual == first.chunks
    assert read_manifest(index)["multilingual"]["name"] == multilingual.ENCODER_NAME
    loaded = load_index(index)
    cross = multilingual.load(loaded.folder, loaded.manifest)
    assert cross.chunk_vectors.shape[0] == len(loaded.chunks)
    assert cross.sentence_vectors.shape[0] == loaded.sentence_offsets[-1]

    # nothing changed: no model of either kind is loaded
    monkeypatch.setattr(multilingual, "load_encoder", refuse_to_load)
    third = update_index(corpus, index, encoder=refuse_to_load)
    assert (third.embedded_chunks, third.embedded_multilingual) == (0, 0)
    assert third.unchanged == ["wind_farm.md"]

    # a new document: only its chunks go through either encoder
    monkeypatch.undo()
    monkeypatch.setenv("SILKQA_MULTILINGUAL", "1")
    shutil.copy(DATA / "tram_network.md", corpus)
    fourth = update_index(corpus, index, encoder=counting_encoder)
    assert 0 < fourth.embedded_multilingual == fourth.embedded_chunks < fourth.chunks


# --------------------------------------------------------------------------- asking


def test_english_questions_never_load_the_multilingual_encoder(multilingual_library, monkeypatch):
    monkeypatch.setenv("SILKQA_MULTILINGUAL", "1")
    monkeypatch.setattr(multilingual, "load_encoder", refuse_to_load)
    answer = multilingual_library.ask("What does China import from Kazakhstan?")
    assert answer.language == "en" and not answer.abstained
    assert multilingual_library.search("Kazakhstan crude oil", k=3)


@pytest.fixture()
def ml_cli(multilingual_library, encoder, monkeypatch, multilingual_on):
    """silkqa.cli.main in process on the multilingual session index."""
    import silkqa.library
    from silkqa.cli import main

    monkeypatch.setattr(silkqa.library, "Encoder", lambda spec=None: encoder)
    lib = multilingual_library

    def run(*args: str, stdin: str | None = None) -> int:
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        return main([*args, "--corpus", str(lib.corpus_dir), "--index", str(lib.index_dir)])

    return run


def test_chinese_and_russian_questions_get_exact_english_quotes_through_the_cli(
    ml_cli, multilingual_library, capsys
):
    """Every question of both gold sets in one batch: each answer names its language, quotes
    the English documents exactly with numbered markers, answers most answerable questions
    from the gold passage and refuses most unanswerable ones."""
    from silkqa.evaluation import _covers, passage_span

    index = multilingual_library.index
    rows = gold_rows("zh") + gold_rows("ru")
    assert ml_cli("ask", "-", "--json", stdin="\n".join(r["question"] for r in rows) + "\n") == 0
    answers = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(answers) == len(rows)
    grounded = refused = 0
    for row, answer in zip(rows, answers, strict=True):
        assert answer["language"] == row["language"] and answer["question"] == row["question"]
        for c in answer["citations"]:
            assert index.documents[c["doc_id"]].text[c["start"] : c["end"]] == c["quote"]
            if not answer["abstained"]:
                assert f"[{c['n']}]" in answer["answer"]
        if row["answerable"]:
            span = passage_span(index, row["doc_id"], row["passage"])
            grounded += not answer["abstained"] and any(
                c["doc_id"] == row["doc_id"] and _covers(c["start"], c["end"], span)
                for c in answer["citations"]
            )
        else:
            refused += answer["abstained"]
    answerable = sum(1 for r in rows if r["answerable"])
    assert grounded >= 0.6 * answerable
    assert refused >= 0.75 * (len(rows) - answerable)


def test_a_claim_in_chinese_exits_2_with_one_line(ml_cli, capsys):
    assert ml_cli("check", "哈萨克斯坦的经济增长率最高。", "--json") == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "claim checks need English" in captured.err


def test_turned_off_the_question_is_refused_in_its_language(ml_cli, monkeypatch, capsys):
    monkeypatch.setenv("SILKQA_MULTILINGUAL", "0")
    monkeypatch.setattr(multilingual, "load_encoder", refuse_to_load)
    assert ml_cli("ask", "Какой ресурс Китай получает из Узбекистана?", "--json") == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["abstained"] and answer["language"] == "ru"


# --------------------------------------------------------------------------- the web app


def test_the_app_answers_a_chinese_question_and_refuses_a_russian_claim(
    multilingual_library, tmp_path, monkeypatch
):
    from streamlit.testing.v1 import AppTest

    shutil.copytree(multilingual_library.corpus_dir, tmp_path / "corpus")
    shutil.copytree(multilingual_library.index_dir, tmp_path / "index")
    monkeypatch.setenv("SILKQA_CORPUS", str(tmp_path / "corpus"))
    monkeypatch.setenv("SILKQA_INDEX", str(tmp_path / "index"))
    monkeypatch.setenv("SILKQA_MULTILINGUAL", "1")
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=180)
    at.run()
    question = next(r["question"] for r in gold_rows("zh") if r["answerable"])
    at.chat_input[0].set_value(question).run()
    assert not at.exception, [e.value for e in at.exception]
    answer = at.session_state["history"][-1]
    assert answer.language == "zh" and not answer.abstained and answer.citations
    assert any("quotes the English sources" in c.value for c in at.caption)
    assert 'class="sq-cite"' in "\n".join(m.value for m in at.markdown)

    at.tabs[1].text_area(key="claim").input("Казахстан импортирует нефть из Китая.")
    at.tabs[1].button[0].click().run()
    assert any("claim checks need English" in e.value for e in at.error)
