"""Deterministic Ed25519 key pairs from a master key and a context (spec/derivation-v1.md §5).

Example:
    >>> master = bytes(range(32))
    >>> pair, params = derive_ed25519_key_pair(master, "DATA_ENCRYPTION")
    >>> pair.public_key.hex()[:16]
    'a6844cb22d7822eb'
"""

from __future__ import annotations

from typing import Any, Dict, Tuple, Union

from datafold_sdk.derivation.contexts import context_info
from datafold_sdk.errors.exceptions import KeyDerivationError
from datafold_sdk.hazmat.arguments import byte_argument
from datafold_sdk.hazmat.kdf import hkdf
from datafold_sdk.keys.from_seed import key_pair_from_seed
from datafold_sdk.keys.types import Ed25519KeyPair


def derive_ed25519_key_pair(
    master_key: bytes, context: Union[str, bytes], derivation_method: str = "HKDF"
) -> Tuple[Ed25519KeyPair, Dict[str, Any]]:
    """seed = HKDF-SHA-256(master_key, salt = empty, info = context, L = 32); the pair of the seed.

    The same master key and context give the same pair in every DataFold implementation.
    Only ``HKDF`` is a derivation method (UNSUPPORTED_ALGORITHM otherwise); the master key must
    be at least 16 bytes and the context non-empty (INVALID_ARGUMENT).
    """
    if derivation_method not in ("HKDF", "hkdf"):
        raise KeyDerivationError(
            f"derivation_method must be HKDF (got {derivation_method!r})", "UNSUPPORTED_ALGORITHM"
        )
    ikm = byte_argument(master_key, "master_key")
    if len(ikm) < 16:
        raise KeyDerivationError(
            f"master_key must be at least 16 bytes, got {len(ikm)}", "INVALID_ARGUMENT"
        )
    info = context_info(context)
    if not info:
        raise KeyDerivationError("context must not be empty", "INVALID_ARGUMENT")
    seed = hkdf(ikm, b"", info, 32, "SHA-256")
    return key_pair_from_seed(seed), {
        "algorithm": "HKDF",
        "hash": "SHA-256",
        "salt": b"",
        "info": info,
        "length": 32,
    }
