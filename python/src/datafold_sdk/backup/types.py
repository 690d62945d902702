"""Types of backup v1: the parsed document and the metadata a restore returns.

Example:
    >>> meta = BackupMetadata(
    ...     1, "k", "Ed25519", "argon2id", "xchacha20-poly1305", "2026-01-02T03:04:05Z", "json")
    >>> meta.format
    'json'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Optional


@dataclass
class BackupMetadata:
    """What a backup says about itself (no secrets): the seed's type, plus the KDF parameters and
    the optional, unauthenticated ``metadata`` member."""

    version: int
    key_id: str
    algorithm: str
    kdf: str
    encryption: str
    created: str
    format: str
    kdf_params: Dict[str, Any] = field(default_factory=dict)
    metadata: Optional[Dict[str, Any]] = None


@dataclass
class ParsedBackup:
    """A backup whose every member passed spec/backup-v1.md §3-§5; binary values decoded."""

    key_id: str
    algorithm: str
    kdf: str
    kdf_params: Dict[str, Any]
    encryption: str
    salt: bytes
    nonce: bytes
    ciphertext: bytes
    created: str
    format: str
    public_key: Optional[bytes] = None
    metadata: Optional[Dict[str, Any]] = None
