"""Secure key storage in Python: key file v1 in ~/.datafold/keys, the directory the CLI and the
Node SDK use, so a key stored here is listed by `datafold_cli crypto list-keys`."""

import os
from pathlib import Path

from datafold_sdk import (
    DataFoldError,
    KeyRotationManager,
    RotationPolicy,
    SecureKeyStorage,
    generate_key_pair,
)

passphrase = os.environ.get("DATAFOLD_PASSPHRASE", "correct horse battery staple")

# #region store
storage = SecureKeyStorage(
    Path.home() / ".datafold" / "keys",
    use_keyring=False,  # key files, readable by every DataFold face (keyring entries are not)
    kdf_params={"memory": 19456, "iterations": 2},  # the floor, for a quick example
)
print(storage.check_storage_availability()["storage_type"])  # file

pair = generate_key_pair()
storage.store_key("python-service", pair, passphrase, metadata={"name": "Python service"})
assert storage.retrieve_key("python-service", passphrase) == pair

try:
    storage.retrieve_key("python-service", "not the passphrase")
    raise AssertionError("a wrong passphrase must not decrypt")
except DataFoldError as error:  # every SDK error carries an error_code
    assert error.error_code == "DECRYPTION_FAILED"
# #endregion store

# #region rotate
manager = KeyRotationManager(storage)
manager.initialize_key_rotation("python-signing", generate_key_pair(), RotationPolicy(), passphrase)
new_pair, info = manager.rotate_key("python-signing", passphrase, "scheduled_rotation")
print(f"python-signing: v{info['previous_version']} -> v{info['new_version']}")
# #endregion rotate

storage.delete_key("python-service")
manager.delete_key_completely("python-signing")
print("stored, retrieved, rotated: ok")
