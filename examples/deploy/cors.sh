#!/usr/bin/env bash
# CORS: pages on the listed origins may call the API from the browser; others may not.
# The server under test runs with --cors-origins https://app.example.com
# (DATAFOLD_CORS_ORIGINS=https://app.example.com in server.env).
set -euo pipefail
SERVER="${DATAFOLD_SERVER_URL:-http://localhost:9001}"

# #region preflight
# What a browser asks before a cross-origin POST with a JSON body:
curl -sS -o /dev/null -D allowed.txt -X OPTIONS "$SERVER/api/crypto/keys/register" \
  -H 'Origin: https://app.example.com' \
  -H 'Access-Control-Request-Method: POST' \
  -H 'Access-Control-Request-Headers: content-type'
grep -i '^access-control-allow-origin' allowed.txt   # https://app.example.com

curl -sS -o /dev/null -D refused.txt -X OPTIONS "$SERVER/api/crypto/keys/register" \
  -H 'Origin: https://evil.example' \
  -H 'Access-Control-Request-Method: POST'
grep -ci '^access-control-allow-origin' refused.txt || true   # 0: the browser blocks the call
# #endregion preflight
grep -qi '^access-control-allow-origin: https://app.example.com' allowed.txt
! grep -qi '^access-control-allow-origin' refused.txt
echo "CORS: ok"
