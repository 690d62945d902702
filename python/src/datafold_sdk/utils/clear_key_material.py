"""``clear_key_material``: drop a key pair's secrets from the SDK's reach.

Python ``bytes`` are immutable and may be copied by the interpreter, so no Python library can
promise to erase them from memory. This removes the SDK's own references: the pair's fields are
emptied (bytearrays are zeroed first) and the signing-key cache entry is dropped.

Example:
    >>> from datafold_sdk.keys.generate import generate_key_pair
    >>> pair = generate_key_pair()
    >>> clear_key_material(pair)
    >>> pair.private_key
    b''
"""

from __future__ import annotations

from datafold_sdk.errors.exceptions import ValidationError
from datafold_sdk.keys.types import Ed25519KeyPair
from datafold_sdk.signatures.key_cache import forget_key


def clear_key_material(key_pair: Ed25519KeyPair) -> None:
    """Empties the pair (INVALID_ARGUMENT for anything but an Ed25519KeyPair)."""
    if not isinstance(key_pair, Ed25519KeyPair):
        raise ValidationError("key_pair must be an Ed25519KeyPair", "INVALID_ARGUMENT")
    for name in ("private_key", "public_key"):
        value = getattr(key_pair, name)
        if isinstance(value, bytearray):
            value[:] = bytes(len(value))
        forget_key(bytes(value))
        object.__setattr__(key_pair, name, b"")
