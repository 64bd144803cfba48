.PHONY: run setup test lint

# Install everything and start the service on http://127.0.0.1:8000 (SQLite, in-process worker).
run:
	scripts/setup.sh run
	.venv/bin/encaisse serve

# Install everything: Debian packages, .venv, the project with its development tools.
setup:
	scripts/setup.sh test

# Install everything and run the whole suite: ruff, mypy, import-linter, pytest on SQLite and PostgreSQL.
test:
	scripts/test.sh

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check api web tests
	.venv/bin/mypy
	.venv/bin/lint-imports
