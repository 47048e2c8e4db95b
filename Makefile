# Two commands on a fresh machine: `make run` and `make test`. Everything else is what they use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
TRANSLATIONS := platform/samverkan/translations
HTMX_VERSION := 2.0.11
#: the Nu HTML Checker the tests run over every page (npm's vnu-jar, a Java program)
VNU_VERSION := 26.9.27
VNU := $(VENV)/node/.vnu-$(VNU_VERSION)

.PHONY: install translations translations-update run test vendor bench

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,production]"
	touch $@

translations: install
	$(BIN)/pybabel -q compile -d $(TRANSLATIONS)

# After adding or changing UI strings: extract them, merge into the Swedish catalogue, translate.
translations-update: install
	$(BIN)/pybabel -q extract -F platform/samverkan/babel.cfg -k _l -k lazy_pgettext:1c,2 --no-location --sort-output \
		-o $(TRANSLATIONS)/messages.pot platform/samverkan
	$(BIN)/pybabel -q update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) --no-fuzzy-matching --no-wrap --ignore-obsolete

# Install, create or upgrade the SQLite database in the instance folder, sync the plans, load the
# demo actors, networks and meetings (once), serve.
# Plain http on localhost: cookies without the Secure flag, or the browser would not send them back.
# Links in e-mails (written to the log) point at the development server.
run: export SAMVERKAN_SESSION_COOKIE_SECURE = false
run: export SAMVERKAN_REMEMBER_COOKIE_SECURE = false
run: export SAMVERKAN_BASE_URL ?= http://127.0.0.1:5000
run: export SAMVERKAN_TRUSTED_HOSTS ?= localhost
run: translations
	$(BIN)/samverkan db upgrade
	$(BIN)/samverkan plugins sync
	$(BIN)/samverkan demo load
	SAMVERKAN_JOBS_IN_PROCESS=1 $(BIN)/samverkan run  # the job worker runs in the server's process

# The suite on every core (pytest-xdist; each worker has databases of its own): TEST_WORKERS=0 runs it
# in one process, e.g. with PYTEST_ARGS="-k …" for a few tests.
TEST_WORKERS ?= auto
test: translations $(VNU)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# The checker goes beside the virtual environment's packages, where tests/test_valid_html.py finds it;
# without npm the install is skipped and that test skips (CI fails it), saying why.
$(VNU): $(VENV)/.installed
	@if command -v npm >/dev/null; then npm install --silent --no-save --prefix $(VENV)/node vnu-jar@$(VNU_VERSION) && touch $@; \
	else echo "npm not found: the HTML check of the tests will skip"; fi

# Load-test the public pages under gunicorn with wrk; appends to bench/RESULTS.md (see README).
bench: translations
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Refresh the vendored front-end files from their npm packages (see static/vendor/README.md).
vendor:
	cd $$(mktemp -d) && npm pack --silent htmx.org@$(HTMX_VERSION) && tar xzf htmx.org-$(HTMX_VERSION).tgz \
		&& cp package/dist/htmx.min.js package/LICENSE $(CURDIR)/platform/samverkan/static/vendor/htmx/
	sha256sum platform/samverkan/static/vendor/htmx/htmx.min.js
