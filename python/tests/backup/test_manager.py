"""KeyBackupManager and the backup files: round trips in both serialisations, the refusals, and
the default (Argon2id with XChaCha20-Poly1305, spec/backup-v1.md §3)."""

from __future__ import annotations

import json
from pathlib import Path

from datafold_sdk import (
    Ed25519KeyPair,
    KeyBackupManager,
    export_key_to_file,
    generate_key_pair,
    import_key_from_file,
)
from tests.support.codes import assert_codes
from tests.support.storage import PASS


def test_backup_files_round_trip(tmp_path: Path) -> None:
    pair = generate_key_pair()
    manager = KeyBackupManager(preferred_kdf="scrypt")
    for fmt in ("json", "binary"):
        path = tmp_path / f"backup.{fmt}"
        meta = export_key_to_file(pair, PASS, "my-key", path, fmt, manager=manager)
        assert (meta.key_id, meta.kdf, meta.format) == ("my-key", "scrypt", fmt)
        assert path.stat().st_mode & 0o777 == 0o600
        restored, restored_meta = import_key_from_file(path, PASS)
        assert restored == pair and restored_meta.format == fmt
    assert_codes(
        [
            (
                lambda: export_key_to_file(pair, PASS, "k", tmp_path / "backup.json"),
                "KEY_ALREADY_EXISTS",
            ),
            (lambda: import_key_from_file(tmp_path / "missing.json", PASS), "FILE_NOT_FOUND"),
            (lambda: manager.export_key(pair, "weak", "k"), "WEAK_PASSPHRASE"),
            (lambda: manager.export_key(pair, PASS, "k", "xml"), "INVALID_ARGUMENT"),
            (
                lambda: manager.export_key(Ed25519KeyPair(pair.private_key, bytes(32)), PASS, "k"),
                "INTEGRITY_CHECK_FAILED",
            ),
        ]
    )
    assert "argon2id" in manager.check_backup_support()["supported_kdf_algorithms"]


def test_default_backup_is_argon2id_xchacha() -> None:
    pair = generate_key_pair()
    text = KeyBackupManager().export_key(pair, PASS, "my-key")
    assert isinstance(text, str)
    doc = json.loads(text)
    assert (doc["kdf"], doc["encryption"], doc["kdf_params"]["memory"]) == (
        "argon2id",
        "xchacha20-poly1305",
        65536,
    )
    assert list(doc)[:10] == [
        "version",
        "key_id",
        "algorithm",
        "kdf",
        "kdf_params",
        "encryption",
        "salt",
        "nonce",
        "ciphertext",
        "created",
    ]
    assert KeyBackupManager().import_key(text, PASS)[0] == pair
