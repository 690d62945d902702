"""The key directory shared with the CLI and the Node SDK (spec/key-file-v1.md §7-§9).

Files ``K.vN.key`` (one version each, never overwritten), the pointer ``K.current``, the lock
``K.lock``; the directory 0700, every file 0600, every write atomic (temp file, fsync, link or
rename, fsync of the directory).

Example:
    >>> import tempfile, pathlib
    >>> directory = KeyDirectory(pathlib.Path(tempfile.mkdtemp()) / "keys")
    >>> directory.list_keys()
    []
"""

from __future__ import annotations

import json
import os
import re
import secrets
import stat
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from datafold_sdk.errors.exceptions import StorageError
from datafold_sdk.key_file.codec import (
    KeyFileHeader,
    decode_key_file,
    parse_key_file,
)
from datafold_sdk.keys.types import Ed25519KeyPair
from datafold_sdk.storage.file_lock import KeyLock
from datafold_sdk.storage.version_rules import MISSING, KeyState, current_version_of
from datafold_sdk.utils.key_id import KeyId, validate_key_id

_VERSION_FILE = re.compile(r"^(.+)\.v([1-9][0-9]{0,8})\.key$")
_POSIX = sys.platform != "win32"


def _fsync_dir(path: Path) -> None:
    if not _POSIX:
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class KeyDirectory:
    """One key directory. Key ids arrive checked (``KeyId``, from storage's boundary), so every
    path built here is a name of the directory (spec/key-file-v1.md §2, §7)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._prepare()

    def _prepare(self) -> None:
        try:
            self.path.mkdir(mode=0o700, parents=True, exist_ok=True)
            info = self.path.lstat()
        except OSError as error:
            raise StorageError(
                f"cannot create the key directory ({error.strerror})", "STORAGE_UNAVAILABLE"
            ) from None
        if not stat.S_ISDIR(info.st_mode):
            raise StorageError(
                "the key directory path exists and is not a directory", "PERMISSION_DENIED"
            )
        if _POSIX:
            if info.st_uid != os.getuid():
                raise StorageError("the key directory belongs to another user", "PERMISSION_DENIED")
            if info.st_mode & 0o077:
                raise StorageError(
                    f"the key directory grants group or other access: chmod 700 {self.path}",
                    "PERMISSION_DENIED",
                )

    def _file(self, key_id: KeyId, version: int) -> Path:
        return self.path / f"{key_id}.v{version}.key"

    def _atomic_temp(self, data: bytes) -> Path:
        temp = self.path / f".tmp-{secrets.token_hex(8)}"
        fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        return temp

    def list_versions(self, key_id: KeyId) -> List[int]:
        """The versions on disk, ascending."""
        versions = []
        for entry in os.listdir(self.path):
            match = _VERSION_FILE.match(entry)
            if match and match.group(1) == key_id:
                versions.append(int(match.group(2)))
        return sorted(versions)

    def list_keys(self) -> List[str]:
        """Every key id with at least one version file; foreign files are ignored."""
        ids = set()
        for entry in os.listdir(self.path):
            match = _VERSION_FILE.match(entry)
            if match and validate_key_id(match.group(1))["valid"]:
                ids.add(match.group(1))
        return sorted(ids)

    def read_pointer(self, key_id: KeyId) -> Optional[Dict[str, Any]]:
        """The parsed ``K.current`` (unknown members kept, and ignored by readers), or None."""
        pointer = self.path / f"{key_id}.current"
        try:
            doc = json.loads(pointer.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            raise StorageError(
                f"{pointer.name} is unreadable", "STORAGE_CORRUPTED", {"file": pointer.name}
            ) from None
        current = doc.get("current") if isinstance(doc, dict) else None
        if isinstance(current, bool) or not isinstance(current, int):
            raise StorageError(
                f"{pointer.name} is not a key pointer", "STORAGE_CORRUPTED", {"file": pointer.name}
            )
        result: Dict[str, Any] = doc
        return result

    def state(self, key_id: KeyId, *, tolerate_damaged_pointer: bool = False) -> KeyState:
        """The key's state for the version rules (version_rules.py): the version files and what
        ``K.current`` says. Call under the lock when it decides a write. With
        ``tolerate_damaged_pointer`` an unreadable pointer counts as absent (a repair)."""
        versions = self.list_versions(key_id)
        try:
            doc = self.read_pointer(key_id)
        except StorageError:
            if not tolerate_damaged_pointer:
                raise
            doc = None
        if doc is None:
            return KeyState(tuple(versions))
        return KeyState(tuple(versions), int(doc["current"]), doc.get("highest", MISSING))

    def current_version(self, key_id: KeyId) -> Optional[int]:
        """The version ``K.current`` names, else the highest present, else None (§8)."""
        state = self.state(key_id)
        current = current_version_of(state)
        if current is not None and current not in state.versions:
            pointer = f"{key_id}.current"
            raise StorageError(
                f"{pointer} names version {current}, whose file is missing",
                "STORAGE_CORRUPTED",
                {"file": pointer, "reason": "pointer-target-missing"},
            )
        return current

    def read_text(self, key_id: KeyId, version: int) -> str:
        """The text of one version file; KEY_NOT_FOUND or PERMISSION_DENIED."""
        path = self._file(key_id, version)
        try:
            info = path.stat()
            if _POSIX and info.st_mode & 0o077:
                raise StorageError(
                    f"{path.name} is readable by others: chmod 600 {path}", "PERMISSION_DENIED"
                )
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise StorageError(f"no version {version} of key '{key_id}'", "KEY_NOT_FOUND") from None

    def read_header(self, key_id: KeyId, version: int) -> KeyFileHeader:
        """The unencrypted members of one version (no passphrase needed)."""
        try:
            return parse_key_file(self.read_text(key_id, version))
        except StorageError as error:
            if error.error_code == "STORAGE_CORRUPTED":
                error.details["file"] = self._file(key_id, version).name
            raise

    def read(
        self, key_id: KeyId, version: int, passphrase: str
    ) -> Tuple[Ed25519KeyPair, KeyFileHeader]:
        """Decrypts one version; the file must name the same key id and version (§3)."""
        pair, header = decode_key_file(self.read_text(key_id, version), passphrase)
        if header.key_id != key_id or header.key_version != version:
            raise StorageError(
                f"{self._file(key_id, version).name} names another key or version",
                "STORAGE_CORRUPTED",
                {"field": "key_id"},
            )
        return pair, header

    def lock(self, key_id: KeyId) -> KeyLock:
        """The writers' lock of a key (§9)."""
        return KeyLock(self.path / f"{key_id}.lock")

    def write_version(self, key_id: KeyId, version: int, doc: Dict[str, Any]) -> None:
        """Writes ``K.vN.key`` atomically; never overwrites (KEY_ALREADY_EXISTS). Needs the lock."""
        target = self._file(key_id, version)
        temp = self._atomic_temp(json.dumps(doc, indent=2).encode("utf-8"))
        try:
            os.link(temp, target)
        except FileExistsError:
            raise StorageError(
                f"version {version} of key '{key_id}' already exists", "KEY_ALREADY_EXISTS"
            ) from None
        finally:
            temp.unlink(missing_ok=True)
        _fsync_dir(self.path)

    def write_pointer(self, key_id: KeyId, current: int, highest: int) -> None:
        """Swings ``K.current`` to ``current`` by an atomic rename, recording ``highest``, the
        highest version ever assigned (§8). Needs the lock."""
        pointer = {
            "format": "datafold-key-current",
            "version": 1,
            "key_id": key_id,
            "current": current,
            "highest": max(current, highest),
        }
        temp = self._atomic_temp(json.dumps(pointer).encode("utf-8"))
        os.replace(temp, self.path / f"{key_id}.current")
        _fsync_dir(self.path)

    def replace_version(self, key_id: KeyId, version: int, doc: Dict[str, Any]) -> None:
        """Replaces ``K.vN.key`` by an atomic rename (relabelling: only ``metadata`` may differ).
        Needs the lock."""
        target = self._file(key_id, version)
        temp = self._atomic_temp(json.dumps(doc, indent=2).encode("utf-8"))
        os.replace(temp, target)
        _fsync_dir(self.path)

    def delete_version(self, key_id: KeyId, version: int) -> bool:
        """Removes one version file. Needs the lock."""
        try:
            self._file(key_id, version).unlink()
        except FileNotFoundError:
            return False
        _fsync_dir(self.path)
        return True

    def delete_key(self, key_id: KeyId) -> bool:
        """Deletes the non-current versions, then the current one, then the pointer (§8)."""
        with self.lock(key_id):
            versions = self.list_versions(key_id)
            if not versions:
                (self.path / f"{key_id}.current").unlink(missing_ok=True)
                return False
            current = self.current_version(key_id) if versions else None
            for version in versions:
                if version != current:
                    self.delete_version(key_id, version)
            if current is not None:
                self.delete_version(key_id, current)
            (self.path / f"{key_id}.current").unlink(missing_ok=True)
            _fsync_dir(self.path)
            return True
