#!/usr/bin/env bash
# Checks the deployment files: systemd accepts the unit, and the server starts with server.env.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"

# #region verify
systemd-analyze verify --man=no "$HERE/datafold-server.service"
# #endregion verify

# The environment file is valid configuration: start a server with it (on a spare port and a
# scratch data directory instead of 9001 and /var/lib/datafold) and ask for its health.
PORT=$(node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
(
  set -a
  . "$HERE/server.env"
  set +a
  DATAFOLD_PORT=$PORT DATAFOLD_DATA_DIR="$PWD/state" exec datafold-server
) > server.log 2>&1 &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -fsS "http://127.0.0.1:$PORT/api/health" > health.json 2>/dev/null && break
  sleep 0.2
done
jq -e '.data.status == "ok"' health.json > /dev/null
# DATAFOLD_REQUIRE_PROOF=1 took effect: a registration without proof is refused.
curl -sS -X POST "http://127.0.0.1:$PORT/api/crypto/keys/register" -H 'Content-Type: application/json' \
  -d '{"public_key": "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"}' |
  jq -e '.error.code == "PROOF_REQUIRED"' > /dev/null
echo "deployment files: ok"
