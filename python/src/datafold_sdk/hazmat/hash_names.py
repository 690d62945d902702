"""Hash names for HKDF and PBKDF2 (spec/derivation-v1.md §3): read loosely, written canonically.

Example:
    >>> normalize_hash_name("sha256", "hash_algorithm")
    'SHA-256'
"""

from __future__ import annotations

from typing import Callable, Dict

from cryptography.hazmat.primitives import hashes

from datafold_sdk.errors.exceptions import KeyDerivationError

HASH_OUTPUT_LENGTHS: Dict[str, int] = {"SHA-256": 32, "SHA-384": 48, "SHA-512": 64}

_HASHES: Dict[str, Callable[[], hashes.HashAlgorithm]] = {
    "SHA-256": hashes.SHA256,
    "SHA-384": hashes.SHA384,
    "SHA-512": hashes.SHA512,
}


def normalize_hash_name(name: object, what: str) -> str:
    """'SHA-256', 'SHA-384' or 'SHA-512' for any accepted spelling, else UNSUPPORTED_ALGORITHM."""
    if isinstance(name, str):
        compact = name.upper().replace("-", "")
        for canonical in HASH_OUTPUT_LENGTHS:
            if compact == canonical.replace("-", ""):
                return canonical
    raise KeyDerivationError(
        f"{what} must be SHA-256, SHA-384 or SHA-512 (got {name!r})"
        if isinstance(name, str)
        else f"{what} must be SHA-256, SHA-384 or SHA-512",
        "UNSUPPORTED_ALGORITHM",
        {"parameter": what},
    )


def hash_algorithm(canonical: str) -> hashes.HashAlgorithm:
    """The ``cryptography`` hash object of a canonical name (``normalize_hash_name`` first)."""
    return _HASHES[canonical]()
