#!/usr/bin/env bash
# Fuzzes datafold-server's OpenAPI document with schemathesis (from PyPI) on SQLite and
# PostgreSQL: creates or updates packages/server/fuzz/.venv, then runs packages/server/fuzz/run.mjs.
# Expects the Node build (npm run build) and the PostgreSQL binaries, as the server suites do.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=packages/server/fuzz/.venv
PYTHON="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
  echo '== fuzz: creating packages/server/fuzz/.venv'
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r packages/server/fuzz/requirements.txt
node packages/server/fuzz/run.mjs "$@"
