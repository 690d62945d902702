#!/usr/bin/env bash
# The wire protocol by hand: an Ed25519 key from OpenSSL, registered with its proof of possession,
# signed and verified with curl. Any language with HTTP and Ed25519 can do what the SDKs do.
set -euo pipefail
SERVER="${DATAFOLD_SERVER_URL:-http://localhost:9001}"

# #region register
openssl genpkey -algorithm ed25519 -out client-key.pem
# The raw 32-byte public key is the last 32 bytes of the DER SubjectPublicKeyInfo.
PUBLIC_KEY=$(openssl pkey -in client-key.pem -pubout -outform DER | tail -c 32 | xxd -p -c 64)
CLIENT_ID="curl-client-$$"

# The proof: the key signs the registration statement (spec/http-statements.md), so nobody can
# register a public key they only copied.
TIMESTAMP=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
NONCE=$(openssl rand -hex 16)
printf 'datafold-statement-v1\naction: register\nclient_id: %s\npublic_key: %s\ntimestamp: %s\nnonce: %s\n' \
  "$CLIENT_ID" "$PUBLIC_KEY" "$TIMESTAMP" "$NONCE" > statement.txt
PROOF=$(openssl pkeyutl -sign -rawin -inkey client-key.pem -in statement.txt | xxd -p -c 128)

curl -sS -X POST "$SERVER/api/crypto/keys/register" \
  -H 'Content-Type: application/json' \
  -d "{\"client_id\": \"$CLIENT_ID\", \"public_key\": \"$PUBLIC_KEY\", \"key_name\": \"curl demo\",
       \"proof\": {\"signature\": \"$PROOF\", \"timestamp\": \"$TIMESTAMP\", \"nonce\": \"$NONCE\"}}" |
  tee register.json
# {"success":true,"data":{"registration_id":"…","client_id":"curl-client-…","status":"active",…}}
# #endregion register
jq -e '.success and .data.status == "active"' register.json >/dev/null

# #region verify
printf 'GET /orders/42 at 2026-01-01T00:00:00Z' > message.txt
SIGNATURE=$(openssl pkeyutl -sign -rawin -inkey client-key.pem -in message.txt | xxd -p -c 128)
MESSAGE_B64=$(base64 -w0 < message.txt)

curl -sS -X POST "$SERVER/api/crypto/signatures/verify" \
  -H 'Content-Type: application/json' \
  -d "{\"client_id\": \"$CLIENT_ID\", \"message\": \"$MESSAGE_B64\",
       \"message_encoding\": \"base64\", \"signature\": \"$SIGNATURE\"}" | tee verify.json
# {"success":true,"data":{"verified":true,…,"message_hash":"<sha256 of the message bytes>"}}
# #endregion verify
jq -e '.data.verified == true' verify.json >/dev/null
test "$(jq -r .data.message_hash verify.json)" = "$(sha256sum message.txt | cut -d' ' -f1)"

# #region failure
# A failed check is never "verified": false; it is an error envelope with a code and a status.
status=$(curl -sS -o failed.json -w '%{http_code}' -X POST "$SERVER/api/crypto/signatures/verify" \
  -H 'Content-Type: application/json' \
  -d "{\"client_id\": \"$CLIENT_ID\", \"message\": \"tampered\", \"signature\": \"$SIGNATURE\"}")
echo "HTTP $status: $(jq -c .error failed.json)"
# HTTP 401: {"code":"SIGNATURE_VERIFICATION_FAILED","message":"…","details":{}}
# #endregion failure
test "$status" = 401
jq -e '.error.code == "SIGNATURE_VERIFICATION_FAILED"' failed.json >/dev/null

curl -sS "$SERVER/api/crypto/keys/status/$CLIENT_ID" | jq -e '.data.last_used != null' >/dev/null
echo
echo "registered and verified over plain HTTP: ok"
