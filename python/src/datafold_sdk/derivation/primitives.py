"""The raw KDFs: HKDF (RFC 5869), PBKDF2 (RFC 8018), scrypt (RFC 7914), Argon2id (RFC 9106).

No policy here beyond what the algorithms themselves require: callers check bounds first
(``kdf_bounds``). Platform failures (memory) are KEY_DERIVATION_FAILED; no message carries a
password or key.

Example:
    >>> hkdf(bytes([11]) * 22, b"", b"", 42, "SHA-256").hex()[:16]
    '8da4e775a563c18f'
"""

from __future__ import annotations

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from datafold_sdk.derivation.hash_names import hash_algorithm
from datafold_sdk.errors.exceptions import KeyDerivationError


def _failed(kdf: str, error: Exception) -> KeyDerivationError:
    return KeyDerivationError(
        f"{kdf} failed on this platform ({type(error).__name__}); check available memory",
        "KEY_DERIVATION_FAILED",
    )


def hkdf(ikm: bytes, salt: bytes, info: bytes, length: int, hash_name: str) -> bytes:
    """HKDF extract-then-expand; an empty salt means HashLen zero bytes (RFC 5869 §2.2)."""
    try:
        return HKDF(
            algorithm=hash_algorithm(hash_name), length=length, salt=salt or None, info=info
        ).derive(ikm)
    except ValueError as error:
        raise _failed("HKDF", error) from None


def pbkdf2(password: bytes, salt: bytes, iterations: int, length: int, hash_name: str) -> bytes:
    """PBKDF2 with HMAC over ``hash_name`` (RFC 8018 §5.2)."""
    try:
        return PBKDF2HMAC(
            algorithm=hash_algorithm(hash_name), length=length, salt=salt, iterations=iterations
        ).derive(password)
    except ValueError as error:
        raise _failed("PBKDF2", error) from None


def scrypt(password: bytes, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    """scrypt (RFC 7914)."""
    try:
        return Scrypt(salt=salt, length=length, n=n, r=r, p=p).derive(password)
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
    """Argon2id version 0x13 (RFC 9106); memory in KiB."""
    try:
        return Argon2id(
            salt=salt,
            length=length,
            iterations=iterations,
            lanes=parallelism,
            memory_cost=memory,
            ad=associated_data or None,
            secret=secret or None,
        ).derive(password)
    except (ValueError, MemoryError) as error:
        raise _failed("Argon2id", error) from None
