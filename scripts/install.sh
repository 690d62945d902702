#!/usr/bin/env bash
# Installs everything the project needs from a fresh clone: system packages, npm dependencies,
# and the TypeScript build. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-deps.sh
if [ "${CI:-}" = "true" ] || [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi
npm run build
