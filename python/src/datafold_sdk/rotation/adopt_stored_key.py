"""Starting rotation for a key that is already stored with the same pair: adopt it.

The document's Quick Start stores a key, then calls ``initialize_key_rotation`` with the same id
and the same pair. That must not fail: the stored current version becomes the rotating key's
starting version, as it is (no new version is written), and the policy and a first history
record are added to its labels (spec/key-rotation-v1.md §5). The JS SDK's
``createVersionedKeyPair`` does the same (``adopt-stored-key.ts``).

Example:
    >>> import tempfile
    >>> from datafold_sdk.keys.generate import generate_key_pair
    >>> from datafold_sdk.storage.secure_key_storage import SecureKeyStorage
    >>> storage = SecureKeyStorage(tempfile.mkdtemp(), use_keyring=False,
    ...                            kdf_params={"memory": 19456, "iterations": 2})
    >>> pair = generate_key_pair()
    >>> _ = storage.store_key("k", pair, "correct horse battery staple")
    >>> adopt_stored_key(storage, "k", pair, "correct horse battery staple", {"max_versions": 5})
    1
"""

from __future__ import annotations

import hmac
from typing import Any, Dict, List, Optional

from datafold_sdk.errors.exceptions import StorageError
from datafold_sdk.keys.types import Ed25519KeyPair
from datafold_sdk.storage.secure_key_storage import SecureKeyStorage
from datafold_sdk.utils.debug_log import debug

ROTATION = "rotation"


def another_key_stored(key_id: str) -> StorageError:
    """KEY_ALREADY_EXISTS for starting rotation on an id that holds another key, saying how to
    replace it."""
    return StorageError(
        f"another key is stored as '{key_id}'; to replace it (its versions are deleted) call "
        f"initialize_key_rotation('{key_id}', key_pair, policy, passphrase, overwrite=True), "
        "or choose another id",
        "KEY_ALREADY_EXISTS",
        {"key_id": key_id},
    )


def adopt_stored_key(
    storage: SecureKeyStorage,
    key_id: str,
    key_pair: Ed25519KeyPair,
    passphrase: Optional[str],
    stored_policy: Dict[str, Any],
) -> int:
    """Adopts the key stored as ``key_id`` if it is exactly ``key_pair`` and ``passphrase``
    opens it; returns its current version. The public key is compared first, then the seed the
    passphrase decrypts (DECRYPTION_FAILED for a passphrase that does not open it). The history
    record is ``adopted`` at the version's ``created``, so a rotation falls due counting from
    when the key was made; a key already rotating keeps its history.

    Errors: KEY_ALREADY_EXISTS for another key under the id, and those of the store.
    """
    versions = storage.list_versions(key_id)
    current = next((v for v in versions if v["current"]), None)
    if current is None or not hmac.compare_digest(
        bytes.fromhex(current["public_key"]), key_pair.public_key
    ):
        raise another_key_stored(key_id)
    stored = storage.retrieve_version(key_id, current["version"], passphrase)
    if stored is None or not hmac.compare_digest(stored.private_key, key_pair.private_key):
        raise another_key_stored(key_id)
    metadata: Dict[str, Any] = dict(current["metadata"])
    found = metadata.get(ROTATION)
    rotation: Dict[str, Any] = dict(found) if isinstance(found, dict) else {}
    history: List[Any] = [h for h in rotation.get("history", []) if isinstance(h, dict)]
    if not any(h.get("version") == current["version"] for h in history):
        history.append(
            {
                "version": current["version"],
                "from_version": None,
                "at": current["created"],
                "reason": "adopted",
                "method": "initial",
            }
        )
    updated = {**metadata, ROTATION: {**rotation, "policy": stored_policy, "history": history}}
    if updated != current["metadata"]:
        storage.set_version_metadata(key_id, current["version"], updated)
    version: int = current["version"]
    debug("rotation.adopted", key_id=key_id, version=version)
    return version
