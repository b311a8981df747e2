"""A rebuild that is killed, or that races another rebuild, never costs the user the index.

These tests run the real `silkqa` command in subprocesses and SIGKILL it at different
moments: while Python starts, while the model loads, while chunks are being embedded and
while the new generation is being written. Each time the previous index must still load and
answer exactly as before, and the next `silkqa index` must succeed and clean up after it.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from silkqa.errors import IndexBusy
from silkqa.generations import _Lock
from silkqa.retrieval import search
from silkqa.store import CURRENT, current_generation, load_index, update_index

SILKQA = str(Path(sys.executable).with_name("silkqa"))
QUERIES = ["natural gas pipeline from Turkmenistan", "railway freight corridor", "customs and trade"]

_TOPICS = [
    "energy",
    "natural gas",
    "pipeline",
    "railway",
    "freight",
    "customs",
    "trade",
    "investment",
    "agriculture",
    "water",
    "education",
    "tourism",
    "banking",
    "logistics",
    "textiles",
    "mining",
]
_PLACES = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan", "Xinjiang", "Almaty"]
_VERBS = ["expanded", "slowed", "doubled", "shifted", "recovered", "depended on", "competed with"]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SILKQA_")}
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _sentence(rng: random.Random) -> str:
    a, b = rng.sample(_TOPICS, 2)
    return (
        f"In {rng.randint(1995, 2024)} {a} between China and {rng.choice(_PLACES)} "
        f"{rng.choice(_VERBS)} {b} along the {rng.choice(_PLACES)} route, "
        f"by {rng.randint(2, 90)} percent according to report {rng.randint(1, 400)}."
    )


def write_corpus(folder: Path, n_docs: int = 40, seed: int = 7) -> Path:
    """~40 short Markdown papers (~100 chunks): with the model load, a rebuild takes seconds."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for d in range(n_docs):
        lines = [f"# Working paper {d}: {rng.choice(_TOPICS)} in {rng.choice(_PLACES)}", ""]
        for s in range(2):
            lines += [f"## {s + 1}. {rng.choice(_TOPICS).title()}", ""]
            lines += [" ".join(_sentence(rng) for _ in range(rng.randint(3, 5))), ""]
        (folder / f"paper-{d:02d}.md").write_text("\n".join(lines))
    return folder


def results(index_dir: Path, encoder) -> list[list[tuple[str, float]]]:
    index = load_index(index_dir)
    out = []
    for q in QUERIES:
        hits = search(index, encoder.encode([q])[0], q, k=5)
        out.append([(h.chunk.chunk_id, round(float(h.score), 5)) for h in hits])
    return out


def generations(index_dir: Path) -> list[str]:
    return sorted(p.name for p in index_dir.glob("gen-*"))


@pytest.fixture(scope="module")
def built(tmp_path_factory, encoder):
    """A 40-paper corpus with a complete index, and its answers to QUERIES."""
    base = tmp_path_factory.mktemp("interrupt")
    corpus = write_corpus(base / "corpus")
    index = base / "index"
    report = update_index(corpus, index, encoder=encoder)
    assert report.documents == 40 and report.chunks >= 80
    return corpus, index, results(index, encoder)


def _start_full_rebuild(corpus: Path, index: Path, log: Path) -> subprocess.Popen:
    # no --json: the progress bars ("chunking", "embedding", "writing") go to stderr
    return subprocess.Popen(
        [SILKQA, "index", "--full", "--corpus", str(corpus), "--index", str(index)],
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
        env=_env(),
    )


def _wait_for(condition, proc: subprocess.Popen, timeout: float = 90.0, poll: float = 0.005) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(poll)
    raise AssertionError("the rebuild neither reached the expected stage nor finished")


