"""Benchmark section for the Milvus store (issue 14): FAISS files vs embedded Milvus Lite, in one
run, on the same corpus and encoder.

- Index build of a generated corpus, each store against the encoder alone (measured before
  and after, averaged), then a rebuild with nothing changed (no model, nothing written).
- Warm per-query `Library.search` / `Library.ask` on the default corpus, both stores,
  interleaved with `Encoder.encode([query])` as the baseline.
- Milvus Lite at 100k synthetic MiniLM-like vectors (the IVF_FLAT index the store builds past
  vectors.EXACT_LIMIT): insert + flush + index time, search p50/p95 and recall@10 against
  exact search, beside FAISS's shipped IVF on the same vectors.
"""

from __future__ import annotations

import gc
import shutil
import time
from pathlib import Path

import numpy as np


def _store_build(corpus: Path, where: Path, uri: str, encoder) -> tuple[float, object]:
    from silkqa.stores import open_store

    store = open_store(uri, where)
    gc.collect()
    started = time.perf_counter()
    report = store.update(corpus, spec=encoder.spec, full=True, encoder=encoder)
    return time.perf_counter() - started, (store, report)


def _no_change(store, corpus: Path, encoder) -> float:
    def refuse():
        raise AssertionError("a rebuild with nothing changed loaded the model")

    times = []
    for _ in range(3):
        started = time.perf_counter()
        again = store.update(corpus, spec=encoder.spec, encoder=refuse)
        times.append(time.perf_counter() - started)
        assert again.embedded_chunks == 0
    return float(np.median(times))


def bench_milvus(rep, encoder, tmp: Path, quick: bool, h) -> None:
    """`h` is benchmarks/run.py's module: its Report helpers, corpus generator and runner."""
    from silkqa.library import Library

    # ---- build and no-change rebuild, same generated corpus
    corpus = tmp / "mv-corpus"
    paths = h.write_corpus(corpus, 8 if quick else 30, seed=1, sections=5, paragraphs=4)
    texts = h.chunk_texts(paths, corpus)
    h.log(f"milvus: build of {len(texts)} chunks, FAISS and Milvus Lite")

    encode_all = h.encoder_timer(encoder, texts)

    # each build bracketed by the encoder alone (the load on these VMs drifts over minutes)
    t_before = encode_all()
    t_faiss, (faiss_store, faiss_report) = _store_build(corpus, tmp / "mv-faiss", "faiss", encoder)
    t_between = encode_all()
    t_milvus, (milvus_store, milvus_report) = _store_build(corpus, tmp, f"milvus:{tmp / 'bench.db'}", encoder)
    t_after = encode_all()
    enc_faiss, enc_milvus = (t_before + t_between) / 2, (t_between + t_after) / 2
    assert faiss_report.chunks == milvus_report.chunks == len(texts)
    same_faiss = _no_change(faiss_store, corpus, encoder)
    same_milvus = _no_change(milvus_store, corpus, encoder)
    milvus_store.close()

    rep.section(
        f"FAISS vs Milvus Lite — build of {len(paths)} generated documents ({len(texts)} chunks), "
        "English vectors, same encoder preloaded"
    )
    rep.table(
        [
            "store",
            "full build",
            "baseline: encoder alone, mean of the runs before and after this build",
            "build ratio",
            "rebuild, nothing changed (median of 3)",
        ],
        [
            [
                "FAISS files (`faiss`)",
                h.ms(t_faiss),
                f"{h.ms(enc_faiss)} ({h.ms(t_before)} / {h.ms(t_between)})",
                h.ratio(t_faiss, enc_faiss),
                h.ms(same_faiss),
            ],
            [
                "Milvus Lite (`milvus:PATH.db`)",
                h.ms(t_milvus),
                f"{h.ms(enc_milvus)} ({h.ms(t_between)} / {h.ms(t_after)})",
                h.ratio(t_milvus, enc_milvus),
                h.ms(same_milvus),
            ],
        ],
    )

    # ---- warm per-query latency on the default corpus, both stores, interleaved
    libs = {}
    for name, uri in (("faiss", "faiss"), ("milvus", f"milvus:{tmp / 'default.db'}")):
        lib = Library(h.ROOT / "corpus", tmp / f"mv-default-{name}", store=uri)
        lib._encoder = encoder
        lib.update()
        libs[name] = lib
    questions = h._gold("questions.jsonl", "question")[: 20 if quick else 60]
    for q in questions[:5]:
        for lib in libs.values():
            lib.search(q)
            lib.ask(q)
    t: dict[str, list[float]] = {
        k: [] for k in ("enc", "faiss search", "milvus search", "faiss ask", "milvus ask")
    }

    def clock(key: str, fn, arg: str) -> None:
        started = time.perf_counter()
        fn(arg)
        t[key].append(time.perf_counter() - started)

    for q in questions:
        clock("enc", lambda s: encoder.encode([s]), q)
        for name, lib in libs.items():
            clock(f"{name} search", lib.search, q)
            clock(f"{name} ask", lib.ask, q)
    libs["milvus"].store.close()
    b50, b95 = h.pct(t["enc"], 50), h.pct(t["enc"], 95)
    rows = []
    for key in ("faiss search", "milvus search", "faiss ask", "milvus ask"):
        p50, p95 = h.pct(t[key], 50), h.pct(t[key], 95)
        rows.append(
            [key, h.ms(p50), h.ms(p95), f"{h.ms(b50)} / {h.ms(b95)}", h.ratio(p50, b50), h.ratio(p95, b95)]
        )
    rep.section(
        f"FAISS vs Milvus Lite — warm per-query latency, default corpus "
        f"({len(libs['faiss'].index.chunks)} chunks), {len(questions)} gold questions, interleaved"
    )
    rep.table(
        ["call", "p50", "p95", "baseline: `Encoder.encode([query])` p50 / p95", "p50 ratio", "p95 ratio"],
        rows,
    )

    # ---- Milvus Lite at 100k synthetic chunks
    raw = {"build": {"encoder_s": [t_before, t_between, t_after], "faiss_s": t_faiss, "milvus_s": t_milvus},
           "no_change": {"faiss_s": same_faiss, "milvus_s": same_milvus},
           "warm": {k: {"p50": h.pct(v, 50), "p95": h.pct(v, 95)} for k, v in t.items()}}  # fmt: skip
    raw["scale"] = _scale(rep, tmp, quick, h)
    rep.raw["milvus"] = raw
    shutil.rmtree(tmp / "bench.db", ignore_errors=True)


