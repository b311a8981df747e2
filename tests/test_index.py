"""The on-disk index: incremental by content, refuses a foreign model, links the catalog."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from silkqa.chunking import chunk_document
from silkqa.documents import load_document
from silkqa.errors import IndexMismatch
from silkqa.library import Library
from silkqa.store import current_generation, load_index, read_manifest, update_index

ROOT = Path(__file__).resolve().parents[1]

SECTIONS = {
    "Routes": "The northern route crossed the Kazakh steppe from Otrar to the Volga. "
    "Caravans rested at wells that were a day's march apart.",
    "Goods": "Silk, tea and porcelain went west. Horses, furs and silver came east to the Chinese markets.",
    "Cities": "Samarkand and Bukhara grew rich as places of exchange. Their bazaars were famous for paper.",
}


def write_md(path: Path, title: str, sections: dict[str, str]) -> Path:
    body = "".join(f"## {name}\n\n{text}\n\n" for name, text in sections.items())
    path.write_text(f"# {title}\n\n{body}", encoding="utf-8")
    return path


def chunk_count(path: Path, corpus: Path) -> int:
    return len(chunk_document(load_document(path, path.relative_to(corpus).as_posix())))


def refuse_to_load():
    raise AssertionError("the model was loaded although nothing needed embedding")


@pytest.fixture()
def tiny(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    write_md(corpus / "routes.md", "Caravan routes", SECTIONS)
    write_md(
        corpus / "steppe.md",
        "Life on the steppe",
        {"Herding": "Nomads moved their herds between summer and winter pastures. Yurts were easy to carry."},
    )
    return corpus, index


def search_sources(index_dir: Path, encoder, query: str) -> set[str]:
    lib = Library(index_dir.parent / "corpus", index_dir)
    lib._encoder = encoder
    return {hit.chunk.source for hit in lib.search(query, k=50)}


def test_incremental_updates_embed_only_new_text(tiny, counting_encoder, encoder):
    corpus, index = tiny
    total = chunk_count(corpus / "routes.md", corpus) + chunk_count(corpus / "steppe.md", corpus)

    first = update_index(corpus, index, encoder=counting_encoder)
    assert first.added == ["routes.md", "steppe.md"]
    assert first.chunks == total == first.embedded_chunks == counting_encoder.chunks_encoded
    assert first.documents == 2

    # nothing changed: no embedding, and the model is not even loaded
    again = update_index(corpus, index, encoder=refuse_to_load)
    assert (again.added, again.changed, again.removed) == ([], [], [])
    assert again.unchanged == ["routes.md", "steppe.md"]
    assert again.embedded_chunks == 0 and again.chunks == total

    # a new file: only its chunks go through the encoder
    (corpus / "sub").mkdir()
    new = write_md(
        corpus / "sub" / "oases.md",
        "Oases",
        {
            "Water": "Oasis towns lived on snow melt from the mountains.",
            "Trade": "Melons from Khiva were carried in lead boxes packed with snow to the Caliph.",
        },
    )
    counting_encoder.chunks_encoded = 0
    added = update_index(corpus, index, encoder=counting_encoder)
    assert added.added == ["sub/oases.md"]
    assert added.unchanged == ["routes.md", "steppe.md"]
    new_chunks = chunk_count(new, corpus)
    assert added.embedded_chunks == counting_encoder.chunks_encoded == new_chunks > 0
    assert added.chunks == total + new_chunks

    # a changed file: only the chunk whose text changed is embedded again
    changed_sections = dict(SECTIONS, Goods=SECTIONS["Goods"].replace("silver", "gold"))
    write_md(corpus / "routes.md", "Caravan routes", changed_sections)
    counting_encoder.chunks_encoded = 0
    changed = update_index(corpus, index, encoder=counting_encoder)
    assert changed.changed == ["routes.md"]
    assert changed.embedded_chunks == counting_encoder.chunks_encoded == 1
    loaded = load_index(index)
    goods = [c for c in loaded.chunks if c.section == "Goods"]
    assert len(goods) == 1 and "gold came east" in goods[0].text
    # the reused vectors are the ones the encoder gives for that text
    row = loaded.row_of(next(c.chunk_id for c in loaded.chunks if c.section == "Routes"))
    fresh = encoder.encode_chunks([loaded.chunks[row].text], [[(0, len(loaded.chunks[row].text))]])[0][0]
    assert float(fresh @ loaded.chunk_vectors[row]) > 0.999

    # a removed file: its chunks leave the index and the search results
    assert "steppe.md" in search_sources(index, encoder, "nomads herds yurts pastures")
    (corpus / "steppe.md").unlink()
    removed = update_index(corpus, index, encoder=refuse_to_load)
    assert removed.removed == ["steppe.md"] and removed.embedded_chunks == 0
    assert "steppe.md" not in search_sources(index, encoder, "nomads herds yurts pastures")
    assert all(c.source != "steppe.md" for c in load_index(index).chunks)
    assert "steppe.md" not in read_manifest(index)["files"]


def test_full_rebuild_embeds_everything_again(tiny, counting_encoder):
    corpus, index = tiny
    first = update_index(corpus, index, encoder=counting_encoder)
    counting_encoder.chunks_encoded = 0
    full = update_index(corpus, index, full=True, encoder=counting_encoder)
    assert full.embedded_chunks == counting_encoder.chunks_encoded == first.chunks == full.chunks
    assert sorted(full.added) == ["routes.md", "steppe.md"]
    assert len(list(index.glob("gen-*"))) == 1  # the old generation is gone


def test_an_index_cut_by_an_older_chunker_is_outdated_until_updated(tiny, counting_encoder):
    corpus, index = tiny
    update_index(corpus, index, encoder=counting_encoder)
    lib = Library(corpus, index)
    assert lib.has_index() and not lib.index_is_outdated()
    manifest_file = current_generation(index) / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    manifest["chunking"]["version"] -= 1  # as an older silkqa wrote it
    manifest_file.write_text(json.dumps(manifest))
    assert lib.index_is_outdated()
    counting_encoder.chunks_encoded = 0
    report = update_index(corpus, index, encoder=counting_encoder)
    assert not lib.index_is_outdated()
    assert report.embedded_chunks == counting_encoder.chunks_encoded == 0  # same text, vectors kept


def test_an_index_built_with_another_model_is_refused(tiny, counting_encoder):
    corpus, index = tiny
    update_index(corpus, index, encoder=counting_encoder)
    manifest_path = current_generation(index) / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["model"]["name"] = "someone/else-model"
    manifest_path.write_text(json.dumps(manifest))

    for attempt in (
        lambda: update_index(corpus, index, encoder=refuse_to_load),
        lambda: load_index(index),
    ):
        with pytest.raises(IndexMismatch) as err:
            attempt()
        assert "silkqa index --full" in str(err.value)
        assert "someone/else-model" in str(err.value)

    rebuilt = update_index(corpus, index, full=True, encoder=counting_encoder)
    assert read_manifest(index)["model"]["name"] == counting_encoder.spec.name
    assert load_index(index).chunks and rebuilt.documents == 2


def test_hidden_files_duplicates_and_unsupported_types(tiny, counting_encoder):
    corpus, index = tiny
    (corpus / ".draft.md").write_text("# Hidden\n\nNot for the index.\n")
    (corpus / "~lock.md").write_text("# Lock\n\nEditor lock file.\n")
    (corpus / "data.csv").write_text("a,b\n1,2\n")
    shutil.copy(corpus / "steppe.md", corpus / "steppe-copy.md")
    report = update_index(corpus, index, encoder=counting_encoder)
    skipped = {s.path: s.reason for s in report.skipped}
    assert "unsupported file type" in skipped["data.csv"]
    duplicates = [p for p in ("steppe.md", "steppe-copy.md") if "same content as" in skipped.get(p, "")]
    assert len(duplicates) == 1  # indexed once, under one of the two names
    assert not any(".draft" in p or "~lock" in p for p in skipped)
    assert report.documents == 2


def test_a_skipped_file_is_never_reported_as_unchanged(tiny, counting_encoder):
    corpus, index = tiny
    (corpus / "README").write_bytes(b"\x7fELF\x00\x00\x00binary")
    (corpus / "FAQ").write_text("Kiln FAQ\n\nKiln bakes static pages from notes.\n")
    first = update_index(corpus, index, encoder=counting_encoder)
    assert [s.path for s in first.skipped] == ["README"] and "FAQ" in first.added
    for again in (update_index(corpus, index, encoder=counting_encoder),):  # nothing changed
        assert [s.path for s in again.skipped] == ["README"]
        assert "README" not in again.unchanged and "FAQ" in again.unchanged
    (corpus / "steppe.md").write_text((corpus / "steppe.md").read_text() + "\nOne more line.\n")
    changed = update_index(corpus, index, encoder=counting_encoder)  # something changed
    assert "README" not in changed.unchanged and [s.path for s in changed.skipped] == ["README"]


# --------------------------------------------------------------------------- the catalog


def test_the_catalog_answers_who_wrote_a_cited_study(library):
    hits = library.search("who wrote the study on trade facilitation", k=3)
    assert "ref:li-2018" in [h.chunk.doc_id for h in hits]
    ref = library.index.reference_by_doc_id("ref:li-2018")
    assert ref.authors == ("Li Siqi",) and ref.year == 2018
    # in-text marker [2] of the paper resolves to that entry
    assert library.index.reference("huo-silk-road-central-asia.md", "2").key == "li-2018"


def test_a_full_text_whose_title_matches_a_catalog_entry_is_linked(tmp_path, counting_encoder):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    shutil.copy(ROOT / "corpus" / "references.json", corpus / "references.json")
    first = update_index(corpus, index, encoder=counting_encoder)
    assert first.documents > 0 and load_index(index).links == {}
    # a student counts the bibliography's entries as cited works, not as documents of their own
    entries = len(json.loads((corpus / "references.json").read_text(encoding="utf-8"))["entries"])
    assert first.cited_works == first.documents == entries
    assert update_index(corpus, index, encoder=counting_encoder).cited_works == entries  # nothing changed

    catalog = json.loads((corpus / "references.json").read_text(encoding="utf-8"))
    title = next(e["title"] for e in catalog["entries"] if e["key"] == "li-2018")
    (corpus / "li-trade-facilitation.md").write_text(
        f"---\ntitle: '{title}'\nauthors: Li Siqi\nyear: 2018\n---\n\n"
        "Trade facilitation lowers the cost of crossing borders between China and Central Asia.\n",
        encoding="utf-8",
    )
    counting_encoder.chunks_encoded = 0
    report = update_index(corpus, index, encoder=counting_encoder)
    assert report.added == ["li-trade-facilitation.md"]
    assert counting_encoder.chunks_encoded == 1  # the catalog entries kept their vectors
    loaded = load_index(index)
    assert loaded.links == {"li-2018": "li-trade-facilitation.md"}
    assert read_manifest(index)["links"] == {"li-2018": "li-trade-facilitation.md"}


def test_search_hits_carry_the_section_of_the_paper(library):
    hits = library.search("Which goods does China import from Kazakhstan and Turkmenistan?", k=3)
    top = hits[0].chunk
    assert top.source == "huo-silk-road-central-asia.md"
    assert top.section == "2.2 Economic, trade and investment" and top.page is None
    assert "crude oil" in top.text
    data = hits[0].to_json()
    assert data["section"] == "2.2 Economic, trade and investment" and data["source"] == top.source


def test_the_best_passage_by_words_alone_is_read_though_meaning_ranks_it_lower(library):
    from silkqa.retrieval import search

    index = library.index
    question = "Which two countries chose a step-by-step path of reform?"
    vector = library.encoder.encode([question])[0]
    best = int(index.lexical.scores(question).argmax())
    plain = search(index, vector, question, k=1)
    assert [h.row for h in plain] != [best]  # meaning and words rank another passage first
    read = search(index, vector, question, k=1, with_best_lexical=True)
    assert [h.row for h in read] == [plain[0].row, best]  # the fused ranking leads; the word-best after it


def test_the_words_that_ask_do_not_outweigh_the_term_asked_about():
    # BM25 keeps "what", "does", "do" (its stopword list is short): a heading "What does it do?"
    # would outscore the one passage that names the rare option asked about
    from silkqa.lexical import LexicalIndex

    texts = [
        "What does it do? It cleans the HTML you give it, and what it does is fast.",
        "What do I do when a build fails? Read the log, then do it again.",
        "Option: passOnStoreError; Type: boolean; Remarks: allow traffic if the store is down.",
    ]
    scores = LexicalIndex.build(texts).scores("What does passOnStoreError do?")
    assert int(scores.argmax()) == 2
    assert LexicalIndex.build(texts).scores("what does it do").max() > 0  # nothing else asked: kept
    from silkqa.lexical import query_tokens

    assert query_tokens("What is the CAN bus?") == ["can", "bus"]  # a name, written as one


def test_two_words_the_library_writes_as_one_find_it():
    # "shut down" asked of a manual that writes "shutdown": the joined word counts
    from silkqa.lexical import LexicalIndex

    texts = [
        "The limiter runs jobs in the order they were added, and each job may run down its queue.",
        "The stop() method is used to safely shutdown a limiter.",
        "Call close to shut the file.",
    ]
    assert int(LexicalIndex.build(texts).scores("how do I shut down a limiter").argmax()) == 1
