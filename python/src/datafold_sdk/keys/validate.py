"""Public-key validation: the policy of spec/ed25519-verification.md, "Public key validation".

Example:
    >>> is_valid_public_key(bytes(32))   # y = 0 has order 4
    False
"""

from __future__ import annotations

from datafold_sdk.errors.exceptions import Ed25519KeyError
from datafold_sdk.hazmat.strict_checks import public_key_passes_prechecks
from datafold_sdk.keys.curve import point_decodes
from datafold_sdk.keys.key_bytes import as_bytes
from datafold_sdk.keys.types import PUBLIC_KEY_LENGTH


def is_valid_public_key(public_key: object) -> bool:
    """True for 32 bytes that are canonical, on the curve and not of small order (rules 2, 3, 5).

    Mixed-order keys pass, as in libsodium. Never raises: anything that is not 32 bytes is False.
    """
    if not isinstance(public_key, (bytes, bytearray, memoryview)):
        return False
    data = bytes(public_key)
    return (
        len(data) == PUBLIC_KEY_LENGTH and public_key_passes_prechecks(data) and point_decodes(data)
    )


def assert_valid_public_key(public_key: object) -> bytes:
    """The key as bytes, or INVALID_PUBLIC_KEY saying what is wrong.

    Example:
        >>> try:
        ...     assert_valid_public_key(b"short")
        ... except Ed25519KeyError as error:
        ...     print(error)
        public_key must be 32 bytes, got 5 (INVALID_PUBLIC_KEY)
    """
    data = as_bytes(public_key, PUBLIC_KEY_LENGTH, "public_key", "INVALID_PUBLIC_KEY")
    if not is_valid_public_key(data):
        raise Ed25519KeyError(
            "public_key is not a valid Ed25519 public key: not canonical, not on the curve, "
            "or of small order",
            "INVALID_PUBLIC_KEY",
        )
    return data
