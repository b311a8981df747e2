"""End to end in a real browser, as a student uses the web chat: ask through the chat box
pinned at the bottom, open a citation from its [n], reload and find the conversation again,
upload documents (a refused one says why), and read the library on a phone-sized screen.

The screenshot goes to $SILKQA_SCREENSHOT_DIR when set (`make screenshots` refreshes
docs/screenshot.png that way), else to a temporary folder: a test run leaves the tree clean."""

from __future__ import annotations

import time

import pytest
from streamlit_server import CHROMIUM, running_app

pytestmark = pytest.mark.browser

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


PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("browser"), {"SILKQA_MULTILINGUAL": "1"}) as started:
        yield started


@pytest.fixture(scope="module")
def browser(server):
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
            yield browser
        finally:
            browser.close()


@pytest.fixture()
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(ANSWER_TIMEOUT_MS)
    yield page
    page.close()


CHAT_BOX = "Ask a question about the library…"


def ask(page, question: str):
    """Type a question into the chat box and return the assistant's message once it cites."""
    from playwright.sync_api import expect

    messages = page.locator(CHAT_MESSAGE)
    before = messages.count()
    box = page.get_by_placeholder(CHAT_BOX)
    box.fill(question)
    box.press("Enter")
    expect(messages).to_have_count(before + 2, timeout=ANSWER_TIMEOUT_MS)
    answer = messages.nth(before + 1)
    expect(answer.locator(".sq-cite").first).to_have_text("[1]", timeout=ANSWER_TIMEOUT_MS)
    return answer


def in_viewport(page, locator, settle: float = 3.0) -> bool:
    """Wholly inside the visible window without anybody scrolling, once the page's own layout
    has settled (the app brings the newest answer into view over a second or two)."""
    view = page.viewport_size
    deadline = time.monotonic() + settle
    while True:
        box = locator.bounding_box()
        if box is not None and box["y"] >= 0 and box["y"] + box["height"] <= view["height"] + 0.5:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)


def open_app(page, url: str) -> None:
    from playwright.sync_api import expect

    page.goto(url)
    expect(page.get_by_role("tab", name="Ask")).to_be_visible(timeout=START_TIMEOUT * 1000)


def test_a_conversation_with_citations_survives_a_reload(server, page, screenshot_dir):
    from playwright.sync_api import expect

    url, _ = server
    open_app(page, url)
    expect(page.get_by_text("Start with a topic")).to_be_visible(timeout=START_TIMEOUT * 1000)
    assert "c=" in page.url  # the conversation's own link

    first_q = "What does China mainly import from Kazakhstan?"
    answer = ask(page, first_q)
    # the answer leads with the answering sentence, its answering phrase in bold
    expect(answer.locator("strong.sq-span").first).to_have_text("crude oil")
    time.sleep(0.5)  # the newest answer is scrolled into view after layout
    assert in_viewport(page, page.get_by_placeholder(CHAT_BOX)), "the chat box is pinned in view"

    # [1] opens citation 1 and brings it into view; hovering it shows the quote.
    chip = answer.locator(".sq-cite").first
    box = page.locator(".st-key-cite-0-1")
    details = box.locator("details")
    expect(details).not_to_have_attribute("open", "")
    chip.click()
    expect(details).to_have_attribute("open", "")
    quote = box.locator(".sq-quote").first
    expect(quote).to_be_in_viewport()
    hover = chip.get_attribute("title") or ""
    assert hover and " ".join(quote.inner_text().split()).startswith(hover.rstrip("…")[:60])
    # The picture for the README: the answer with its first citation open, no toast over it.
    expect(page.locator('[data-testid="stToast"]')).to_have_count(0, timeout=30_000)
    page.locator(".st-key-turn-0").evaluate("el => el.scrollIntoView({block: 'start'})")
    page.mouse.move(1270, 890)  # no hover effects in the picture
    time.sleep(0.5)  # let the expander's animation finish
    page.screenshot(path=str(screenshot_dir / "screenshot.png"))

    second_q = "How do the five Central Asian countries differ in their economic reforms?"
    ask(page, second_q)
    time.sleep(0.5)
    assert in_viewport(page, page.get_by_placeholder(CHAT_BOX))
    # the newest question and its answer are brought into view
    expect(page.locator(".st-key-turn-1 " + CHAT_MESSAGE).first).to_be_in_viewport(ratio=1)

    page.reload()
    messages = page.locator(CHAT_MESSAGE)
    expect(messages).to_have_count(4, timeout=START_TIMEOUT * 1000)
    expect(messages.nth(0)).to_contain_text(first_q)
    expect(messages.nth(2)).to_contain_text(second_q)
    expect(messages.nth(3).locator(".sq-cite").first).to_have_text("[1]")

    # A student's page, not a developer's: no Deploy button.
    assert page.get_by_text("Deploy", exact=True).count() == 0
    assert page.locator('[data-testid="stAppDeployButton"]').count() == 0


def give_file(page, file: dict, outcome) -> None:
    """Drop a file on the Library tab's uploader and wait for `outcome` to show. A tab switch
    reruns the app, and a file given to an uploader the rerun replaces is lost (a person is
    never that quick), so it is given again until the app answers."""
    from playwright.sync_api import expect

    for _attempt in range(5):
        expect(page.get_by_role("heading", name="Your library")).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
        expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=ANSWER_TIMEOUT_MS)
        page.locator('input[type="file"]').set_input_files(files=[file])
        try:
            expect(outcome).to_be_visible(timeout=30_000)
            return
        except AssertionError:
            continue
    expect(outcome).to_be_visible()


