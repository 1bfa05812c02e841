#!/usr/bin/env bash
# Prepare a machine for Intake Desk from a source checkout: system packages (CJK font, virtual screen,
# PDF and QR tools) where we may install them, then a virtual environment with the program.
# Usage: scripts/setup-env.sh [--test]     (--test adds the test tools)
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(fonts-wqy-microhei xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0
              libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-shape0 libegl1 libgl1
              libfontconfig1 libdbus-1-3 poppler-utils zbar-tools)
# The tests also run the desk through PgBouncer (tests/integration/pgbouncer, scripts/pgbouncer.sh).
if [ "${1:-}" = "--test" ]; then APT_PACKAGES+=(pgbouncer); fi

PYTHON=${PYTHON:-python3}
# Debian splits `python3 -m venv` off into python3-venv (without it: "ensurepip is not available").
if ! "$PYTHON" -c "import ensurepip, venv" >/dev/null 2>&1; then
  APT_PACKAGES+=(python3-venv)
fi

if command -v dpkg >/dev/null 2>&1; then
  missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "== installing system packages: ${missing[*]}"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "!! missing system packages (install them with sudo): ${missing[*]}" >&2
    fi
  fi
fi

if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv"
  if ! "$PYTHON" -m venv .venv; then
    rm -rf .venv
    echo "!! $PYTHON -m venv failed: install Debian's python3-venv (sudo apt-get install python3-venv) and run again" >&2
    exit 1
  fi
fi
extra=""
[ "${1:-}" = "--test" ] && extra="[test]"
echo "== installing intake-desk${extra} into .venv"
.venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -m pip install -q -e ".${extra}" 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import intake_desk, PySide6; print('intake-desk', intake_desk.__version__, '/ PySide6', PySide6.__version__)"
