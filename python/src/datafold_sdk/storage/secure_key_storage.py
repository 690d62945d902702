"""``SecureKeyStorage``: the OS keyring when one works, else key files (spec/key-file-v1.md).

The file fallback is the key directory the CLI and the Node SDK share (``~/.datafold/keys``, or
``DATAFOLD_CRYPTO_STORAGE``): Argon2id + AES-256-GCM files, directory 0700, files 0600. Which one
is in use, and why, is in ``check_storage_availability()``.

Example:
    >>> import tempfile
    >>> from datafold_sdk.keys.generate import generate_key_pair
    >>> storage = SecureKeyStorage(tempfile.mkdtemp() + "/keys", use_keyring=False,
    ...                            kdf_params={"memory": 19456, "iterations": 2})
    >>> pair = generate_key_pair()
    >>> storage.store_key("app-key", pair, "correct horse battery staple").storage_type
    'file'
    >>> storage.retrieve_key("app-key", "correct horse battery staple") == pair
    True
"""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Union

from datafold_sdk.errors.exceptions import StorageError, ValidationError
from datafold_sdk.keys.types import Ed25519KeyPair
from datafold_sdk.storage.backend import KeyBackend, VersionInfo
from datafold_sdk.storage.consistent_read import read_consistently
from datafold_sdk.storage.file_backend import FileBackend
from datafold_sdk.storage.keyring_backend import KeyringBackend, probe_keyring
from datafold_sdk.utils.debug_log import debug
from datafold_sdk.utils.key_id import KeyId, assert_valid_key_id


@dataclass
class StorageMetadata:
    """What ``store_key`` stored: where, when, which version."""

    key_id: str
    storage_type: str
    created_at: str
    last_accessed: str
    algorithm: str = "Ed25519"
    version: int = 1
    public_key: str = ""


def default_storage_dir() -> Path:
    """``DATAFOLD_CRYPTO_STORAGE`` or ``~/.datafold/keys`` (spec/key-file-v1.md §7)."""
    override = os.environ.get("DATAFOLD_CRYPTO_STORAGE")
    return Path(override) if override else Path.home() / ".datafold" / "keys"


