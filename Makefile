# Two commands set everything up on a fresh machine: `make report` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: report test bench clean bytecode

# setup.py compiles tracker/extract with mypyc (tracker/extract/native.py): an edit there rebuilds it.
$(STAMP): pyproject.toml setup.py $(wildcard tracker/extract/*.py)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(MAKE) --no-print-directory bytecode
	touch $(STAMP)

# An editable install leaves tracker/ and migrations/ uncompiled, and where PYTHONDONTWRITEBYTECODE
# is set (this machine, CI) every command compiled them again: ~0.1 s of each start-up (tracker
# timeline 1.76 s against 1.67 s), in ingest's parent and in each of its workers. compileall only
# rewrites what is stale; report and bench refresh it, since edits outside extract/ do not rebuild.
bytecode:
	$(BIN)/python -m compileall -q tracker migrations benchmarks

report: $(STAMP) bytecode
	$(BIN)/tracker report

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP) bytecode
	$(BIN)/python benchmarks/run.py --out benchmarks/results.md

clean:
	find tracker migrations benchmarks tests -name __pycache__ -prune -exec rm -rf {} +
	rm -rf $(VENV) tracker.duckdb tracker.duckdb.wal build tracker/extract/*.so tracker_extract__mypyc.*.so tracker/extract/native.sha256
