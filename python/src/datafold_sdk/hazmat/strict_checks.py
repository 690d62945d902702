"""Byte-level checks of the strict verification policy (spec/ed25519-verification.md, rules 1-4).

OpenSSL (under ``cryptography``) checks the cofactorless equation but tolerates non-canonical and
small-order A and small-order R; ``verify`` runs these checks first, so Python accepts and rejects
exactly what libsodium, the server and the JS SDK do. Each takes a 32-byte encoding (the caller
checks the length, as ``verify`` does) and only compares bytes.

Example:
    >>> has_small_order_encoding(bytes(32))
    True
    >>> is_canonical_scalar(L.to_bytes(32, "little"))
    False
"""

from __future__ import annotations

from typing import FrozenSet

L = 2**252 + 27742317777372353535851937790883648493
"""The group order (RFC 8032 §5.1)."""

_P = 2**255 - 19
_Y_MASK = (1 << 255) - 1

# libsodium's ge25519_has_small_order list: y of the points of order 1, 2, 4 and 8, and the
# non-canonical encodings p and p + 1 of y = 0 and y = 1. Stored with the sign bit cleared.
_SMALL_ORDER_Y: FrozenSet[bytes] = frozenset(
    bytes.fromhex(h)
    for h in (
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    )
)


def is_canonical_scalar(encoding: bytes) -> bool:
    """Rule 1: the little-endian integer S is below L (RFC 8032 §5.1.7 step 1)."""
    return int.from_bytes(encoding, "little") < L


def is_canonical_point_encoding(encoding: bytes) -> bool:
    """Rule 2: bits 0-254 encode y < p (RFC 8032 §5.1.3 step 1); the sign bit is ignored."""
    return (int.from_bytes(encoding, "little") & _Y_MASK) < _P


def has_small_order_encoding(encoding: bytes) -> bool:
    """Rules 3 and 4: the encoding is on libsodium's blacklist (sign bit masked)."""
    return encoding[:31] + bytes((encoding[31] & 0x7F,)) in _SMALL_ORDER_Y


def signature_passes_prechecks(signature: bytes) -> bool:
    """S < L and R not of small order. A non-canonical R never equals the canonical encoding the
    equation computes, so it needs no check of its own."""
    return is_canonical_scalar(signature[32:]) and not has_small_order_encoding(signature[:32])


def public_key_passes_prechecks(public_key: bytes) -> bool:
    """Canonical y and not blacklisted. A key that passes may still not decode (rule 5)."""
    return is_canonical_point_encoding(public_key) and not has_small_order_encoding(public_key)
