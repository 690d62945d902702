#!/usr/bin/env bash
# A CI/CD job: a short-lived key for this pipeline run signs the build artifact; the DataFold
# server verifies the signature before the deploy step, and the key is revoked when the job ends.
# Secrets come from the CI's secret store as environment variables:
#   DATAFOLD_PASSPHRASE   protects the key file on the runner
#   DATAFOLD_SERVER_URL   the DataFold server
set -euo pipefail
: "${DATAFOLD_PASSPHRASE:?set DATAFOLD_PASSPHRASE from the CI secret store}"
SERVER="${DATAFOLD_SERVER_URL:-http://localhost:9001}"
RUN_ID="${CI_PIPELINE_ID:-${GITHUB_RUN_ID:-local-$$}}"

# #region setup
# A fresh runner: cheapest Argon2id level, since this key lives for one job.
datafold_cli crypto init --security-level interactive --json > /dev/null
datafold_cli crypto config set server.default_url "$SERVER" > /dev/null
datafold_cli crypto generate-key --key-id pipeline --json > /dev/null
CLIENT_ID="ci-$RUN_ID"
datafold_cli crypto register-key --key-id pipeline --client-id "$CLIENT_ID" --key-name "pipeline $RUN_ID" --json |
  jq -r '"registered \(.client_id) (\(.status))"'
# Whatever happens next, the pipeline key stops being trusted when the job ends.
trap 'datafold_cli crypto revoke-registration --key-id pipeline --reason "pipeline finished" --json > /dev/null' EXIT
# #endregion setup

# #region sign
echo "build output of run $RUN_ID" > artifact.tar.gz   # stands in for the real build
datafold_cli crypto sign --key-id pipeline --message-file artifact.tar.gz --output artifact.sig
# #endregion sign

# #region gate
# The deploy gate: verify with the server (is this client's key active and did it sign this?).
if datafold_cli crypto verify --client-id "$CLIENT_ID" --message-file artifact.tar.gz \
  --signature artifact.sig --json > verify.json; then
  echo "artifact verified: sha256 $(jq -r .message_hash verify.json)"
else
  code=$?
  echo "deploy blocked: exit $code ($(jq -r '.error.code // "unknown"' verify.json))" >&2
  exit "$code"
fi
# #endregion gate

# A tampered artifact is caught (exit 8).
echo "tampered" >> artifact.tar.gz
set +e
datafold_cli crypto verify --client-id "$CLIENT_ID" --message-file artifact.tar.gz --signature artifact.sig > /dev/null 2>&1
code=$?
set -e
test "$code" -eq 8
echo "ci job: ok"
