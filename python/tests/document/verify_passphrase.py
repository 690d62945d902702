# The document's troubleshooting recipe "Verify Passphrase", verbatim; the test provides
# `import_key_from_file` and a backup.json in the working directory.
# Test different passphrases systematically
from datafold_sdk.exceptions import BackupError

passphrases_to_try = ["passphrase1", "passphrase2", "backup_phrase"]

for passphrase in passphrases_to_try:
    try:
        key_pair, metadata = import_key_from_file("backup.json", passphrase)
        print(f"Success with passphrase: {passphrase}")
        break
    except BackupError as e:
        if e.error_code == "DECRYPTION_FAILED":
            continue
        else:
            raise
