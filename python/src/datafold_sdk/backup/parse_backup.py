"""Parsing and checking a backup document without the passphrase (spec/backup-v1.md §2-§5, §7-§8).

``inspect_backup`` lists every issue with the code a restore would raise; ``parse_backup`` raises
the first. Unknown members are ignored (§3.3).

Example:
    >>> inspect_backup('{"version": 2}')[1][0].code
    'UNSUPPORTED_BACKUP_VERSION'
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, NamedTuple, Optional, Tuple

from datafold_sdk.backup.constants import (
    BACKUP_CIPHERS,
    BACKUP_KDFS,
    BACKUP_VERSION,
    CIPHERTEXT_LENGTH,
    KDF_PARAM_NAMES,
    MAX_BACKUP_SIZE,
    MAX_CREATED_LENGTH,
    MAX_KEY_ID_LENGTH,
    MAX_SALT_LENGTH,
    MIN_SALT_LENGTH,
    NONCE_LENGTHS,
)
from datafold_sdk.backup.types import ParsedBackup
from datafold_sdk.encoding.strict import base64_to_bytes
from datafold_sdk.errors.exceptions import BackupError, ValidationError

_SHA256_NAMES = {"SHA-256", "SHA256", "sha256", "sha-256"}


class BackupIssue(NamedTuple):
    """One thing wrong: the member, the code a restore raises, and why."""

    field: str
    code: str
    message: str


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _to_document(data: object, issues: List[BackupIssue]) -> Tuple[Optional[Dict[str, Any]], str]:
    def bad(message: str) -> Tuple[None, str]:
        issues.append(BackupIssue("(document)", "INVALID_BACKUP_JSON", message))
        return None, fmt

    fmt = "json"
    if isinstance(data, (bytes, bytearray, memoryview)):
        fmt = "binary"
        raw = bytes(data)
        if len(raw) > MAX_BACKUP_SIZE:
            return bad(f"backup is {len(raw)} bytes; a backup v1 document is at most 65536")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return bad("binary backup is not valid UTF-8 (spec/backup-v1.md §7)")
    elif isinstance(data, str):
        text = data
    elif isinstance(data, dict):
        return data, fmt
    else:
        return bad("backup must be a JSON string, UTF-8 bytes or a parsed dict")
    if len(text) > MAX_BACKUP_SIZE:
        return bad(f"backup is {len(text)} characters; a backup v1 document is at most 65536")
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        parsed = json.loads(text)
    except ValueError:
        return bad("backup is not valid JSON")
    if not isinstance(parsed, dict):
        return bad("backup must be a JSON object")
    return parsed, fmt


def _missing_or(field: str, value: object, otherwise: str) -> str:
    return f'missing field "{field}"' if value is None else otherwise


def _base64(doc: Dict[str, Any], field: str, issues: List[BackupIssue]) -> Optional[bytes]:
    value = doc.get(field)
    if not isinstance(value, str):
        message = _missing_or(field, value, f'field "{field}" must be a base64 string')
        issues.append(BackupIssue(field, "INVALID_BACKUP_JSON", message))
        return None
    try:
        return base64_to_bytes(value, "INVALID_BACKUP_JSON", field)
    except ValidationError:
        message = f'field "{field}" is not standard padded base64 (RFC 4648 §4)'
        issues.append(BackupIssue(field, "INVALID_BACKUP_JSON", message))
        return None


def _choice(
    doc: Dict[str, Any], field: str, allowed: Tuple[str, ...], issues: List[BackupIssue]
) -> Optional[str]:
    value = doc.get(field)
    if not isinstance(value, str):
        message = _missing_or(field, value, f'field "{field}" must be a string')
        issues.append(BackupIssue(field, "INVALID_BACKUP_JSON", message))
        return None
    if value not in allowed:
        message = f'field "{field}" must be one of {", ".join(allowed)}'
        issues.append(BackupIssue(field, "UNSUPPORTED_ALGORITHM", message))
        return None
    return value


def _kdf_params(kdf: str, raw: object, issues: List[BackupIssue]) -> Optional[Dict[str, Any]]:
    if not isinstance(raw, dict):
        message = _missing_or("kdf_params", raw, 'field "kdf_params" must be an object')
        issues.append(BackupIssue("kdf_params", "INVALID_BACKUP_JSON", message))
        return None
    out: Dict[str, Any] = {}
    ok = True
    names = KDF_PARAM_NAMES[kdf]
    for name in names:
        value = raw.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            ok = False
            message = (
                f'missing field "kdf_params.{name}" ({kdf} needs {", ".join(names)})'
                if value is None
                else f'field "kdf_params.{name}" must be a positive integer'
            )
            issues.append(BackupIssue(f"kdf_params.{name}", "INVALID_BACKUP_JSON", message))
        else:
            out[name] = value
    if kdf == "pbkdf2":
        hash_name = raw.get("hash", "SHA-256")
        if not isinstance(hash_name, str) or hash_name not in _SHA256_NAMES:
            ok = False
            message = (
                'field "kdf_params.hash" must be "SHA-256": backup v1 uses PBKDF2-HMAC-SHA-256 only'
            )
            issues.append(BackupIssue("kdf_params.hash", "UNSUPPORTED_ALGORITHM", message))
        else:
            out["hash"] = "SHA-256"
    return out if ok else None


def inspect_backup(data: object) -> Tuple[Optional[ParsedBackup], List[BackupIssue]]:
    """The parsed backup (when there are no issues) and every issue found. KDF bounds are not
    checked here (``check_backup_kdf_params``)."""
    issues: List[BackupIssue] = []
    doc, fmt = _to_document(data, issues)
    if doc is None:
        return None, issues
    version = doc.get("version")
    if version is None:
        issues.append(BackupIssue("version", "INVALID_BACKUP_JSON", 'missing field "version"'))
    elif not _is_int(version):
        message = 'field "version" must be an integer'
        issues.append(BackupIssue("version", "INVALID_BACKUP_JSON", message))
    elif version != BACKUP_VERSION:
        message = f"backup format version {version} is not supported; this SDK reads version 1"
        return None, [BackupIssue("version", "UNSUPPORTED_BACKUP_VERSION", message)]

    key_id = doc.get("key_id")
    if not isinstance(key_id, str) or not 1 <= len(key_id) <= MAX_KEY_ID_LENGTH:
        message = _missing_or(
            "key_id",
            key_id,
            f'field "key_id" must be a string of 1 to {MAX_KEY_ID_LENGTH} characters',
        )
        issues.append(BackupIssue("key_id", "INVALID_BACKUP_JSON", message))
    algorithm = _choice(doc, "algorithm", ("Ed25519",), issues)
    kdf = _choice(doc, "kdf", BACKUP_KDFS, issues)
    kdf_params = None
    if kdf is not None:
        kdf_params = _kdf_params(kdf, doc.get("kdf_params"), issues)
    elif doc.get("kdf_params") is None:
        issues.append(
            BackupIssue("kdf_params", "INVALID_BACKUP_JSON", 'missing field "kdf_params"')
        )
    encryption = _choice(doc, "encryption", BACKUP_CIPHERS, issues)

    salt = _base64(doc, "salt", issues)
    if salt is not None and not MIN_SALT_LENGTH <= len(salt) <= MAX_SALT_LENGTH:
        message = f'field "salt" must decode to 16-64 bytes (got {len(salt)})'
        issues.append(BackupIssue("salt", "INVALID_BACKUP_JSON", message))
    nonce = _base64(doc, "nonce", issues)
    if nonce is not None and encryption is not None and len(nonce) != NONCE_LENGTHS[encryption]:
        message = (
            f'field "nonce" must decode to {NONCE_LENGTHS[encryption]} bytes for {encryption} '
            f"(got {len(nonce)})"
        )
        issues.append(BackupIssue("nonce", "INVALID_BACKUP_JSON", message))
    ciphertext = _base64(doc, "ciphertext", issues)
    if ciphertext is not None and len(ciphertext) != CIPHERTEXT_LENGTH:
        message = (
            f'field "ciphertext" must decode to {CIPHERTEXT_LENGTH} bytes: 64 of key, 16 of tag '
            f"(got {len(ciphertext)})"
        )
        issues.append(BackupIssue("ciphertext", "INVALID_BACKUP_JSON", message))
    created = doc.get("created")
    if not isinstance(created, str) or len(created) > MAX_CREATED_LENGTH:
        message = _missing_or(
            "created", created, 'field "created" must be a string of at most 64 characters'
        )
        issues.append(BackupIssue("created", "INVALID_BACKUP_JSON", message))
    public_key = None
    if doc.get("public_key") is not None:
        public_key = _base64(doc, "public_key", issues)
        if public_key is not None and len(public_key) != 32:
            message = 'field "public_key" must decode to 32 bytes'
            issues.append(BackupIssue("public_key", "INVALID_BACKUP_JSON", message))
    metadata = doc.get("metadata") if isinstance(doc.get("metadata"), dict) else None
    if issues:
        return None, issues
    assert algorithm and kdf and kdf_params is not None and encryption  # narrowed by issues == []
    assert salt is not None and nonce is not None and ciphertext is not None
    assert isinstance(key_id, str) and isinstance(created, str)
    parsed = ParsedBackup(
        key_id=key_id,
        algorithm=algorithm,
        kdf=kdf,
        kdf_params=kdf_params,
        encryption=encryption,
        salt=salt,
        nonce=nonce,
        ciphertext=ciphertext,
        created=created,
        format=fmt,
        public_key=public_key,
        metadata=metadata,
    )
    return parsed, issues


def parse_backup(data: object) -> ParsedBackup:
    """The parsed backup, or the first issue as a BackupError naming the member.

    Example:
        >>> try:
        ...     parse_backup("{}")
        ... except BackupError as error:
        ...     print(error)
        Invalid backup: missing field "version" (INVALID_BACKUP_JSON)
    """
    parsed, issues = inspect_backup(data)
    if parsed is None:
        first = issues[0] if issues else BackupIssue("(document)", "INVALID_BACKUP_JSON", "invalid")
        raise BackupError(
            f"Invalid backup: {first.message}",
            first.code,
            {"field": first.field, "issues": [issue.message for issue in issues]},
        )
    return parsed
