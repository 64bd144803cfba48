#!/usr/bin/env bash
# The whole check: install, start PostgreSQL, then lint, types, import contracts and the tests
# (on SQLite and PostgreSQL, spread over all cores), then the SQLite half again with the clock moved more than a
# year ahead (faketime), so a test that depends on the day it runs cannot land. Extra arguments go to pytest
# and skip the second pass.
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
if [ "$#" -eq 0 ]; then
  echo "==> pytest, SQLite half, clock moved ${ENCAISSE_TEST_CLOCK_SHIFT:=+400d}"
  # Not the Redis worker tests (redis-server does not run under libfaketime; they hold no business date).
  faketime -f "$ENCAISSE_TEST_CLOCK_SHIFT" .venv/bin/pytest -n "$(nproc)" --dist loadfile -p no:cacheprovider \
    -k "not postgresql" -m "not redis"
fi
