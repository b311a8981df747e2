"""Pure helpers for how the web chat behaves and speaks: the scripts that open a citation
from its chip and bring the newest answer into view, the page's constant CSS, and messages
in a student's words rather than the indexer's.

The scripts are constants (no document text ever goes into them); they are inserted once
with `st.html(..., unsafe_allow_javascript=True)` and act on the page's own elements.
"""

from __future__ import annotations

import json
import re

from .ui_text import friendly_time

# Clicking a chip ([n] in an answer) opens its citation's expander and scrolls it into view.
# One listener on the document, installed once, serves every chip drawn later.
CITE_SCRIPT = """<script>
(function () {
  if (window.__silkqaCite) return;
  window.__silkqaCite = true;
  document.addEventListener('click', function (event) {
    var chip = event.target.closest && event.target.closest('[data-sq-cite]');
    if (!chip) return;
    event.preventDefault();
    event.stopPropagation();
    var box = document.querySelector('.st-key-' + CSS.escape(chip.getAttribute('data-sq-cite')));
    if (!box) return;
    var details = box.querySelector('details');
    if (details && !details.open) {
      var summary = details.querySelector('summary');
      if (summary) summary.click();
    }
    setTimeout(function () { box.scrollIntoView({behavior: 'smooth', block: 'center'}); }, 60);
  }, true);
})();
</script>"""

_SAFE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def scroll_script(key: str, nonce: int) -> str:
    """Bring the element with the Streamlit key `key` to the top of the view. Streamlit keeps a
    chat page stuck to its bottom while content arrives, so the script tries a few times in
    the first two seconds, and stops as soon as the reader scrolls, clicks or types."""
    if not _SAFE_KEY.fullmatch(key):
        raise ValueError("unsafe key")
    selector = json.dumps(f".st-key-{key}")
    return f"""<script>/* {int(nonce)} */
(function () {{
  var stop = false;
  ['wheel', 'touchstart', 'keydown', 'mousedown'].forEach(function (name) {{
    window.addEventListener(name, function () {{ stop = true; }}, {{once: true, capture: true}});
  }});
  [150, 500, 1000, 1800].forEach(function (ms) {{
    setTimeout(function () {{
      var el = document.querySelector({selector});
      if (stop || !el) return;
      var top = el.getBoundingClientRect().top;
      if (top < 0 || top > window.innerHeight / 2) el.scrollIntoView({{block: 'start'}});
    }}, ms);
  }});
}})();
</script>"""


# Constant CSS: wide tables scroll inside their own box on a phone instead of the page; the
# box holding the scripts takes no room; what is scrolled to stops below the top bar.
PAGE_CSS = """<style>
[data-testid="stMainBlockContainer"]{padding-top:2.5rem}
[data-testid="stDataFrame"],[data-testid="stTable"]{max-width:100%;overflow-x:auto}
[data-testid="stDataFrame"] > div{max-width:100%}
.st-key-sq-scripts{display:none}
[class*="st-key-turn-"],[class*="st-key-cite-"]{scroll-margin-top:4.5rem}
.sq-block{overflow-wrap:anywhere}
</style>"""


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def library_summary(index) -> str:
    """'1 document, 3 cited works': what a student calls the library's contents ('4 documents' for
    manuals that cite nothing, as the CLI says it)."""
    documents = sum(1 for d in index.documents.values() if d.kind != "reference")
    cited = len(index.references)
    return plural(documents, "document") + (f", {plural(cited, 'cited work')}" if cited else "")


def update_summary(report, index, full: bool = False) -> str:
    """One sentence about an index update, in the library's terms (no chunks, no seconds);
    a rebuild from scratch "adds" every file, so it lists none."""
    bits = [library_summary(index)]
    for name in () if full else ("added", "changed", "removed"):
        items = getattr(report, name)
        if items:
            bits.append(f"{name} {', '.join(items)}")
    return "; ".join(bits) + "."


def display_rows(rows: list[dict]) -> list[dict]:
    """Table rows with missing values left blank instead of 'None'."""
    return [{k: ("" if v is None else v) for k, v in row.items()} for row in rows]


def about_index(manifest: dict | None, corpus_dir, index_dir, chunks: int) -> list[tuple[str, str]]:
    """The technical facts, for those who open 'About this index'."""
    manifest = manifest or {}
    model = manifest.get("model") or {}
    return [
        ("Embedding model", f"{model.get('name', 'unknown')} ({model.get('dim', '?')} dimensions)"),
        ("Passages (chunks)", str(chunks)),
        ("Last updated", friendly_time(manifest.get("built_at"))),
        ("Library folder", str(corpus_dir)),
        ("Index folder", str(index_dir)),
    ]
