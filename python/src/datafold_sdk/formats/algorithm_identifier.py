"""The AlgorithmIdentifier of Ed25519 keys (RFC 5280 §4.1.1.2, RFC 8410 §3) and names of others.

Example:
    >>> key_algorithm_name("1.2.840.10045.2.1", "1.2.840.10045.3.1.7")
    'EC (P-256)'
"""

from __future__ import annotations

from typing import Optional

from datafold_sdk.errors.exceptions import Ed25519KeyError
from datafold_sdk.formats.der_reader import TAG_OID, DerReader

ED25519_OID = "1.3.101.112"
"""id-Ed25519 (RFC 8410 §3)."""

_KEY_ALGORITHMS = {
    "1.2.840.113549.1.1.1": "RSA",
    "1.2.840.113549.1.1.10": "RSA-PSS",
    "1.2.840.10045.2.1": "EC",
    "1.2.840.10040.4.1": "DSA",
    "1.2.840.113549.1.3.1": "DH",
    "1.2.840.10046.2.1": "X9.42 DH",
    "1.3.101.110": "X25519",
    "1.3.101.111": "X448",
    "1.3.101.112": "Ed25519",
    "1.3.101.113": "Ed448",
    "1.2.156.10197.1.301": "SM2",
}

_CURVES = {
    "1.2.840.10045.3.1.7": "P-256",
    "1.3.132.0.34": "P-384",
    "1.3.132.0.35": "P-521",
    "1.3.132.0.10": "secp256k1",
}


def key_algorithm_name(oid: str, curve_oid: Optional[str] = None) -> str:
    """A readable name for a key algorithm OID (and an EC curve), as the JS SDK gives it."""
    name = _KEY_ALGORITHMS.get(oid)
    if name is None:
        return f"algorithm OID {oid}"
    if name == "EC" and curve_oid is not None:
        return f"EC ({_CURVES.get(curve_oid, f'curve OID {curve_oid}')})"
    return name


def read_ed25519_algorithm_identifier(parent: DerReader, what: str) -> None:
    """Reads an AlgorithmIdentifier and insists on id-Ed25519 with absent parameters.

    Another algorithm is UNSUPPORTED_KEY_TYPE naming it; Ed25519 with parameters is
    INVALID_KEY_FORMAT.
    """
    algorithm = parent.sequence("AlgorithmIdentifier")
    oid = algorithm.oid("algorithm")
    if oid != ED25519_OID:
        curve = algorithm.oid("curve") if algorithm.peek_tag() == TAG_OID else None
        found = key_algorithm_name(oid, curve)
        raise Ed25519KeyError(
            f"{what} holds a {found} key; only Ed25519 (OID {ED25519_OID}) is supported",
            "UNSUPPORTED_KEY_TYPE",
            {"found": found},
        )
    if not algorithm.done:
        raise Ed25519KeyError(
            f"{what}: Ed25519 AlgorithmIdentifier must have no parameters (RFC 8410 §3)",
            "INVALID_KEY_FORMAT",
        )
