#!/usr/bin/env bash
# The README's test command: installs what is needed, then runs lint, typecheck and every test
# suite (Node, also on Node 22 and 24, the npm and Python packages as installed, and a real
# Chromium). Exits non-zero on the first failing step.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install.sh --test

echo '== generated files are current'
node scripts/generate-error-registry.mjs --check
echo '== lint'
npm run lint
echo '== typecheck'
npm run typecheck
echo '== tests (Node)'
npx vitest run
# Node 24 (the newest LTS) runs the whole Node suite: what users run next must be green too.
# Node 22 runs the SDK's tests, the part with the most Node-version-specific code (WebCrypto,
# worker_threads, the native backends); its server and CLI by the package test, on both.
# Together about 10 minutes on 2 cores, within CI's budget beside the suite on the node on PATH.
# The package test first: it keeps the better-sqlite3 addon it builds for each Node, which the
# suite on that Node then uses instead of compiling its own.
echo '== npm packages, installed from their tarballs (Node 22 and 24)'
bash scripts/test-packages.sh 22 24
bash scripts/test-node-runtime.sh 24
bash scripts/test-node-runtime.sh 22 packages/sdk
echo '== tests (Chromium)'
npx vitest run --config vitest.browser.config.ts
echo '== tests (Python SDK)'
bash scripts/test-python.sh
echo '== Python distribution (sdist and wheel)'
bash scripts/test-python-dist.sh
echo '== API fuzzing (schemathesis over the OpenAPI document, SQLite and PostgreSQL)'
bash scripts/test-api-fuzz.sh
echo '== examples and guides'
bash scripts/test-examples.sh
