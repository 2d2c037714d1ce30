# Monev Kinerja. `make run` installs and runs the pipeline once; `make test` installs and runs the tests.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
export MONEV_HOME ?= $(CURDIR)/data
export DO_NOT_TRACK := 1
export GX_ANALYTICS_ENABLED := false

.PHONY: install bytecode run test test-fast lint dev serve bench check-seeds clean docs system laporan laporan-layar

install: system .venv/.monev-installed bytecode

# The Debian packages the reports need (WeasyPrint's pango and harfbuzz, poppler-utils, chromium), installed with
# apt-get only when missing (a few ms when all are there; about 40 s for all three missing ones on this machine).
system:
	@.ci/system-packages

# The interpreter: Debian's Python 3.11 (`make system` installs it), built with profile-guided and link-time
# optimisation: a refresh runs about 10 % faster on it than on a plain source build such as pyenv's
# (docs/performance.md). Another machine gets uv's choice.
PYTHON_DEBIAN := /usr/bin/python3.11

.venv/.monev-installed: pyproject.toml uv.lock
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet "uv>=0.9"
	@# this machine does not write .pyc: compile once, at install
	$(UV) sync --frozen --compile-bytecode $(if $(wildcard $(PYTHON_DEBIAN)),--python $(PYTHON_DEBIAN))
	@# At once, on the two cores: monev check's models compiled once by dbt (dbt_project/target/monev-check/; a
	@# changed model recompiles at first use), and the refresh's dbt parse state, shared by every home
	@# (dbt_project/target/monev-parse/: a first refresh parses partially). Either may fail: it is redone at first use.
	-$(UV) run --no-sync python -m orchestration.warehouse.check_models & \
	  $(UV) run --no-sync python -m orchestration.warehouse.dbt; wait
	@touch $@

# The project's own modules compiled to .pyc (`uv sync --compile-bytecode` compiles only the installed
# packages, and this machine does not write .pyc on import): otherwise every process, each refresh, test
# worker and parse worker, compiles them again (about 0,3 s each). Only changed modules are compiled.
bytecode: .venv/.monev-installed
	@$(UV) run --no-sync python -m compileall -q orchestration expectations

run: install
	$(UV) run monev refresh

test: install
	$(UV) run pytest -n 2 --dist loadgroup

# Unit tests, the reader's bad-input corpus, the rule registry and every rule on its fixtures; no refresh.
test-fast: install
	$(UV) run pytest -n 2 --dist loadgroup -m "not e2e"

lint: install
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run sqlfluff lint dbt_project/models dbt_project/macros

dev: install
	DAGSTER_HOME=$(MONEV_HOME)/dagster $(UV) run dg dev

# The service (issue 13): the Dagster daemon (nightly refresh, inbox sensor, notices), the Dagster UI and the
# portal, on the persistent instance under $(MONEV_HOME)/dagster; Ctrl-C stops it all within seconds.
# deploy/monev-kinerja.service runs the same command under systemd.
SERVE_HOST ?= 127.0.0.1
PORT_DAGSTER ?= 3000
PORT_PORTAL ?= 8090
serve: install
	$(UV) run --no-sync monev layanan --host $(SERVE_HOST) --port-dagster $(PORT_DAGSTER) --port-portal $(PORT_PORTAL)

# dbt docs (every model and column described, with the lineage graph) from the published run's build database
# (from the project alone on a fresh clone), offline, into $(MONEV_HOME)/docs/dbt/; `monev docs` serves them
# with the Great Expectations Data Docs.
docs: install
	$(UV) run python -m orchestration.warehouse.dokumen

# The Laporan Monev Renaksi of the latest triwulan (every kecamatan and kabupaten) from the published warehouse,
# into $(MONEV_HOME)/laporan/<tahun>/tw<n>/ (the nightly refresh writes them too).
laporan: install
	$(UV) run monev laporan

# Each report of the latest triwulan in headless Chromium at A4 width: fails on any horizontal overflow;
# screenshots of the top of each report in $(MONEV_HOME)/laporan/layar/.
laporan-layar: install
	$(UV) run python -m orchestration.laporan.layar --png $(MONEV_HOME)/laporan/layar

clean:
	rm -rf .venv data dbt_project/target dbt_project/logs

# The benchmark (not a test): full refresh at N = 11, 300 and 7.285 kecamatan, the refresh after one new
# file, the pure-DuckDB floor, analyst queries and reports on demand; results in $(MONEV_HOME)/bench/.
# Three runs of each measure: about 36 minutes.
bench: install
	$(UV) run python -m orchestration.bench.run
