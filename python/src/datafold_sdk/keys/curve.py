"""Decoding of Ed25519 point encodings (RFC 8032 §5.1.3), for public-key validation only.

Signing and verification use OpenSSL through ``cryptography``; this module only answers whether
32 bytes decode to a point, which OpenSSL does not expose.

Example:
    >>> point_decodes(bytes.fromhex("02" + "00" * 31))   # y = 2 is not on the curve
    False
"""

from __future__ import annotations

P = 2**255 - 19
_D = (-121665 * pow(121666, P - 2, P)) % P
_SQRT_M1 = pow(2, (P - 1) // 4, P)


def point_decodes(encoding: bytes) -> bool:
    """True when the 32 bytes are a canonical encoding of a curve point (RFC 8032 §5.1.3).

    Steps 1-4: y < p, x² = (y² - 1) / (d y² + 1) has a root, and not (x = 0 with the sign bit set).
    """
    if len(encoding) != 32:
        return False
    value = int.from_bytes(encoding, "little")
    sign = value >> 255
    y = value & ((1 << 255) - 1)
    if y >= P:
        return False
    u = (y * y - 1) % P
    v = (_D * y * y + 1) % P
    # x = u v^3 (u v^7)^((p-5)/8), RFC 8032 §5.1.3 step 2.
    x = (u * pow(v, 3, P) * pow(u * pow(v, 7, P), (P - 5) // 8, P)) % P
    vx2 = (v * x * x) % P
    if vx2 == u % P:
        pass
    elif vx2 == (-u) % P:
        x = (x * _SQRT_M1) % P
    else:
        return False
    return not (x == 0 and sign == 1)
