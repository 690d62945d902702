"""The key fingerprint of spec/key-fingerprint-v1.md: OpenSSH's SHA-256 fingerprint of the key.

Example:
    >>> key_fingerprint("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
    'SHA256:bbXpuKG6zhzdmnxq256TlqzFBzRl2f6OOg722cYNbU8'
"""

from __future__ import annotations

import base64
import hashlib
import re
import struct

from datafold_sdk.errors.exceptions import Ed25519KeyError
from datafold_sdk.keys.key_bytes import as_bytes
from datafold_sdk.keys.types import PUBLIC_KEY_LENGTH

KEY_FINGERPRINT_PREFIX = "SHA256:"
"""What every key fingerprint starts with (spec/key-fingerprint-v1.md §2)."""

_KEY_TYPE = b"ssh-ed25519"
# RFC 4251 §5 `string`s: a uint32 big-endian length, then the bytes (RFC 8709 §4 key blob).
_BLOB_PREFIX = struct.pack(">I", len(_KEY_TYPE)) + _KEY_TYPE + struct.pack(">I", PUBLIC_KEY_LENGTH)
_HEX_KEY = re.compile(r"[0-9A-Fa-f]{64}")


def _public_key_bytes(public_key: object) -> bytes:
    if isinstance(public_key, str):
        # As parse_key reads hex: spaces, tabs and line ends around it ignored, nothing inside.
        text = public_key.strip(" \t\r\n")
        if not _HEX_KEY.fullmatch(text):
            raise Ed25519KeyError(
                "public_key text must be 64 hex characters; parse other formats with parse_key",
                "INVALID_KEY_FORMAT",
            )
        return bytes.fromhex(text)
    return as_bytes(public_key, PUBLIC_KEY_LENGTH, "public_key", "INVALID_PUBLIC_KEY")


def key_fingerprint(public_key: bytes | bytearray | memoryview | str) -> str:
    """``SHA256:`` and unpadded base64 of SHA-256 over the key's SSH encoding, what
    ``ssh-keygen -l`` prints for the same key: one text for one key in every DataFold tool. It
    names the key, not the client; a rotated client has a new fingerprint.

    ``public_key`` is the 32 raw bytes or their hex (either case). Only the length is checked;
    ``assert_valid_public_key`` says whether the bytes are a usable key. Raises
    INVALID_PUBLIC_KEY for bytes that are not 32 long, INVALID_KEY_FORMAT for other text.

    Example:
        >>> key_fingerprint(bytes.fromhex(
        ...     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"))
        'SHA256:F34nin7tcaYH6WR5LSWSfj6weFBPfBpuyUUoPFP9YjA'
    """
    digest = hashlib.sha256(_BLOB_PREFIX + _public_key_bytes(public_key)).digest()
    return KEY_FINGERPRINT_PREFIX + base64.b64encode(digest).decode("ascii").rstrip("=")
