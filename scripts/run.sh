#!/usr/bin/env bash
# Install Intake Desk from this checkout and open it. Default: the demo database with sample households
# and the demo sign-ins shown on the sign-in screen. Any arguments go to `intake-desk` instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-env.sh
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(demo)
if [ "$(uname)" = Linux ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "== no screen found: running on a virtual screen (xvfb-run)" >&2
  exec xvfb-run -a env QT_QPA_PLATFORM=xcb .venv/bin/intake-desk "${args[@]}"
fi
exec .venv/bin/intake-desk "${args[@]}"
