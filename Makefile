# Set-up and everyday commands. `make demo` and `make test` create .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test browser-deps bench seed clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/conflictmap demo

test: $(BIN)/.installed browser-deps
	$(BIN)/pytest -q

# The browser tests (tests/browser) drive Debian's chromium with Playwright and serve the
# CDN assets of folium's pages from npm packages: nothing is downloaded at test time,
# and `playwright install` is never run. Idempotent: it installs only what is missing.
CHROMIUM := /usr/bin/chromium
BROWSER_DIR := tests/browser

browser-deps: $(BROWSER_DIR)/node_modules/.installed
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	else \
		echo "browser-deps: $(CHROMIUM) is missing; install it as root with:"; \
		echo "    apt-get update && apt-get install -y chromium"; \
	fi

$(BROWSER_DIR)/node_modules/.installed: $(BROWSER_DIR)/package.json $(BROWSER_DIR)/package-lock.json
	@if ! command -v npm >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y npm; \
		else \
			echo "browser-deps: npm is missing; install it as root with:"; \
			echo "    apt-get update && apt-get install -y npm"; exit 1; \
		fi; \
	fi
	cd $(BROWSER_DIR) && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

SEED := ../shared/seed/afp-2021-07-07-iraq-syria.txt

seed: $(BIN)/.installed
	mkdir -p out
	$(BIN)/conflictmap places $(SEED) --format json > out/places.json
	$(BIN)/conflictmap extract $(SEED) -o out/events.geojson
	python3 ../shared/eval/score_seed.py --places out/places.json --events out/events.geojson --require-all

DEV := ../shared/dev
bench: $(BIN)/.installed
	$(BIN)/python benchmarks/bench_gazetteer.py
	$(BIN)/python benchmarks/bench_extract.py -n 3000
	@# Speed and scale on real news text, when it is there; geotext only to compare with.
	@if [ -f $(DEV)/gritta/lgl.xml ]; then \
		$(BIN)/pip install --quiet geotext && \
		$(BIN)/python benchmarks/bench_scale.py --xml $(DEV)/gritta/lgl.xml \
			$(DEV)/gritta/GWN.xml --csv $(DEV)/acled_2022H1_dev.csv; \
	else echo "bench: no real news text in $(DEV); bench_scale.py skipped"; fi

clean:
	rm -rf $(VENV) out .pytest_cache
