"""Floors and ceilings of password-KDF parameters (spec/derivation-v1.md §4).

``create`` applies floors and ceilings (parameters we choose); ``read`` applies ceilings only
(parameters handed to us by a file), checked before any derivation work. The numbers are the JS
SDK's ``derivation/kdf-bounds.ts``.

Example:
    >>> assert_kdf_params_safe("scrypt", {"n": 16, "r": 1, "p": 1}, "read")
    {'n': 16, 'r': 1, 'p': 1}
    >>> try:
    ...     assert_kdf_params_safe("scrypt", {"n": 16, "r": 1, "p": 1}, "create")
    ... except KeyDerivationError as error:
    ...     (error.error_code, error.details["limit"])
    ('KDF_PARAMS_UNSAFE', 32768)
"""

from __future__ import annotations

import math
from typing import Any, Dict, Mapping

from datafold_sdk.errors.exceptions import KeyDerivationError
from datafold_sdk.hazmat.hash_names import HASH_OUTPUT_LENGTHS, normalize_hash_name

ARGON2ID_MIN_MEMORY_KIB = 19456
ARGON2ID_MIN_ITERATIONS = 2
ARGON2ID_MIN_PARALLELISM = 1
SCRYPT_MIN_N = 2**15
SCRYPT_MIN_R = 8
SCRYPT_MIN_P = 1
PBKDF2_MIN_ITERATIONS = 100_000

KDF_MAX_MEMORY_BYTES = 2**30
ARGON2ID_MAX_MEMORY_KIB = KDF_MAX_MEMORY_BYTES // 1024
ARGON2ID_MAX_PARALLELISM = 64
ARGON2ID_MAX_WORK_KIB = 2**20
SCRYPT_MAX_WORK = 2**22
PBKDF2_MAX_WORK = 5_000_000


class _Checker:
    def __init__(self, kdf: str, purpose: str) -> None:
        self.kdf = kdf
        self.purpose = purpose

    def integer(self, params: Mapping[str, Any], name: str) -> int:
        value = params.get(name)
        if isinstance(value, bool) or not isinstance(value, int):
            got = "nothing" if value is None else type(value).__name__
            raise KeyDerivationError(
                f"{self.kdf} parameter {name} must be an integer (got {got})",
                "INVALID_ARGUMENT",
                {"kdf": self.kdf, "parameter": name},
            )
        return value

    def at_least(self, name: str, value: int, minimum: int, source: str) -> None:
        if value < minimum:
            self.fail(name, value, "minimum", minimum, f"({source})")

    def floor(self, name: str, value: int, minimum: int, unit: str) -> None:
        if self.purpose == "create" and value < minimum:
            self.fail(
                name, value, "minimum", minimum, f"{unit} (safety floor for new keys)".strip()
            )

    def at_most(self, name: str, value: int, maximum: int, unit: str) -> None:
        if value > maximum:
            self.fail(name, value, "maximum", maximum, unit)

    def fail(self, name: str, value: int, bound: str, limit: int, note: str) -> None:
        relation = "at least" if bound == "minimum" else "at most"
        raise KeyDerivationError(
            f"{self.kdf} {name} must be {relation} {limit}{' ' + note if note else ''}; "
            f"got {value}",
            "KDF_PARAMS_UNSAFE",
            {
                "kdf": self.kdf,
                "parameter": name,
                "bound": bound,
                "limit": limit,
                "actual": value,
                "purpose": self.purpose,
            },
        )


