"""Keys from passwords: ``derive_key_pbkdf2``, ``derive_key_scrypt``, ``derive_key_argon2id``.

Parameters are checked against the floors and ceilings of spec/derivation-v1.md §4 before any
work; defaults are those of §3 (PBKDF2 600000 iterations, scrypt N=2^17 r=8 p=1, Argon2id 64 MiB
t=3 p=1). Each returns the key and every parameter needed to derive it again.

Example:
    >>> key, params = derive_key_scrypt("correct horse", salt=bytes(16), n=32768)
    >>> (len(key), params["algorithm"], params["n"], params["r"], params["p"])
    (32, 'scrypt', 32768, 8, 1)
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Tuple

from datafold_sdk.derivation.arguments import (
    MIN_PASSWORD_SALT_LENGTH,
    output_length,
    password_bytes,
    salt_or_random,
)
from datafold_sdk.derivation.kdf_bounds import assert_kdf_params_safe
from datafold_sdk.hazmat.kdf import argon2id, pbkdf2, scrypt

DEFAULT_PBKDF2_ITERATIONS = 600_000
DEFAULT_SCRYPT_N = 2**17
DEFAULT_ARGON2ID = {"memory": 65536, "iterations": 3, "parallelism": 1}


def derive_key_pbkdf2(
    password: str,
    salt: Optional[bytes] = None,
    iterations: int = DEFAULT_PBKDF2_ITERATIONS,
    length: int = 32,
    hash_algorithm: str = "SHA256",
) -> Tuple[bytes, Dict[str, Any]]:
    """PBKDF2-HMAC (RFC 8018 §5.2); at least 100000 iterations (KDF_PARAMS_UNSAFE below)."""
    secret = password_bytes(password)
    size = output_length(length)
    checked = assert_kdf_params_safe(
        "pbkdf2", {"iterations": iterations, "hash": hash_algorithm, "length": size}, "create"
    )
    salt_bytes = salt_or_random(salt, MIN_PASSWORD_SALT_LENGTH)
    key = pbkdf2(secret, salt_bytes, checked["iterations"], size, checked["hash"])
    return key, {
        "algorithm": "PBKDF2",
        "hash": checked["hash"],
        "salt": salt_bytes,
        "iterations": checked["iterations"],
        "length": size,
    }


def derive_key_scrypt(
    password: str,
    salt: Optional[bytes] = None,
    n: int = DEFAULT_SCRYPT_N,
    r: int = 8,
    p: int = 1,
    length: int = 32,
) -> Tuple[bytes, Dict[str, Any]]:
    """scrypt (RFC 7914); N a power of two of at least 2^15, r at least 8, within 1 GiB."""
    secret = password_bytes(password)
    size = output_length(length)
    checked = assert_kdf_params_safe("scrypt", {"n": n, "r": r, "p": p}, "create")
    salt_bytes = salt_or_random(salt, MIN_PASSWORD_SALT_LENGTH)
    key = scrypt(secret, salt_bytes, checked["n"], checked["r"], checked["p"], size)
    return key, {"algorithm": "scrypt", "salt": salt_bytes, **checked, "length": size}


def derive_key_argon2id(
    password: str,
    salt: Optional[bytes] = None,
    memory: int = 65536,
    iterations: int = 3,
    parallelism: int = 1,
    length: int = 32,
) -> Tuple[bytes, Dict[str, Any]]:
    """Argon2id v0x13 (RFC 9106); memory in KiB, at least 19456 KiB and t = 2 (OWASP)."""
    secret = password_bytes(password)
    size = output_length(length)
    checked = assert_kdf_params_safe(
        "argon2id",
        {"memory": memory, "iterations": iterations, "parallelism": parallelism},
        "create",
    )
    salt_bytes = salt_or_random(salt, MIN_PASSWORD_SALT_LENGTH)
    key = argon2id(
        secret,
        salt_bytes,
        checked["memory"],
        checked["iterations"],
        checked["parallelism"],
        size,
    )
    return key, {"algorithm": "argon2id", "salt": salt_bytes, **checked, "length": size}
