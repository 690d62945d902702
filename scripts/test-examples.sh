#!/usr/bin/env bash
# The guides' checks and every example they quote: the quotes in docs/guides equal their files
# under examples/, the troubleshooting table matches spec/errors.json, and every example runs
# against a real datafold-server started for it (free port, temp data dir, temp HOME).
# Needs `npm run build` and python/.venv (scripts/test-python.sh makes it); the deployment
# examples also use PostgreSQL 15 binaries, redis-server, openssl, sqlite3, curl and jq.
set -euo pipefail
cd "$(dirname "$0")/.."

echo '== guides: quoted examples match their files'
node scripts/check-guides.mjs
echo '== guides: troubleshooting table matches spec/errors.json'
node scripts/generate-troubleshooting.mjs --check
echo '== examples: run against a real server'
node --test examples/test/examples.test.mjs