def assert_kdf_params_safe(kdf: str, params: object, purpose: str) -> Dict[str, Any]:
    """Checks a password KDF's parameters and returns them normalized (unknown members dropped).

    Errors: KDF_PARAMS_UNSAFE naming the parameter and bound; INVALID_ARGUMENT for a parameter
    that is missing or not an integer, or an scrypt n that is not a power of two;
    UNSUPPORTED_ALGORITHM for an unknown KDF or hash.
    """
    if purpose not in ("create", "read"):
        raise KeyDerivationError("purpose must be 'create' or 'read'", "INVALID_ARGUMENT")
    if not isinstance(params, Mapping):
        raise KeyDerivationError(
            f"{kdf} parameters must be a mapping (got {type(params).__name__})", "INVALID_ARGUMENT"
        )
    check = _Checker(str(kdf), purpose)
    if kdf == "argon2id":
        return _argon2id(params, check)
    if kdf == "scrypt":
        return _scrypt(params, check)
    if kdf == "pbkdf2":
        return _pbkdf2(params, check)
    raise KeyDerivationError(
        f"kdf must be one of argon2id, scrypt, pbkdf2 (got {kdf!r})",
        "UNSUPPORTED_ALGORITHM",
        {"parameter": "kdf"},
    )


def _argon2id(params: Mapping[str, Any], check: _Checker) -> Dict[str, Any]:
    memory = check.integer(params, "memory")
    iterations = check.integer(params, "iterations")
    parallelism = check.integer(params, "parallelism")
    check.at_least("parallelism", parallelism, 1, "RFC 9106 §3.1")
    check.at_least("iterations", iterations, 1, "RFC 9106 §3.1")
    check.at_least("memory", memory, 8 * parallelism, "RFC 9106 §3.1: 8 × parallelism KiB")
    check.floor("memory", memory, ARGON2ID_MIN_MEMORY_KIB, "KiB")
    check.floor("iterations", iterations, ARGON2ID_MIN_ITERATIONS, "")
    check.floor("parallelism", parallelism, ARGON2ID_MIN_PARALLELISM, "")
    check.at_most("memory", memory, ARGON2ID_MAX_MEMORY_KIB, "KiB (1 GiB)")
    check.at_most("parallelism", parallelism, ARGON2ID_MAX_PARALLELISM, "")
    check.at_most(
        "memory × iterations", memory * iterations, ARGON2ID_MAX_WORK_KIB, "KiB of block work"
    )
    return {"memory": memory, "iterations": iterations, "parallelism": parallelism}


def _scrypt(params: Mapping[str, Any], check: _Checker) -> Dict[str, Any]:
    n = check.integer(params, "n")
    r = check.integer(params, "r")
    p = check.integer(params, "p")
    check.at_least("n", n, 2, "RFC 7914 §2")
    if n & (n - 1) != 0:
        raise KeyDerivationError(
            f"scrypt n must be a power of two (got {n})", "INVALID_ARGUMENT", {"parameter": "n"}
        )
    check.at_least("r", r, 1, "RFC 7914 §2")
    check.at_least("p", p, 1, "RFC 7914 §2")
    check.floor("n", n, SCRYPT_MIN_N, "")
    check.floor("r", r, SCRYPT_MIN_R, "")
    check.floor("p", p, SCRYPT_MIN_P, "")
    check.at_most("128 × n × r", 128 * n * r, KDF_MAX_MEMORY_BYTES, "bytes of memory (1 GiB)")
    check.at_most("n × r × p", n * r * p, SCRYPT_MAX_WORK, "")
    return {"n": n, "r": r, "p": p}


def _pbkdf2(params: Mapping[str, Any], check: _Checker) -> Dict[str, Any]:
    iterations = check.integer(params, "iterations")
    hash_name = normalize_hash_name(params.get("hash", "SHA-256"), "pbkdf2 hash")
    length = 32 if params.get("length") is None else check.integer(params, "length")
    check.at_least("iterations", iterations, 1, "RFC 8018 §5.2")
    check.at_least("length", length, 1, "RFC 8018 §5.2")
    check.floor("iterations", iterations, PBKDF2_MIN_ITERATIONS, "")
    blocks = math.ceil(length / HASH_OUTPUT_LENGTHS[hash_name])
    weight = 1 if hash_name == "SHA-256" else 2
    check.at_most(
        "iterations × blocks × hash weight", iterations * blocks * weight, PBKDF2_MAX_WORK, ""
    )
    return {"iterations": iterations, "hash": hash_name}
