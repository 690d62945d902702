"""Strict hex and base64 codecs: one spelling per byte string, as every DataFold format requires.

Base64 is standard and padded (RFC 4648 §4) for backups, key files and the ``base64`` key format;
base64url without padding (RFC 4648 §5) for JWK (RFC 7517). Decoders refuse whitespace, the other
alphabet, missing or extra padding and non-zero trailing bits, raising the caller's error code.

Example:
    >>> base64_to_bytes("AAE=", "INVALID_KEY_FORMAT", "key")
    b'\\x00\\x01'
    >>> bytes_to_hex(b"\\xab")
    'ab'
"""

from __future__ import annotations

import base64
import binascii
import re

from datafold_sdk.errors.exceptions import ValidationError

_HEX = re.compile(r"[0-9a-fA-F]*")
_STANDARD = re.compile(r"[A-Za-z0-9+/]*={0,2}")
_URL_SAFE = re.compile(r"[A-Za-z0-9_-]*")


def bytes_to_hex(data: bytes) -> str:
    """Lowercase hex, as the wire protocol writes keys and signatures."""
    return data.hex()


def hex_to_bytes(text: object, code: str, what: str) -> bytes:
    """Decodes hex of either case; no prefix, no whitespace, even length.

    Example:
        >>> hex_to_bytes("0A0b", "INVALID_KEY_FORMAT", "key")
        b'\\n\\x0b'
    """
    if not isinstance(text, str):
        raise ValidationError(f"{what} must be a hex string", code)
    if len(text) % 2 != 0:
        raise ValidationError(f"{what} is not hex: odd length {len(text)}", code)
    if _HEX.fullmatch(text) is None:
        raise ValidationError(f"{what} is not hex: only 0-9 a-f A-F are allowed", code)
    return bytes.fromhex(text)


def bytes_to_base64(data: bytes) -> str:
    """Standard padded base64 (RFC 4648 §4)."""
    return base64.b64encode(data).decode("ascii")


def base64_to_bytes(text: object, code: str, what: str) -> bytes:
    """Decodes standard padded base64 and nothing else (RFC 4648 §4, canonical form only).

    Example:
        >>> try:
        ...     base64_to_bytes("AA", "INVALID_BACKUP_JSON", "salt")
        ... except ValidationError as error:
        ...     error.error_code
        'INVALID_BACKUP_JSON'
    """
    if not isinstance(text, str):
        raise ValidationError(f"{what} must be a base64 string", code)
    problem = f"{what} is not standard padded base64 (RFC 4648 §4)"
    if len(text) % 4 != 0 or _STANDARD.fullmatch(text) is None:
        raise ValidationError(problem, code)
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError(problem, code) from None
    # Re-encoding catches non-zero trailing bits: the canonical spelling is unique.
    if bytes_to_base64(data) != text:
        raise ValidationError(f"{what} is not canonical base64: non-zero trailing bits", code)
    return data


def bytes_to_base64url(data: bytes) -> str:
    """Unpadded base64url (RFC 4648 §5), as JWK members are written (RFC 7515 §2)."""
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def base64url_to_bytes(text: object, code: str, what: str) -> bytes:
    """Decodes unpadded base64url (RFC 4648 §5), canonical form only.

    Example:
        >>> base64url_to_bytes("AAE", "INVALID_KEY_FORMAT", "x")
        b'\\x00\\x01'
    """
    if not isinstance(text, str):
        raise ValidationError(f"{what} must be a base64url string", code)
    problem = f"{what} is not unpadded base64url (RFC 4648 §5)"
    if len(text) % 4 == 1 or _URL_SAFE.fullmatch(text) is None:
        raise ValidationError(problem, code)
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise ValidationError(problem, code) from None
    if bytes_to_base64url(data) != text:
        raise ValidationError(f"{what} is not canonical base64url: non-zero trailing bits", code)
    return data
