#!/usr/bin/env bash
# Registration, signing and verification with datafold_cli.
set -euo pipefail
SERVER="${DATAFOLD_SERVER_URL:-http://localhost:9001}"

# #region register
datafold_cli crypto init --security-level interactive
datafold_cli crypto config set server.default_url "$SERVER"   # or --server URL on each command
datafold_cli crypto generate-key --key-id my-app-key
datafold_cli crypto register-key --key-id my-app-key --key-name "My app"   # with proof of possession
datafold_cli crypto check-registration --key-id my-app-key
# #endregion register

# #region sign
datafold_cli crypto sign --key-id my-app-key --message "Hello DataFold" --output signature.bin
datafold_cli crypto verify --key-id my-app-key --message "Hello DataFold" --signature signature.bin
datafold_cli crypto verify-local --key-id my-app-key --message "Hello DataFold" --signature signature.bin
# #endregion sign

# #region exit-codes
# Scripts branch on the exit code: 8 means "the signature does not verify".
set +e
datafold_cli crypto verify --key-id my-app-key --message "Hello DataFold!" --signature signature.bin
code=$?
set -e
if [ "$code" -ne 8 ]; then echo "expected exit 8, got $code" >&2; exit 1; fi
# #endregion exit-codes

# The JSON output carries what the server answered.
datafold_cli crypto verify --key-id my-app-key --message "Hello DataFold" --signature signature.bin --json |
  jq -e '.verified == true and (.message_hash | length == 64)' >/dev/null
echo "registered, signed and verified: ok"
