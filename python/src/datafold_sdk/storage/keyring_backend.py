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
from datafold_sdk.storage.version_conflict import check_expectations
from datafold_sdk.storage.version_rules import (
    MISSING,
    KeyState,
    next_version,
    plan_add,
    plan_delete,
    plan_set_current,
)
from datafold_sdk.utils.key_id import KeyId

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


def _state(entry: Optional[Dict[str, Any]]) -> KeyState:
    """An entry as the version rules read it: its versions, ``current`` and ``highest``."""
    if entry is None:
        return KeyState()
    current = entry.get("current")
    return KeyState(
        tuple(sorted(int(v) for v in entry.get("versions", {}))),
        current if isinstance(current, int) and not isinstance(current, bool) else None,
        entry.get("highest", MISSING),
    )


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

    def _entry(self, key_id: KeyId) -> Optional[Dict[str, Any]]:
        return self._get(key_id)

    def list_keys(self) -> List[str]:
        """The ids in the index entry."""
        index = self._get(_INDEX) or {}
        return sorted(k for k in index.get("keys", []) if isinstance(k, str))

    def versions(self, key_id: KeyId) -> List[int]:
        """The versions in the key's entry."""
        entry = self._entry(key_id)
        return sorted(int(v) for v in (entry or {}).get("versions", {}))

    def current(self, key_id: KeyId) -> Optional[int]:
        """The entry's current version."""
        entry = self._entry(key_id)
        return None if entry is None else int(entry["current"])

    def _version(self, key_id: KeyId, version: int) -> Dict[str, Any]:
        entry = self._entry(key_id) or {}
        item = entry.get("versions", {}).get(str(version))
        if not isinstance(item, dict):
            raise StorageError(f"no version {version} of key '{key_id}'", "KEY_NOT_FOUND")
        return item

    def info(self, key_id: KeyId, version: int) -> VersionInfo:
        """The readable members of one version."""
        item = self._version(key_id, version)
        public_key = base64_to_bytes(item.get("public_key"), "STORAGE_CORRUPTED", "public_key")
        return VersionInfo(version, str(item.get("created")), public_key, item.get("metadata", {}))

    def read(self, key_id: KeyId, version: int, passphrase: Optional[str]) -> Ed25519KeyPair:
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
        """Adds the next version to the key's entry as the version rules plan it. Keyrings have
        no compare-and-swap, so the read-plan-write is serialised within this process only
        (``_WRITERS``)."""
        check_backup_key_pair(key_pair)
        check_expectations(expected_version, expected_current_version)
        with _WRITERS:
            entry = self._entry(key_id)
            plan = plan_add(
                key_id,
                _state(entry),
                overwrite=not must_be_new,
                replace=replace,
                make_current=make_current,
                expected_version=expected_version,
                expected_current_version=expected_current_version,
            )
            entry = entry or {"format": "datafold-keyring-entry", "version": 1, "versions": {}}
            created = format_created()
            entry["versions"][str(plan.version)] = {
                "private_key": bytes_to_base64(key_pair.private_key),
                "public_key": bytes_to_base64(key_pair.public_key),
                "created": created,
                "metadata": metadata,
            }
            for old in plan.remove:
                entry["versions"].pop(str(old), None)
            entry["current"] = plan.current
            entry["highest"] = plan.highest
            self._put(key_id, entry)
            index = self._get(_INDEX) or {"keys": []}
            if key_id not in index["keys"]:
                index["keys"].append(key_id)
                self._put(_INDEX, index)
        return VersionInfo(plan.version, created, key_pair.public_key, metadata)

    def set_current(self, key_id: KeyId, version: int) -> None:
        """Points the entry at an existing version."""
        with _WRITERS:
            entry = self._entry(key_id)
            plan = plan_set_current(key_id, _state(entry), version)
            assert entry is not None
            entry["current"], entry["highest"] = plan.current, plan.highest
            self._put(key_id, entry)

    def delete_version(self, key_id: KeyId, version: int) -> bool:
        """Removes a non-current version, keeping its number taken."""
        with _WRITERS:
            entry = self._entry(key_id)
            plan = plan_delete(key_id, _state(entry), version)
            if plan is None or entry is None:
                return False
            entry["highest"] = plan.highest
            del entry["versions"][str(version)]
            self._put(key_id, entry)
            return True

    def next_version(self, key_id: KeyId) -> int:
        """The number the next version takes."""
        return next_version(key_id, _state(self._entry(key_id)))

    def set_metadata(self, key_id: KeyId, version: int, metadata: Dict[str, Any]) -> None:
        """Replaces one version's labels."""
        with _WRITERS:
            entry = self._entry(key_id) or {}
            item = entry.get("versions", {}).get(str(version))
            if not isinstance(item, dict):
                raise StorageError(f"no version {version} of key '{key_id}'", "KEY_NOT_FOUND")
            item["metadata"] = metadata
            self._put(key_id, entry)

    def delete_key(self, key_id: KeyId) -> bool:
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
