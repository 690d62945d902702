#!/usr/bin/env bash
# What datafold-server exposes for monitoring: /api/health for probes, /metrics for Prometheus.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
SERVER="${DATAFOLD_SERVER_URL:-http://localhost:9001}"

# Some traffic: a registration, a good and a bad verification, an unknown client.
datafold_cli crypto init --security-level interactive > /dev/null
datafold_cli crypto generate-key --key-id metrics-key > /dev/null
datafold_cli crypto register-key --key-id metrics-key --client-id metrics-demo --server "$SERVER" > /dev/null
datafold_cli crypto sign --key-id metrics-key --message ok --output ok.sig > /dev/null
datafold_cli crypto verify --client-id metrics-demo --message ok --signature ok.sig --server "$SERVER" > /dev/null
datafold_cli crypto verify --client-id metrics-demo --message bad --signature ok.sig --server "$SERVER" > /dev/null 2>&1 || true
curl -sS "$SERVER/api/crypto/keys/status/nobody" > /dev/null

# #region probes
curl -fsS "$SERVER/api/health"   # 200 {"status":"ok","database":{"status":"up",...}}; 503 when the database is down
# #endregion probes
echo

# #region scrape
curl -fsS "$SERVER/metrics" > metrics.txt
grep -E '^datafold_(verify_outcomes_total|registrations)\{' metrics.txt
grep -E '^datafold_http_requests_total\{.*route="/api/crypto/signatures/verify"' metrics.txt
# #endregion scrape

grep -q 'datafold_verify_outcomes_total{outcome="verified"} 1' metrics.txt
grep -q 'datafold_verify_outcomes_total{outcome="failed"} 1' metrics.txt
grep -q 'datafold_registrations{status="active"} 1' metrics.txt
grep -q 'datafold_http_requests_total{method="GET",route="/api/crypto/keys/status/:client_id",status="404"} 1' metrics.txt

# Every metric the alert rules use exists (histograms expose _bucket/_sum/_count).
for metric in $(grep -oE '\b(datafold|nodejs|process)_[a-z0-9_]+' "$HERE/alerts.yml" | sort -u); do
  grep -qE "^$metric(\{| )" metrics.txt || { echo "alerts.yml uses $metric, which /metrics lacks" >&2; exit 1; }
done
echo "metrics: ok"
