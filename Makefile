# docproc: the two commands a new user needs are `make demo` and `make test`.
PY ?= python3
PIP ?= $(PY) -m pip
EXTRAS ?= dev
export HF_HUB_OFFLINE ?= 1
export TOKENIZERS_PARALLELISM ?= false

.PHONY: help setup system install sync demo test test-nb test-py docs bench clean samples

help:
	@echo "make demo   - set up (system packages, package) and run the pipeline on data/samples, offline"
	@echo "make test   - set up, check nbs/ <-> docproc/ <-> README.md sync, run notebook tests and pytest"
	@echo "make sync   - export notebooks, clean them, regenerate README.md"

system:
	bash tools/setup_system.sh

install:
	$(PIP) install -q --disable-pip-version-check -e ".[$(EXTRAS)]"

setup: system install

sync:
	$(PY) tools/nbdev_sync.py

demo: setup
	docproc run --input data/samples

test: EXTRAS = dev,train,ray
test: setup
	$(PY) tools/nbdev_sync.py --check
	cd nbs && nbdev_test --n_workers 2 --do_print
	$(PY) -m pytest -q tests

docs: setup
	$(PY) tools/build_docs.py --out site
	@echo "docs site in site/ (open site/index.html, or: python -m http.server -d site -b 127.0.0.1 8000)"

samples:
	$(PY) tools/make_samples.py

clean:
	rm -rf data/out data/chunks data/summaries data/qa data/dataset data/cache data/runs data/report.html _proc _docs site
