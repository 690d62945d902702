#!/usr/bin/env bash
# Backup and recovery with datafold_cli: export, check, lose the key, import.
set -euo pipefail
datafold_cli crypto init --security-level interactive
datafold_cli crypto generate-key --key-id laptop-key
original=$(datafold_cli crypto export-public-key --key-id laptop-key)

# #region export
# The backup passphrase is separate from the key passphrase: keep it apart from the file.
export DATAFOLD_BACKUP_PASSPHRASE='a different, long backup passphrase'
datafold_cli crypto export-key --key-id laptop-key --output laptop-key.backup.json
datafold_cli crypto verify-backup --input laptop-key.backup.json            # structure only
datafold_cli crypto verify-backup --input laptop-key.backup.json --decrypt  # and the passphrase
# #endregion export

# The disaster: the key store is gone.
datafold_cli crypto delete-key --key-id laptop-key --confirm
! datafold_cli crypto export-public-key --key-id laptop-key 2>/dev/null

# #region import
datafold_cli crypto import-key --input laptop-key.backup.json
datafold_cli crypto list-backups --directory .
# #endregion import

restored=$(datafold_cli crypto export-public-key --key-id laptop-key)
test "$original" = "$restored"

# A wrong backup passphrase changes nothing: DECRYPTION_FAILED, exit 1.
if DATAFOLD_BACKUP_PASSPHRASE='wrong passphrase!' \
  datafold_cli crypto import-key --input laptop-key.backup.json --key-id other 2>err.txt; then
  exit 1
fi
grep -q DECRYPTION_FAILED err.txt
echo "exported, verified, restored: ok"
