"""Writing a backup v1 document (spec/backup-v1.md §9, "Writing").

Example:
    >>> from datafold_sdk.keys.from_seed import key_pair_from_seed
    >>> doc = create_backup_document(
    ...     key_pair_from_seed(bytes(32)), "correct horse battery staple", "my-key",
    ...     kdf="pbkdf2", kdf_params={"iterations": 100000})
    >>> (doc["version"], doc["kdf"], doc["encryption"])
    (1, 'pbkdf2', 'xchacha20-poly1305')
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime, timezone
from typing import Any, Dict, Mapping, Optional, Union

from datafold_sdk.backup.aead import aead_encrypt
from datafold_sdk.backup.backup_key import check_backup_kdf_params, derive_backup_key
from datafold_sdk.backup.constants import (
    BACKUP_CIPHERS,
    BACKUP_KDFS,
    BACKUP_VERSION,
    DEFAULT_CIPHER,
    DEFAULT_KDF,
    DEFAULT_KDF_PARAMS,
    DEFAULT_SALT_LENGTH,
    MAX_CREATED_LENGTH,
    MAX_KEY_ID_LENGTH,
    MAX_SALT_LENGTH,
    MIN_SALT_LENGTH,
    NONCE_LENGTHS,
)
from datafold_sdk.encoding.strict import bytes_to_base64
from datafold_sdk.errors.exceptions import BackupError, ValidationError
from datafold_sdk.keys.from_seed import get_public_key
from datafold_sdk.keys.types import Ed25519KeyPair
from datafold_sdk.utils.debug_log import debug
from datafold_sdk.utils.passphrase import assert_strong_passphrase


def format_created(value: Optional[Union[datetime, str]] = None) -> str:
    """RFC 3339 UTC with whole seconds and Z (§3.1), for now or a given time.

    Example:
        >>> format_created(datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=timezone.utc))
        '2026-01-02T03:04:05Z'
    """
    if isinstance(value, str):
        if not 0 < len(value) <= MAX_CREATED_LENGTH:
            raise ValidationError("created must be a non-empty RFC 3339 string", "INVALID_ARGUMENT")
        return value
    moment = value if value is not None else datetime.now(timezone.utc)
    if not isinstance(moment, datetime):
        raise ValidationError(
            "created must be a datetime or an RFC 3339 string", "INVALID_ARGUMENT"
        )
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _fixed_bytes(value: Optional[bytes], what: str, low: int, high: int) -> Optional[bytes]:
    if value is None:
        return None
    if not isinstance(value, (bytes, bytearray)) or not low <= len(value) <= high:
        size = f"{low}" if low == high else f"{low}-{high}"
        raise ValidationError(f"{what} must be {size} bytes", "INVALID_ARGUMENT")
    return bytes(value)


def check_backup_key_pair(key_pair: object) -> Ed25519KeyPair:
    """The key pair, or INTEGRITY_CHECK_FAILED when its public key is not the seed's (§6.2)."""
    if not isinstance(key_pair, Ed25519KeyPair):
        raise ValidationError("key_pair must be an Ed25519KeyPair", "INVALID_PRIVATE_KEY")
    if get_public_key(key_pair.private_key) != key_pair.public_key:
        raise BackupError(
            "key_pair.public_key is not the public key of key_pair.private_key",
            "INTEGRITY_CHECK_FAILED",
        )
    return key_pair


