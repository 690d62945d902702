"""The raw KDFs: HKDF (RFC 5869), PBKDF2 (RFC 8018), scrypt (RFC 7914), Argon2id (RFC 9106).

Raw means each checks what its RFC requires of its inputs and nothing more: not DataFold's floors
and ceilings (spec/derivation-v1.md §4), so the published low-cost vectors run through them as
they are. ``derive_key_*``, backups and key files check those bounds before they call here.
Bad arguments are INVALID_ARGUMENT naming the argument, an unknown hash UNSUPPORTED_ALGORITHM,
platform failures (memory) KEY_DERIVATION_FAILED; no message carries a password or key.

Example:
    >>> hkdf(bytes([11]) * 22, b"", b"", 42, "SHA-256").hex()[:16]
    '8da4e775a563c18f'
"""

from __future__ import annotations

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from datafold_sdk.errors.exceptions import KeyDerivationError
from datafold_sdk.hazmat.arguments import byte_argument, integer_argument
from datafold_sdk.hazmat.hash_names import HASH_OUTPUT_LENGTHS, hash_algorithm, normalize_hash_name

MAX_OUTPUT_LENGTH = 1024
"""The longest output PBKDF2, scrypt and Argon2id are asked for, as in the JS SDK: PBKDF2 repeats
its whole iteration count for every hash block, so longer outputs only multiply the cost."""

_U32 = 2**32 - 1


def _failed(kdf: str, error: Exception) -> KeyDerivationError:
    return KeyDerivationError(
        f"{kdf} failed on this platform ({type(error).__name__}); check available memory",
        "KEY_DERIVATION_FAILED",
    )


def hkdf(ikm: bytes, salt: bytes, info: bytes, length: int, hash_name: str) -> bytes:
    """HKDF extract-then-expand; an empty salt means HashLen zero bytes (RFC 5869 §2.2), and
    ``length`` is at most 255 × HashLen (§2.3).

    Example:
        >>> len(hkdf(bytes(32), b"", b"datafold_signing_v1", 32, "sha256"))
        32
    """
    name = normalize_hash_name(hash_name, "hash_name")
    key_material = byte_argument(ikm, "ikm")
    salt_bytes = byte_argument(salt, "salt")
    info_bytes = byte_argument(info, "info")
    size = integer_argument(length, "length", 1, 255 * HASH_OUTPUT_LENGTHS[name])
    try:
        return HKDF(
            algorithm=hash_algorithm(name), length=size, salt=salt_bytes or None, info=info_bytes
        ).derive(key_material)
    except ValueError as error:
        raise _failed("HKDF", error) from None


def pbkdf2(password: bytes, salt: bytes, iterations: int, length: int, hash_name: str) -> bytes:
    """PBKDF2 with HMAC over ``hash_name`` (RFC 8018 §5.2); no iteration floor.

    Example:
        >>> pbkdf2(b"password", b"salt", 1, 32, "SHA-256").hex()[:16]
        '120fb6cffcf8b32c'
    """
    name = normalize_hash_name(hash_name, "hash_name")
    secret = byte_argument(password, "password")
    salt_bytes = byte_argument(salt, "salt")
    rounds = integer_argument(iterations, "iterations", 1, _U32)
    size = integer_argument(length, "length", 1, MAX_OUTPUT_LENGTH)
    try:
        return PBKDF2HMAC(
            algorithm=hash_algorithm(name), length=size, salt=salt_bytes, iterations=rounds
        ).derive(secret)
    except ValueError as error:
        raise _failed("PBKDF2", error) from None


def scrypt(password: bytes, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    """scrypt (RFC 7914): N a power of two above 1, r and p positive with p × r < 2^30 (§2); no
    floor and no memory ceiling (about 128 × N × r bytes are used).

    Example:
        >>> len(scrypt(b"password", b"NaCl", 1024, 8, 16, 64))
        64
    """
    secret = byte_argument(password, "password")
    salt_bytes = byte_argument(salt, "salt")
    cost = integer_argument(n, "n", 2, 2**32)
    if cost & (cost - 1):
        raise KeyDerivationError(
            f"n must be a power of two (got {cost})", "INVALID_ARGUMENT", {"argument": "n"}
        )
    block = integer_argument(r, "r", 1, 2**30 - 1)
    lanes = integer_argument(p, "p", 1, 2**30 - 1)
    if block * lanes >= 2**30:
        raise KeyDerivationError(
            "p × r must be below 2^30 (RFC 7914 §2)", "INVALID_ARGUMENT", {"argument": "p"}
        )
    size = integer_argument(length, "length", 1, MAX_OUTPUT_LENGTH)
    try:
        return Scrypt(salt=salt_bytes, length=size, n=cost, r=block, p=lanes).derive(secret)
    except (ValueError, MemoryError) as error:
        raise _failed("scrypt", error) from None


def argon2id(
    password: bytes,
    salt: bytes,
    memory: int,
    iterations: int,
    parallelism: int,
    length: int,
    *,
    secret: bytes = b"",
    associated_data: bytes = b"",
) -> bytes:
    """Argon2id version 0x13 (RFC 9106), memory in KiB: salt of at least 8 bytes, memory of at
    least 8 × parallelism KiB, output of at least 4 bytes (§3.1); no floor and no ceiling.

    Example:
        >>> len(argon2id(b"password", b"somesalt", 64, 1, 1, 32))
        32
    """
    password_bytes = byte_argument(password, "password")
    salt_bytes = byte_argument(salt, "salt")
    if len(salt_bytes) < 8:
        raise KeyDerivationError(
            f"salt must be at least 8 bytes (RFC 9106 §3.1), got {len(salt_bytes)}",
            "INVALID_ARGUMENT",
            {"argument": "salt"},
        )
    lanes = integer_argument(parallelism, "parallelism", 1, 2**24 - 1)
    kib = integer_argument(memory, "memory", 8 * lanes, _U32)
    passes = integer_argument(iterations, "iterations", 1, _U32)
    size = integer_argument(length, "length", 4, MAX_OUTPUT_LENGTH)
    key = byte_argument(secret, "secret")
    data = byte_argument(associated_data, "associated_data")
    try:
        return Argon2id(
            salt=salt_bytes,
            length=size,
            iterations=passes,
            lanes=lanes,
            memory_cost=kib,
            ad=data or None,
            secret=key or None,
        ).derive(password_bytes)
    except (ValueError, MemoryError) as error:
        raise _failed("Argon2id", error) from None
