# Two entry points for a newcomer: `make run` (web chat) and `make test` (the suite).
# Both create .venv in the checkout on first use; torch is pinned first so pip takes
# the CPU build that lies on this machine's disk instead of a multi-GB CUDA build.

VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test index lint bench eval clean browser screenshots

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[test,milvus]'
	touch $(STAMP)

index: $(STAMP)
	$(VENV)/bin/silkqa index

run: $(STAMP)
	$(VENV)/bin/silkqa index
	$(VENV)/bin/streamlit run streamlit_app.py --server.headless true --browser.gatherUsageStats false

browser:
	@command -v /usr/bin/chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	@fc-list :lang=zh | grep -q . || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-zenhei  # Chinese in the browser test

test: $(STAMP) browser
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/python -m pytest -q

# The tests write their pictures to a temporary folder; this refreshes the README's picture.
screenshots: $(STAMP) browser
	SILKQA_SCREENSHOT_DIR=docs $(VENV)/bin/python -m pytest -q tests/test_browser.py -k survives_a_reload

eval: $(STAMP)
	$(VENV)/bin/silkqa eval

bench: $(STAMP)
	$(VENV)/bin/python benchmarks/run.py

clean:
	rm -rf $(VENV) index
