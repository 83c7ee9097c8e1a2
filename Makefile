# The two commands: `make demo` and `make test`. Both create or update .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install clean chromium postgresql fuzz

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# the `ray` extra too, so the tests of --engine ray run (a wheel: about 30 s more to install)
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,ray]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/factoid ingest examples --db demo.db
	$(BIN)/factoid people --db demo.db

# The browser test drives Debian's chromium: installed here when missing and apt-get is at hand;
# otherwise that one test is skipped and says why.
chromium:
	@command -v chromium >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1 || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
		echo "make: could not install chromium; the browser test will be skipped"

# The store's tests also run on PostgreSQL: tests/conftest.py starts a throwaway server with
# Debian's PostgreSQL 15 (initdb in a temporary folder, a free port; as `nobody` when run as
# root) and stops it afterwards. Installed here when missing and apt-get is at hand; otherwise
# those tests are skipped and say why.
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || \
		! command -v apt-get >/dev/null 2>&1 || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null) || \
		echo "make: could not install PostgreSQL 15; the PostgreSQL tests will be skipped"

test: $(STAMP) chromium postgresql
	$(BIN)/python -m pytest

# 10^6 generated inputs over the date grammar, the cleaner, the decoders and the readers
# (about 9 minutes on one core); FUZZ_COUNT=N for another count.
FUZZ_COUNT ?= 1000000
fuzz: $(STAMP)
	$(BIN)/python benchmarks/fuzz.py --count $(FUZZ_COUNT)

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm
