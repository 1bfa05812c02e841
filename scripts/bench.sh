#!/usr/bin/env bash
# Run the benchmarks (each figure beside a floor measured in the same run). Optional name filters.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-env.sh --test
QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} exec .venv/bin/python -m tests.benchmarks.run "$@"
