"""``derive_key_hkdf``: a key from key material (spec/derivation-v1.md §3, RFC 5869).

Example:
    >>> key, params = derive_key_hkdf(bytes(32), info=b"datafold_signing_v1")
    >>> (len(key), params["algorithm"], params["hash"], len(params["salt"]))
    (32, 'HKDF', 'SHA-256', 32)
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Tuple

from datafold_sdk.derivation.arguments import output_length, salt_or_random
from datafold_sdk.errors.exceptions import KeyDerivationError
from datafold_sdk.hazmat.arguments import byte_argument
from datafold_sdk.hazmat.hash_names import normalize_hash_name
from datafold_sdk.hazmat.kdf import hkdf

MIN_MASTER_KEY_LENGTH = 16


def derive_key_hkdf(
    master_key: bytes,
    salt: Optional[bytes] = None,
    info: Optional[bytes] = None,
    length: int = 32,
    hash_algorithm: str = "SHA256",
) -> Tuple[bytes, Dict[str, Any]]:
    """HKDF over ``master_key`` (at least 16 bytes: HKDF is for keys, not passwords).

    ``salt`` defaults to 32 random bytes (pass ``b""`` for the reproducible empty salt), ``info``
    to empty; ``hash_algorithm`` is SHA-256, SHA-384 or SHA-512 in any common spelling. Returns
    the key and every parameter needed to derive it again (``algorithm``, ``hash``, ``salt``,
    ``info``, ``length``).
    """
    ikm = byte_argument(master_key, "master_key")
    if len(ikm) < MIN_MASTER_KEY_LENGTH:
        raise KeyDerivationError(
            f"master_key must be at least {MIN_MASTER_KEY_LENGTH} bytes, got {len(ikm)}",
            "INVALID_ARGUMENT",
        )
    hash_name = normalize_hash_name(hash_algorithm, "hash_algorithm")
    # 16 to 1024 bytes (spec/derivation-v1.md §3), within RFC 5869's 255 × HashLen for every
    # hash offered, which the raw hkdf checks.
    size = output_length(length)
    salt_bytes = salt_or_random(salt, 0)
    info_bytes = b"" if info is None else byte_argument(info, "info")
    key = hkdf(ikm, salt_bytes, info_bytes, size, hash_name)
    return key, {
        "algorithm": "HKDF",
        "hash": hash_name,
        "salt": salt_bytes,
        "info": info_bytes,
        "length": size,
    }