@pytest.mark.parametrize("moment", ["0.5s", "2s", "embedding", "writing"])
def test_killed_rebuild_leaves_previous_index_usable(built, encoder, tmp_path, moment):
    corpus, index, before = built
    live = current_generation(index).name
    log = tmp_path / "stderr.txt"
    proc = _start_full_rebuild(corpus, index, log)
    try:
        if moment.endswith("s"):
            time.sleep(float(moment[:-1]))
        elif moment == "embedding":
            _wait_for(lambda: "embedding" in log.read_text(errors="replace"), proc)
            time.sleep(1.0)  # into the encoder's batches
        else:  # a new generation folder appears: the rebuild is writing it
            _wait_for(lambda: len(generations(index)) > 1, proc)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    left_behind = [g for g in generations(index) if g != live]
    print(f"killed at {moment}: rc={proc.returncode}, leftovers={left_behind}, stderr tail:")
    print(log.read_text(errors="replace")[-300:])

    # The previous index is untouched and answers exactly as before. Only a kill in the
    # instant between writing and publishing may find the new generation live instead:
    # publishing is one atomic rename, so either is complete, and the corpus is the same.
    # The English half of a rebuild is published before its multilingual vectors are encoded
    # (docs/multilingual.md, "Deferred"): a kill during that second half finds the new
    # English generation live, with the multilingual set marked incomplete.
    now = current_generation(index)
    if moment != "writing" and now.name != live:
        entry = json.loads((now / "manifest.json").read_text())["multilingual"]
        assert entry is not None and entry["complete"] is False, "a finished or half-written rebuild is live"
    assert results(index, encoder) == before

    # The next update succeeds without the model (nothing changed) and drops the leftovers.
    done = subprocess.run(
        [SILKQA, "index", "--json", "--corpus", str(corpus), "--index", str(index)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["embedded_chunks"] == 0 and len(report["unchanged"]) == 40
    assert generations(index) == [current_generation(index).name]
    assert not list(index.glob(f"{CURRENT}.tmp-*"))
    assert results(index, encoder) == before


def test_two_rebuilds_at_once_one_wins_the_other_is_told(tmp_path, encoder):
    corpus = write_corpus(tmp_path / "corpus", n_docs=6)
    index = tmp_path / "index"
    update_index(corpus, index, encoder=encoder)
    before = results(index, encoder)

    command = [SILKQA, "index", "--full", "--json", "--corpus", str(corpus), "--index", str(index)]
    procs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=180) for p in procs]
    codes = sorted(p.returncode for p in procs)
    assert codes == [0, 2], outs

    loser_out, loser_err = next(o for p, o in zip(procs, outs, strict=True) if p.returncode == 2)
    assert loser_out == ""
    assert len(loser_err.strip().splitlines()) == 1
    assert "another rebuild" in loser_err and "Traceback" not in loser_err

    winner_out, _ = next(o for p, o in zip(procs, outs, strict=True) if p.returncode == 0)
    assert json.loads(winner_out)["documents"] == 6
    assert generations(index) == [current_generation(index).name]
    assert results(index, encoder) == before


def test_held_lock_refuses_a_rebuild_in_process_and_from_the_cli(tmp_path, encoder):
    corpus = write_corpus(tmp_path / "corpus", n_docs=3)
    index = tmp_path / "index"
    update_index(corpus, index, encoder=encoder)
    before = results(index, encoder)
    (corpus / "paper-new.md").write_text("# New\n\nA new paper on water sharing in the Fergana valley.\n")

    with _Lock(index):
        with pytest.raises(IndexBusy, match="another rebuild"):
            update_index(corpus, index, encoder=encoder)
        with pytest.raises(IndexBusy):
            update_index(corpus, index, encoder=encoder, full=True)
        cli = subprocess.run(
            [SILKQA, "index", "--corpus", str(corpus), "--index", str(index)],
            capture_output=True,
            text=True,
            env=_env(),
            timeout=120,
        )
        assert cli.returncode == 2
        assert cli.stderr.count("\n") == 1 and "another rebuild" in cli.stderr, cli.stderr
        # readers do not take the lock: search keeps working during a rebuild
        assert results(index, encoder) == before

    report = update_index(corpus, index, encoder=encoder)
    assert report.added == ["paper-new.md"]
