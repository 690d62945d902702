"""Derived rotations (spec/key-rotation-v1.md §4): ``derive`` from the previous seed,
``rederive`` from a master key, both HKDF-SHA-256 with an empty salt and a four-line info.

Example:
    >>> pair = derive_rotation_key_pair("rederive", "svc", 2, bytes(range(32)))
    >>> len(pair.public_key)
    32
"""

from __future__ import annotations

from datafold_sdk.errors.exceptions import ValidationError
from datafold_sdk.hazmat.arguments import byte_argument
from datafold_sdk.hazmat.kdf import hkdf
from datafold_sdk.keys.from_seed import key_pair_from_seed
from datafold_sdk.keys.types import Ed25519KeyPair
from datafold_sdk.utils.key_id import assert_valid_key_id


def rotation_info(method: str, key_id: str, version: int) -> bytes:
    """I(method): the four LF-terminated lines of §4."""
    return (
        f"datafold-key-rotation-v1\nmethod={method}\nkey_id={key_id}\nversion={version}\n"
    ).encode()


def derive_rotation_key_pair(
    method: str, key_id: str, version: int, secret: bytes
) -> Ed25519KeyPair:
    """The key pair of version ``version``: ``secret`` is the previous seed (``derive``) or the
    master key of at least 32 bytes (``rederive``)."""
    if method not in ("derive", "rederive"):
        raise ValidationError("method must be 'derive' or 'rederive'", "UNSUPPORTED_ALGORITHM")
    # Not a storage check: the id is a line of the HKDF info, which stays unambiguous because a
    # key id has no line feed (§4). A derivation is not storage and gets no KeyId from it.
    assert_valid_key_id(key_id)
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= 999_999_999:
        raise ValidationError("version must be an integer from 1 to 999999999", "INVALID_ARGUMENT")
    ikm = byte_argument(secret, "master_key" if method == "rederive" else "seed")
    if len(ikm) < 32:
        raise ValidationError(f"the {method} secret must be at least 32 bytes", "INVALID_ARGUMENT")
    return key_pair_from_seed(hkdf(ikm, b"", rotation_info(method, key_id, version), 32, "SHA-256"))
