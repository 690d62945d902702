"""``KeyBackupManager`` and the file helpers: the seed's Python backup API over backup v1.

Example:
    >>> from datafold_sdk.keys.generate import generate_key_pair
    >>> manager = KeyBackupManager(preferred_kdf="pbkdf2")
    >>> pair = generate_key_pair()
    >>> text = manager.export_key(pair, "correct horse battery staple", "my-key")
    >>> manager.import_key(text, "correct horse battery staple")[0] == pair
    True
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Dict, Mapping, Optional, Tuple, Union

from datafold_sdk.backup.constants import BACKUP_CIPHERS, BACKUP_KDFS
from datafold_sdk.backup.create_backup import create_backup_document, serialize_backup
from datafold_sdk.backup.restore_backup import restore_backup
from datafold_sdk.backup.types import BackupMetadata
from datafold_sdk.errors.exceptions import BackupError, ValidationError
from datafold_sdk.keys.types import Ed25519KeyPair

MAX_BACKUP_FILE_SIZE = 64 * 1024


class KeyBackupManager:
    """Exports and imports encrypted backups (spec/backup-v1.md); defaults Argon2id +
    XChaCha20-Poly1305. ``kdf_params`` overrides the KDF's default cost (floors apply)."""

    def __init__(
        self,
        preferred_kdf: str = "argon2id",
        preferred_encryption: str = "xchacha20-poly1305",
        *,
        kdf_params: Optional[Mapping[str, Any]] = None,
    ) -> None:
        if preferred_kdf not in BACKUP_KDFS:
            raise BackupError(
                f"preferred_kdf must be one of {', '.join(BACKUP_KDFS)}", "UNSUPPORTED_ALGORITHM"
            )
        if preferred_encryption not in BACKUP_CIPHERS:
            raise BackupError(
                f"preferred_encryption must be one of {', '.join(BACKUP_CIPHERS)}",
                "UNSUPPORTED_ALGORITHM",
            )
        self.preferred_kdf = preferred_kdf
        self.preferred_encryption = preferred_encryption
        self.kdf_params = dict(kdf_params or {})

    def export_key(
        self,
        key_pair: Ed25519KeyPair,
        passphrase: str,
        key_id: str,
        export_format: str = "json",
        kdf_algorithm: Optional[str] = None,
        encryption_algorithm: Optional[str] = None,
        *,
        metadata: Optional[Dict[str, Any]] = None,
    ) -> Union[str, bytes]:
        """The backup as JSON text (``json``) or compact UTF-8 bytes (``binary``)."""
        if export_format not in ("json", "binary"):
            raise ValidationError("export_format must be 'json' or 'binary'", "INVALID_ARGUMENT")
        kdf = kdf_algorithm or self.preferred_kdf
        params = self.kdf_params if kdf == self.preferred_kdf else {}
        doc = create_backup_document(
            key_pair,
            passphrase,
            key_id,
            kdf=kdf,
            kdf_params=params,
            encryption=encryption_algorithm or self.preferred_encryption,
            metadata=metadata,
        )
        return serialize_backup(doc, export_format)

    def import_key(
        self,
        backup_data: Union[str, bytes, Dict[str, Any]],
        passphrase: str,
        verify_integrity: bool = True,
    ) -> Tuple[Ed25519KeyPair, BackupMetadata]:
        """The key pair and metadata of a backup made by any DataFold client."""
        return restore_backup(backup_data, passphrase, verify_integrity=verify_integrity)

    def check_backup_support(self) -> Dict[str, Any]:
        """What this SDK reads and writes."""
        return {
            "format_version": 1,
            "supported_kdf_algorithms": list(BACKUP_KDFS),
            "supported_encryption_algorithms": list(BACKUP_CIPHERS),
            "supported_export_formats": ["json", "binary"],
            "preferred_kdf": self.preferred_kdf,
            "preferred_encryption": self.preferred_encryption,
        }


def export_key_to_file(
    key_pair: Ed25519KeyPair,
    passphrase: str,
    key_id: str,
    file_path: Union[str, Path],
    export_format: str = "json",
    *,
    manager: Optional[KeyBackupManager] = None,
) -> BackupMetadata:
    """Writes a backup to a new file with mode 0600 (refuses to overwrite: KEY_ALREADY_EXISTS)."""
    data = (manager or KeyBackupManager()).export_key(key_pair, passphrase, key_id, export_format)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd = os.open(file_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        raise BackupError(f"{file_path} already exists", "KEY_ALREADY_EXISTS") from None
    except OSError as error:
        raise BackupError(
            f"cannot create {file_path}: {error.strerror}", "PERMISSION_DENIED"
        ) from None
    try:
        os.write(fd, raw)
        os.fsync(fd)
    finally:
        os.close(fd)
    return restore_metadata_only(raw, export_format)


def restore_metadata_only(data: bytes, export_format: str) -> BackupMetadata:
    """The metadata of a backup we just wrote, without decrypting it again."""
    from datafold_sdk.backup.parse_backup import parse_backup

    parsed = parse_backup(data.decode("utf-8"))
    return BackupMetadata(
        version=1,
        key_id=parsed.key_id,
        algorithm=parsed.algorithm,
        kdf=parsed.kdf,
        encryption=parsed.encryption,
        created=parsed.created,
        format=export_format,
        kdf_params=parsed.kdf_params,
        metadata=parsed.metadata,
    )


def import_key_from_file(
    file_path: Union[str, Path], passphrase: str, verify_integrity: bool = True
) -> Tuple[Ed25519KeyPair, BackupMetadata]:
    """Reads a backup file (JSON text or the binary form) of at most 64 KiB."""
    path = Path(file_path)
    try:
        if path.stat().st_size > MAX_BACKUP_FILE_SIZE:
            raise BackupError(f"{path.name} is larger than a backup can be", "INVALID_BACKUP_JSON")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BackupError(f"{file_path} does not exist", "FILE_NOT_FOUND") from None
    except PermissionError:
        raise BackupError(f"{file_path} is not readable", "PERMISSION_DENIED") from None
    # The json form is indented text; the binary form is compact (spec/backup-v1.md §7).
    data: Union[str, bytes] = raw
    if b"\n" in raw:
        try:
            data = raw.decode("utf-8")
        except UnicodeDecodeError:
            data = raw
    return restore_backup(data, passphrase, verify_integrity=verify_integrity)
