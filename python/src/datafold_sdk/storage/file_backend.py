"""The key-directory backend: key file v1 under ``~/.datafold/keys`` (spec/key-file-v1.md), the
same files the CLI and the Node SDK read and write.

Example:
    >>> import tempfile, pathlib
    >>> backend = FileBackend(pathlib.Path(tempfile.mkdtemp()) / "keys")
    >>> backend.kind
    'file'
"""

from __future__ import annotations

import json
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
from datafold_sdk.storage.version_conflict import check_expectations
from datafold_sdk.storage.version_rules import (
    next_version,
    plan_add,
    plan_delete,
    plan_set_current,
)
from datafold_sdk.utils.key_id import KeyId
from datafold_sdk.utils.passphrase import assert_strong_passphrase


def _passphrase(passphrase: Optional[str]) -> str:
    if passphrase is None:
        raise ValidationError(
            "file storage (used where no OS keyring works) encrypts every key: pass a "
            "passphrase (for sessions: DataFoldClient(server_url, passphrase=...))",
            "INVALID_ARGUMENT",
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

    def versions(self, key_id: KeyId) -> List[int]:
        """The version files of a key."""
        return self.directory.list_versions(key_id)

    def current(self, key_id: KeyId) -> Optional[int]:
        """The pointer's version (§8)."""
        return self.directory.current_version(key_id)

    def info(self, key_id: KeyId, version: int) -> VersionInfo:
        """The unencrypted header of one version."""
        header = self.directory.read_header(key_id, version)
        return VersionInfo(version, header.created, header.public_key, header.metadata or {})

    def read(self, key_id: KeyId, version: int, passphrase: Optional[str]) -> Ed25519KeyPair:
        """Decrypts one version (DECRYPTION_FAILED for a wrong passphrase)."""
        return self.directory.read(key_id, version, _passphrase(passphrase))[0]

    def add(
        self,
        key_id: KeyId,
        key_pair: Ed25519KeyPair,
        passphrase: Optional[str],
        metadata: Dict[str, Any],
        *,
        must_be_new: bool,
        replace: bool = False,
        make_current: bool = True,
        expected_version: Optional[int] = None,
        expected_current_version: Optional[int] = None,
    ) -> VersionInfo:
        """Derives first, then under the lock plans the write by the version rules
        (version_rules.py), seals, writes the version, swings the pointer, removes what the plan
        says (§8-§9)."""
        check_expectations(expected_version, expected_current_version)
        secret = assert_strong_passphrase(_passphrase(passphrase))
        check_backup_key_pair(key_pair)
        salt = secrets.token_bytes(32)
        key = derive_backup_key("argon2id", self._kdf_params, secret, salt, "create")
        created = format_created()
        with self.directory.lock(key_id):
            state = self.directory.state(key_id)
            if state.versions:
                self.directory.current_version(key_id)  # a pointer to a missing file is damage
            plan = plan_add(
                key_id,
                state,
                overwrite=not must_be_new,
                replace=replace,
                make_current=make_current,
                expected_version=expected_version,
                expected_current_version=expected_current_version,
            )
            if not state.versions and any(
                k != key_id and k.lower() == key_id.lower() for k in self.list_keys()
            ):
                raise StorageError(
                    f"a key whose id differs from '{key_id}' only in case exists",
                    "KEY_ALREADY_EXISTS",
                )
            doc = seal_key_file(
                key_pair, key, self._kdf_params, salt, key_id, plan.version, created, metadata
            )
            self.directory.write_version(key_id, plan.version, doc)
            self.directory.write_pointer(key_id, plan.current, plan.highest)
            for old in plan.remove:
                self.directory.delete_version(key_id, old)
        return VersionInfo(plan.version, created, key_pair.public_key, metadata)

    def set_current(self, key_id: KeyId, version: int) -> None:
        """Swings the pointer to an existing version (and so repairs a damaged pointer)."""
        with self.directory.lock(key_id):
            state = self.directory.state(key_id, tolerate_damaged_pointer=True)
            plan = plan_set_current(key_id, state, version)
            self.directory.write_pointer(key_id, plan.current, plan.highest)

    def delete_version(self, key_id: KeyId, version: int) -> bool:
        """Deletes a non-current version (the current one goes with ``delete_key``), recording
        its number in the pointer first so it is never assigned again (§9)."""
        with self.directory.lock(key_id):
            state = self.directory.state(key_id)
            plan = plan_delete(key_id, state, version)
            if plan is None:
                return False
            if plan.rewrite_pointer:
                self.directory.write_pointer(key_id, plan.current, plan.highest)
            return self.directory.delete_version(key_id, version)

    def next_version(self, key_id: KeyId) -> int:
        """The number the next version takes (lock-free read)."""
        return next_version(key_id, self.directory.state(key_id))

    def set_metadata(self, key_id: KeyId, version: int, metadata: Dict[str, Any]) -> None:
        """Replaces one version's labels; no passphrase: metadata is not bound (§5)."""
        with self.directory.lock(key_id):
            if version not in self.directory.list_versions(key_id):
                raise StorageError(f"no version {version} of key '{key_id}'", "KEY_NOT_FOUND")
            doc = json.loads(self.directory.read_text(key_id, version))
            self.directory.read_header(key_id, version)  # STORAGE_CORRUPTED for a damaged file
            doc.pop("metadata", None)
            if metadata:
                doc["metadata"] = metadata
            self.directory.replace_version(key_id, version, doc)

    def delete_key(self, key_id: KeyId) -> bool:
        """Deletes every version and the pointer."""
        return self.directory.delete_key(key_id)
