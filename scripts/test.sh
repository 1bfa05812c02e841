#!/usr/bin/env bash
# Install Intake Desk with its test tools and run the whole test suite (benchmarks excluded).
# PostgreSQL tests use INTAKE_DESK_TEST_PG_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test);
# set INTAKE_DESK_REQUIRE_PG=1 to fail instead of skipping when the server is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-env.sh --test
exec .venv/bin/python -m pytest -n 2 -q "$@"
