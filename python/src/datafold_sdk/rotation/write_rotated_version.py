"""Steps 1-3 of a rotation (spec/key-rotation-v1.md §2) with optimistic concurrency.

Read the current version N, decrypt it (a wrong passphrase fails here, before anything is
written), make the new key pair for the number T it will take (§4 binds T into a derived seed),
and store it on condition that T is still the next number and N still current; on a conflict,
start again. The store's lock is so never held across Argon2id, and the version bound into a
derived seed is always the version stored, made from the version that was current when it was
stored. The JS SDK's ``writeRotatedVersion`` does the same, so Python and Node processes may
rotate one key directory at once.

Example:
    >>> import tempfile
    >>> from datafold_sdk.keys.generate import generate_key_pair
    >>> from datafold_sdk.storage.secure_key_storage import SecureKeyStorage
    >>> storage = SecureKeyStorage(tempfile.mkdtemp(), use_keyring=False,
    ...                            kdf_params={"memory": 19456, "iterations": 2})
    >>> _ = storage.store_key("k", generate_key_pair(), "correct horse battery staple")
    >>> done = write_rotated_version(storage, "k", "correct horse battery staple",
    ...                              method="regenerate", reason="manual")
    >>> (done.previous_version, done.new_version)
    (1, 2)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional

from datafold_sdk.errors.exceptions import StorageError
from datafold_sdk.keys.generate import generate_key_pair
from datafold_sdk.keys.types import Ed25519KeyPair
from datafold_sdk.rotation.derive_rotation_key_pair import derive_rotation_key_pair
from datafold_sdk.storage.secure_key_storage import SecureKeyStorage
from datafold_sdk.storage.version_conflict import is_version_conflict, version_conflict
from datafold_sdk.utils.debug_log import debug

MAX_ROTATION_ATTEMPTS = 10
"""Conditional writes a rotation tries before giving up: each lost one means another rotation
of the key succeeded (the JS SDK's MAX_ROTATION_ATTEMPTS)."""

ROTATION = "rotation"
MAX_HISTORY = 256


@dataclass
class RotatedVersion:
    """The version a rotation wrote, what it was made from, and the metadata it carries."""

    previous_version: int
    new_version: int
    key_pair: Ed25519KeyPair
    rotation: Dict[str, Any]
    """The ``rotation`` member of the new version (policy and history, §5)."""


def now_stamp() -> str:
    """The rotation record's ``at``: RFC 3339 UTC with milliseconds, as the JS SDK writes it."""
    now = datetime.now(timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def write_rotated_version(
    storage: SecureKeyStorage,
    key_id: str,
    passphrase: str,
    *,
    method: str,
    reason: str,
    master_key: Optional[bytes] = None,
) -> RotatedVersion:
    """Writes the next version of ``key_id`` by ``method`` (``regenerate``, ``derive`` or
    ``rederive`` with ``master_key``; already checked by the caller) and makes it current.

    Errors: those of the store (KEY_NOT_FOUND, DECRYPTION_FAILED, ...) and STORAGE_LOCKED with
    ``details["conflict"]`` when other writers won MAX_ROTATION_ATTEMPTS conflicts in a row.
    """
    at = now_stamp()
    previous_pair: Optional[Ed25519KeyPair] = None
    previous_of: Optional[int] = None
    fresh: Optional[Ed25519KeyPair] = None
    lost: Optional[StorageError] = None
    for _ in range(MAX_ROTATION_ATTEMPTS):
        previous = storage.current_version(key_id)
        if previous is None:
            raise StorageError(f"no key is stored as '{key_id}'", "KEY_NOT_FOUND")
        # The passphrase is proven once; 'derive' also needs the seed of whatever is current now.
        if previous_pair is None or (method == "derive" and previous_of != previous):
            try:
                pair = storage.retrieve_version(key_id, previous, passphrase)
            except StorageError as error:
                if error.error_code != "KEY_NOT_FOUND":
                    raise
                pair = None
            if pair is None:
                # Another writer's clean-up removed it after it stopped being current.
                lost = version_conflict(key_id, f"version {previous} went away")
                continue
            previous_pair, previous_of = pair, previous
        versions = storage.list_versions(key_id)
        current = next((v for v in versions if v["version"] == previous), None)
        if current is None:
            lost = version_conflict(key_id, f"version {previous} went away")
            continue
        # The store's own next number, one past the highest ever assigned: a deleted top
        # version's number is skipped here exactly as the store skips it (§4).
        target = storage.next_version(key_id)
        if method == "regenerate":
            fresh = fresh or generate_key_pair()
        elif method == "derive":
            fresh = derive_rotation_key_pair("derive", key_id, target, previous_pair.private_key)
        else:
            assert master_key is not None
            fresh = derive_rotation_key_pair("rederive", key_id, target, master_key)
        metadata = dict(current["metadata"])
        found = metadata.get(ROTATION)
        rotation: Dict[str, Any] = found if isinstance(found, dict) else {}
        record: Dict[str, Any] = {"version": target, "from_version": previous}
        if method != "regenerate":
            record["derivation_version"] = target
        record.update(at=at, reason=reason, method=method)
        history: List[Any] = [h for h in rotation.get("history", []) if isinstance(h, dict)]
        new_rotation = {**rotation, "history": [*history, record][-MAX_HISTORY:]}
        debug(
            "rotation.attempt", key_id=key_id, method=method, from_version=previous, target=target
        )
        try:
            stored = storage.add_version(
                key_id,
                fresh,
                passphrase,
                {**metadata, ROTATION: new_rotation},
                expected_version=target,
                expected_current_version=previous,
            )
        except StorageError as error:
            if not is_version_conflict(error):
                raise
            debug("rotation.conflict", key_id=key_id)
            lost = error
            continue
        return RotatedVersion(previous, stored.version, fresh, new_rotation)
    assert lost is not None
    raise lost
