"""The key-directory backend: key file v1 under ``~/.datafold/keys`` (spec/key-file-v1.md), the
same files the CLI and the Node SDK read and write.

Example:
    >>> import tempfile, pathlib
    >>> backend = FileBackend(pathlib.Path(tempfile.mkdtemp()) / "keys")
    >>> backend.kind
    'file'
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional

from datafold_sdk.backup.backup_key import check_backup_kdf_params, derive_backup_key
from datafold_sdk.backup.constants import DEFAULT_KDF_PARAMS
from datafold_sdk.backup.create_backup import check_backup_key_pair, format_created
from datafold_sdk.errors.exceptions import StorageError, ValidationError
from datafold_sdk.key_file.codec import seal_key_file
from datafold_sdk.keys.types import Ed25519KeyPair
from datafold_sdk.storage.backend import VersionInfo
from datafold_sdk.storage.key_directory import KeyDirectory
from datafold_sdk.storage.version_conflict import assert_expected_version, check_expectations
from datafold_sdk.utils.passphrase import assert_strong_passphrase


def _passphrase(passphrase: Optional[str]) -> str:
    if passphrase is None:
        raise ValidationError(
            "file storage encrypts every key: pass a passphrase", "INVALID_ARGUMENT"
        )
    if not isinstance(passphrase, str):
        raise ValidationError("passphrase must be a string", "INVALID_ARGUMENT")
    return passphrase


class FileBackend:
    """Keys as key files; ``kdf_params`` (Argon2id, at or above the floors) for new files."""

    kind = "file"

    def __init__(self, path: Path, kdf_params: Optional[Mapping[str, Any]] = None) -> None:
        self.directory = KeyDirectory(path)
        self._kdf_params = check_backup_kdf_params(
            "argon2id", {**DEFAULT_KDF_PARAMS["argon2id"], **(kdf_params or {})}, "create"
        )

    def list_keys(self) -> List[str]:
        """Every key id in the directory."""
        return self.directory.list_keys()

    def versions(self, key_id: str) -> List[int]:
        """The version files of a key."""
        return self.directory.list_versions(key_id)

    def current(self, key_id: str) -> Optional[int]:
        """The pointer's version (§8)."""
        return self.directory.current_version(key_id)

    def info(self, key_id: str, version: int) -> VersionInfo:
        """The unencrypted header of one version."""
        header = self.directory.read_header(key_id, version)
        return VersionInfo(version, header.created, header.public_key, header.metadata or {})

    def read(self, key_id: str, version: int, passphrase: Optional[str]) -> Ed25519KeyPair:
        """Decrypts one version (DECRYPTION_FAILED for a wrong passphrase)."""
        return self.directory.read(key_id, version, _passphrase(passphrase))[0]

    def add(
        self,
        key_id: str,
        key_pair: Ed25519KeyPair,
        passphrase: Optional[str],
        metadata: Dict[str, Any],
        *,
        must_be_new: bool,
        expected_version: Optional[int] = None,
        expected_current_version: Optional[int] = None,
    ) -> VersionInfo:
        """Derives first, then under the lock picks the next version, checks a conditional
        write's expectations, writes it, swings the pointer (§8-§9)."""
        check_expectations(expected_version, expected_current_version)
        secret = assert_strong_passphrase(_passphrase(passphrase))
        check_backup_key_pair(key_pair)
        salt = secrets.token_bytes(32)
        key = derive_backup_key("argon2id", self._kdf_params, secret, salt, "create")
        created = format_created()
        with self.directory.lock(key_id):
            if must_be_new and self.directory.list_versions(key_id):
                raise StorageError(f"a key is already stored as '{key_id}'", "KEY_ALREADY_EXISTS")
            if must_be_new and any(k.lower() == key_id.lower() for k in self.list_keys()):
                raise StorageError(
                    f"a key whose id differs from '{key_id}' only in case exists",
                    "KEY_ALREADY_EXISTS",
                )
            version = self.directory.next_version(key_id)
            if expected_version is not None or expected_current_version is not None:
                # Under the lock, as the Node store does: the same K.lock guards both (§9).
                assert_expected_version(
                    key_id,
                    expected_version,
                    expected_current_version,
                    next_version=version,
                    current=self.directory.current_version(key_id),
                )
            doc = seal_key_file(
                key_pair, key, self._kdf_params, salt, key_id, version, created, metadata
            )
            self.directory.write_version(key_id, version, doc)
            self.directory.set_current(key_id, version)
        return VersionInfo(version, created, key_pair.public_key, metadata)

    def set_current(self, key_id: str, version: int) -> None:
        """Swings the pointer to an existing version."""
        with self.directory.lock(key_id):
            if version not in self.directory.list_versions(key_id):
                raise StorageError(f"no version {version} of key '{key_id}'", "KEY_NOT_FOUND")
            self.directory.set_current(key_id, version)

    def delete_version(self, key_id: str, version: int) -> bool:
        """Deletes a non-current version (the current one goes with ``delete_key``)."""
        with self.directory.lock(key_id):
            current = self.directory.current_version(key_id)
            if version == current:
                raise StorageError(
                    "the current version cannot be deleted alone; delete the key",
                    "INVALID_ARGUMENT",
                )
            # Record the highest number before its file may go, so it is never assigned again
            # (§9); an old-style pointer gains the member here.
            pointer = self.directory.read_pointer(key_id)
            highest = self.directory.highest_assigned(key_id, pointer)
            if current is not None and (pointer is None or pointer.get("highest") != highest):
                self.directory.set_current(key_id, current)
            return self.directory.delete_version(key_id, version)

    def delete_key(self, key_id: str) -> bool:
        """Deletes every version and the pointer."""
        return self.directory.delete_key(key_id)
