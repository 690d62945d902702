"""Argument checks shared by the functions that take keys, signatures and messages.

Example:
    >>> as_message("héllo")
    b'h\\xc3\\xa9llo'
"""

from __future__ import annotations

from datafold_sdk.errors.exceptions import Ed25519KeyError


def as_bytes(value: object, length: int, name: str, code: str) -> bytes:
    """``value`` as bytes of exactly ``length``, else ``code`` naming ``name``.

    Example:
        >>> as_bytes(bytearray(32), 32, "public_key", "INVALID_PUBLIC_KEY") == bytes(32)
        True
    """
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise Ed25519KeyError(f"{name} must be bytes, got {type(value).__name__}", code)
    data = bytes(value)
    if len(data) != length:
        raise Ed25519KeyError(f"{name} must be {length} bytes, got {len(data)}", code)
    return data


def as_message(message: object) -> bytes:
    """A message as bytes: bytes-like as given, text as its UTF-8 (spec/ed25519-verification.md).

    Example:
        >>> as_message(b"\\x00")
        b'\\x00'
    """
    if isinstance(message, str):
        try:
            return message.encode("utf-8")
        except UnicodeEncodeError:
            raise Ed25519KeyError(
                "message text has a lone surrogate and no UTF-8 form", "INVALID_MESSAGE"
            ) from None
    if isinstance(message, (bytes, bytearray, memoryview)):
        return bytes(message)
    raise Ed25519KeyError(
        f"message must be bytes or str, got {type(message).__name__}", "INVALID_ARGUMENT"
    )
