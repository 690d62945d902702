#!/usr/bin/env bash
# Admin tokens and roles: operators make tokens on the server host; "admin" may read and revoke,
# "auditor" may only read. Only a hash of each token is stored; the token is printed once. Tokens
# expire (90 days unless --ttl says otherwise), are listed with their last use, and are revoked by id.
set -euo pipefail
SERVER="${DATAFOLD_SERVER_URL:-http://localhost:9001}"
# datafold-server reads DATAFOLD_DATA_DIR (or DATABASE_URL) like the running server does.

datafold_cli crypto init --security-level interactive > /dev/null
datafold_cli crypto generate-key --key-id laptop > /dev/null
datafold_cli crypto register-key --key-id laptop --client-id alice-laptop --server "$SERVER" > /dev/null

# #region tokens
ADMIN_TOKEN=$(datafold-server token create --role admin --label "on-call" --ttl 12h)
AUDITOR_TOKEN=$(datafold-server token create --role auditor --label "dashboards")  # 90 days
# #endregion tokens

# #region read
curl -fsS "$SERVER/api/admin/registrations?status=active&search=alice&limit=20" \
  -H "Authorization: Bearer $AUDITOR_TOKEN" | jq -c '.data.items[] | {client_id, status}'
# {"client_id":"alice-laptop","status":"active"}
# #endregion read

# #region roles
code() { curl -sS -o answer.json -w '%{http_code}' "$@"; }
echo "no token:      $(code -X POST "$SERVER/api/admin/registrations/alice-laptop/revoke")"  # 401
echo "auditor token: $(code -X POST "$SERVER/api/admin/registrations/alice-laptop/revoke" \
  -H "Authorization: Bearer $AUDITOR_TOKEN")"  # 403 FORBIDDEN
echo "admin token:   $(code -X POST "$SERVER/api/admin/registrations/alice-laptop/revoke" \
  -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
  -d '{"reason": "laptop reported stolen"}')"  # 200
# #endregion roles
jq -e '.data.status == "revoked"' answer.json > /dev/null

# #region audit
curl -fsS "$SERVER/api/admin/audit?client_id=alice-laptop&limit=10" \
  -H "Authorization: Bearer $AUDITOR_TOKEN" | jq -r '.data.items[] | "\(.action) by \(.actor)"'
datafold-server audit verify   # exit 0: the hash chain is intact; 8: lists every broken entry
# #endregion audit

# #region lifecycle
datafold-server token list     # active tokens: id, role, status, created, expires, last used, label
# Automation makes its own short-lived token through the API; the token is in this answer only.
# It expires no later than the token that made it, and is revoked with it.
CI_TOKEN=$(curl -fsS -X POST "$SERVER/api/admin/tokens" \
  -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
  -d '{"role": "auditor", "label": "ci run", "ttl": "1h"}' | jq -r .data.token)
# #endregion lifecycle

# #region leaked
# A token turned up where it should not be. Its id, from the token itself while it still works
# (token list shows ids and labels too), then revoked: refused at once by every instance.
LEAKED_ID=$(curl -fsS "$SERVER/api/admin/session" -H "Authorization: Bearer $CI_TOKEN" \
  | jq -r .data.token_id)
datafold-server token revoke "$LEAKED_ID"
curl -sS -o /dev/null -w '%{http_code}\n' "$SERVER/api/admin/session" \
  -H "Authorization: Bearer $CI_TOKEN"   # 401
datafold-server token list --all --json | jq -r '.[] | "\(.label): \(.status)"'
# #endregion leaked
test "$(curl -sS -o /dev/null -w '%{http_code}' "$SERVER/api/admin/session" \
  -H "Authorization: Bearer $CI_TOKEN")" = 401
echo "admin tokens: ok"
