"""The three AEADs of backup v1 (spec/backup-v1.md §5), all with empty associated data by default.

Every failure to open is DECRYPTION_FAILED with one message, whatever the cause (§8: opaque).

Example:
    >>> sealed = aead_encrypt("aes-gcm", bytes(32), bytes(12), b"secret")
    >>> aead_decrypt("aes-gcm", bytes(32), bytes(12), sealed)
    b'secret'
"""

from __future__ import annotations

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305
from nacl import bindings
from nacl.exceptions import CryptoError

from datafold_sdk.errors.exceptions import BackupError

DECRYPTION_FAILED_MESSAGE = "Decryption failed: the passphrase is wrong or the data was altered"


def decryption_failed() -> BackupError:
    """The one opaque error of a failed open."""
    return BackupError(DECRYPTION_FAILED_MESSAGE, "DECRYPTION_FAILED")


def aead_encrypt(
    cipher: str, key: bytes, nonce: bytes, plaintext: bytes, associated_data: bytes = b""
) -> bytes:
    """The ciphertext followed by the 16-byte tag."""
    if cipher == "xchacha20-poly1305":
        out: bytes = bindings.crypto_aead_xchacha20poly1305_ietf_encrypt(
            plaintext, associated_data or None, nonce, key
        )
        return out
    if cipher == "chacha20-poly1305":
        return ChaCha20Poly1305(key).encrypt(nonce, plaintext, associated_data or None)
    if cipher == "aes-gcm":
        return AESGCM(key).encrypt(nonce, plaintext, associated_data or None)
    raise BackupError(f"encryption {cipher!r} is not supported", "UNSUPPORTED_ALGORITHM")


def aead_decrypt(
    cipher: str, key: bytes, nonce: bytes, ciphertext: bytes, associated_data: bytes = b""
) -> bytes:
    """The plaintext, or DECRYPTION_FAILED; no part of a plaintext whose tag failed escapes."""
    try:
        if cipher == "xchacha20-poly1305":
            out: bytes = bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(
                ciphertext, associated_data or None, nonce, key
            )
            return out
        if cipher == "chacha20-poly1305":
            return ChaCha20Poly1305(key).decrypt(nonce, ciphertext, associated_data or None)
        if cipher == "aes-gcm":
            return AESGCM(key).decrypt(nonce, ciphertext, associated_data or None)
    except (InvalidTag, CryptoError, ValueError):
        raise decryption_failed() from None
    raise BackupError(f"encryption {cipher!r} is not supported", "UNSUPPORTED_ALGORITHM")
