#!/usr/bin/env bash
# The whole check: install, start PostgreSQL, then lint, types, import contracts and the tests
# (on SQLite and PostgreSQL, spread over all cores). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh test
scripts/services.sh

export ENCAISSE_TEST_POSTGRES_URL="${ENCAISSE_TEST_POSTGRES_URL:-postgresql+psycopg://postgres:postgres@127.0.0.1:5432/postgres}"
echo "==> ruff";          .venv/bin/ruff check .
echo "==> mypy";          .venv/bin/mypy
echo "==> import-linter"; .venv/bin/lint-imports
echo "==> pytest"
.venv/bin/pytest -n "$(nproc)" --dist loadfile "$@"
