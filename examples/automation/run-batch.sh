#!/usr/bin/env bash
# Automation with datafold_cli batch: many key operations in one process, the passphrase read
# once, a JSON report to act on.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
datafold_cli crypto init --security-level interactive > /dev/null

# #region batch
datafold_cli crypto batch --file "$HERE/operations.json" --json > report.json
jq -r '.results[] | "\(.index) \(.type): \(if .ok then "ok" else .error.code end)"' report.json
# #endregion batch
test "$(jq '[.results[] | select(.ok)] | length' report.json)" -eq 7

# #region parallel
# Independent operations in parallel (one per core), keep going past failures, then decide.
cat > cleanup.json <<'JSON'
{ "operations": [
  { "type": "delete", "key_id": "tenant-c" },
  { "type": "delete", "key_id": "no-such-key" },
  { "type": "cleanup-old-versions", "key_id": "tenant-b", "keep": 1 }
] }
JSON
set +e
datafold_cli crypto batch --file cleanup.json --parallel --continue-on-error --json > cleanup-report.json
code=$?
set -e
echo "exit $code; failed: $(jq -c '[.results[] | select(.ok | not) | .error.code]' cleanup-report.json)"
# #endregion parallel
test "$code" -eq 5   # the first failure's exit code: KEY_NOT_FOUND
datafold_cli crypto list-keys
echo "batch automation: ok"
