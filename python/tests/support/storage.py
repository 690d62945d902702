"""File storage at the cost the suites use: Argon2id at the write floors (spec/derivation-v1.md
§4.1), so a test derives in milliseconds and still writes files every face accepts."""

from __future__ import annotations

from pathlib import Path

from datafold_sdk import SecureKeyStorage

PASS = "correct horse battery staple"
FLOOR_KDF = {"memory": 19456, "iterations": 2, "parallelism": 1}


def file_storage(directory: Path) -> SecureKeyStorage:
    """The key directory ``directory`` as SecureKeyStorage, never the OS keyring."""
    return SecureKeyStorage(directory, use_keyring=False, kdf_params=FLOOR_KDF)
