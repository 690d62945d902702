"""DER of Ed25519 private keys (PKCS#8, RFC 5958 / RFC 8410 §7) and public keys (SPKI, §4).

Writers produce exactly what ``openssl pkey`` writes; readers accept PKCS#8 v1 and v2 (with the
optional [1] publicKey, which must match the seed) and refuse everything else.

Example:
    >>> decode_spki(encode_spki(bytes(32))) == bytes(32)
    True
"""

from __future__ import annotations

from typing import Tuple

from datafold_sdk.errors.exceptions import Ed25519KeyError
from datafold_sdk.formats.algorithm_identifier import read_ed25519_algorithm_identifier
from datafold_sdk.formats.der_reader import (
    TAG_BIT_STRING,
    TAG_CONTEXT_0_CONSTRUCTED,
    TAG_CONTEXT_1_PRIMITIVE,
    TAG_OCTET_STRING,
    DerReader,
)
from datafold_sdk.keys.from_seed import get_public_key

# RFC 8410 §7 and §4: the fixed bytes before the seed and before the public key.
_PKCS8_V1_PREFIX = bytes.fromhex("302e020100300506032b657004220420")
_SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")


def encode_pkcs8(seed: bytes) -> bytes:
    """The 48-byte PKCS#8 v1 PrivateKeyInfo of a seed."""
    return _PKCS8_V1_PREFIX + seed


def encode_spki(public_key: bytes) -> bytes:
    """The 44-byte SubjectPublicKeyInfo of a public key."""
    return _SPKI_PREFIX + public_key


def _invalid(problem: str) -> Ed25519KeyError:
    return Ed25519KeyError(f"PKCS#8 private key: {problem}", "INVALID_KEY_FORMAT")


def decode_pkcs8(der: bytes) -> Tuple[bytes, bytes]:
    """The seed and its public key from a PKCS#8 v1 or v2 Ed25519 key."""
    outer = DerReader(der, "PKCS#8 private key")
    info = outer.sequence("PrivateKeyInfo")
    outer.finish()
    version = info.small_integer("version")
    if version not in (0, 1):
        raise _invalid(f"version {version} is neither v1 (0) nor v2 (1)")
    read_ed25519_algorithm_identifier(info, "PKCS#8 private key")
    wrapped = info.expect(TAG_OCTET_STRING, "privateKey")
    inner = DerReader(wrapped.contents, "PKCS#8 private key")
    seed = inner.expect(TAG_OCTET_STRING, "CurvePrivateKey").contents
    inner.finish()
    if len(seed) != 32:
        raise _invalid(f"the Ed25519 seed must be 32 bytes, got {len(seed)}")
    if info.peek_tag() == TAG_CONTEXT_0_CONSTRUCTED:
        info.read()  # attributes: not used for Ed25519
    carried = None
    if info.peek_tag() == TAG_CONTEXT_1_PRIMITIVE:
        bits = info.read().contents
        if len(bits) != 33 or bits[0] != 0:
            raise _invalid("the publicKey field must be a 32-byte BIT STRING")
        carried = bits[1:]
    info.finish()
    public_key = get_public_key(seed)
    if carried is not None and carried != public_key:
        raise _invalid("the public key it carries does not belong to its private key")
    return seed, public_key


def decode_spki(der: bytes) -> bytes:
    """The 32-byte public key of an Ed25519 SubjectPublicKeyInfo."""
    outer = DerReader(der, "SPKI public key")
    info = outer.sequence("SubjectPublicKeyInfo")
    outer.finish()
    read_ed25519_algorithm_identifier(info, "SPKI public key")
    bits = info.expect(TAG_BIT_STRING, "subjectPublicKey").contents
    info.finish()
    if len(bits) != 33 or bits[0] != 0:
        raise Ed25519KeyError(
            "SPKI public key: the Ed25519 key must be a 32-byte BIT STRING", "INVALID_KEY_FORMAT"
        )
    return bits[1:]
