"""Shared fixtures. The real model is loaded once per test session and shared."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLD = ROOT / "gold"


@pytest.fixture(scope="session", autouse=True)
def english_only_by_default():
    """Indexes built by tests skip the multilingual vectors (~5 s of encoding each) unless a
    test turns them on: tests/test_multilingual.py does, on one session index."""
    import os

    before = os.environ.get("SILKQA_MULTILINGUAL")
    os.environ["SILKQA_MULTILINGUAL"] = "0"
    yield
    if before is None:
        os.environ.pop("SILKQA_MULTILINGUAL", None)
    else:
        os.environ["SILKQA_MULTILINGUAL"] = before


@pytest.fixture(scope="session")
def multilingual_library(tmp_path_factory, encoder, english_only_by_default):
    """The default corpus indexed with both vector sets, once per session: the multilingual
    encoder embeds the corpus here and nowhere else in the suite."""
    import os

    from silkqa.library import Library

    base = tmp_path_factory.mktemp("multilingual")
    shutil.copytree(CORPUS, base / "corpus")
    os.environ["SILKQA_MULTILINGUAL"] = "1"
    try:
        lib = Library(base / "corpus", base / "index")
        lib._encoder = encoder
        lib.update()
    finally:
        os.environ["SILKQA_MULTILINGUAL"] = "0"
    return lib


@pytest.fixture(scope="session")
def encoder():
    from silkqa.embedding import Encoder

    return Encoder()


class CountingEncoder:
    """Wraps the real encoder and counts the chunks sent through it."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.spec = inner.spec
        self.dim = inner.dim
        self.chunks_encoded = 0

    def __call__(self):
        return self

    def encode(self, texts):
        return self.inner.encode(texts)

    def encode_chunks(self, texts, spans, progress=None):
        self.chunks_encoded += len(texts)
        return self.inner.encode_chunks(texts, spans, progress)


@pytest.fixture()
def counting_encoder(encoder):
    return CountingEncoder(encoder)


@pytest.fixture()
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the default corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


# The answering and claim-checking suites run on every store; the rest of the suite on FAISS.
STORE_MODULES = ("test_answering", "test_claims")


def pytest_generate_tests(metafunc):
    if "library" in metafunc.fixturenames and metafunc.module.__name__.rsplit(".", 1)[-1] in STORE_MODULES:
        metafunc.parametrize("store", ["faiss", "milvus"], indirect=True, scope="session")


@pytest.fixture(scope="session")
def store(request) -> str:
    """Which store `library` uses: faiss, unless a test is parametrised over stores."""
    return getattr(request, "param", "faiss")


def _session_library(tmp_path_factory, encoder, store_uri=None):
    from silkqa.library import Library

    base = tmp_path_factory.mktemp("lib")
    corpus = base / "corpus"
    shutil.copytree(CORPUS, corpus)
    (base / "index").mkdir()
    lib = Library(corpus, base / "index", store=store_uri and store_uri.format(base=base))
    lib._encoder = encoder
    lib.update()
    return lib


@pytest.fixture(scope="session")
def faiss_library(tmp_path_factory, encoder):
    """The default corpus, indexed once per session into a temporary folder."""
    return _session_library(tmp_path_factory, encoder)


@pytest.fixture(scope="session")
def milvus_library(tmp_path_factory, encoder):
    """The default corpus in an embedded Milvus Lite store, once per session; its in-process
    server is stopped at the end (nothing left running)."""
    lib = _session_library(tmp_path_factory, encoder, "milvus:{base}/store.db")
    yield lib
    lib.store.close()


@pytest.fixture(scope="session")
def library(request, store):
    return request.getfixturevalue(f"{store}_library")


def copy_of(library, target: Path):
    """A Library over a copy of `library`'s index, whichever store holds it (a Milvus Lite
    database is closed first: it is a folder one process has open; the session's Library
    reconnects on its next search)."""
    from silkqa.library import Library

    uri = getattr(library.store, "uri", None)
    if uri is None:
        shutil.copytree(library.index_dir, target / "index")
        return lambda corpus: Library(corpus, target / "index")
    library.store.close()
    shutil.copytree(library.store.path, target / "store.db")
    return lambda corpus: Library(corpus, target / "index", store=f"milvus:{target / 'store.db'}")


@pytest.fixture(scope="module")
def one_torch_thread():
    """Encode one question at a time on one thread. On a busy 2-core machine two intra-op
    threads spin against each other and a one-question forward pass takes 10-20x longer;
    results are the same either way. Restored afterwards for the rest of the session."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture()
def cli(library, encoder, monkeypatch):
    """silkqa.cli.main in process on the session's index, sharing the session's encoder."""
    import silkqa.library
    from silkqa.cli import main

    monkeypatch.setattr(silkqa.library, "Encoder", lambda spec=None: encoder)
    for name in ("SILKQA_CORPUS", "SILKQA_INDEX", "SILKQA_MODEL"):
        monkeypatch.delenv(name, raising=False)

    def run(*args: str) -> int:
        where = ["--corpus", str(library.corpus_dir), "--index", str(library.index_dir)]
        if getattr(library.store, "uri", None):
            where += ["--store", library.store.uri]
        return main([*args, *where])

    return run


@pytest.fixture()
def screenshot_dir(tmp_path) -> Path:
    """Where browser tests save pictures: $SILKQA_SCREENSHOT_DIR (`make screenshots` sets
    docs/), else the test's temporary folder, so running the tests leaves the checkout clean."""
    folder = Path(os.environ.get("SILKQA_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
