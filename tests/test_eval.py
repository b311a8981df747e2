"""`silkqa eval`: one JSON object of metrics over a gold set, a readable table without --json,
and exit status 2 with a one-line reason for a gold file that does not fit the library.

Runs silkqa.cli.main in-process on the session's index, sharing the session's encoder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from silkqa.evaluation import read_jsonl

pytestmark = [pytest.mark.model, pytest.mark.usefixtures("one_torch_thread")]

GOLD = Path(__file__).resolve().parents[1] / "gold"


def _pick(path: Path, ids: list[str]) -> list[dict]:
    rows = {r["id"]: r for r in read_jsonl(path)}
    return [rows[i] for i in ids]


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def small_gold(tmp_path_factory) -> tuple[Path, Path]:
    """Four gold questions (one unanswerable) and three gold claims, one of each verdict."""
    base = tmp_path_factory.mktemp("gold")
    questions = _pick(GOLD / "questions.jsonl", ["q01", "q06", "q23", "q73"])
    assert [q["answerable"] for q in questions] == [True, True, True, False]
    claims = _pick(GOLD / "claims.jsonl", ["c01", "c18", "c36"])
    assert [c["verdict"] for c in claims] == ["supported", "contradicted", "not_found"]
    return _write_jsonl(base / "questions.jsonl", questions), _write_jsonl(base / "claims.jsonl", claims)


@pytest.fixture()
def cli(cli):
    """The shared in-process CLI, always running `silkqa eval`."""
    return lambda *args: cli("eval", *args)


@pytest.fixture(scope="module")
def eval_json(library, encoder, small_gold):
    """`silkqa eval --json --gold ... --claims ...`, run once: (exit status, stdout, stderr)."""
    import contextlib
    import io

    import silkqa.library
    from silkqa.cli import main

    questions, claims = small_gold
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(silkqa.library, "Encoder", lambda spec=None: encoder)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(
                [
                    "eval",
                    "--json",
                    "--gold",
                    str(questions),
                    "--claims",
                    str(claims),
                    "--corpus",
                    str(library.corpus_dir),
                    "--index",
                    str(library.index_dir),
                ]
            )
    return status, out.getvalue(), err.getvalue()


def test_eval_json_prints_one_object(eval_json):
    status, out, err = eval_json
    assert status == 0, err
    lines = out.strip().splitlines()
    assert len(lines) == 1
    assert isinstance(json.loads(lines[0]), dict)


def test_eval_json_has_the_question_metrics(eval_json):
    q = json.loads(eval_json[1])["questions"]
    assert (q["questions"], q["answerable"], q["unanswerable"]) == (4, 3, 1)
    assert set(q["retrieval"]) == {"dense", "bm25", "hybrid"}
    for mode, m in q["retrieval"].items():
        for name in ("recall@1", "recall@5", "mrr"):
            assert 0.0 <= m[name] <= 1.0, (mode, name, m)
        assert m["recall@1"] <= m["recall@5"]
    for name in ("answers_citing_passage", "wrongly_refused", "abstention_precision", "abstention_recall"):
        assert 0.0 <= q[name] <= 1.0, name
    assert q["latency_ms"]["p50"] > 0
    assert q["latency_ms"]["p95"] >= q["latency_ms"]["p50"]
    # the off-topic question in the set is refused
    assert q["abstention_recall"] == 1.0


def test_eval_json_has_the_claim_metrics(eval_json):
    c = json.loads(eval_json[1])["claims"]
    assert c["claims"] == 3
    assert 0.0 <= c["accuracy"] <= 1.0
    assert set(c["per_verdict"]) == {"supported", "contradicted", "not_found"}
    for verdict, m in c["per_verdict"].items():
        assert m["n"] == 1, verdict
        assert 0.0 <= m["precision"] <= 1.0 and 0.0 <= m["recall"] <= 1.0


def test_eval_without_json_prints_a_table(cli, small_gold, capsys):
    questions, _ = small_gold  # questions only: with --gold and no --claims, claims are not scored
    assert cli("--gold", str(questions)) == 0
    out = capsys.readouterr().out
    assert "recall@5" in out
    assert "hybrid" in out
    assert "Claims:" not in out
    with pytest.raises(json.JSONDecodeError):
        json.loads(out)


def _one_line_error(capsys) -> str:
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("silkqa:")
    return lines[0]


def test_a_gold_passage_not_in_the_library_exits_2(cli, small_gold, tmp_path, capsys):
    questions, _ = small_gold
    rows = read_jsonl(questions)
    rows[0] = {**rows[0], "id": "q-bad", "passage": "a sentence that no document in the library contains"}
    bad = _write_jsonl(tmp_path / "bad.jsonl", rows)
    assert cli("--json", "--gold", str(bad)) == 2
    assert "q-bad" in _one_line_error(capsys)


def test_a_missing_gold_file_exits_2(cli, tmp_path, capsys):
    missing = tmp_path / "nowhere.jsonl"
    assert cli("--json", "--gold", str(missing)) == 2
    assert "not found" in _one_line_error(capsys)
