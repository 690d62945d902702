#!/usr/bin/env bash
# The README's run command: installs what is needed, builds, and runs datafold-server on
# 127.0.0.1:9001 with the embedded SQLite database in ./.datafold-data. Extra arguments go to the
# server (e.g. ./scripts/start.sh --port 9100); `datafold-server --help` lists them.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install.sh
exec node packages/server/dist/main.js "$@"
