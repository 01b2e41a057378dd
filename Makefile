# The README's two commands: `make report` and `make test`. Each sets up .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: report test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/appraisal report --out build

test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto --maxprocesses 4

lint: $(STAMP)
	$(BIN)/ruff check appraisal tests bench
	$(BIN)/mypy appraisal
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/pip install --quiet '.[bench]' || echo "pymcdm unavailable: its comparison is skipped"
	$(BIN)/python bench/bench_rank.py
	$(BIN)/python bench/bench_sensitivity.py
	$(BIN)/python bench/bench_smaa.py
	$(BIN)/python bench/bench_report.py
	$(BIN)/python bench/bench_scale.py

clean:
	rm -rf $(VENV) build
