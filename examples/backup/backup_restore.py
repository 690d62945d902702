"""Backup and recovery with datafold_sdk: the same backup v1 files as the JS SDK and the CLI."""

from pathlib import Path

from datafold_sdk import (
    BackupError,
    KeyBackupManager,
    export_key_to_file,
    generate_key_pair,
    import_key_from_file,
)

backup_passphrase = "a different, long backup passphrase"

# #region backup
# Argon2id at its floor keeps the example quick; KeyBackupManager() uses m=64 MiB, t=3.
manager = KeyBackupManager("argon2id", "xchacha20-poly1305", kdf_params={"memory": 19456, "iterations": 2})
pair = generate_key_pair()
path = Path("python-key.backup.json")
export_key_to_file(pair, backup_passphrase, "python-key", path, manager=manager)  # mode 0600

restored, metadata = import_key_from_file(path, backup_passphrase)
assert restored == pair
print(f"restored {metadata.key_id} ({metadata.kdf} + {metadata.encryption})")
# #endregion backup

try:
    import_key_from_file(path, "not the backup passphrase")
    raise AssertionError("a wrong passphrase must not decrypt")
except BackupError as error:
    assert error.error_code == "DECRYPTION_FAILED"
print("backed up and restored: ok")