class SecureKeyStorage:
    """Stores Ed25519 key pairs, with versions (used by ``KeyRotationManager``).

    This is storage's boundary: every method that takes a key id checks it here, first, and
    refuses a bad one with INVALID_KEY_ID before any backend, file or keyring entry is touched
    (spec/key-file-v1.md §2). The backends below take the checked ``KeyId`` only.

    ``storage_dir`` is the key directory of the file backend; ``use_keyring=False`` forces it.
    ``kdf_params`` sets the Argon2id cost of new key files (floors: 19456 KiB, t = 2).
    """

    def __init__(
        self,
        storage_dir: Optional[Union[str, Path]] = None,
        use_keyring: bool = True,
        *,
        kdf_params: Optional[Mapping[str, Any]] = None,
    ) -> None:
        self.storage_dir = Path(storage_dir) if storage_dir is not None else default_storage_dir()
        self._keyring_status = (
            probe_keyring()
            if use_keyring
            else {"available": False, "backend": None, "reason": "use_keyring=False"}
        )
        self._file_error: Optional[str] = None
        self._backend: KeyBackend
        if self._keyring_status["available"]:
            self._backend = KeyringBackend()
        else:
            self._backend = FileBackend(self.storage_dir, kdf_params)
        debug(
            "storage.opened",
            type=self._backend.kind,
            directory=str(self.storage_dir) if self._backend.kind == "file" else None,
            keyring=self._keyring_status["reason"] or self._keyring_status["backend"],
        )

    @property
    def storage_type(self) -> str:
        """``keyring`` or ``file``."""
        return self._backend.kind

    def store_key(
        self,
        key_id: str,
        key_pair: Ed25519KeyPair,
        passphrase: Optional[str] = None,
        *,
        metadata: Optional[Dict[str, Any]] = None,
        overwrite: bool = False,
    ) -> StorageMetadata:
        """Stores a new key (KEY_ALREADY_EXISTS unless ``overwrite``). File storage needs a
        passphrase that passes the strength rule (WEAK_PASSPHRASE). Overwriting writes a new
        version and deletes the older ones (spec/key-file-v1.md §8, "Replacing a key")."""
        key = assert_valid_key_id(key_id)
        if not isinstance(key_pair, Ed25519KeyPair):
            raise ValidationError("key_pair must be an Ed25519KeyPair", "INVALID_ARGUMENT")
        if metadata is not None and not isinstance(metadata, dict):
            raise ValidationError("metadata must be a dict", "INVALID_ARGUMENT")
        info = self._backend.add(
            key,
            key_pair,
            passphrase,
            dict(metadata or {}),
            must_be_new=not overwrite,
            replace=True,
        )
        debug("storage.stored", key_id=key, version=info.version, type=self._backend.kind)
        return self._metadata(key, info)

    def add_version(
        self,
        key_id: str,
        key_pair: Ed25519KeyPair,
        passphrase: Optional[str] = None,
        metadata: Optional[Dict[str, Any]] = None,
        *,
        expected_version: Optional[int] = None,
        expected_current_version: Optional[int] = None,
        make_current: bool = True,
    ) -> StorageMetadata:
        """Adds the next version of an existing key (KEY_NOT_FOUND if the key does not exist)
        and, unless ``make_current=False``, makes it current; a version that does not become
        current still takes its number for good.

        ``expected_version`` / ``expected_current_version`` make the write conditional
        (spec/key-rotation-v1.md §2): checked while the store holds the key's lock, and if the
        new version would get another number or another version is current, nothing is written
        and STORAGE_LOCKED is raised with ``details["conflict"] = True``
        (``is_version_conflict``). Needed when the key pair depends on its version number (§4).
        """
        key = assert_valid_key_id(key_id)
        if self._backend.current(key) is None:
            raise StorageError(f"no key is stored as '{key}'", "KEY_NOT_FOUND")
        info = self._backend.add(
            key,
            key_pair,
            passphrase,
            dict(metadata or {}),
            must_be_new=False,
            make_current=make_current,
            expected_version=expected_version,
            expected_current_version=expected_current_version,
        )
        debug(
            "storage.version_added",
            key_id=key,
            version=info.version,
            current=make_current,
            type=self._backend.kind,
        )
        return self._metadata(key, info)

    def retrieve_key(
        self, key_id: str, passphrase: Optional[str] = None
    ) -> Optional[Ed25519KeyPair]:
        """The current version's key pair, or None when no such key exists. A wrong passphrase
        is DECRYPTION_FAILED."""
        key = assert_valid_key_id(key_id)

        def read() -> Optional[Ed25519KeyPair]:
            current = self._backend.current(key)
            if current is None:
                return None
            # The file is read before the KDF runs, so a reread never repeats the KDF.
            debug("storage.read", key_id=key, version=current)
            return self._backend.read(key, current, passphrase)

        return read_consistently(read)

    def retrieve_version(
        self, key_id: str, version: int, passphrase: Optional[str] = None
    ) -> Optional[Ed25519KeyPair]:
        """One version's key pair, or None when that version does not exist."""
        key = assert_valid_key_id(key_id)
        if version not in self._backend.versions(key):
            return None
        debug("storage.read", key_id=key, version=version)
        return self._backend.read(key, version, passphrase)

    def list_versions(self, key_id: str) -> List[Dict[str, Any]]:
        """Every version: ``version``, ``created``, ``public_key`` (hex), ``metadata``,
        ``current``; readable without the passphrase."""
        key = assert_valid_key_id(key_id)
        return read_consistently(lambda: self._list_versions_once(key))

    def _list_versions_once(self, key_id: KeyId) -> List[Dict[str, Any]]:
        current = self._backend.current(key_id)
        versions = self._backend.versions(key_id)
        if current is not None and current not in versions:
            # A replacement deleted the version the pointer named after we read it: read again.
            raise StorageError(
                f"{key_id} version {current} vanished while being listed",
                "STORAGE_CORRUPTED",
                {"reason": "pointer-target-missing"},
            )
        out = []
        for version in versions:
            try:
                info = self._backend.info(key_id, version)
            except StorageError as error:
                # Reads take no lock (spec/key-file-v1.md §9): a writer may have removed an old
                # version since it was listed; the listing is then as if taken a moment later.
                if error.error_code != "KEY_NOT_FOUND" or version == current:
                    raise
                continue
            out.append(
                {
                    "version": version,
                    "created": info.created,
                    "public_key": info.public_key.hex(),
                    "metadata": info.metadata,
                    "current": version == current,
                }
            )
        return out

    def current_version(self, key_id: str) -> Optional[int]:
        """The current version number, or None."""
        key = assert_valid_key_id(key_id)
        return read_consistently(lambda: self._backend.current(key))

    def next_version(self, key_id: str) -> int:
        """The number the next version of ``key_id`` takes, were nothing else written first: one
        past the highest ever assigned (spec/key-file-v1.md §9); 1 for a new key. A rotation
        binds it into a derived seed and writes with ``expected_version``."""
        key = assert_valid_key_id(key_id)
        return read_consistently(lambda: self._backend.next_version(key))

    def set_version_metadata(self, key_id: str, version: int, metadata: Dict[str, Any]) -> None:
        """Replaces one version's labels; the key, its number and its ``created`` stay. Labels
        are unauthenticated (spec/key-file-v1.md §5), so no passphrase is needed."""
        if not isinstance(metadata, dict):
            raise ValidationError("metadata must be a dict", "INVALID_ARGUMENT")
        key = assert_valid_key_id(key_id)
        self._backend.set_metadata(key, version, dict(metadata))

    def set_current_version(self, key_id: str, version: int) -> None:
        """Makes an existing version current."""
        key = assert_valid_key_id(key_id)
        self._backend.set_current(key, version)
        debug("storage.current_set", key_id=key, version=version)

    def delete_version(self, key_id: str, version: int) -> bool:
        """Deletes one non-current version."""
        key = assert_valid_key_id(key_id)
        deleted = self._backend.delete_version(key, version)
        debug("storage.version_deleted", key_id=key, version=version, deleted=deleted)
        return deleted

    def delete_key(self, key_id: str) -> bool:
        """Deletes every version; False when there was no such key."""
        key = assert_valid_key_id(key_id)
        deleted = self._backend.delete_key(key)
        debug("storage.key_deleted", key_id=key, deleted=deleted)
        return deleted

    def list_keys(self) -> List[str]:
        """Every stored key id."""
        return self._backend.list_keys()

    def check_storage_availability(self) -> Dict[str, Any]:
        """Which storage is used and why, e.g. on headless Linux::

        {"storage_type": "file", "keyring_available": False,
         "keyring_reason": "no usable keyring backend", "fallback": True, ...}
        """
        file_ok = os.access(self.storage_dir, os.R_OK | os.W_OK | os.X_OK)
        status = self._keyring_status
        return {
            "storage_type": self._backend.kind,
            "keyring_available": bool(status["available"]),
            "keyring_backend": status["backend"],
            "keyring_reason": status["reason"],
            "fallback": self._backend.kind == "file" and status["reason"] != "use_keyring=False",
            "file_storage_available": file_ok,
            "storage_dir": str(self.storage_dir),
            "error_code": None if status["available"] else "KEYRING_NOT_FUNCTIONAL",
            "platform": platform.system(),
        }

    def _metadata(self, key_id: str, info: VersionInfo) -> StorageMetadata:
        now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        return StorageMetadata(
            key_id=key_id,
            storage_type=self._backend.kind,
            created_at=info.created,
            last_accessed=now,
            version=info.version,
            public_key=info.public_key.hex(),
        )


def get_default_storage() -> SecureKeyStorage:
    """A SecureKeyStorage with the defaults: keyring if it works, else ``~/.datafold/keys``."""
    return SecureKeyStorage()
