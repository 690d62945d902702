#!/usr/bin/env bash
# Installs what the project needs from a fresh clone and builds it. Safe to run again.
#   scripts/install.sh         npm dependencies and the TypeScript build (enough to run)
#   scripts/install.sh --test  also the system packages the test suites use
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--test" ]; then
  bash scripts/ensure-system-deps.sh
fi
if [ "${CI:-}" = "true" ] || [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi
npm run build