def _scale(rep, tmp: Path, quick: bool, h) -> dict:
    from pymilvus import DataType, MilvusClient

    from silkqa import vectors
    from silkqa.retrieval import POOL

    n, nq = 100_000, 100 if quick else 200
    h.log(f"milvus: {n:,} synthetic vectors")
    x = h.mixture(n, seed=1)
    queries = h.mixture(nq, seed=2, topics=h.topics_for(n))
    truth = h._exact_top(x, queries, 10)

    gc.collect()
    started = time.perf_counter()
    ivf = vectors.build_vector_index(x)
    t_faiss = time.perf_counter() - started
    lat_faiss = h._latency(lambda q: vectors.search_vectors(ivf, q, POOL), queries)
    found_faiss = np.stack([vectors.search_vectors(ivf, q, 10)[1] for q in queries])

    path = tmp / "scale.db"
    client = MilvusClient(str(path))
    try:
        schema = MilvusClient.create_schema(auto_id=False)
        schema.add_field("row", DataType.INT64, is_primary=True)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=x.shape[1])
        params = client.prepare_index_params()
        params.add_index(
            "vector", index_type="IVF_FLAT", metric_type="IP", params={"nlist": vectors.ivf_lists(n)}
        )
        gc.collect()
        started = time.perf_counter()
        client.create_collection("scale", schema=schema, index_params=params)
        for a in range(0, n, 2_000):
            client.insert("scale", [{"row": i, "vector": x[i]} for i in range(a, min(n, a + 2_000))])
        client.flush("scale")
        client.load_collection("scale")
        search_params = {"metric_type": "IP", "params": {"nprobe": vectors.IVF_NPROBE}}

        def search(q, k=POOL):
            return client.search(
                "scale", data=[q.tolist()], limit=k, search_params=search_params, output_fields=["row"]
            )

        search(queries[0])  # the first search builds the index of a freshly flushed segment
        t_milvus = time.perf_counter() - started
        lat_milvus = h._latency(search, queries)
        found = np.array([[hit["entity"]["row"] for hit in search(q, 10)[0]] for q in queries])
    finally:
        client.close()
        from milvus_lite.server_manager import server_manager_instance

        server_manager_instance.release_server(str(path))
        shutil.rmtree(path, ignore_errors=True)

    r_faiss, r_milvus = h._recall(found_faiss, truth), h._recall(found, truth)
    f50, f95, m50, m95 = (
        h.pct(lat_faiss, 50),
        h.pct(lat_faiss, 95),
        h.pct(lat_milvus, 50),
        h.pct(lat_milvus, 95),
    )
    rep.section(
        f"Milvus Lite at {n:,} synthetic chunks (384-d, MiniLM-like) — IVF_FLAT as the store builds it"
    )
    rep.table(
        [
            "index",
            "build (insert + flush + index)",
            "recall@10 vs exact",
            f"search k={POOL} p50",
            "p95",
            "p50 ratio",
        ],
        [
            [
                "FAISS `IndexIVFFlat` (shipped; baseline)",
                h.ms(t_faiss),
                f"{r_faiss:.3f}",
                h.ms(f50),
                h.ms(f95),
                "1.00×",
            ],
            [
                f"Milvus Lite IVF_FLAT (nlist {vectors.ivf_lists(n)}, nprobe {vectors.IVF_NPROBE})",
                h.ms(t_milvus),
                f"{r_milvus:.3f}",
                h.ms(m50),
                h.ms(m95),
                h.ratio(m50, f50),
            ],
        ],
    )
    return {
        "n": n,
        "faiss": {"build_s": t_faiss, "recall@10": r_faiss, "p50": f50, "p95": f95},
        "milvus": {"build_s": t_milvus, "recall@10": r_milvus, "p50": m50, "p95": m95},
    }
