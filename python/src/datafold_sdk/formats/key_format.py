"""The key formats ``format_key`` writes and ``parse_key`` reads.

Example:
    >>> normalize_key_format("uint8array")
    'bytes'
"""

from __future__ import annotations

from typing import Optional, Tuple

from datafold_sdk.errors.exceptions import Ed25519KeyError

KEY_FORMATS: Tuple[str, ...] = ("hex", "base64", "bytes", "pem", "jwk")
"""Every format; ``uint8array`` (the JS SDK's name for raw bytes) is read as ``bytes``."""


def normalize_key_format(format_type: object) -> str:
    """The format name, or UNSUPPORTED_FORMAT listing the choices."""
    if format_type == "uint8array":
        return "bytes"
    if not isinstance(format_type, str) or format_type not in KEY_FORMATS:
        got = f', got "{format_type}"' if isinstance(format_type, str) else ""
        raise Ed25519KeyError(
            f"format_type must be one of {', '.join(KEY_FORMATS)}{got}",
            "UNSUPPORTED_FORMAT",
            {"argument": "format_type"},
        )
    return format_type


def check_key_type(key_type: object) -> Optional[str]:
    """``key_type`` if it is None, 'private' or 'public', else INVALID_ARGUMENT."""
    if key_type is not None and key_type not in ("private", "public"):
        raise Ed25519KeyError(
            'key_type must be "private" or "public"', "INVALID_ARGUMENT", {"argument": "key_type"}
        )
    return key_type
