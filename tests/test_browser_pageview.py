"""In a real browser: add a PDF manual through the Library tab, ask a question one of its
pages answers, open the citation's page and see the quote marked on it.

The screenshot goes to $SILKQA_SCREENSHOT_DIR when set (`SILKQA_SCREENSHOT_DIR=docs` refreshes
docs/pageview.png), else to the test's temporary folder, so a test run leaves the tree clean."""

from __future__ import annotations

import base64
import io
import os
import re
import time
from pathlib import Path

import pytest
from streamlit_server import CHROMIUM, ROOT, running_app

pytestmark = pytest.mark.browser

SPEC = ROOT / "tests" / "data" / "shared-mime-info-spec.pdf"
TIMEOUT_MS = 180_000
CHAT_MESSAGE = '[data-testid="stChatMessage"]'


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with running_app(
        tmp_path_factory.mktemp("pageview"), args=("--client.toolbarMode", "minimal")
    ) as started:
        yield started


def yellow_pixels(png: bytes) -> int:
    """How many pixels of the page carry the highlighter's yellow (paper is white, ink grey)."""
    import numpy as np
    from PIL import Image

    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    return int(((r > 200) & (g > 170) & (b < 140)).sum())


def shown_page(frame) -> tuple[str, bytes]:
    img = frame.locator("#pv-page")
    src = img.get_attribute("src")
    assert src and src.startswith("data:image/png;base64,")
    return img.get_attribute("alt") or "", base64.b64decode(src.split(",", 1)[1])


def test_a_pdf_citation_opens_on_its_page_with_the_quote_marked(app, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    url, corpus = app
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        expect.set_options(timeout=TIMEOUT_MS)  # first start loads the model and builds the index
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(url)
            expect(page.get_by_text("Start with a topic")).to_be_visible()

            # Add the manual through the Library tab, as a reader would.
            page.get_by_role("tab", name="Library").click()
            # switching tabs reruns the app: a file given to an uploader that the rerun replaces
            # is lost, so give it again until the library says it was added
            added = page.get_by_text(f"added as {SPEC.name}")
            for _attempt in range(5):
                expect(page.get_by_role("heading", name="Your library")).to_be_visible()
                expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)
                page.locator('input[type="file"]').set_input_files(
                    files=[{"name": SPEC.name, "mimeType": "application/pdf", "buffer": SPEC.read_bytes()}]
                )
                try:
                    expect(added).to_be_attached(timeout=30_000)  # the tab may have closed
                    break
                except AssertionError:
                    continue
            expect(added).to_be_attached()
            assert (corpus / SPEC.name).read_bytes() == SPEC.read_bytes()

            # Ask what one of its pages answers; the first citation points into the PDF.
            ask_tab = page.get_by_role("tab", name="Ask")
            expect(ask_tab).to_have_count(1)  # the rerun after the upload has settled
            ask_tab.click()
            box = page.get_by_placeholder("Ask a question about the library…")
            box.fill("What is the default priority of a magic match?")
            box.press("Enter")
            messages = page.locator(CHAT_MESSAGE)
            expect(messages).to_have_count(2)
            answer = messages.nth(1)
            expect(answer.locator(".sq-cite").first).to_have_text("[1]")
            citation = answer.get_by_test_id("stExpander").first
            expect(citation).to_contain_text("shared-mime-info-spec.pdf")
            expect(citation.locator(".sq-quote").first).to_contain_text("priority")
            citation.locator("summary").click()

            # Open its page: drawn on demand, with the quote marked in yellow.
            toggle = citation.get_by_role("switch", name=re.compile(r"^Show page \d+$"))
            label = citation.get_by_text("Show page")
            cited = int(label.inner_text().split()[-1])
            for _ in range(5):  # a click that lands while the app is still rerunning can be lost
                if toggle.is_checked():
                    break
                label.click()
                time.sleep(2)
            expect(toggle).to_be_checked()
            frame = citation.frame_locator("iframe").first
            expect(frame.locator("#pv-page")).to_be_visible()
            alt, png = shown_page(frame)
            assert alt.startswith(f"page {cited} with ") and not alt.startswith(f"page {cited} with 0 ")
            assert yellow_pixels(png) > 500
            expect(citation.get_by_text("The quote is marked on this page")).to_be_visible()

            shots = Path(os.environ.get("SILKQA_SCREENSHOT_DIR") or tmp_path)
            shots.mkdir(parents=True, exist_ok=True)
            page.set_viewport_size({"width": 1280, "height": 1250})
            messages.first.evaluate("e => e.scrollIntoView({block: 'start'})")  # question on top
            page.mouse.move(1270, 1240)
            time.sleep(0.5)
            page.screenshot(path=str(shots / "pageview.png"))

            # The next page holds none of the quote: drawn without a mark, and says where it is.
            citation.get_by_role("button", name="Next").click()
            expect(frame.locator("#pv-page")).to_have_attribute(
                "alt", f"page {cited + 1} with 0 marked lines"
            )
            assert yellow_pixels(shown_page(frame)[1]) == 0
            expect(citation.get_by_text(f"The quote is on page {cited}.")).to_be_visible()
            # ... and the page before is one click back.
            citation.get_by_role("button", name=f"Back to page {cited}").click()
            expect(frame.locator("#pv-page")).to_have_attribute("alt", alt)
        finally:
            expect.set_options(timeout=5_000)  # Playwright's default, for other tests
            browser.close()
