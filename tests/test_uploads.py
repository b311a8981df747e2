"""Uploads: a hostile file name never escapes the corpus folder, a copy is recognised, and a
file that is not what it claims to be is refused before it reaches the corpus."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from silkqa.uploads import (
    MAX_NAME_BYTES,
    add_uploads,
    check_upload,
    safe_filename,
    save_upload,
    sniff,
)

TEXT = b"# Oasis irrigation\n\nDrip irrigation in the Fergana valley saves water for cotton farms.\n"

HOSTILE = [
    "../../etc/passwd.md",
    "/abs/x.md",
    "..\\..\\windows\\system32\\evil.md",
    "C:\\Users\\me\\notes.md",
    "a\x00b.md",
    "bell\x07\x1b[31mred.md",
    "line\nbreak\r.md",
    "right-to-left\u202egnp.md",
    "zero\u200bwidth.md",
    "x" * 500 + ".md",
    "名" * 300 + ".md",
    "..",
    "../..",
    ".",
    "",
    "   ",
    ".hidden",
    ".hidden.md",
    "....md",
    "a/../../b.md",
    "~/.ssh/authorized_keys.md",
    "<script>alert(1)</script>.md",
    'quo"te|pipe?*.md',
]


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


@pytest.fixture()
def sandbox(tmp_path):
    """A corpus folder inside a sandbox, so anything written beside it is noticed."""
    corpus = tmp_path / "sandbox" / "corpus"
    corpus.mkdir(parents=True)
    return corpus


@pytest.mark.parametrize("name", HOSTILE)
def test_safe_filename_is_a_plain_bounded_base_name(name):
    safe = safe_filename(name)
    assert safe
    assert "/" not in safe and "\\" not in safe
    assert not safe.startswith(".")
    assert safe not in {".", ".."}
    assert ".." not in safe
    assert len(safe.encode("utf-8")) <= MAX_NAME_BYTES
    assert not any(unicodedata.category(ch).startswith("C") for ch in safe)
    assert not set(safe) & set('<>:"|?*')


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_stay_inside_the_corpus(sandbox, name):
    before = files_under(sandbox.parent.parent)
    outcome = save_upload(sandbox, name, TEXT)
    created = files_under(sandbox.parent.parent) - before
    if outcome.status == "added":
        assert created == {sandbox / outcome.source}
        target = (sandbox / outcome.source).resolve()
        assert target.parent == sandbox.resolve()
        assert target.read_bytes() == TEXT
        assert target.suffix == ".md"
        assert not target.name.startswith(".")
    else:
        assert outcome.status == "refused"
        assert created == set()
    assert not any(p.name.startswith(".upload-") for p in sandbox.iterdir()), "temporary file left behind"


def test_names_keep_their_extension_and_readable_stem():
    assert safe_filename("../../etc/passwd.md") == "passwd.md"
    assert safe_filename("/abs/x.md") == "x.md"
    assert safe_filename("Field Notes.MD") == "Field Notes.md"
    assert safe_filename(".hidden.md") == "hidden.md"
    long = safe_filename("x" * 500 + ".md")
    assert long.endswith(".md") and long.startswith("xxx")
    wide = safe_filename("名" * 300 + ".pdf")
    assert wide.endswith(".pdf") and len(wide.encode()) <= MAX_NAME_BYTES


@pytest.mark.parametrize("name", ["..", "", ".hidden", "   ", "noextension"])
def test_names_without_an_allowed_extension_are_refused(sandbox, name):
    outcome = save_upload(sandbox, name, TEXT)
    assert outcome.status == "refused"
    assert "cannot be added" in outcome.message
    assert list(sandbox.iterdir()) == []


def test_a_faq_without_an_extension_is_refused_with_the_name_to_give_it(sandbox):
    outcome = save_upload(sandbox, "FAQ", TEXT)
    assert outcome.status == "refused" and "rename it to FAQ.txt" in outcome.message
    assert list(sandbox.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("tool.exe", b"MZ\x90\x00binary", "cannot be added"),
        ("page.html", b"<html><body>hi</body></html>", "cannot be added"),
        ("sheet.docx", b"PK\x03\x04zip", "cannot be added"),
        ("picture.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("archive.txt", b"PK\x03\x04\x14\x00\x00\x00", "binary"),
        ("nulls.txt", b"text with \x00 nul bytes \x00 in it", "binary"),
        ("fake.pdf", b"# just markdown\n\nnot a pdf at all\n", "not a PDF"),
        ("real-pdf.md", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "is a PDF"),
        ("broken.pdf", b"%PDF-1.4\nthis is not really a pdf body\n%%EOF", "PDF"),
        ("empty.md", b"", "empty"),
        ("blank.txt", b" \n\n\t ", "empty"),
    ],
)
def test_wrong_or_unreadable_content_is_refused(sandbox, name, data, reason):
    outcome = save_upload(sandbox, name, data)
    assert outcome.status == "refused", outcome
    assert reason in outcome.message
    assert list(sandbox.iterdir()) == []


def test_size_limit(sandbox):
    outcome = save_upload(sandbox, "big.md", b"# Big\n\n" + b"word " * 400, max_bytes=1000)
    assert outcome.status == "refused"
    assert "too large" in outcome.message
    assert list(sandbox.iterdir()) == []


def test_sniffing_looks_at_content_not_name():
    assert sniff(b"%PDF-1.7\n...") == "pdf"
    assert sniff(b"\n  %PDF-1.4") == "pdf"
    assert sniff(b"\x89PNG\r\n") == "binary"
    assert sniff("Ünïcode text".encode()) == "text"
    assert sniff(b"\xef\xbb\xbf# BOM markdown") == "text"


def test_a_real_pdf_is_accepted(sandbox):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, "Caravan routes across the steppe carried silk and horses between the oases.")
    data = bytes(pdf.output())
    assert check_upload("steppe.pdf", data) == "steppe.pdf"
    outcome = save_upload(sandbox, "steppe.pdf", data)
    assert outcome.status == "added"
    assert (sandbox / "steppe.pdf").read_bytes() == data


def test_duplicates_are_recognised_by_content(sandbox):
    first = save_upload(sandbox, "notes.md", TEXT)
    assert first.status == "added" and first.source == "notes.md"
    again = save_upload(sandbox, "other name.md", TEXT)
    assert again.status == "duplicate"
    assert again.source == "notes.md"
    assert "already in the library" in again.message
    assert sorted(p.name for p in sandbox.iterdir()) == ["notes.md"]


def test_a_copy_of_an_existing_corpus_file_is_a_duplicate(corpus_copy):
    paper = next(corpus_copy.glob("*.md"))
    outcome = save_upload(corpus_copy, "renamed-copy.md", paper.read_bytes())
    assert outcome.status == "duplicate"
    assert outcome.source == paper.name
    assert not (corpus_copy / "renamed-copy.md").exists()


def test_same_name_other_content_gets_a_new_name(sandbox):
    assert save_upload(sandbox, "notes.md", TEXT).source == "notes.md"
    other = save_upload(sandbox, "notes.md", TEXT.replace(b"cotton", b"wheat"))
    assert other.status == "added"
    assert other.source == "notes-2.md"
    assert (sandbox / "notes.md").read_bytes() == TEXT


def test_a_symlink_in_the_corpus_is_never_written_through(sandbox):
    outside = sandbox.parent / "outside.md"
    outside.write_bytes(b"# Outside\n\nmust stay as it is\n")
    os.symlink(outside, sandbox / "trap.md")
    outcome = save_upload(sandbox, "trap.md", TEXT)
    assert outcome.status == "added"
    assert outcome.source == "trap-2.md"
    assert outside.read_bytes() == b"# Outside\n\nmust stay as it is\n"


def test_add_uploads_indexes_the_new_document(corpus_copy, tmp_path, encoder):
    from silkqa.library import Library

    lib = Library(corpus_copy, tmp_path / "index")
    lib._encoder = encoder
    lib.update()
    note = (
        b"---\ntitle: Oasis irrigation in the Fergana valley\n---\n\n# Oasis irrigation in the Fergana valley\n\n"
        b"Drip irrigation in the Fergana valley cut the water used by cotton farms by a third between 2015 and 2020.\n"
    )
    outcomes, report = add_uploads(lib, [("../oasis.md", note), ("again.md", note), ("x.exe", b"MZ")])
    assert [o.status for o in outcomes] == ["added", "duplicate", "refused"]
    assert report is not None and report.added == ["oasis.md"]
    assert "oasis.md" in lib.index.documents
    answer = lib.ask("How much water did drip irrigation save for cotton farms in the Fergana valley?")
    assert not answer.abstained
    assert answer.citations[0].source == "oasis.md"


def test_add_uploads_without_new_files_does_not_touch_the_index(sandbox):
    class NoUpdate:
        corpus_dir = sandbox

        def update(self, **kwargs):  # pragma: no cover - must not be called
            raise AssertionError("no file was added, so nothing to index")

    outcomes, report = add_uploads(NoUpdate(), [("tool.exe", b"MZ")])
    assert outcomes[0].status == "refused" and report is None


def test_uploads_while_the_index_is_busy_are_kept_for_the_next_update(corpus_copy, tmp_path, encoder):
    import subprocess
    import sys

    from silkqa.library import Library
    from silkqa.store import LOCK

    lib = Library(corpus_copy, tmp_path / "index")
    lib._encoder = encoder
    lib.update()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from filelock import FileLock; lock = FileLock(sys.argv[1]); lock.acquire();"
            " print('locked', flush=True); sys.stdin.read()",
            str(tmp_path / "index" / LOCK),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        outcomes, report = add_uploads(lib, [("oasis.md", TEXT)])
    finally:
        holder.communicate("", timeout=30)
    assert report is None
    assert outcomes[0].status == "added" and "next update" in outcomes[0].message
    assert (corpus_copy / "oasis.md").exists()
    assert lib.update().added == ["oasis.md"]
