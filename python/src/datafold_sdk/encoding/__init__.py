"""Strict encodings shared by every format of the SDK.

Example:
    >>> from datafold_sdk.encoding import bytes_to_base64
    >>> bytes_to_base64(b"hi")
    'aGk='
"""

from datafold_sdk.encoding.strict import (
    base64_to_bytes,
    base64url_to_bytes,
    bytes_to_base64,
    bytes_to_base64url,
    bytes_to_hex,
    hex_to_bytes,
)

__all__ = [
    "base64_to_bytes",
    "base64url_to_bytes",
    "bytes_to_base64",
    "bytes_to_base64url",
    "bytes_to_hex",
    "hex_to_bytes",
]
