"""The 32-byte key of a backup from its passphrase (spec/backup-v1.md §4).

Bounds are checked before any work: ``read`` applies the ceilings only, ``create`` the floors as
well (§4.5). A malformed parameter read from a file is the file's fault: INVALID_BACKUP_JSON.

Example:
    >>> key = derive_backup_key("pbkdf2", {"iterations": 1000}, "pass phrase", bytes(16), "read")
    >>> len(key)
    32
"""

from __future__ import annotations

from typing import Any, Dict

from datafold_sdk.backup.constants import KEY_LENGTH
from datafold_sdk.derivation.kdf_bounds import assert_kdf_params_safe
from datafold_sdk.errors.exceptions import BackupError, Ed25519KeyError
from datafold_sdk.hazmat.kdf import argon2id, pbkdf2, scrypt


def check_backup_kdf_params(kdf: str, params: object, purpose: str) -> Dict[str, Any]:
    """The normalized parameters as a backup stores them, or the bound's coded error."""
    try:
        checked = assert_kdf_params_safe(kdf, params, purpose)
    except Ed25519KeyError as error:
        if purpose == "read" and error.error_code == "INVALID_ARGUMENT":
            raise BackupError(
                f'Invalid backup: field "kdf_params": {error.message}',
                "INVALID_BACKUP_JSON",
                {"field": "kdf_params"},
            ) from None
        raise
    if kdf == "pbkdf2":
        if checked["hash"] != "SHA-256":
            raise BackupError("backup v1 uses PBKDF2-HMAC-SHA-256 only", "UNSUPPORTED_ALGORITHM")
        return {"iterations": checked["iterations"], "hash": "SHA-256"}
    return checked


def derive_backup_key(
    kdf: str, params: Dict[str, Any], passphrase: str, salt: bytes, purpose: str
) -> bytes:
    """Derives the key after checking ``params`` for ``purpose``; the passphrase is its UTF-8
    exactly as given (§4.1: no normalisation)."""
    checked = check_backup_kdf_params(kdf, params, purpose)
    try:
        password = passphrase.encode("utf-8")
    except UnicodeEncodeError:
        raise BackupError(
            "passphrase has a lone surrogate and no UTF-8 form", "INVALID_ARGUMENT"
        ) from None
    if kdf == "argon2id":
        return argon2id(
            password,
            salt,
            checked["memory"],
            checked["iterations"],
            checked["parallelism"],
            KEY_LENGTH,
        )
    if kdf == "scrypt":
        return scrypt(password, salt, checked["n"], checked["r"], checked["p"], KEY_LENGTH)
    return pbkdf2(password, salt, checked["iterations"], KEY_LENGTH, "SHA-256")
