"""``KeyRotationManager``: versioned keys over SecureKeyStorage.

Each version is a key file version (``K.vN.key``) or keyring version; the policy and the reason of
each rotation travel in the version's metadata (unauthenticated labels, spec/key-file-v1.md §3),
so they are readable without the passphrase, by this SDK and by the CLI.

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

from datafold_sdk.derivation.derive_ed25519_key_pair import derive_ed25519_key_pair
from datafold_sdk.errors.exceptions import StorageError, ValidationError
from datafold_sdk.keys.generate import generate_key_pair
from datafold_sdk.keys.types import Ed25519KeyPair
from datafold_sdk.rotation.policy import RotationPolicy
from datafold_sdk.storage.secure_key_storage import SecureKeyStorage

_ROTATION = "rotation"


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class KeyRotationManager:
    """Creates, rotates, reads and cleans up key versions."""

    def __init__(self, storage: SecureKeyStorage) -> None:
        if not isinstance(storage, SecureKeyStorage):
            raise ValidationError("storage must be a SecureKeyStorage", "INVALID_ARGUMENT")
        self.storage = storage

    def initialize_key_rotation(
        self,
        key_id: str,
        initial_key_pair: Ed25519KeyPair,
        policy: RotationPolicy,
        passphrase: str,
    ) -> Dict[str, Any]:
        """Stores version 1 under ``policy`` (KEY_ALREADY_EXISTS if the key exists)."""
        if not isinstance(policy, RotationPolicy):
            raise ValidationError("policy must be a RotationPolicy", "INVALID_ARGUMENT")
        info = {"policy": policy.to_dict(), "reason": "initial", "rotated_at": _now()}
        stored = self.storage.store_key(
            key_id, initial_key_pair, passphrase, metadata={_ROTATION: info}
        )
        return {"key_id": key_id, "version": stored.version, "policy": policy.to_dict()}

    def _policy(self, key_id: str) -> RotationPolicy:
        return RotationPolicy.from_dict(self.get_rotation_metadata(key_id)["policy"])

    def rotate_key(
        self,
        key_id: str,
        passphrase: str,
        rotation_reason: Optional[str] = None,
        master_key: Optional[bytes] = None,
        derivation_method: Optional[str] = None,
    ) -> Tuple[Ed25519KeyPair, Dict[str, Any]]:
        """Adds the next version and makes it current. ``HKDF`` derives it from ``master_key``
        with the context ``datafold_rotation_v1:<key_id>:<version>``; otherwise it is random.
        The old version stays readable until cleanup; the passphrase must open the current one."""
        policy = self._policy(key_id)
        previous = self.storage.current_version(key_id)
        if previous is None:
            raise StorageError(f"no key is stored as '{key_id}'", "KEY_NOT_FOUND")
        self.storage.retrieve_key(key_id, passphrase)  # DECRYPTION_FAILED before any change
        method = derivation_method or policy.derivation_method
        next_version = max(v["version"] for v in self.storage.list_versions(key_id)) + 1
        if method == "HKDF":
            if master_key is None:
                raise ValidationError("HKDF rotation needs master_key", "INVALID_ARGUMENT")
            context = f"datafold_rotation_v1:{key_id}:{next_version}"
            new_pair = derive_ed25519_key_pair(master_key, context)[0]
        elif method == "random":
            new_pair = generate_key_pair()
        else:
            raise ValidationError(
                "derivation_method must be 'random' or 'HKDF'", "UNSUPPORTED_ALGORITHM"
            )
        info = {
            "policy": policy.to_dict(),
            "reason": rotation_reason or "manual",
            "rotated_at": _now(),
            "derivation_method": method,
            "previous_version": previous,
        }
        stored = self.storage.add_version(key_id, new_pair, passphrase, {_ROTATION: info})
        removed = self._cleanup(key_id, policy) if policy.auto_cleanup_expired else []
        return new_pair, {
            "key_id": key_id,
            "new_version": stored.version,
            "previous_version": previous,
            "reason": info["reason"],
            "derivation_method": method,
            "removed_versions": removed,
            "old_version_preserved": previous not in removed,
        }

    def _cleanup(self, key_id: str, policy: RotationPolicy) -> List[int]:
        versions = [v["version"] for v in self.storage.list_versions(key_id)]
        removed = []
        for version in versions[: max(0, len(versions) - policy.max_versions)]:
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
            out.append(
                {
                    "version": item["version"],
                    "created": item["created"],
                    "public_key": item["public_key"],
                    "current": item["current"],
                    "reason": rotation.get("reason") if isinstance(rotation, dict) else None,
                }
            )
        return out

    def check_rotation_due(self, key_id: str) -> bool:
        """True when the current version is older than the policy's interval."""
        policy = self._policy(key_id)
        current = [v for v in self.storage.list_versions(key_id) if v["current"]]
        created = datetime.strptime(current[0]["created"][:19], "%Y-%m-%dT%H:%M:%S")
        age = datetime.now(timezone.utc) - created.replace(tzinfo=timezone.utc)
        return age >= timedelta(days=policy.rotation_interval_days)

    def get_rotation_metadata(self, key_id: str) -> Dict[str, Any]:
        """The current version's rotation record (policy, reason, time); KEY_NOT_FOUND if the
        key is not managed."""
        current = [v for v in self.storage.list_versions(key_id) if v["current"]]
        rotation = current[0]["metadata"].get(_ROTATION) if current else None
        if not isinstance(rotation, dict) or not isinstance(rotation.get("policy"), dict):
            raise StorageError(f"'{key_id}' is not a rotation-managed key", "KEY_NOT_FOUND")
        return {**rotation, "key_id": key_id, "current_version": current[0]["version"]}

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
