"""Benchmark section for the multilingual path (issue 12): what the second vector set costs.

- Index build, both vector sets vs MiniLM only, on the same generated corpus and on the real
  one, interleaved (English-only, both, English-only, both ...) so that load drifts hit both:
  target <= 1.6x; and the time until the English generation of the both-sets build is live
  (the multilingual vectors are deferred after it): target the English-only build's. The MiniLM encoder is loaded beforehand in both cases; the multilingual one
  is loaded inside the timed build (it is part of the price, ~10 ms).
- English `silkqa ask` cold start on an index with both vector sets vs on an English-only
  index of the same corpus: target not slower (the multilingual encoder and vectors must stay
  unloaded). A Chinese `ask` cold start is shown beside it for information.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
import time
from pathlib import Path

import numpy as np


def _build(corpus: Path, index: Path, encoder, multilingual: bool) -> tuple[float, float]:
    """(whole build, until the English generation was live) in seconds."""
    from silkqa.store import update_index

    os.environ["SILKQA_MULTILINGUAL"] = "1" if multilingual else "0"
    shutil.rmtree(index, ignore_errors=True)
    gc.collect()
    started = time.perf_counter()
    report = update_index(corpus, index, encoder=encoder, full=True)
    whole = time.perf_counter() - started
    return whole, report.english_seconds if report.english_seconds is not None else whole


def bench_multilingual(rep, encoder, tmp: Path, quick: bool, h) -> None:
    """`h` is benchmarks/run.py's module: its Report helpers, corpus generator and runner."""
    before = os.environ.get("SILKQA_MULTILINGUAL")
    try:
        generated = tmp / "ml-corpus"
        paths = h.write_corpus(generated, 8 if quick else 30, seed=3, sections=5, paragraphs=4)
        chunks = len(h.chunk_texts(paths, generated))
        reps = 1 if quick else 2
        rows = []
        raw = {}
        _build(h.ROOT / "corpus", tmp / "ml-warm", encoder, False)  # imports and caches, untimed
        for label, corpus in (
            (f"generated, {len(paths)} documents, {chunks} chunks", generated),
            ("real corpus/", h.ROOT / "corpus"),
        ):
            en, both, live = [], [], []
            for i in range(reps):
                for on in (False, True) if i % 2 == 0 else (True, False):
                    whole, english = _build(corpus, tmp / "ml-both", encoder, on)
                    if on:
                        both.append(whole)
                        live.append(english)
                    else:
                        en.append(whole)
            t_en, t_both, t_live = float(np.median(en)), float(np.median(both)), float(np.median(live))
            h.log(
                f"  multilingual build ({label}): English-only {t_en:.1f}s, both {t_both:.1f}s "
                f"(English live after {t_live:.1f}s)"
            )
            rows.append(
                [
                    f"`update_index(full=True)`, {label}: whole build, both vector sets",
                    h.ms(t_both),
                    h.ms(t_en),
                    h.ratio(t_both, t_en),
                    f"≤ 1.6× {h.verdict(t_both / t_en <= 1.6)}",
                ]
            )
            rows.append(
                [
                    "… until its English generation is live (multilingual vectors follow, deferred)",
                    h.ms(t_live),
                    h.ms(t_en),
                    h.ratio(t_live, t_en),
                    f"≤ 1.1× (noise) {h.verdict(t_live / t_en <= 1.1)}",
                ]
            )
            raw[label] = {"english_only_s": en, "both_s": both, "english_live_s": live}
        rep.section("Multilingual vectors — cost (issue 12)")
        rep.table(
            [
                "measure",
                "both vector sets",
                "baseline: MiniLM only (SILKQA_MULTILINGUAL=0)",
                "ratio",
                "target",
            ],
            rows,
        )

        # Cold start: the real corpus indexed both ways, the same English question to each.
        for name, on in (("ml-cold-en", False), ("ml-cold-both", True)):
            _build(h.ROOT / "corpus", tmp / name, encoder, on)
        os.environ["SILKQA_MULTILINGUAL"] = "1"
        question = "What does China import from Kazakhstan?"
        commands = {
            "en-only index": [str(h.BIN / "silkqa"), "ask", question, "--index", str(tmp / "ml-cold-en")],
            "both index": [str(h.BIN / "silkqa"), "ask", question, "--index", str(tmp / "ml-cold-both")],
            "zh question": [
                str(h.BIN / "silkqa"),
                "ask",
                "中国主要从哈萨克斯坦进口什么？",
                "--index",
                str(tmp / "ml-cold-both"),
            ],
        }
        times: dict[str, list[float]] = {k: [] for k in commands}
        for _ in range(1 if quick else 3):  # round-robin
            for key, cmd in commands.items():
                t, proc = h.run([*cmd, "--corpus", str(h.ROOT / "corpus"), "--json"], env=dict(os.environ))
                if proc.returncode == 0:
                    times[key].append(t)
        med = {k: float(np.median(v)) if v else float("nan") for k, v in times.items()}
        h.log(f"  cold ask: {med}")
        rep.table(
            [
                "cold start, `silkqa ask … --json`",
                "time (median)",
                "baseline: English question, English-only index",
                "ratio",
                "target",
            ],
            [
                [
                    "English question, index with both vector sets",
                    h.ms(med["both index"]),
                    h.ms(med["en-only index"]),
                    h.ratio(med["both index"], med["en-only index"]),
                    f"≤ 1.0× (noise ±10%) {h.verdict(med['both index'] <= 1.1 * med['en-only index'])}",
                ],
                [
                    "Chinese question, index with both vector sets",
                    h.ms(med["zh question"]),
                    h.ms(med["en-only index"]),
                    h.ratio(med["zh question"], med["en-only index"]),
                    "",
                ],
            ],
        )
        rep.raw["multilingual"] = {"build": raw, "cold_ask_s": times}
    finally:
        if before is None:
            os.environ.pop("SILKQA_MULTILINGUAL", None)
        else:
            os.environ["SILKQA_MULTILINGUAL"] = before
        sys.stdout.flush()
