"""``format_key``: a key written as hex, base64, bytes, PEM or JWK.

Example:
    >>> from datafold_sdk.keys.from_seed import key_pair_from_seed
    >>> pair = key_pair_from_seed(bytes(32))
    >>> format_key(pair.public_key, "hex")[:8]
    '3b6a27bc'
    >>> format_key(pair, "pem").splitlines()[0]
    '-----BEGIN PRIVATE KEY-----'
"""

from __future__ import annotations

import json
from typing import Optional, Union

from datafold_sdk.encoding.strict import bytes_to_base64, bytes_to_hex
from datafold_sdk.errors.exceptions import Ed25519KeyError
from datafold_sdk.formats.jwk import to_jwk
from datafold_sdk.formats.key_format import check_key_type, normalize_key_format
from datafold_sdk.formats.pem import armor_pem
from datafold_sdk.formats.pkcs8_spki import encode_pkcs8, encode_spki
from datafold_sdk.keys.from_seed import get_public_key
from datafold_sdk.keys.types import Ed25519KeyPair


def _key32(value: object, name: str) -> bytes:
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise Ed25519KeyError(
            f"{name} must be 32 bytes or an Ed25519KeyPair, got {type(value).__name__}",
            "INVALID_ARGUMENT",
            {"argument": "key"},
        )
    data = bytes(value)
    if len(data) != 32:
        raise Ed25519KeyError(
            f"{name} must be 32 bytes, got {len(data)}", "INVALID_KEY_FORMAT", {"length": len(data)}
        )
    return data


def format_key(
    key: Union[bytes, Ed25519KeyPair], format_type: str, *, key_type: Optional[str] = None
) -> Union[str, bytes]:
    """Writes a key.

    - ``hex`` (lowercase), ``base64`` (standard, padded), ``bytes``: the 32 bytes as they are;
    - ``pem``: PKCS#8 v1 "PRIVATE KEY" or SPKI "PUBLIC KEY" (RFC 8410), as ``openssl pkey`` writes;
    - ``jwk``: RFC 8037 JSON text, with ``d`` when private.

    For ``pem`` and ``jwk`` pass a key pair (written as the private key unless
    ``key_type="public"``) or 32 bytes with ``key_type``: raw bytes cannot say which half they
    are. Errors: UNSUPPORTED_FORMAT, INVALID_KEY_FORMAT (not 32 bytes), INVALID_ARGUMENT (missing
    key_type, wrong type, or a pair whose halves do not match).
    """
    fmt = normalize_key_format(format_type)
    kind = check_key_type(key_type)
    if fmt in ("hex", "base64", "bytes"):
        if isinstance(key, Ed25519KeyPair):
            raise Ed25519KeyError(
                f"format '{fmt}' writes one key: pass key_pair.private_key or key_pair.public_key",
                "INVALID_ARGUMENT",
                {"argument": "key"},
            )
        data = _key32(key, "key")
        if fmt == "hex":
            return bytes_to_hex(data)
        return bytes_to_base64(data) if fmt == "base64" else data
    seed: Optional[bytes]
    if isinstance(key, Ed25519KeyPair):
        if kind == "public":
            seed, public_key = None, key.public_key
        else:
            seed, public_key = key.private_key, get_public_key(key.private_key)
            if public_key != key.public_key:
                raise Ed25519KeyError(
                    "key_pair.public_key does not belong to key_pair.private_key",
                    "INVALID_ARGUMENT",
                    {"argument": "key"},
                )
    else:
        data = _key32(key, "key")
        if kind is None:
            # Bytes do not say which half they are, and guessing could write a seed as a
            # "public" key: the caller says, and the message shows the call for each half.
            raise Ed25519KeyError(
                f"32 raw bytes are ambiguous for '{fmt}': call "
                f"format_key(key_pair.private_key, '{fmt}', key_type='private') for a private "
                f"key, or format_key(key_pair.public_key, '{fmt}', key_type='public') for a "
                f"public one (format_key(key_pair, '{fmt}') writes the private key of a pair)",
                "INVALID_ARGUMENT",
                {"argument": "key_type"},
            )
        seed, public_key = (data, get_public_key(data)) if kind == "private" else (None, data)
    if fmt == "pem":
        if seed is None:
            return armor_pem("PUBLIC KEY", encode_spki(public_key))
        return armor_pem("PRIVATE KEY", encode_pkcs8(seed))
    return json.dumps(to_jwk(public_key, seed), separators=(",", ":"))
