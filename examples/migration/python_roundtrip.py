"""Step 4 of the migration: Python imports the CLI's backup, keeps the key in its own store,
and writes a new backup (scrypt this time) for the way back.

    python python_roundtrip.py IN_BACKUP OUT_BACKUP
"""

import os
import sys
from pathlib import Path

from datafold_sdk import KeyBackupManager, SecureKeyStorage, export_key_to_file, import_key_from_file

in_backup, out_backup = sys.argv[1], sys.argv[2]
backup_passphrase = os.environ["DATAFOLD_BACKUP_PASSPHRASE"]

# #region python
pair, metadata = import_key_from_file(in_backup, backup_passphrase)
storage = SecureKeyStorage(
    Path.home() / ".python-app" / "keys", use_keyring=False, kdf_params={"memory": 19456, "iterations": 2}
)
storage.store_key(metadata.key_id, pair, os.environ["DATAFOLD_PASSPHRASE"])

manager = KeyBackupManager("scrypt", "chacha20-poly1305")  # any KDF and cipher of backup v1
export_key_to_file(pair, backup_passphrase, metadata.key_id, out_backup, manager=manager)
# #endregion python
print(f"python: {metadata.key_id} {pair.public_key.hex()} -> {out_backup}")
