"""Ed25519 signing (RFC 8032 §5.1.6) with cached keys.

Example:
    >>> from datafold_sdk.keys.from_seed import key_pair_from_seed
    >>> pair = key_pair_from_seed(bytes(32))
    >>> len(sign(b"hello", pair.private_key))
    64
"""

from __future__ import annotations

from typing import Union

from datafold_sdk.errors.exceptions import Ed25519KeyError
from datafold_sdk.keys.key_bytes import as_bytes, as_message
from datafold_sdk.keys.types import PRIVATE_KEY_LENGTH
from datafold_sdk.signatures.key_cache import private_key_object

Message = Union[bytes, bytearray, memoryview, str]


def sign(message: Message, private_key: bytes) -> bytes:
    """The 64-byte signature of ``message`` (bytes, or text signed as its UTF-8) by the seed.

    Raises INVALID_PRIVATE_KEY for a key that is not 32 bytes, INVALID_ARGUMENT for a message of
    another type, SIGNING_FAILED if the platform fails.
    """
    data = as_message(message)
    seed = as_bytes(private_key, PRIVATE_KEY_LENGTH, "private_key", "INVALID_PRIVATE_KEY")
    try:
        return private_key_object(seed).sign(data)
    except Exception as error:  # OpenSSL failures are platform faults, not caller errors
        raise Ed25519KeyError(
            f"the platform failed to sign ({type(error).__name__})", "SIGNING_FAILED"
        ) from None
