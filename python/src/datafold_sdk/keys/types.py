"""The key pair type and the byte lengths of RFC 8032 Ed25519.

Example:
    >>> pair = Ed25519KeyPair(private_key=bytes(32), public_key=bytes(32))
    >>> len(pair.private_key)
    32
"""

from __future__ import annotations

from dataclasses import dataclass

from datafold_sdk.errors.exceptions import Ed25519KeyError

PRIVATE_KEY_LENGTH = 32
"""The private key is the 32-byte seed of RFC 8032 §5.1.5, not the 64-byte expanded key."""
PUBLIC_KEY_LENGTH = 32
SIGNATURE_LENGTH = 64


@dataclass
class Ed25519KeyPair:
    """An Ed25519 key pair: the 32-byte seed and its 32-byte public key.

    The constructor checks types and lengths (INVALID_PRIVATE_KEY, INVALID_PUBLIC_KEY); whether
    the halves belong together is checked where it matters (signing, backups, storage).
    ``repr`` never shows the private key.

    Example:
        >>> from datafold_sdk import generate_key_pair
        >>> pair = generate_key_pair()
        >>> "private_key" in repr(pair)
        False
    """

    private_key: bytes
    public_key: bytes

    def __post_init__(self) -> None:
        self.private_key = _key_bytes(
            self.private_key, PRIVATE_KEY_LENGTH, "private_key", "INVALID_PRIVATE_KEY"
        )
        self.public_key = _key_bytes(
            self.public_key, PUBLIC_KEY_LENGTH, "public_key", "INVALID_PUBLIC_KEY"
        )

    def __repr__(self) -> str:
        return f"Ed25519KeyPair(public_key={self.public_key.hex()!r})"


def _key_bytes(value: object, length: int, name: str, code: str) -> bytes:
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise Ed25519KeyError(f"{name} must be bytes, got {type(value).__name__}", code)
    data = bytes(value)
    if len(data) != length:
        hint = " (pass the 32-byte seed, not the 64-byte expanded key)" if len(data) == 64 else ""
        raise Ed25519KeyError(f"{name} must be {length} bytes, got {len(data)}{hint}", code)
    return data