def test_uploads_say_why_a_file_is_refused_and_new_documents_are_answered(server, page):
    from playwright.sync_api import expect

    url, corpus = server
    open_app(page, url)
    page.get_by_role("tab", name="Library").click()
    upload = page.locator('input[type="file"]')
    refusal = page.get_by_text("'.png' files cannot be added", exact=False)
    give_file(page, {"name": "map.png", "mimeType": "image/png", "buffer": PNG}, refusal)
    expect(refusal).to_be_visible(timeout=ANSWER_TIMEOUT_MS)  # visible text, not a tooltip
    assert not (corpus / "map.png").exists()
    expect(upload).to_have_count(1, timeout=ANSWER_TIMEOUT_MS)  # the run is over: one fresh uploader

    added = page.get_by_text("added as caravans.md")
    give_file(page, {"name": "caravans.md", "mimeType": "text/markdown", "buffer": NOTE}, added)
    assert (corpus / "caravans.md").read_bytes() == NOTE

    page.get_by_role("tab", name="Ask").click()
    answer = ask(page, "How long did camel caravans take to carry jade from Khotan to Dunhuang?")
    citation = answer.get_by_test_id("stExpander").first
    expect(citation).to_contain_text("Camel caravans of the Taklamakan")
    citation.locator("summary").click()
    expect(citation.locator(".sq-quote").first).to_contain_text("40 days")

    # A rebuild shows its progress in place of the buttons: never a second, greyed-out set.
    page.get_by_role("tab", name="Library").click()
    page.get_by_role("button", name="Rebuild from scratch").click()
    done = page.get_by_text("Index rebuilt")
    seen = []
    while not done.is_visible():
        seen.append(page.get_by_role("button", name="Rebuild from scratch").count())
        time.sleep(0.2)
    assert max(seen, default=0) <= 1
    assert page.get_by_role("button", name="Rebuild from scratch").count() == 1


def test_on_a_phone_tables_stay_inside_the_screen(server, browser):
    from playwright.sync_api import expect

    url, _ = server
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.set_default_timeout(ANSWER_TIMEOUT_MS)
    try:
        open_app(page, url)
        ask(page, "What does China import from Kazakhstan?")
        # the answer is longer than the screen: the question stays in view, above its answer
        expect(page.locator(".st-key-turn-0 " + CHAT_MESSAGE).first).to_be_in_viewport(ratio=1)
        assert in_viewport(page, page.get_by_placeholder(CHAT_BOX))
        page.get_by_role("tab", name="Library").click()
        dataframes = page.locator('[data-testid="stDataFrame"]')
        expect(dataframes).to_have_count(2)  # documents and bibliography
        # the bibliography is wider than a phone: it scrolls inside its own box, so its last
        # columns can still be reached, and the page itself does not get wider
        scroller = dataframes.nth(1).locator(".dvn-scroller").first
        expect(scroller).to_be_visible()
        # the table may be drawn again after a rerun: ask the live element each time, not a handle
        # (and a redraw resets its scroll): scroll and read back in one step, until it sticks
        deadline = time.monotonic() + 60
        scroll_to_end = "el => { el.scrollLeft = el.scrollWidth; return el.scrollLeft; }"
        while not scroller.evaluate(scroll_to_end) > 0:
            assert time.monotonic() < deadline, "the bibliography never scrolled sideways"
            time.sleep(0.25)
        tables = page.locator('[data-testid="stDataFrame"], [data-testid="stTable"], table')
        for i in range(tables.count()):
            box = tables.nth(i).bounding_box()
            if box is not None:  # a table inside a closed expander has no box
                assert box["x"] >= 0 and box["x"] + box["width"] <= 390 + 0.5, box
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        page.close()


def test_an_essay_is_coloured_by_sentence_and_one_opens(server, page):
    import re

    from playwright.sync_api import expect

    url, _ = server
    page.goto(url)
    expect(page.get_by_text("Start with a topic")).to_be_visible(timeout=START_TIMEOUT * 1000)
    page.get_by_role("tab", name="Check a claim").click()
    page.get_by_text("An essay", exact=True).click()
    box = page.get_by_placeholder("Paste a paragraph or a whole essay; headings and questions are skipped.")
    expect(box).to_have_count(1)
    tab = page.get_by_role("tab", name="Check a claim")
    expect(tab).to_have_count(1)  # the rerun has replaced the page's tabs
    if not box.is_visible():  # and it may bring the first tab back to the front
        tab.click()
    expect(box).to_be_visible()
    box.fill(
        "Economic reforms in Central Asia\n\n"
        "Kazakhstan has the highest economic growth rate of the five Central Asian countries. "
        "Why did the others lag behind? "
        "Camel caravans carried jade across the Taklamakan desert.\n"
    )
    page.get_by_role("button", name="Check the essay").click()
    essay = page.locator(".sq-essay")
    expect(essay).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
    checked = essay.locator(".sq-s-supported, .sq-s-contradicted, .sq-s-not_found")
    expect(checked).to_have_count(2)
    expect(essay.locator(".sq-s-skipped")).to_have_count(2)  # the heading and the question
    colour = checked.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    page.get_by_test_id("stButtonGroup").get_by_text(re.compile(r"^2 [✔✘?] ")).click()
    expect(page.get_by_text("Sentence 2", exact=True)).to_be_visible()
    expect(page.locator(".sq-verdict").first).to_be_visible()


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
