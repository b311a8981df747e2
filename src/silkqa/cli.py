"""The `silkqa` command: a thin layer over `Library` that keeps the JSON contract of GUIDE.md.

With --json, stdout carries exactly one JSON object (or one per input line in batch mode);
progress and logs go to stderr. Exit 0 on success, 2 on bad usage or input, 1 on a bug.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import SilkqaError, UsageError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        self.print_usage(sys.stderr)
        print(f"silkqa: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", metavar="DIR", help="corpus folder (default $SILKQA_CORPUS or corpus/)")
    parser.add_argument("--index", metavar="DIR", help="index folder (default $SILKQA_INDEX or index/)")
    parser.add_argument(
        "--model",
        metavar="PATH_OR_NAME",
        help="sentence-transformers model (default: the bundled all-MiniLM-L6-v2)",
    )
    parser.add_argument(
        "--store",
        metavar="URI",
        help="faiss (default: files in --index), milvus:PATH.db (Milvus Lite) or http(s)://host:port (Milvus); default $SILKQA_STORE",
    )
    parser.add_argument("--json", action="store_true", help="print JSON on stdout")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="silkqa", description="Grounded answers and claim checks over a small research library."
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("index", help="build or update the index")
    _common(p)
    p.add_argument("--full", action="store_true", help="rebuild from scratch")
    p.add_argument("--watch", action="store_true", help="keep the index in step with the corpus folder")

    p = sub.add_parser("search", help="hybrid search over the library")
    _common(p)
    p.add_argument("query", help="the query, or - to read one per line from stdin")
    p.add_argument("-k", type=int, default=5, help="number of hits (default 5)")
    p.add_argument("--mode", choices=["hybrid", "dense", "bm25"], default="hybrid")

    p = sub.add_parser("ask", help="answer a question with citations")
    _common(p)
    p.add_argument("question", help="the question, or - to read one per line from stdin")
    p.add_argument("-k", type=int, default=5, help="number of passages to draw on (default 5)")

    p = sub.add_parser("check", help="check a claim against the sources")
    _common(p)
    p.add_argument("claim", nargs="?", help="the claim, or - to read one per line from stdin")
    p.add_argument("--essay", metavar="FILE", help="check every sentence of a draft (.txt .md .docx, or -)")

    p = sub.add_parser("eval", help="score retrieval, answers and claim checks on a gold set")
    _common(p)
    p.add_argument("--gold", metavar="FILE", help="gold questions (JSON Lines; default gold/questions.jsonl)")
    p.add_argument("--claims", metavar="FILE", help="gold claims (JSON Lines; default gold/claims.jsonl)")
    p.add_argument("--calibrate", action="store_true", help="also print the abstention threshold trade-off")
    return parser


# --------------------------------------------------------------------------- output


def _emit(data: dict) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _inputs(value: str) -> tuple[list[str], bool]:
    if value == "-":
        lines = [line.rstrip("\n") for line in sys.stdin]
        return [line for line in lines if line.strip()], True
    return [value], False


# What the text output shows of a document: its names and quotes come from files anyone may add,
# and a file named with a newline or an escape code must not forge lines or colours on a terminal.
_NAME_FIELDS = frozenset({"source", "path", "doc_id", "added", "changed", "removed"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but tab and newline
_CONTROL_IN_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _escaped(text: str, control: re.Pattern) -> str:
    return control.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


def shown(data, name: bool = False):
    """A result as the text output may print it: control characters written as escapes (in a
    name, newlines and tabs too); the JSON output keeps them, escaped by JSON."""
    if isinstance(data, str):
        return _escaped(data, _CONTROL_IN_NAME if name else _CONTROL)
    if isinstance(data, dict):
        return {k: shown(v, name or k in _NAME_FIELDS) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [shown(v, name) for v in data]
    return data


def _run_each(
    items: Iterable[str], batch: bool, as_json: bool, work: Callable[[str], dict], show: Callable[[dict], str]
) -> int:
    status = 0
    for n, item in enumerate(items):
        try:
            result = work(item)
        except UsageError as exc:
            if not batch:
                raise
            result = {"error": str(exc), "input": item}
            status = 2
            print(f"silkqa: {shown(str(exc), name=True)}", file=sys.stderr)
        if as_json:
            _emit(result)
        elif "error" not in result:  # its one line went to stderr
            if batch:  # several answers on one screen: each under the line it answers
                print(f"{'' if n == 0 else chr(10)}── {shown(item, name=True)}")
            print(show(shown(result)))
    return status


UNITS = {"embedding": "chunk", "multilingual embedding": "sentence"}  # what each stage counts


def _progress_bar():
    """A tqdm bar on stderr per stage of an index build.

    Into a log (stderr not a terminal) it writes a line every ten seconds, not one per chunk:
    a bar cannot be redrawn in a file, and a build of 150 chunks wrote 206 lines."""
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}
    every = 0.1 if sys.stderr.isatty() else 10.0

    def update(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(
                total=total,
                desc=stage,
                unit=UNITS.get(stage, "doc"),
                file=sys.stderr,
                leave=False,
                mininterval=every,
            )
        bar.total = total
        bar.update(done - bar.n)  # unlike refresh(), update() waits out mininterval
        if done >= total:
            bar.close()

    return update


def _library_count(data: dict) -> str:
    """'1 document and 3 cited works', as the web chat counts them; an older index: '4 documents'."""
    cited = data.get("cited_works")
    if cited is None:
        return f"{data['documents']} documents"
    own = data["documents"] - cited
    works = f" and {cited} cited work{'s' if cited != 1 else ''}" if cited else ""
    return f"{own} document{'s' if own != 1 else ''}{works}"


def _show_report(data: dict) -> str:
    lines = [
        f"{_library_count(data)}, {data['chunks']} chunks; embedded {data['embedded_chunks']} chunks in {data['seconds']:.1f}s",
    ]
    for key in ("added", "changed", "removed"):
        if data[key]:
            lines.append(f"{key}: {', '.join(data[key])}")
    for item in data["skipped"]:
        lines.append(f"skipped {item['path']}: {item['reason']}")
    return "\n".join(lines)


def _show_hits(data: dict) -> str:
    out = [f"Query: {data['query']}"]
    for hit in data["hits"]:
        where = " · ".join(
            str(x) for x in (hit["source"], hit["section"], f"p. {hit['page']}" if hit["page"] else None) if x
        )
        out.append(f"\n[{hit['rank']}] {where}  (score {hit['score']:.4f})\n    {hit['text'][:400]}")
    return "\n".join(out)


# --------------------------------------------------------------------------- commands


def _cmd_index(lib, args) -> int:
    progress = None if args.json and not sys.stderr.isatty() else _progress_bar()
    report = lib.update(full=args.full, progress=progress)
    data = report.to_json()
    if args.json:
        _emit(data)
    else:
        print(_show_report(shown(data)))
    if args.watch:
        import signal

        from .watching import watch

        # "Ctrl-C to stop" holds however it was started: a shell script's background job
        # inherits SIGINT ignored, and `kill -INT` would then never stop the watcher
        signal.signal(signal.SIGINT, signal.default_int_handler)
        watch(
            lib,
            lambda r: (
                _emit(r.to_json()) if args.json else print(_show_report(shown(r.to_json())), flush=True)
            ),
        )
    return 0


def _cmd_search(lib, args) -> int:
    items, batch = _inputs(args.query)
    if args.k < 1:
        raise UsageError("-k must be at least 1")

    def work(query: str) -> dict:
        return {"query": query, "hits": [h.to_json() for h in lib.search(query, k=args.k, mode=args.mode)]}

    return _run_each(items, batch, args.json, work, _show_hits)


def _cmd_ask(lib, args) -> int:
    items, batch = _inputs(args.question)
    if args.k < 1:
        raise UsageError("-k must be at least 1")

    def work(question: str) -> dict:
        return lib.ask(question, k=args.k).to_json()

    from .answering import format_answer

    return _run_each(items, batch, args.json, work, format_answer)


def _cmd_check(lib, args) -> int:
    if args.essay is not None or args.claim is None:
        from .essay import run_essay_command

        return run_essay_command(lib, args, _emit)
    items, batch = _inputs(args.claim)
    from .claims import format_check

    return _run_each(items, batch, args.json, lambda claim: lib.check(claim).to_json(), format_check)


def _cmd_eval(lib, args) -> int:
    from .evaluation import format_report, run_evaluation

    report = run_evaluation(lib, args.gold, args.claims, calibrate_abstention=args.calibrate)
    if args.json:
        _emit(report)
    else:
        print(format_report(report))
    return 0


COMMANDS = {
    "index": _cmd_index,
    "search": _cmd_search,
    "ask": _cmd_ask,
    "check": _cmd_check,
    "eval": _cmd_eval,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    started = time.perf_counter()
    try:
        from .library import Library

        if args.corpus is not None and not Path(args.corpus).expanduser().is_dir():
            # "ask --corpus typo/" would otherwise answer from the default index, of another library
            raise UsageError(f"corpus folder {args.corpus} does not exist")
        lib = Library(args.corpus, args.index, args.model, store=args.store)
        if args.command in {"search", "ask", "check"} and (other := lib.other_corpus()):
            # "ask --corpus B --index built-from-A": answers would come from A's documents
            print(
                f"silkqa: warning: the index in {lib.index_dir} was built from another corpus ({other}); "
                f"run `silkqa index --corpus {lib.corpus_dir} --index {lib.index_dir}` to index this one",
                file=sys.stderr,
            )
        return COMMANDS[args.command](lib, args)
    except SilkqaError as exc:
        print(f"silkqa: {shown(str(exc), name=True)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("silkqa: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away ("silkqa ask … | head"): no error to report; what is still
        # buffered for stdout goes nowhere, and the exit status is a pipe's (128 + SIGPIPE)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:  # noqa: BLE001 - an internal error: one line, exit 1
        print(f"silkqa: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        if "SILKQA_DEBUG" in __import__("os").environ:
            raise
        return 1
    finally:
        if "SILKQA_DEBUG" in __import__("os").environ:
            print(f"silkqa: {args.command} took {time.perf_counter() - started:.2f}s", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