def create_backup_document(
    key_pair: Ed25519KeyPair,
    passphrase: str,
    key_id: str,
    *,
    kdf: str = DEFAULT_KDF,
    kdf_params: Optional[Mapping[str, Any]] = None,
    encryption: str = DEFAULT_CIPHER,
    created: Optional[Union[datetime, str]] = None,
    metadata: Optional[Dict[str, Any]] = None,
    include_public_key: bool = True,
    salt: Optional[bytes] = None,
    nonce: Optional[bytes] = None,
) -> Dict[str, Any]:
    """The backup as a dict in the member order of §3.1 then §3.2.

    Refuses weak passphrases (WEAK_PASSPHRASE), parameters below the floors or over the ceilings
    (KDF_PARAMS_UNSAFE), unknown algorithms (UNSUPPORTED_ALGORITHM) and mismatched key pairs
    (INTEGRITY_CHECK_FAILED). ``salt`` and ``nonce`` are for test vectors only: leave them unset.
    """
    if not isinstance(key_id, str) or not 1 <= len(key_id) <= MAX_KEY_ID_LENGTH:
        raise ValidationError(
            f"key_id must be a string of 1 to {MAX_KEY_ID_LENGTH} characters", "INVALID_KEY_ID"
        )
    assert_strong_passphrase(passphrase)
    check_backup_key_pair(key_pair)
    if kdf not in BACKUP_KDFS:
        raise BackupError(f"kdf must be one of {', '.join(BACKUP_KDFS)}", "UNSUPPORTED_ALGORITHM")
    if encryption not in BACKUP_CIPHERS:
        raise BackupError(
            f"encryption must be one of {', '.join(BACKUP_CIPHERS)}", "UNSUPPORTED_ALGORITHM"
        )
    if kdf_params is not None and not isinstance(kdf_params, Mapping):
        raise ValidationError("kdf_params must be a mapping", "INVALID_ARGUMENT")
    if metadata is not None and not isinstance(metadata, dict):
        raise ValidationError("metadata must be a dict", "INVALID_ARGUMENT")
    params = {**DEFAULT_KDF_PARAMS[kdf], **(kdf_params or {})}
    return seal_backup(
        key_pair,
        passphrase,
        key_id,
        kdf=kdf,
        kdf_params=params,
        encryption=encryption,
        purpose="create",
        created=format_created(created),
        metadata=metadata,
        include_public_key=include_public_key,
        salt=salt,
        nonce=nonce,
    )


def seal_backup(
    key_pair: Ed25519KeyPair,
    passphrase: str,
    key_id: str,
    *,
    kdf: str,
    kdf_params: Mapping[str, Any],
    encryption: str,
    purpose: str,
    created: str,
    metadata: Optional[Dict[str, Any]] = None,
    include_public_key: bool = True,
    salt: Optional[bytes] = None,
    nonce: Optional[bytes] = None,
) -> Dict[str, Any]:
    """Encrypts and lays out the document; ``purpose="read"`` skips the floors, which only the
    vector generator needs (to write cheap test backups)."""
    params = check_backup_kdf_params(kdf, dict(kdf_params), purpose)
    salt_bytes = _fixed_bytes(salt, "salt", MIN_SALT_LENGTH, MAX_SALT_LENGTH)
    nonce_length = NONCE_LENGTHS[encryption]
    nonce_bytes = _fixed_bytes(nonce, "nonce", nonce_length, nonce_length)
    salt_bytes = salt_bytes or secrets.token_bytes(DEFAULT_SALT_LENGTH)
    nonce_bytes = nonce_bytes or secrets.token_bytes(nonce_length)
    key = derive_backup_key(kdf, params, passphrase, salt_bytes, purpose)
    ciphertext = aead_encrypt(
        encryption, key, nonce_bytes, key_pair.private_key + key_pair.public_key
    )
    doc: Dict[str, Any] = {
        "version": BACKUP_VERSION,
        "key_id": key_id,
        "algorithm": "Ed25519",
        "kdf": kdf,
        "kdf_params": params,
        "encryption": encryption,
        "salt": bytes_to_base64(salt_bytes),
        "nonce": bytes_to_base64(nonce_bytes),
        "ciphertext": bytes_to_base64(ciphertext),
        "created": created,
    }
    if include_public_key:
        doc["public_key"] = bytes_to_base64(key_pair.public_key)
    if metadata is not None:
        doc["metadata"] = metadata
    debug("backup.created", key_id=key_id, kdf=doc["kdf"], encryption=doc["encryption"])
    return doc


def serialize_backup(doc: Dict[str, Any], export_format: str = "json") -> Union[str, bytes]:
    """``json``: text indented by two spaces, as the JS SDK writes it; ``binary``: compact UTF-8
    JSON without a byte-order mark (§7).

    Example:
        >>> serialize_backup({"version": 1}, "binary")
        b'{"version":1}'
    """
    if export_format == "json":
        return json.dumps(doc, indent=2, ensure_ascii=False)
    if export_format == "binary":
        return json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    raise ValidationError("export_format must be 'json' or 'binary'", "INVALID_ARGUMENT")
