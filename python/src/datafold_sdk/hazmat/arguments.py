"""Argument checks of the raw primitives: every failure is INVALID_ARGUMENT naming the argument,
and messages describe types and sizes, never the bytes (they are passwords and keys).

Example:
    >>> byte_argument(bytearray(b"salt"), "salt")
    b'salt'
    >>> integer_argument(3, "iterations", 1, 2**32 - 1)
    3
"""

from __future__ import annotations

from datafold_sdk.errors.exceptions import KeyDerivationError


def byte_argument(value: object, name: str) -> bytes:
    """``value`` as bytes (bytes, bytearray, memoryview), else INVALID_ARGUMENT."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise KeyDerivationError(
        f"{name} must be bytes, got {type(value).__name__}", "INVALID_ARGUMENT", {"argument": name}
    )


def integer_argument(value: object, name: str, low: int, high: int) -> int:
    """An integer from ``low`` to ``high`` (not a bool), else INVALID_ARGUMENT naming the range."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        shown = value if type(value) is int else type(value).__name__
        raise KeyDerivationError(
            f"{name} must be an integer from {low} to {high} (got {shown})",
            "INVALID_ARGUMENT",
            {"argument": name, "minimum": low, "maximum": high},
        )
    return value
