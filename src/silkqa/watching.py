"""`silkqa index --watch`: keep the index in step with the corpus folder as files come and go.

Editors and downloads touch a file several times in a row (temp file, write, rename), so
events are collected until the folder has been quiet for a moment and then the whole burst
costs one incremental update. The update itself only reads files; watchdog reports those
reads as open/close-without-write events, which are ignored so an update never retriggers
itself.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path

from .store import IndexReport

DEBOUNCE_SECONDS = 1.0
_CONTENT_EVENTS = {"created", "modified", "deleted", "moved", "closed"}
_TEMP_SUFFIXES = (".tmp", ".temp", ".swp", ".swx", ".part", ".crdownload", ".download", "~")


def is_ignored(path: str | Path, corpus_dir: Path, index_dir: Path | None = None) -> bool:
    """Hidden files, editor and download temp files, and the index folder itself."""
    path = Path(path)
    if index_dir is not None and path.resolve().is_relative_to(index_dir.resolve()):
        return True
    try:
        parts = path.resolve().relative_to(corpus_dir.resolve()).parts
    except ValueError:
        return True
    if not parts:
        return False
    name = parts[-1]
    return (
        any(p.startswith((".", "~")) for p in parts)
        or name.startswith("#")
        or name.lower().endswith(_TEMP_SUFFIXES)
    )


def watch(
    lib,
    on_report: Callable[[IndexReport], None],
    *,
    debounce: float = DEBOUNCE_SECONDS,
    stop: threading.Event | None = None,
) -> None:
    """Update the index after each burst of changes until Ctrl-C (or until `stop` is set)."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    corpus_dir, index_dir = Path(lib.corpus_dir), Path(lib.index_dir)
    stop = stop or threading.Event()
    dirty = threading.Event()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            if event.event_type not in _CONTENT_EVENTS:
                return
            paths = [p for p in (event.src_path, getattr(event, "dest_path", "")) if p]
            if any(not is_ignored(p, corpus_dir, index_dir) for p in paths):
                dirty.set()

    observer = Observer()
    observer.schedule(Handler(), str(corpus_dir), recursive=True)
    observer.start()
    print(f"silkqa: watching {corpus_dir} for changes (Ctrl-C to stop)", file=sys.stderr, flush=True)
    try:
        while not stop.is_set():
            if not dirty.wait(0.2):
                continue
            while dirty.is_set() and not stop.is_set():  # wait for a quiet spell
                dirty.clear()
                stop.wait(debounce)
            if stop.is_set():
                break
            try:
                report = lib.update()
            except Exception as exc:  # noqa: BLE001 - one bad update must not end the watch
                print(f"silkqa: watch: update failed: {exc}", file=sys.stderr, flush=True)
                continue
            on_report(report)
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        observer.join(timeout=5)
