"""``parse_key``: the 32 bytes of a key written in any format of ``format_key``.

Example:
    >>> parse_key("00" * 32, "hex") == bytes(32)
    True
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Union

from datafold_sdk.encoding.strict import base64_to_bytes, hex_to_bytes
from datafold_sdk.errors.exceptions import Ed25519KeyError
from datafold_sdk.formats.jwk import from_jwk
from datafold_sdk.formats.key_format import check_key_type, normalize_key_format
from datafold_sdk.formats.pem import unarmor_pem
from datafold_sdk.formats.pkcs8_spki import decode_pkcs8, decode_spki


def _invalid(problem: str) -> Ed25519KeyError:
    return Ed25519KeyError(problem, "INVALID_KEY_FORMAT")


def _exactly32(data: bytes, fmt: str) -> bytes:
    if len(data) != 32:
        raise _invalid(f"a {fmt} Ed25519 key must decode to 32 bytes, got {len(data)}")
    return data


# Spaces, tabs and line ends: what text tools put around a key (a file's final newline).
_SURROUNDING_WHITESPACE = " \t\r\n"


def _text(data: object, fmt: str) -> str:
    if not isinstance(data, str):
        raise _invalid(f"{fmt} key data must be a string")
    # Only around the key: whitespace inside it is still refused.
    return data.strip(_SURROUNDING_WHITESPACE)


def parse_key(
    key_data: Union[str, bytes, Dict[str, Any]],
    format_type: str,
    *,
    key_type: Optional[str] = None,
) -> bytes:
    """Reads a key: the seed of a private PEM/JWK, the public key of a public one, the bytes as
    given for ``hex`` (either case), ``base64`` (standard, padded) and ``bytes``. Spaces, tabs and
    line ends around the text of a text format are ignored (a key file ends in a newline).

    ``key_type`` makes ``pem`` and ``jwk`` refuse a key of the other kind. Errors:
    UNSUPPORTED_FORMAT, UNSUPPORTED_KEY_TYPE (a PEM or JWK of another algorithm, named in the
    message), INVALID_KEY_FORMAT (anything malformed or not 32 bytes).
    """
    fmt = normalize_key_format(format_type)
    kind = check_key_type(key_type)
    found: Optional[str] = None
    if fmt == "hex":
        key = _exactly32(hex_to_bytes(_text(key_data, "hex"), "INVALID_KEY_FORMAT", "hex key"), fmt)
    elif fmt == "base64":
        text = _text(key_data, "base64")
        key = _exactly32(base64_to_bytes(text, "INVALID_KEY_FORMAT", "base64 key"), fmt)
    elif fmt == "bytes":
        if not isinstance(key_data, (bytes, bytearray, memoryview)):
            raise _invalid("bytes key data must be bytes")
        key = _exactly32(bytes(key_data), fmt)
    elif fmt == "pem":
        label, der = unarmor_pem(key_data)
        if label == "PRIVATE KEY":
            key, found = decode_pkcs8(der)[0], "private"
        else:
            key, found = decode_spki(der), "public"
    else:
        if isinstance(key_data, (bytes, bytearray, memoryview)):
            raise _invalid("jwk key data must be a JWK dict or its JSON text")
        public_key, seed = from_jwk(key_data)
        key, found = (public_key, "public") if seed is None else (seed, "private")
    if kind is not None and found is not None and kind != found:
        raise _invalid(f"expected a {kind} key but the {fmt} holds a {found} key")
    return key
