# docproc: the two commands a new user needs are `make demo` and `make test`.
PY ?= python3
PIP ?= $(PY) -m pip
EXTRAS ?= dev
export HF_HUB_OFFLINE ?= 1
export TOKENIZERS_PARALLELISM ?= false

.PHONY: help setup system install sync demo test quick test-nb test-py docs bench clean samples

help:
	@echo "make demo   - set up (system packages, package) and run the pipeline on data/samples, offline"
	@echo "make test   - set up, check nbs/ <-> docproc/ <-> README.md sync, run notebook tests and pytest"
	@echo "make quick  - the fast checks for a contributor: sync, notebook tests (slow cells skipped), fast pytest files"
	@echo "make sync   - export notebooks, clean them, regenerate README.md"
	@echo "set-up (apt-get, pip install -e) runs only when tools/setup_done.py finds it missing; FORCE=1 redoes it"

system:
	bash tools/setup_system.sh

install:
	$(PIP) install -q --disable-pip-version-check -e ".[$(EXTRAS)]"

# Skip the set-up when it is already done for these extras (tools/setup_done.py says what is missing).
setup:
	@if [ -z "$(FORCE)" ] && $(PY) tools/setup_done.py "$(EXTRAS)"; then echo "set-up: already done (FORCE=1 to redo)"; \
	else $(MAKE) --no-print-directory system install EXTRAS="$(EXTRAS)"; fi

sync:
	$(PY) tools/nbdev_sync.py

demo: setup
	docproc run --input data/samples

test: EXTRAS = dev,train,ray,embed
test: setup
	$(PY) tools/nbdev_sync.py --check
	cd nbs && nbdev_test --n_workers 2 --do_print
	$(PY) -m pytest -q tests

# Fast files only (seconds each); the whole suite is `make test`.
QUICK_TESTS ?= tests/test_foundation.py tests/test_chunk.py tests/test_check.py tests/test_llm.py \
               tests/test_summarize.py tests/test_dataset.py
quick:
	$(PY) tools/nbdev_sync.py --check
	cd nbs && nbdev_test --n_workers 2
	$(PY) -m pytest -q $(QUICK_TESTS)

docs: setup
	$(PY) tools/build_docs.py --out site
	@echo "docs site in site/ (open site/index.html, or: python -m http.server -d site -b 127.0.0.1 8000)"

samples:
	$(PY) tools/make_samples.py

clean:
	rm -rf data/out data/chunks data/summaries data/qa data/dataset data/cache data/runs data/report.html _proc _docs site
