"""What a key resolver answers for a ``keyid`` (spec §3 step 8).

Example:
    >>> ResolvedKey.active(bytes(32)).status, ResolvedKey.unknown().public_key
    ('active', None)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Optional

KeyStatus = Literal["active", "inactive", "unknown"]


@dataclass(frozen=True)
class ResolvedKey:
    """The client's active public key, or why there is none: ``inactive`` (revoked or
    superseded) or ``unknown`` (no registration)."""

    status: KeyStatus
    public_key: Optional[bytes] = None

    @classmethod
    def active(cls, public_key: bytes) -> ResolvedKey:
        """The client's active key (32 bytes)."""
        return cls("active", bytes(public_key))

    @classmethod
    def inactive(cls) -> ResolvedKey:
        """The client is registered, but its key is revoked or superseded."""
        return cls("inactive")

    @classmethod
    def unknown(cls) -> ResolvedKey:
        """The client id names no registration."""
        return cls("unknown")
