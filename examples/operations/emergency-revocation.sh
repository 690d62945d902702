#!/usr/bin/env bash
# Emergency revocation: a key is compromised. Revoke it at once (signed by the key if you still
# have it, else with an admin token), then enrol a fresh key.
set -euo pipefail
SERVER="${DATAFOLD_SERVER_URL:-http://localhost:9001}"
datafold_cli crypto init --security-level interactive > /dev/null
datafold_cli crypto config set server.default_url "$SERVER" > /dev/null
for device in phone tablet; do
  datafold_cli crypto generate-key --key-id "$device" > /dev/null
  datafold_cli crypto register-key --key-id "$device" --client-id "bob-$device" > /dev/null
done
datafold_cli crypto sign --key-id phone --message "pay 10" --output phone.sig > /dev/null

# #region with-key
# We still hold the key: a revocation statement signed by it.
datafold_cli crypto revoke-registration --key-id phone --reason "phone compromised"
# #endregion with-key

# #region with-admin-token
# The key is gone with the device: an operator revokes with an admin token made for the incident.
ADMIN_TOKEN=$(datafold-server token create --role admin --label "incident 4711" --ttl 1h)
curl -fsS -X POST "$SERVER/api/admin/registrations/bob-tablet/revoke" \
  -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
  -d '{"reason": "tablet lost"}' | jq -c '.data | {client_id, status}'
# #endregion with-admin-token

# #region confirm
# Every verification for those clients now fails with KEY_NOT_ACTIVE (HTTP 403).
set +e
datafold_cli crypto verify --client-id bob-phone --message "pay 10" --signature phone.sig --json > phone.json
set -e
jq -r .error.code phone.json   # KEY_NOT_ACTIVE
curl -fsS "$SERVER/api/crypto/keys/status/bob-tablet" | jq -r .data.status   # revoked
# #endregion confirm
test "$(jq -r .error.code phone.json)" = KEY_NOT_ACTIVE

# #region re-enrol
# A revoked public key can never be registered again: enrol a new key.
datafold_cli crypto generate-key --key-id phone-2 > /dev/null
datafold_cli crypto register-key --key-id phone-2 --client-id bob-phone-2
# #endregion re-enrol
echo "emergency revocation: ok"
