"""``KeyRotationManager``: versioned keys over SecureKeyStorage.

Each version is a key file version (``K.vN.key``) or keyring version; the policy and the rotation
history travel in the version's ``rotation`` metadata member exactly as spec/key-rotation-v1.md §5
lays it out, so the JS SDK and the CLI read the same history.

Example:
    >>> import tempfile
    >>> from datafold_sdk.keys.generate import generate_key_pair
    >>> from datafold_sdk.storage.secure_key_storage import SecureKeyStorage
    >>> storage = SecureKeyStorage(tempfile.mkdtemp(), use_keyring=False,
    ...                            kdf_params={"memory": 19456, "iterations": 2})
    >>> manager = KeyRotationManager(storage)
    >>> pair = generate_key_pair()
    >>> secret = "correct horse battery staple"
    >>> manager.initialize_key_rotation("k", pair, RotationPolicy(), secret)["version"]
    1
    >>> new_pair, info = manager.rotate_key("k", "correct horse battery staple", "scheduled")
    >>> (info["new_version"], info["previous_version"])
    (2, 1)
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Optional, Tuple

from datafold_sdk.errors.exceptions import StorageError, ValidationError
from datafold_sdk.keys.types import Ed25519KeyPair
from datafold_sdk.rotation.adopt_stored_key import adopt_stored_key
from datafold_sdk.rotation.policy import RotationPolicy
from datafold_sdk.rotation.write_rotated_version import now_stamp, write_rotated_version
from datafold_sdk.server.statements import check_reason
from datafold_sdk.storage.secure_key_storage import SecureKeyStorage
from datafold_sdk.utils.debug_log import debug

_ROTATION = "rotation"
_METHODS = {"random": "regenerate", "HKDF": "rederive"}


class KeyRotationManager:
    """Creates, rotates, reads and cleans up key versions (spec/key-rotation-v1.md)."""

    def __init__(self, storage: SecureKeyStorage) -> None:
        if not isinstance(storage, SecureKeyStorage):
            raise ValidationError("storage must be a SecureKeyStorage", "INVALID_ARGUMENT")
        self.storage = storage
        self._default_methods: Dict[str, str] = {}

    def initialize_key_rotation(
        self,
        key_id: str,
        initial_key_pair: Ed25519KeyPair,
        policy: RotationPolicy,
        passphrase: str,
        *,
        overwrite: bool = False,
    ) -> Dict[str, Any]:
        """Stores version 1 under ``policy``. A key already stored as ``key_id`` with exactly this
        pair (``store_key`` just before, as in the Quick Start) is adopted instead: its current
        version becomes the rotating key's and the policy is recorded with it, so calling this
        twice is safe. Another key under the id is KEY_ALREADY_EXISTS unless ``overwrite``
        replaces it; a passphrase that does not open the stored key is DECRYPTION_FAILED."""
        if not isinstance(policy, RotationPolicy):
            raise ValidationError("policy must be a RotationPolicy", "INVALID_ARGUMENT")
        adopted = not overwrite and self.storage.current_version(key_id) is not None
        if adopted:
            version = adopt_stored_key(
                self.storage, key_id, initial_key_pair, passphrase, policy.to_stored()
            )
        else:
            # A replaced key's versions go but their numbers stay taken: the new one is the next.
            version = self.storage.next_version(key_id)
            record = {"version": version, "from_version": None, "at": now_stamp()}
            record.update(reason="created", method="initial")
            rotation = {"policy": policy.to_stored(), "history": [record]}
            stored = self.storage.store_key(
                key_id,
                initial_key_pair,
                passphrase,
                metadata={_ROTATION: rotation},
                overwrite=overwrite,
            )
            if stored.version != version:
                # Another writer took the number meanwhile: the record names the version it is in.
                record["version"] = stored.version
                self.storage.set_version_metadata(key_id, stored.version, {_ROTATION: rotation})
            version = stored.version
        self._default_methods[key_id] = policy.derivation_method
        return {
            "key_id": key_id,
            "version": version,
            "policy": policy.to_dict(),
            "adopted": adopted,
        }

    def _current_metadata(self, key_id: str) -> Dict[str, Any]:
        current = [v for v in self.storage.list_versions(key_id) if v["current"]]
        if not current:
            raise StorageError(f"no key is stored as '{key_id}'", "KEY_NOT_FOUND")
        metadata: Dict[str, Any] = dict(current[0]["metadata"])
        metadata["__version__"] = current[0]["version"]
        metadata["__created__"] = current[0]["created"]
        return metadata

    def rotate_key(
        self,
        key_id: str,
        passphrase: str,
        rotation_reason: Optional[str] = None,
        master_key: Optional[bytes] = None,
        derivation_method: Optional[str] = None,
    ) -> Tuple[Ed25519KeyPair, Dict[str, Any]]:
        """Writes the next version and makes it current (spec/key-rotation-v1.md §2).

        ``derivation_method``: ``regenerate`` (alias ``random``, the default), ``derive`` (from
        the current seed) or ``rederive`` (alias ``HKDF``, from ``master_key``). The old version
        stays readable until the policy's cleanup removes it. A wrong passphrase is
        DECRYPTION_FAILED before anything is written. Concurrent rotations of the key each keep
        their version; STORAGE_LOCKED (``details["conflict"]``) only when other writers won
        every one of MAX_ROTATION_ATTEMPTS tries.
        """
        chosen = derivation_method or self._default_methods.get(key_id, "regenerate")
        method = _METHODS.get(chosen, chosen)
        if method not in ("regenerate", "derive", "rederive"):
            raise ValidationError(
                "derivation_method must be regenerate, derive or rederive", "UNSUPPORTED_ALGORITHM"
            )
        if method == "rederive" and master_key is None:
            raise ValidationError("rederive (HKDF) rotation needs master_key", "INVALID_ARGUMENT")
        reason = check_reason(rotation_reason or "manual")
        # Conditional write with retries: concurrent rotations (other threads, processes, the
        # CLI or the Node SDK on the same key directory) each keep their version (§2).
        done = write_rotated_version(
            self.storage, key_id, passphrase, method=method, reason=reason, master_key=master_key
        )
        previous, new_pair = done.previous_version, done.key_pair
        policy = RotationPolicy.from_stored(done.rotation.get("policy") or {})
        stored_version = done.new_version
        removed = self._cleanup(key_id, policy) if policy.auto_cleanup_expired else []
        debug(
            "rotation.rotated",
            key_id=key_id,
            previous_version=previous,
            new_version=stored_version,
            method=method,
            removed_versions=removed,
        )
        return new_pair, {
            "key_id": key_id,
            "new_version": stored_version,
            "previous_version": previous,
            "reason": reason,
            "derivation_method": method,
            "removed_versions": removed,
            "old_version_preserved": previous not in removed,
        }

    def _cleanup(self, key_id: str, policy: RotationPolicy) -> List[int]:
        versions = [v["version"] for v in self.storage.list_versions(key_id) if not v["current"]]
        removed = []
        for version in versions[: max(0, len(versions) + 1 - policy.max_versions)]:
            if self.storage.delete_version(key_id, version):
                removed.append(version)
        return removed

    def get_current_key(self, key_id: str, passphrase: str) -> Ed25519KeyPair:
        """The current version's key pair (KEY_NOT_FOUND if none)."""
        pair = self.storage.retrieve_key(key_id, passphrase)
        if pair is None:
            raise StorageError(f"no key is stored as '{key_id}'", "KEY_NOT_FOUND")
        return pair

    def get_key_version(
        self, key_id: str, version: int, passphrase: str
    ) -> Optional[Ed25519KeyPair]:
        """One version's key pair, or None when it does not exist (any more)."""
        return self.storage.retrieve_version(key_id, version, passphrase)

    def list_key_versions(self, key_id: str) -> List[Dict[str, Any]]:
        """Every version with its creation time, public key, reason and whether it is current."""
        out = []
        for item in self.storage.list_versions(key_id):
            rotation = item["metadata"].get(_ROTATION, {})
            history = rotation.get("history", []) if isinstance(rotation, dict) else []
            mine = [
                h for h in history if isinstance(h, dict) and h.get("version") == item["version"]
            ]
            out.append(
                {
                    "version": item["version"],
                    "created": item["created"],
                    "public_key": item["public_key"],
                    "current": item["current"],
                    "reason": mine[-1].get("reason") if mine else None,
                }
            )
        return out

    def check_rotation_due(self, key_id: str) -> bool:
        """True when the current version is at least the policy's interval old, counted from its
        rotation record's ``at``, else its ``created`` (spec/key-rotation-v1.md §6)."""
        rotation = self.get_rotation_metadata(key_id)
        policy = RotationPolicy.from_stored(rotation["policy"])
        version = rotation["current_version"]
        records = [h for h in rotation.get("history", []) if h.get("version") == version]
        stamp = str(records[-1].get("at") if records else rotation["created"])
        created = datetime.strptime(stamp[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)
        return datetime.now(timezone.utc) - created >= timedelta(days=policy.rotation_interval_days)

    def get_rotation_metadata(self, key_id: str) -> Dict[str, Any]:
        """The current version's ``rotation`` member (policy and history) with ``key_id``,
        ``current_version`` and ``created``; KEY_NOT_FOUND if the key has no rotation policy."""
        metadata = self._current_metadata(key_id)
        rotation = metadata.get(_ROTATION)
        if not isinstance(rotation, dict) or not isinstance(rotation.get("policy"), dict):
            raise StorageError(f"'{key_id}' is not a rotation-managed key", "KEY_NOT_FOUND")
        return {
            **rotation,
            "key_id": key_id,
            "current_version": metadata["__version__"],
            "created": metadata["__created__"],
        }

    def list_managed_keys(self) -> List[str]:
        """Ids of stored keys that carry a rotation policy."""
        managed = []
        for key_id in self.storage.list_keys():
            try:
                self.get_rotation_metadata(key_id)
            except StorageError:
                continue
            managed.append(key_id)
        return managed

    def delete_key_completely(self, key_id: str) -> None:
        """Deletes every version (KEY_NOT_FOUND if there was nothing)."""
        if not self.storage.delete_key(key_id):
            raise StorageError(f"no key is stored as '{key_id}'", "KEY_NOT_FOUND")
