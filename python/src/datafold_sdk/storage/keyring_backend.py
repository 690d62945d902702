"""The OS keyring backend (macOS Keychain, Windows Credential Locker, Secret Service).

Each key is one keyring entry (service ``datafold_sdk``, user = the key id) holding every version
as JSON; the keyring protects it, so no passphrase is needed. An index entry lists the key ids,
because keyrings cannot enumerate.

Example:
    >>> probe_keyring()["available"] in (True, False)
    True
"""

from __future__ import annotations

import json
import secrets
import threading
from typing import Any, Dict, List, Optional

from datafold_sdk.backup.create_backup import check_backup_key_pair, format_created
from datafold_sdk.encoding.strict import base64_to_bytes, bytes_to_base64
from datafold_sdk.errors.exceptions import StorageError
from datafold_sdk.keys.types import Ed25519KeyPair
from datafold_sdk.storage.backend import VersionInfo
from datafold_sdk.storage.version_conflict import assert_expected_version, check_expectations
from datafold_sdk.utils.key_id import assert_valid_key_id

SERVICE = "datafold_sdk"
_INDEX = "__datafold_index__"
_WRITERS = threading.Lock()


def probe_keyring() -> Dict[str, Any]:
    """Whether a real keyring works here: ``{"available", "backend", "reason"}``.

    The probe writes, reads and deletes a random entry, because headless Linux often has a
    keyring module whose backend fails only on use.
    """
    try:
        import keyring  # optional dependency: imported only when used
        from keyring.errors import KeyringError
    except ImportError:
        return {"available": False, "backend": None, "reason": "the keyring package is absent"}
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if getattr(backend, "priority", 0) <= 0:
        return {"available": False, "backend": name, "reason": "no usable keyring backend"}
    probe = f"probe-{secrets.token_hex(8)}"
    try:
        keyring.set_password(SERVICE, probe, "ok")
        works = keyring.get_password(SERVICE, probe) == "ok"
        keyring.delete_password(SERVICE, probe)
    except (KeyringError, RuntimeError, OSError) as error:
        return {"available": False, "backend": name, "reason": f"keyring failed: {error}"}
    if not works:
        return {"available": False, "backend": name, "reason": "keyring did not read back"}
    return {"available": True, "backend": name, "reason": None}


def _highest(entry: Dict[str, Any]) -> int:
    """The highest version an entry ever had: its versions, ``current`` and ``highest``."""
    numbers = [int(v) for v in entry.get("versions", {})]
    for member in ("current", "highest"):
        value = entry.get(member)
        if isinstance(value, int) and not isinstance(value, bool):
            numbers.append(value)
    return max(numbers, default=0)


