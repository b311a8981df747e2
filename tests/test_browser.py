"""End to end in a real browser: start `streamlit run`, ask through the chat box, upload a
document through the file input, ask about it, and keep a screenshot for the README."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = ROOT / "docs" / "screenshot.png"
START_TIMEOUT = 240  # seconds: first start loads the model and builds the index
ANSWER_TIMEOUT_MS = 120_000
CHAT_MESSAGE = '[data-testid="stChatMessage"]'

NOTE = (
    b"---\ntitle: Camel caravans of the Taklamakan\nauthors: [A. Traveller]\n---\n\n"
    b"# Camel caravans of the Taklamakan\n\n"
    b"## Routes\n\n"
    b"Camel caravans crossing the Taklamakan desert carried jade from Khotan to Dunhuang in about 40 days. "
    b"The caravans travelled at night in summer to spare the animals the heat.\n"
)


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


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (`make browser` installs it)")
    base = tmp_path_factory.mktemp("browser")
    corpus = base / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "SILKQA_CORPUS": str(corpus),
        "SILKQA_INDEX": str(base / "index"),
        "SILKQA_MULTILINGUAL": "1",
    }
    log = open(base / "server.log", "wb")  # noqa: SIM115 - closed in the finally below
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "streamlit_app.py"),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
            "--client.toolbarMode",
            "minimal",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
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
        log.close()


@pytest.fixture()
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(ANSWER_TIMEOUT_MS)
            yield page
        finally:
            browser.close()


def ask(page, question: str):
    """Type a question into the chat box and return the assistant's message once it cites."""
    from playwright.sync_api import expect

    messages = page.locator(CHAT_MESSAGE)
    before = messages.count()
    box = page.get_by_placeholder("Ask a question about the library…")
    box.fill(question)
    box.press("Enter")
    expect(messages).to_have_count(before + 2, timeout=ANSWER_TIMEOUT_MS)
    answer = messages.nth(before + 1)
    expect(answer.locator(".sq-cite").first).to_have_text("[1]", timeout=ANSWER_TIMEOUT_MS)
    return answer


def test_ask_upload_and_ask_about_the_new_document(server, page):
    from playwright.sync_api import expect

    url, corpus = server
    page.goto(url)
    expect(page.get_by_text("Start with a topic")).to_be_visible(timeout=START_TIMEOUT * 1000)

    # A question through the chat input: the answer carries [1], and its citation opens on
    # the quoted sentence highlighted in its passage.
    answer = ask(page, "How do the five Central Asian countries differ in their economic reforms?")
    expect(answer).to_contain_text("[1]")
    first = answer.get_by_test_id("stExpander").first
    expect(first).to_contain_text("[1]")
    first.locator("summary").click()
    quote = first.locator(".sq-quote").first
    expect(quote).to_be_visible()
    assert quote.inner_text().strip()
    page.locator(CHAT_MESSAGE).first.scroll_into_view_if_needed()
    page.mouse.move(1270, 890)  # no hover effects in the picture
    time.sleep(0.5)  # let the expander's animation finish
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))

    # Upload a document about something the library has never heard of.
    page.get_by_role("tab", name="Library").click()
    page.locator('input[type="file"]').set_input_files(
        files=[{"name": "caravans.md", "mimeType": "text/markdown", "buffer": NOTE}]
    )
    expect(page.get_by_text("added as caravans.md")).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
    assert (corpus / "caravans.md").read_bytes() == NOTE

    # Ask about it: the answer cites the new document.
    page.get_by_role("tab", name="Ask").click()
    answer = ask(page, "How long did camel caravans take to carry jade from Khotan to Dunhuang?")
    citation = answer.get_by_test_id("stExpander").first
    expect(citation).to_contain_text("Camel caravans of the Taklamakan")
    citation.locator("summary").click()
    expect(citation.locator(".sq-quote").first).to_contain_text("40 days")


# Two different letters of one script drawn in the page's font: a missing font draws both as
# the same empty box ("tofu"), so identical pixels mean the script does not render.
DISTINCT_GLYPHS = """([a, b, font]) => {
  const canvas = document.createElement("canvas");
  canvas.width = 64; canvas.height = 64;
  const g = canvas.getContext("2d");
  const draw = (t) => { g.clearRect(0, 0, 64, 64); g.font = font; g.fillText(t, 4, 48);
                        return Array.from(g.getImageData(0, 0, 64, 64).data).join(","); };
  return draw(a) !== draw(b) && draw(a) !== draw("");
}"""


def test_chinese_and_russian_questions_render_and_are_answered(server, page):
    from playwright.sync_api import expect

    url, _ = server
    page.goto(url)
    expect(page.get_by_text("Start with a topic")).to_be_visible(timeout=START_TIMEOUT * 1000)
    for question, letters in (
        ("中国主要从哈萨克斯坦进口什么？", ("中", "国")),
        ("Какой ресурс Китай получает из Узбекистана?", ("Ж", "Д")),
    ):
        answer = ask(page, question)
        expect(answer).to_contain_text("quotes the English sources")
        asked = page.locator(CHAT_MESSAGE).nth(page.locator(CHAT_MESSAGE).count() - 2)
        expect(asked).to_contain_text(question)
        font = asked.locator("p").first.evaluate("e => getComputedStyle(e).font")
        assert page.evaluate(DISTINCT_GLYPHS, [*letters, font]), f"{letters} render as boxes in {font}"
