# Set-up and everyday commands. `make demo` and `make test` create .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test bench seed clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/conflictmap demo

test: $(BIN)/.installed
	$(BIN)/pytest -q

SEED := ../shared/seed/afp-2021-07-07-iraq-syria.txt

seed: $(BIN)/.installed
	mkdir -p out
	$(BIN)/conflictmap places $(SEED) --format json > out/places.json
	$(BIN)/conflictmap extract $(SEED) -o out/events.geojson
	python3 ../shared/eval/score_seed.py --places out/places.json --events out/events.geojson --require-all

bench: $(BIN)/.installed
	$(BIN)/python benchmarks/bench_gazetteer.py
	$(BIN)/python benchmarks/bench_extract.py -n 3000

clean:
	rm -rf $(VENV) out .pytest_cache