class KeyringBackend:
    """Keys in the OS keyring."""

    kind = "keyring"

    def __init__(self) -> None:
        import keyring  # optional dependency: imported only when used

        self._keyring = keyring

    def _get(self, user: str) -> Optional[Dict[str, Any]]:
        try:
            text = self._keyring.get_password(SERVICE, user)
        except Exception as error:  # keyring backends raise many types
            raise StorageError(f"the keyring failed ({type(error).__name__})") from None
        if text is None:
            return None
        try:
            value = json.loads(text)
        except ValueError:
            raise StorageError(
                f"keyring entry '{user}' is not a DataFold entry", "STORAGE_CORRUPTED"
            ) from None
        if not isinstance(value, dict):
            raise StorageError(f"keyring entry '{user}' is malformed", "STORAGE_CORRUPTED")
        return value

    def _put(self, user: str, value: Dict[str, Any]) -> None:
        try:
            self._keyring.set_password(SERVICE, user, json.dumps(value))
        except Exception as error:
            raise StorageError(f"the keyring failed ({type(error).__name__})") from None

    def _entry(self, key_id: str) -> Optional[Dict[str, Any]]:
        return self._get(assert_valid_key_id(key_id))

    def list_keys(self) -> List[str]:
        """The ids in the index entry."""
        index = self._get(_INDEX) or {}
        return sorted(k for k in index.get("keys", []) if isinstance(k, str))

    def versions(self, key_id: str) -> List[int]:
        """The versions in the key's entry."""
        entry = self._entry(key_id)
        return sorted(int(v) for v in (entry or {}).get("versions", {}))

    def current(self, key_id: str) -> Optional[int]:
        """The entry's current version."""
        entry = self._entry(key_id)
        return None if entry is None else int(entry["current"])

    def _version(self, key_id: str, version: int) -> Dict[str, Any]:
        entry = self._entry(key_id) or {}
        item = entry.get("versions", {}).get(str(version))
        if not isinstance(item, dict):
            raise StorageError(f"no version {version} of key '{key_id}'", "KEY_NOT_FOUND")
        return item

    def info(self, key_id: str, version: int) -> VersionInfo:
        """The readable members of one version."""
        item = self._version(key_id, version)
        public_key = base64_to_bytes(item.get("public_key"), "STORAGE_CORRUPTED", "public_key")
        return VersionInfo(version, str(item.get("created")), public_key, item.get("metadata", {}))

    def read(self, key_id: str, version: int, passphrase: Optional[str]) -> Ed25519KeyPair:
        """The key pair of one version (the passphrase is not used: the keyring guards it)."""
        item = self._version(key_id, version)
        pair = Ed25519KeyPair(
            private_key=base64_to_bytes(item.get("private_key"), "STORAGE_CORRUPTED", "seed"),
            public_key=base64_to_bytes(item.get("public_key"), "STORAGE_CORRUPTED", "public_key"),
        )
        check_backup_key_pair(pair)
        return pair

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
        """Adds the next version to the key's entry and makes it current, checking a
        conditional write's expectations first. Keyrings have no compare-and-swap, so the
        read-check-write is serialised within this process only (``_WRITERS``)."""
        check_backup_key_pair(key_pair)
        check_expectations(expected_version, expected_current_version)
        with _WRITERS:
            return self._add(
                key_id, key_pair, metadata, must_be_new, expected_version, expected_current_version
            )

    def _add(
        self,
        key_id: str,
        key_pair: Ed25519KeyPair,
        metadata: Dict[str, Any],
        must_be_new: bool,
        expected_version: Optional[int],
        expected_current_version: Optional[int],
    ) -> VersionInfo:
        entry = self._entry(key_id)
        if entry is not None and must_be_new:
            raise StorageError(f"a key is already stored as '{key_id}'", "KEY_ALREADY_EXISTS")
        entry = entry or {"format": "datafold-keyring-entry", "version": 1, "versions": {}}
        current = entry.get("current")
        # One past the highest ever assigned, as in the key directory (spec/key-file-v1.md §9):
        # a deleted version's number is never given to another key.
        version = _highest(entry) + 1
        assert_expected_version(
            key_id,
            expected_version,
            expected_current_version,
            next_version=version,
            current=current if isinstance(current, int) else None,
        )
        created = format_created()
        entry["versions"][str(version)] = {
            "private_key": bytes_to_base64(key_pair.private_key),
            "public_key": bytes_to_base64(key_pair.public_key),
            "created": created,
            "metadata": metadata,
        }
        entry["current"] = version
        entry["highest"] = version
        self._put(key_id, entry)
        index = self._get(_INDEX) or {"keys": []}
        if key_id not in index["keys"]:
            index["keys"].append(key_id)
            self._put(_INDEX, index)
        return VersionInfo(version, created, key_pair.public_key, metadata)

    def set_current(self, key_id: str, version: int) -> None:
        """Points the entry at an existing version."""
        self._version(key_id, version)
        entry = self._entry(key_id) or {}
        entry["current"] = version
        self._put(key_id, entry)

    def delete_version(self, key_id: str, version: int) -> bool:
        """Removes a non-current version."""
        entry = self._entry(key_id)
        if entry is None or str(version) not in entry.get("versions", {}):
            return False
        if entry.get("current") == version:
            raise StorageError(
                "the current version cannot be deleted alone; delete the key", "INVALID_ARGUMENT"
            )
        entry["highest"] = _highest(entry)
        del entry["versions"][str(version)]
        self._put(key_id, entry)
        return True

    def delete_key(self, key_id: str) -> bool:
        """Removes the entry and its index line."""
        if self._entry(key_id) is None:
            return False
        try:
            self._keyring.delete_password(SERVICE, key_id)
        except Exception as error:
            raise StorageError(f"the keyring failed ({type(error).__name__})") from None
        index = self._get(_INDEX) or {"keys": []}
        index["keys"] = [k for k in index["keys"] if k != key_id]
        self._put(_INDEX, index)
        return True
