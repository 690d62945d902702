"""Argument rules of the derive_key_* functions (spec/derivation-v1.md §3-§4): output lengths,
salts and passwords. Whether a value is bytes at all is the raw layer's check
(``hazmat.arguments.byte_argument``).

Example:
    >>> password_bytes("pässword")
    b'p\\xc3\\xa4ssword'
"""

from __future__ import annotations

import secrets
from typing import Optional

from datafold_sdk.errors.exceptions import KeyDerivationError
from datafold_sdk.hazmat.arguments import byte_argument

MIN_LENGTH = 16
MAX_LENGTH = 1024
MIN_PASSWORD_SALT_LENGTH = 16
DEFAULT_SALT_LENGTH = 32


def output_length(value: object) -> int:
    """An output length of 16 to 1024 bytes."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise KeyDerivationError("length must be an integer", "INVALID_ARGUMENT")
    if not MIN_LENGTH <= value <= MAX_LENGTH:
        raise KeyDerivationError(
            f"length must be {MIN_LENGTH} to {MAX_LENGTH} bytes, got {value}", "INVALID_ARGUMENT"
        )
    return value


def salt_or_random(salt: Optional[bytes], minimum: int) -> bytes:
    """The salt as given (at least ``minimum`` bytes, else KDF_PARAMS_UNSAFE) or 32 random bytes."""
    if salt is None:
        return secrets.token_bytes(DEFAULT_SALT_LENGTH)
    data = byte_argument(salt, "salt")
    if len(data) < minimum:
        raise KeyDerivationError(
            f"salt must be at least {minimum} bytes (NIST SP 800-132 §5.1), got {len(data)}",
            "KDF_PARAMS_UNSAFE",
            {"parameter": "salt", "bound": "minimum", "limit": minimum, "actual": len(data)},
        )
    return data


def password_bytes(password: object) -> bytes:
    """A non-empty password: text as its UTF-8 exactly as given (no normalisation), or bytes."""
    if isinstance(password, str):
        try:
            data = password.encode("utf-8")
        except UnicodeEncodeError:
            raise KeyDerivationError(
                "password has a lone surrogate and no UTF-8 form", "INVALID_ARGUMENT"
            ) from None
    elif isinstance(password, (bytes, bytearray, memoryview)):
        data = bytes(password)
    else:
        raise KeyDerivationError(
            f"password must be str or bytes, got {type(password).__name__}", "INVALID_ARGUMENT"
        )
    if not data:
        raise KeyDerivationError("password must not be empty", "INVALID_ARGUMENT")
    return data
