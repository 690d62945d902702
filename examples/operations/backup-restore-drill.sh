#!/usr/bin/env bash
# A backup and restore drill, both halves: client keys (backup v1 files restored on a clean
# machine) and the server's database (an online SQLite copy that a second server starts from).
set -euo pipefail
SERVER="${DATAFOLD_SERVER_URL:-http://localhost:9001}"
: "${DATAFOLD_DATA_DIR:?set it to the data directory of the running server}"
free_port() { node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
datafold_cli crypto init --security-level interactive > /dev/null
datafold_cli crypto config set server.default_url "$SERVER" > /dev/null
datafold_cli crypto generate-key --key-id drill-key > /dev/null
datafold_cli crypto register-key --key-id drill-key --client-id drill-client > /dev/null

# #region client-keys
# Back up every key (the nightly job), then restore on a clean machine (a fresh HOME here).
export DATAFOLD_BACKUP_PASSPHRASE='the backup passphrase from the vault'
mkdir -p backups
for key in $(datafold_cli crypto list-keys --json | jq -r '.keys[].key_id'); do
  datafold_cli crypto export-key --key-id "$key" --output "backups/$key.json" --force > /dev/null
done
CLEAN_HOME=$(mktemp -d)
HOME="$CLEAN_HOME" datafold_cli crypto init --security-level interactive > /dev/null
HOME="$CLEAN_HOME" datafold_cli crypto import-key --input backups/drill-key.json
# The restored key still signs for the registered client.
HOME="$CLEAN_HOME" datafold_cli crypto sign --key-id drill-key --message drill --output drill.sig > /dev/null
datafold_cli crypto verify --client-id drill-client --message drill --signature drill.sig
# #endregion client-keys
rm -rf "$CLEAN_HOME"

# #region server-database
# An online backup of the SQLite database (consistent while the server runs, WAL included).
sqlite3 "$DATAFOLD_DATA_DIR/datafold.sqlite" ".backup 'server-backup.sqlite'"
# Restore into a fresh data directory and start a server from it.
mkdir -p restored && cp server-backup.sqlite restored/datafold.sqlite
PORT=$(free_port)
datafold-server --port "$PORT" --data-dir restored --log-level warn &
RESTORED_PID=$!
trap 'kill $RESTORED_PID 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$PORT/api/health" > /dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "http://127.0.0.1:$PORT/api/crypto/keys/status/drill-client" | jq -r '.data.status'   # active
datafold-server audit verify --data-dir restored   # the audit chain survived the copy
# #endregion server-database
echo "backup and restore drill: ok"
