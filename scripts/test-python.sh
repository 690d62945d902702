#!/usr/bin/env bash
# The Python SDK's checks: creates or updates python/.venv, installs datafold-python-sdk with its
# dev extras, then runs ruff (lint and format), mypy --strict and pytest (with the doctests).
# Expects the Node build (npm run build) to have run: the cross-language tests start
# packages/server/dist/main.js and load packages/sdk/dist, and fail here if they are missing.
set -euo pipefail
cd "$(dirname "$0")/../python"

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo '== python: creating python/.venv'
  "$PYTHON" -m venv .venv
fi
echo '== python: installing datafold-python-sdk[dev]'
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'

echo '== python: error codes match spec/errors.json'
.venv/bin/python tools/generate_error_codes.py --check
echo '== python: ruff check'
.venv/bin/ruff check src tests bench tools
echo '== python: ruff format --check'
.venv/bin/ruff format --check src tests bench tools
echo '== python: mypy --strict'
.venv/bin/mypy --strict
echo '== python: pytest'
DATAFOLD_REQUIRE_NODE=1 .venv/bin/python -m pytest --doctest-modules src tests
