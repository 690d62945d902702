"""Constants of backup v1 (spec/backup-v1.md).

Example:
    >>> NONCE_LENGTHS["xchacha20-poly1305"]
    24
"""

from __future__ import annotations

from typing import Any, Dict, Tuple

BACKUP_VERSION = 1
PLAINTEXT_LENGTH = 64
"""The plaintext is ``seed || public_key`` (§6)."""
CIPHERTEXT_LENGTH = PLAINTEXT_LENGTH + 16
KEY_LENGTH = 32
MIN_SALT_LENGTH = 16
MAX_SALT_LENGTH = 64
DEFAULT_SALT_LENGTH = 32
MAX_KEY_ID_LENGTH = 256
MAX_BACKUP_SIZE = 64 * 1024
MAX_CREATED_LENGTH = 64

NONCE_LENGTHS: Dict[str, int] = {
    "xchacha20-poly1305": 24,
    "chacha20-poly1305": 12,
    "aes-gcm": 12,
}
BACKUP_KDFS: Tuple[str, ...] = ("argon2id", "scrypt", "pbkdf2")
BACKUP_CIPHERS: Tuple[str, ...] = tuple(NONCE_LENGTHS)
KDF_PARAM_NAMES: Dict[str, Tuple[str, ...]] = {
    "argon2id": ("memory", "iterations", "parallelism"),
    "scrypt": ("n", "r", "p"),
    "pbkdf2": ("iterations",),
}
DEFAULT_KDF = "argon2id"
DEFAULT_CIPHER = "xchacha20-poly1305"
DEFAULT_KDF_PARAMS: Dict[str, Dict[str, Any]] = {
    "argon2id": {"memory": 65536, "iterations": 3, "parallelism": 1},
    "scrypt": {"n": 32768, "r": 8, "p": 1},
    "pbkdf2": {"iterations": 600_000, "hash": "SHA-256"},
}
