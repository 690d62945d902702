#!/usr/bin/env bash
# Moving one key browser -> Node -> CLI -> Python -> CLI on another machine, through backup v1
# files, and checking at the end that it still signs for the client the browser registered.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
SERVER="${DATAFOLD_SERVER_URL:-http://localhost:9001}"
export DATAFOLD_BACKUP_PASSPHRASE='the backup passphrase, kept apart from the file'

datafold_cli crypto init --security-level interactive > /dev/null

# #region browser-to-node
node "$HERE/browser-export.mjs" user-key.backup.json   # the browser's download
node "$HERE/node-import.mjs" user-key.backup.json      # into ~/.datafold/keys
# #endregion browser-to-node
ORIGINAL=$(jq -r .public_key user-key.backup.json)   # base64

# #region node-to-cli
# Node's key-file store is the CLI's: the key is already there.
datafold_cli crypto list-keys
datafold_cli crypto export-key --key-id user-key --output from-cli.backup.json
# #endregion node-to-cli

# #region cli-to-python
python3 "$HERE/python_roundtrip.py" from-cli.backup.json from-python.backup.json
# #endregion cli-to-python

# #region python-to-cli
# Another machine (a fresh HOME here) restores the Python backup with the CLI.
OTHER_HOME=$(mktemp -d)
export HOME="$OTHER_HOME"
datafold_cli crypto init --security-level interactive > /dev/null
datafold_cli crypto verify-backup --input from-python.backup.json --decrypt
datafold_cli crypto import-key --input from-python.backup.json
datafold_cli crypto sign --key-id user-key --message "still me" --output still-me.sig
datafold_cli crypto verify --client-id migrating-user --message "still me" --signature still-me.sig --server "$SERVER"
# #endregion python-to-cli

test "$(datafold_cli crypto export-public-key --key-id user-key --format base64)" = "$ORIGINAL"
test "$(jq -r .kdf from-python.backup.json)" = scrypt
rm -rf "$OTHER_HOME"
echo "migration browser -> node -> cli -> python -> cli: ok"
