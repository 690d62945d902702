"""Encoding and decoding one key file v1 (spec/key-file-v1.md §3-§6).

Example:
    >>> from datafold_sdk.keys.from_seed import key_pair_from_seed
    >>> pair = key_pair_from_seed(bytes(32))
    >>> doc = encode_key_file(pair, "correct horse battery staple", "app-key", 1,
    ...                       kdf_params={"memory": 19456, "iterations": 2, "parallelism": 1})
    >>> decode_key_file(json.dumps(doc), "correct horse battery staple")[0] == pair
    True
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional, Tuple

from datafold_sdk.backup.aead import aead_decrypt, aead_encrypt
from datafold_sdk.backup.backup_key import check_backup_kdf_params, derive_backup_key
from datafold_sdk.backup.constants import DEFAULT_KDF_PARAMS
from datafold_sdk.backup.create_backup import check_backup_key_pair, format_created
from datafold_sdk.encoding.strict import base64_to_bytes, bytes_to_base64
from datafold_sdk.errors.exceptions import BackupError, StorageError, ValidationError
from datafold_sdk.keys.from_seed import get_public_key
from datafold_sdk.keys.types import Ed25519KeyPair
from datafold_sdk.utils.key_id import assert_valid_key_id, validate_key_id
from datafold_sdk.utils.passphrase import assert_strong_passphrase

KEY_FILE_FORMAT = "datafold-key-file"
KEY_FILE_VERSION = 1
MAX_KEY_VERSION = 999_999_999
MAX_KEY_FILE_SIZE = 64 * 1024
_CREATED = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z")


@dataclass
class KeyFileHeader:
    """The members of a key file that are readable without the passphrase."""

    key_id: str
    key_version: int
    created: str
    public_key: bytes
    kdf_params: Dict[str, Any]
    salt: bytes
    nonce: bytes
    ciphertext: bytes
    metadata: Optional[Dict[str, Any]] = None


def associated_data(key_id: str, key_version: int, created: str, public_key: bytes) -> bytes:
    """The five bound header lines of §5."""
    return (
        f"{KEY_FILE_FORMAT}/v{KEY_FILE_VERSION}\n"
        f"key_id={key_id}\n"
        f"key_version={key_version}\n"
        f"created={created}\n"
        f"public_key={bytes_to_base64(public_key)}\n"
    ).encode()


def _corrupted(message: str, field: str) -> StorageError:
    return StorageError(
        f"Not a valid DataFold key file: {message}", "STORAGE_CORRUPTED", {"field": field}
    )


def _bytes_field(doc: Dict[str, Any], field: str, low: int, high: int) -> bytes:
    value = doc.get(field)
    if not isinstance(value, str):
        raise _corrupted(f'missing or non-string "{field}"', field)
    try:
        data = base64_to_bytes(value, "STORAGE_CORRUPTED", field)
    except ValidationError:
        raise _corrupted(f'"{field}" is not standard padded base64', field) from None
    if not low <= len(data) <= high:
        size = f"{low}" if low == high else f"{low}-{high}"
        raise _corrupted(f'"{field}" must decode to {size} bytes (got {len(data)})', field)
    return data


def _positive_integer(doc: Mapping[str, Any], field: str, maximum: int) -> int:
    value = doc.get(field)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
        raise _corrupted(f'"{field}" must be an integer from 1 to {maximum}', field)
    return value


def parse_key_file(data: object) -> KeyFileHeader:
    """The header of a key file, or STORAGE_CORRUPTED naming the member (§3)."""
    if isinstance(data, (bytes, bytearray)):
        if len(data) > MAX_KEY_FILE_SIZE:
            raise _corrupted("file is too large", "(document)")
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            raise _corrupted("file is not UTF-8 text", "(document)") from None
    elif isinstance(data, str):
        if len(data) > MAX_KEY_FILE_SIZE:
            raise _corrupted("file is too large", "(document)")
        text = data
    else:
        raise _corrupted("expected the file text or bytes", "(document)")
    try:
        doc = json.loads(text)
    except ValueError:
        raise _corrupted("not JSON", "(document)") from None
    if not isinstance(doc, dict) or doc.get("format") != KEY_FILE_FORMAT:
        raise _corrupted(f'"format" is not "{KEY_FILE_FORMAT}"', "format")
    version = doc.get("version")
    if isinstance(version, bool) or version != KEY_FILE_VERSION:
        raise StorageError(
            f"Unsupported key file version {json.dumps(version)}: this SDK reads version 1",
            "STORAGE_CORRUPTED",
            {"field": "version"},
        )
    check = validate_key_id(doc.get("key_id"))
    if not check["valid"]:
        raise _corrupted(f'"key_id" is invalid: {check["reason"]}', "key_id")
    key_version = _positive_integer(doc, "key_version", MAX_KEY_VERSION)
    if doc.get("algorithm") != "Ed25519":
        raise _corrupted('"algorithm" must be "Ed25519"', "algorithm")
    public_key = _bytes_field(doc, "public_key", 32, 32)
    created = doc.get("created")
    if not isinstance(created, str) or _CREATED.fullmatch(created) is None:
        raise _corrupted('"created" must be an RFC 3339 UTC time ending in Z', "created")
    if doc.get("kdf") != "argon2id":
        raise _corrupted('"kdf" must be "argon2id"', "kdf")
    params = doc.get("kdf_params")
    if not isinstance(params, dict):
        raise _corrupted('"kdf_params" must be an object', "kdf_params")
    kdf_params = {
        "memory": _positive_integer(params, "memory", 2**32 - 1),
        "iterations": _positive_integer(params, "iterations", 2**32 - 1),
        "parallelism": _positive_integer(params, "parallelism", 2**24 - 1),
    }
    if doc.get("encryption") != "aes-gcm":
        raise _corrupted('"encryption" must be "aes-gcm"', "encryption")
    metadata = doc.get("metadata")
    return KeyFileHeader(
        key_id=doc["key_id"],
        key_version=key_version,
        created=created,
        public_key=public_key,
        kdf_params=kdf_params,
        salt=_bytes_field(doc, "salt", 16, 64),
        nonce=_bytes_field(doc, "nonce", 12, 12),
        ciphertext=_bytes_field(doc, "ciphertext", 48, 48),
        metadata=metadata if isinstance(metadata, dict) else None,
    )


def decode_key_file(data: object, passphrase: str) -> Tuple[Ed25519KeyPair, KeyFileHeader]:
    """The key pair of a key file (§6): STORAGE_CORRUPTED, KDF_PARAMS_UNSAFE, DECRYPTION_FAILED
    (opaque) or INTEGRITY_CHECK_FAILED."""
    if not isinstance(passphrase, str):
        raise ValidationError("passphrase must be a string", "INVALID_ARGUMENT")
    header = parse_key_file(data)
    params = check_backup_kdf_params("argon2id", header.kdf_params, "read")
    key = derive_backup_key("argon2id", params, passphrase, header.salt, "read")
    bound = associated_data(header.key_id, header.key_version, header.created, header.public_key)
    seed = aead_decrypt("aes-gcm", key, header.nonce, header.ciphertext, bound)
    if not hmac.compare_digest(get_public_key(seed), header.public_key):
        raise BackupError(
            "Key file integrity check failed: its public key does not belong to its private key",
            "INTEGRITY_CHECK_FAILED",
        )
    return Ed25519KeyPair(private_key=seed, public_key=header.public_key), header


def encode_key_file(
    key_pair: Ed25519KeyPair,
    passphrase: str,
    key_id: str,
    key_version: int,
    *,
    kdf_params: Optional[Mapping[str, Any]] = None,
    metadata: Optional[Dict[str, Any]] = None,
    created: Optional[str] = None,
    purpose: str = "create",
    salt: Optional[bytes] = None,
    nonce: Optional[bytes] = None,
) -> Dict[str, Any]:
    """A key file as a dict in the member order of §3.

    Writers refuse weak passphrases (WEAK_PASSPHRASE) and parameters below the floors
    (KDF_PARAMS_UNSAFE); ``purpose="read"``, ``salt`` and ``nonce`` exist for test vectors only.
    """
    # A writer never makes what parse_key_file refuses: the file's key_id is a key id (§2, §3).
    assert_valid_key_id(key_id)
    if isinstance(key_version, bool) or not isinstance(key_version, int):
        raise ValidationError("key_version must be an integer", "INVALID_ARGUMENT")
    if not 1 <= key_version <= MAX_KEY_VERSION:
        raise ValidationError(f"key_version must be 1 to {MAX_KEY_VERSION}", "INVALID_ARGUMENT")
    if purpose == "create":
        assert_strong_passphrase(passphrase)
    check_backup_key_pair(key_pair)
    params = check_backup_kdf_params(
        "argon2id", {**DEFAULT_KDF_PARAMS["argon2id"], **(kdf_params or {})}, purpose
    )
    salt_bytes = salt if salt is not None else secrets.token_bytes(32)
    key = derive_backup_key("argon2id", params, passphrase, salt_bytes, purpose)
    return seal_key_file(
        key_pair, key, params, salt_bytes, key_id, key_version, created, metadata, nonce
    )


def seal_key_file(
    key_pair: Ed25519KeyPair,
    key: bytes,
    kdf_params: Dict[str, Any],
    salt: bytes,
    key_id: str,
    key_version: int,
    created: Optional[str] = None,
    metadata: Optional[Dict[str, Any]] = None,
    nonce: Optional[bytes] = None,
) -> Dict[str, Any]:
    """Seals with an already derived key: a store derives (slow) before taking the lock and seals
    (fast, needs the version) under it (§9)."""
    nonce_bytes = nonce if nonce is not None else secrets.token_bytes(12)
    stamp = format_created(created)
    bound = associated_data(key_id, key_version, stamp, key_pair.public_key)
    ciphertext = aead_encrypt("aes-gcm", key, nonce_bytes, key_pair.private_key, bound)
    doc: Dict[str, Any] = {
        "format": KEY_FILE_FORMAT,
        "version": KEY_FILE_VERSION,
        "key_id": key_id,
        "key_version": key_version,
        "algorithm": "Ed25519",
        "public_key": bytes_to_base64(key_pair.public_key),
        "created": stamp,
        "kdf": "argon2id",
        "kdf_params": kdf_params,
        "encryption": "aes-gcm",
        "salt": bytes_to_base64(salt),
        "nonce": bytes_to_base64(nonce_bytes),
        "ciphertext": bytes_to_base64(ciphertext),
    }
    if metadata is not None:
        if not isinstance(metadata, dict):
            raise ValidationError("metadata must be a dict", "INVALID_ARGUMENT")
        doc["metadata"] = metadata
    return doc
