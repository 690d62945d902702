#!/usr/bin/env bash
# Scheduled key rotation with datafold_cli: a new local version, the server registration moved to
# it (signed by the old key), old signatures still checkable locally.
set -euo pipefail
SERVER="${DATAFOLD_SERVER_URL:-http://localhost:9001}"
datafold_cli crypto init --security-level interactive > /dev/null
datafold_cli crypto config set server.default_url "$SERVER" > /dev/null
datafold_cli crypto generate-key --key-id api-key > /dev/null
datafold_cli crypto register-key --key-id api-key --client-id billing-api > /dev/null
datafold_cli crypto sign --key-id api-key --message "invoice 1" --output before.sig > /dev/null

# #region rotate
datafold_cli crypto rotate-key --key-id api-key --method regenerate --keep-old --reason scheduled_rotation
datafold_cli crypto list-key-versions --key-id api-key
datafold_cli crypto check-registration --key-id api-key        # the new public key, active
# #endregion rotate

# #region after
# New signatures verify with the server; signatures made before the rotation verify locally
# against the version that made them (the server only knows the active key).
datafold_cli crypto sign --key-id api-key --message "invoice 2" --output after.sig > /dev/null
datafold_cli crypto verify --key-id api-key --message "invoice 2" --signature after.sig
OLD_PUBLIC_KEY=$(datafold_cli crypto export-public-key --key-id api-key --version 1)
datafold_cli crypto verify-local --public-key "$OLD_PUBLIC_KEY" --message "invoice 1" --signature before.sig
# #endregion after

set +e
datafold_cli crypto verify --key-id api-key --message "invoice 1" --signature before.sig > /dev/null 2>&1
code=$?
set -e
test "$code" -eq 8   # the old key's signature is not the active key's
echo "rotation drill: ok"
