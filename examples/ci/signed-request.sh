#!/usr/bin/env bash
# A CI job calling an API that accepts only signed requests (RFC 9421, the DataFold profile):
# the pipeline's own Ed25519 key, kept in the CI's secret store, is registered with the DataFold
# server once, and every call the job makes is signed with it by `datafold_cli crypto request`.
# The API learns from the signature which client called; no API token to leak or rotate.
# From the CI's secret store and settings:
#   DATAFOLD_CI_KEY_FILE  the pipeline's private key (PEM), a secret file
#   DATAFOLD_PASSPHRASE   protects the key in the runner's key store for the job
#   DATAFOLD_SERVER_URL   the DataFold server the API resolves keys from
#   DEPLOY_API_URL        the API (unset here: the example API, signed-api.mjs, is started)
set -euo pipefail
: "${DATAFOLD_PASSPHRASE:?set DATAFOLD_PASSPHRASE from the CI secret store}"
SERVER="${DATAFOLD_SERVER_URL:-http://localhost:9001}"
HERE="$(cd "$(dirname "$0")" && pwd)"

# Stand-ins for what the CI provides: the secret key file (made once by whoever set up the
# pipeline) and the API itself.
if [ -z "${DATAFOLD_CI_KEY_FILE:-}" ]; then
  DATAFOLD_CI_KEY_FILE="$PWD/pipeline-key.pem"
  openssl genpkey -algorithm ed25519 -out "$DATAFOLD_CI_KEY_FILE"
fi
if [ -z "${DEPLOY_API_URL:-}" ]; then
  PORT=$(node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  node "$HERE/signed-api.mjs" "$PORT" "$SERVER" &
  API_PID=$!
  trap 'kill "$API_PID" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
  DEPLOY_API_URL="http://127.0.0.1:$PORT"
  for _ in $(seq 100); do curl -fsS "$DEPLOY_API_URL/health" > /dev/null 2>&1 && break; sleep 0.2; done
fi

# #region setup
# A fresh runner: the cheapest Argon2id level, since this key store lives for one job.
datafold_cli crypto init --security-level interactive --json > /dev/null
datafold_cli crypto store-key --key-id pipeline --private-key-file "$DATAFOLD_CI_KEY_FILE" --json > /dev/null
# The first job registers the key as ci-deployer; later jobs, with the same key, only confirm it.
datafold_cli crypto register-key --key-id pipeline --server "$SERVER" --client-id ci-deployer --json |
  jq -r '"key registered as \(.client_id)"'
# #endregion setup

# #region call
jq -n --arg version "${GITHUB_SHA:-1.4.2}" '{service: "billing", version: $version}' > deployment.json
# Signed with the key registered above (its client id is the signature's keyid); --json gives
# one document: the answer's status, headers and parsed body, and the signature sent.
if datafold_cli crypto request POST "$DEPLOY_API_URL/deployments" --key-id pipeline \
  --header 'Content-Type: application/json' --data @deployment.json --json > answer.json; then
  jq -r '"deployment \(.body.deployment_id) of \(.body.service) accepted from \(.body.requested_by)"' answer.json
else
  code=$?   # 8: the signature was refused (revoked key, replay...); 6: unreachable; 1: other
  echo "deploy call failed: exit $code, HTTP $(jq -r '.status // "-"' answer.json) $(jq -r '.body.error.code // .error.code // ""' answer.json)" >&2
  exit "$code"
fi
# #endregion call
test "$(jq -r .body.requested_by answer.json)" = ci-deployer

# The same signature sent again (a replay) is refused, whatever sends it.
headers=(-H "Signature-Input: $(jq -r .signature.input answer.json)"
  -H "Signature: $(jq -r .signature.signature answer.json)"
  -H "Content-Digest: $(jq -r .signature.content_digest answer.json)")
status=$(curl -s -o replay.json -w '%{http_code}' "${headers[@]}" \
  -H 'Content-Type: application/json' --data-binary @deployment.json "$DEPLOY_API_URL/deployments")
test "$status" = 401
test "$(jq -r .error.code replay.json)" = REQUEST_SIGNATURE_REPLAYED
echo "replayed request refused: $(jq -r .error.code replay.json)"
echo "signed request: ok"
