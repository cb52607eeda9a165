# Two commands set everything up on a fresh machine: `make report` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: report test bench clean

# setup.py compiles tracker/extract with mypyc (tracker/extract/native.py): an edit there rebuilds it.
$(STAMP): pyproject.toml setup.py $(wildcard tracker/extract/*.py)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/tracker report

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --out benchmarks/results.md

clean:
	rm -rf $(VENV) tracker.duckdb tracker.duckdb.wal build tracker/extract/*.so tracker_extract__mypyc.*.so tracker/extract/native.sha256
