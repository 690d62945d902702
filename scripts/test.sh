#!/usr/bin/env bash
# The README's test command: installs what is needed, then runs lint, typecheck and every test
# suite (Node and a real Chromium). Exits non-zero on the first failing step.
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
echo '== tests (Chromium)'
npx vitest run --config vitest.browser.config.ts
echo '== tests (Python SDK)'
bash scripts/test-python.sh
echo '== API fuzzing (schemathesis over the OpenAPI document, SQLite and PostgreSQL)'
bash scripts/test-api-fuzz.sh
echo '== examples and guides'
bash scripts/test-examples.sh
