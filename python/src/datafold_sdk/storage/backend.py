"""What a key store backend does: versions of keys, read and written whole.

Example:
    >>> VersionInfo(1, "2026-01-02T03:04:05Z", bytes(32), {}).version
    1
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Protocol

from datafold_sdk.keys.types import Ed25519KeyPair
from datafold_sdk.utils.key_id import KeyId


@dataclass
class VersionInfo:
    """What is known about one version without its passphrase."""

    version: int
    created: str
    public_key: bytes
    metadata: Dict[str, Any] = field(default_factory=dict)


class KeyBackend(Protocol):
    """The operations SecureKeyStorage needs from the keyring or the key directory. Key ids
    arrive checked (``KeyId``): SecureKeyStorage is storage's boundary and checks them once."""

    kind: str

    def list_keys(self) -> List[str]:
        """Every stored key id."""

    def versions(self, key_id: KeyId) -> List[int]:
        """The stored versions of a key, ascending."""

    def current(self, key_id: KeyId) -> Optional[int]:
        """The current version, or None when the key does not exist."""

    def info(self, key_id: KeyId, version: int) -> VersionInfo:
        """The readable members of one version."""

    def read(self, key_id: KeyId, version: int, passphrase: Optional[str]) -> Ed25519KeyPair:
        """The key pair of one version."""

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
        """Writes the next version as the version rules plan it (version_rules.py):
        KEY_ALREADY_EXISTS if ``must_be_new`` and the key exists; ``replace`` removes the older
        versions; ``make_current`` swings the pointer. With ``expected_version`` /
        ``expected_current_version``, a conditional write: checked while the backend holds the
        key, STORAGE_LOCKED with ``details["conflict"]`` and nothing written on a mismatch."""

    def set_current(self, key_id: KeyId, version: int) -> None:
        """Makes an existing version current."""

    def delete_version(self, key_id: KeyId, version: int) -> bool:
        """Removes one non-current version, keeping its number taken."""

    def delete_key(self, key_id: KeyId) -> bool:
        """Removes every version of a key."""

    def next_version(self, key_id: KeyId) -> int:
        """The number the next version of the key takes."""

    def set_metadata(self, key_id: KeyId, version: int, metadata: Dict[str, Any]) -> None:
        """Replaces one version's labels (unauthenticated; no passphrase needed)."""
