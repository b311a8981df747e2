"""One real Streamlit server for a browser test module: started on a free loopback port over a
copy of the default corpus, waited for, and stopped with its whole process group."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def running_app(
    base: Path, env: dict[str, str] | None = None, args: tuple[str, ...] = ()
) -> Iterator[tuple[str, Path]]:
    """(url, corpus folder) of a started app; the toolbar's mode comes from the checkout's
    .streamlit/config.toml, as for `make run`, unless `args` say otherwise."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (`make browser` installs it)")
    corpus = base / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    full_env = {
        **os.environ,
        "SILKQA_CORPUS": str(corpus),
        "SILKQA_INDEX": str(base / "index"),
        **(env or {}),
    }
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py")]
    command += ["--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port)]
    command += ["--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *args]
    with open(base / "server.log", "wb") as log:
        proc = subprocess.Popen(
            command, cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            deadline = time.monotonic() + 60
            while not healthy(url):
                if proc.poll() is not None:
                    pytest.fail(
                        f"streamlit exited with {proc.returncode}:\n{(base / 'server.log').read_text()[-3000:]}"
                    )
                if time.monotonic() > deadline:
                    pytest.fail("streamlit did not answer /_stcore/health within 60 s")
                time.sleep(0.5)
            yield url, corpus
        finally:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=15)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=15)
