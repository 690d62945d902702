#!/usr/bin/env bash
# Several datafold-server instances behind a load balancer, sharing one PostgreSQL (registrations,
# nonces, audit log) and one Redis (rate limits). The instances keep no state of their own.
# Needs DATABASE_URL and REDIS_URL (the test runner starts throwaway ones).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
: "${DATABASE_URL:?postgres://user@host:5432/datafold}"
: "${REDIS_URL:?redis://host:6379}"
free_port() { node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
wait_for() { for _ in $(seq 100); do curl -fsS "$1" > /dev/null 2>&1 && return 0; sleep 0.2; done; return 1; }

# #region instances
A=$(free_port); B=$(free_port); LB=$(free_port)
export DATABASE_URL REDIS_URL
# The balancer passes the client's address in X-Forwarded-For; the instances believe it from
# the balancer only, so per-IP limits count clients, not the balancer.
export DATAFOLD_TRUST_PROXY=127.0.0.1
export DATAFOLD_RATE_LIMIT_CLIENT=5   # 5 a minute, to see it trip
datafold-server --port "$A" --log-level warn & PIDS+=($!)
datafold-server --port "$B" --log-level warn & PIDS+=($!)
node "$HERE/round-robin-proxy.mjs" "$LB" "http://127.0.0.1:$A" "http://127.0.0.1:$B" & PIDS+=($!)
# #endregion instances
wait_for "http://127.0.0.1:$A/api/health"
wait_for "http://127.0.0.1:$B/api/health"
wait_for "http://127.0.0.1:$LB/api/health"
curl -fsS "http://127.0.0.1:$A/api/health" | jq -e '.data.database.dialect == "postgres"' > /dev/null

# #region through-the-balancer
SERVER="http://127.0.0.1:$LB"
datafold_cli crypto init --security-level interactive > /dev/null
datafold_cli crypto generate-key --key-id lb-key > /dev/null
datafold_cli crypto register-key --key-id lb-key --client-id lb-demo --server "$SERVER" > /dev/null
datafold_cli crypto sign --key-id lb-key --message "through the balancer" --output lb.sig > /dev/null
# Registered through one instance, verified by both (requests alternate between them).
for instance in "$A" "$B"; do
  datafold_cli crypto verify --client-id lb-demo --message "through the balancer" --signature lb.sig \
    --server "http://127.0.0.1:$instance" --json | jq -r '"instance '"$instance"': verified=\(.verified)"'
done
# #endregion through-the-balancer

# #region shared-limits
# The per-client limit counts the client's successful verifications in Redis, so it holds across
# instances: two above, three more are allowed, the sixth in this minute gets 429. A request that
# fails (a wrong signature naming lb-demo) spends its sender's budget, never lb-demo's.
SIGNATURE=$(xxd -p -c 128 lb.sig)
for i in 3 4 5 6; do
  code=$(curl -sS -o answer.json -D headers.txt -w '%{http_code}' -X POST \
    "$SERVER/api/crypto/signatures/verify" -H 'Content-Type: application/json' \
    -d "{\"client_id\": \"lb-demo\", \"message\": \"through the balancer\", \"signature\": \"$SIGNATURE\"}")
  echo "verification $i: HTTP $code via instance $(grep -i '^x-upstream' headers.txt | tr -d '\r' | cut -d' ' -f2)"
done
grep -i '^retry-after' headers.txt
# #endregion shared-limits
test "$code" = 429
jq -e '.error.code == "RATE_LIMITED"' answer.json > /dev/null

# One instance down: the balancer sends everything to the other one.
kill "${PIDS[0]}"
curl -fsS "http://127.0.0.1:$LB/api/crypto/status" > /dev/null
curl -fsS "http://127.0.0.1:$LB/api/crypto/status" > /dev/null
echo "several instances on PostgreSQL and Redis: ok"
