"""The public API: seed examples, and coded errors for wrong types, lengths and encodings."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Callable, List, Tuple

import pytest

import datafold_sdk
from datafold_sdk import (
    Ed25519KeyError,
    Ed25519KeyPair,
    KeyBackupManager,
    clear_key_material,
    derive_key_argon2id,
    derive_key_hkdf,
    derive_key_pbkdf2,
    derive_key_scrypt,
    export_key_to_file,
    format_key,
    generate_key_pair,
    generate_multiple_key_pairs,
    import_key_from_file,
    parse_key,
    sign,
    verify,
)
from datafold_sdk.errors import ERROR_REGISTRY
from tests.conftest import REPO_ROOT

PASS = "correct horse battery staple"
WRONG: Any = object()


def test_error_constants_match_the_registry() -> None:
    registry = json.loads((REPO_ROOT / "spec" / "errors.json").read_text())
    codes = {e["code"]: e["http_status"] for e in registry["errors"]}
    assert {c: i.http_status for c, i in ERROR_REGISTRY.items()} == codes
    import subprocess
    import sys

    tool = Path(__file__).resolve().parents[1] / "tools" / "generate_error_codes.py"
    assert subprocess.run([sys.executable, str(tool), "--check"], check=False).returncode == 0
    with pytest.raises(ValueError, match="not a code"):
        Ed25519KeyError("x", "MADE_UP_CODE")


def test_seed_quick_start() -> None:
    result = datafold_sdk.initialize_sdk()
    assert result["compatible"], result["warnings"]
    pair = datafold_sdk.generate_key_pair()
    assert len(format_key(pair.private_key, "hex")) == 64
    assert parse_key(format_key(pair.public_key, "base64"), "base64") == pair.public_key
    assert parse_key(format_key(pair.public_key, "bytes"), "bytes") == pair.public_key
    derived, params = derive_key_hkdf(master_key=pair.private_key, info=b"application_context")
    assert len(derived) == 32 and params["info"] == b"application_context"
    report = datafold_sdk.check_platform_compatibility()
    assert report["cryptography_available"] and report["os_entropy"]
    assert datafold_sdk.is_compatible()


def test_generation() -> None:
    fixed = generate_key_pair(entropy=bytes(range(32)))
    assert fixed == generate_key_pair(entropy=bytes(range(32)), validate=False)
    pairs = generate_multiple_key_pairs(3)
    assert len({p.public_key for p in pairs}) == 3
    assert "private_key" not in repr(fixed)


def _codes(cases: List[Tuple[Callable[[], object], str]]) -> None:
    for run, code in cases:
        with pytest.raises(Ed25519KeyError) as caught:
            run()
        assert caught.value.error_code == code, (code, caught.value.message)


def test_bad_input_is_coded() -> None:
    pair = generate_key_pair()
    _codes(
        [
            (lambda: generate_key_pair(entropy=bytes(31)), "INVALID_ENTROPY"),
            (lambda: generate_key_pair(entropy=WRONG), "INVALID_ENTROPY"),
            (lambda: generate_multiple_key_pairs(0), "INVALID_ARGUMENT"),
            (lambda: generate_multiple_key_pairs(WRONG), "INVALID_ARGUMENT"),
            (lambda: Ed25519KeyPair(bytes(64), bytes(32)), "INVALID_PRIVATE_KEY"),
            (lambda: Ed25519KeyPair(bytes(32), "ab"), "INVALID_PUBLIC_KEY"),  # type: ignore[arg-type]
            (lambda: sign(b"m", bytes(31)), "INVALID_PRIVATE_KEY"),
            (lambda: sign(WRONG, pair.private_key), "INVALID_ARGUMENT"),
            (lambda: verify(bytes(63), b"m", pair.public_key), "INVALID_SIGNATURE"),
            (lambda: verify(bytes(64), b"m", bytes(33)), "INVALID_PUBLIC_KEY"),
            (lambda: format_key(pair.public_key, "der"), "UNSUPPORTED_FORMAT"),
            (lambda: format_key(bytes(31), "hex"), "INVALID_KEY_FORMAT"),
            (lambda: format_key(pair.private_key, "pem"), "INVALID_ARGUMENT"),
            (lambda: format_key(pair, "hex"), "INVALID_ARGUMENT"),
            (lambda: parse_key("zz" * 32, "hex"), "INVALID_KEY_FORMAT"),
            (lambda: parse_key("00" * 31, "hex"), "INVALID_KEY_FORMAT"),
            (lambda: parse_key("AAAA", "base64"), "INVALID_KEY_FORMAT"),
            (lambda: parse_key(b"\x00" * 32, "hex"), "INVALID_KEY_FORMAT"),
            (lambda: parse_key("x", "der"), "UNSUPPORTED_FORMAT"),
            (lambda: derive_key_hkdf(bytes(15)), "INVALID_ARGUMENT"),
            (lambda: derive_key_hkdf(bytes(32), hash_algorithm="MD5"), "UNSUPPORTED_ALGORITHM"),
            (lambda: derive_key_hkdf(bytes(32), length=8), "INVALID_ARGUMENT"),
            (lambda: derive_key_pbkdf2("pw", iterations=1000), "KDF_PARAMS_UNSAFE"),
            (lambda: derive_key_pbkdf2("", iterations=100000), "INVALID_ARGUMENT"),
            (lambda: derive_key_pbkdf2("pw", salt=bytes(8)), "KDF_PARAMS_UNSAFE"),
            (lambda: derive_key_scrypt("pw", n=1000), "INVALID_ARGUMENT"),
            (lambda: derive_key_scrypt("pw", n=2**20, r=8), "KDF_PARAMS_UNSAFE"),
            (lambda: derive_key_argon2id("pw", memory=1024), "KDF_PARAMS_UNSAFE"),
            (lambda: derive_key_argon2id(WRONG), "INVALID_ARGUMENT"),
            (lambda: clear_key_material(WRONG), "INVALID_ARGUMENT"),
            (lambda: KeyBackupManager(preferred_kdf="bcrypt"), "UNSUPPORTED_ALGORITHM"),
        ]
    )


def test_password_kdfs_return_their_parameters() -> None:
    key, params = derive_key_pbkdf2("pw", salt=bytes(16), iterations=100000)
    assert params == {
        "algorithm": "PBKDF2",
        "hash": "SHA-256",
        "salt": bytes(16),
        "iterations": 100000,
        "length": 32,
    }
    assert derive_key_pbkdf2("pw", salt=bytes(16), iterations=100000)[0] == key
    key, params = derive_key_argon2id("pw", salt=bytes(16), memory=19456, iterations=2)
    assert (params["memory"], params["iterations"], params["parallelism"]) == (19456, 2, 1)


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
    _codes(
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


def test_default_backup_is_argon2id_xchacha(tmp_path: Path) -> None:
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


def test_clear_key_material_and_debug_log(caplog: pytest.LogCaptureFixture) -> None:
    pair = generate_key_pair()
    secret = pair.private_key.hex()
    clear_key_material(pair)
    assert pair.private_key == b"" and pair.public_key == b""
    logger = datafold_sdk.enable_debug_logging(logging.DEBUG)
    with caplog.at_level(logging.DEBUG, logger="datafold_sdk"):
        logger.debug("loaded %s", secret)
    assert secret not in caplog.text and "[redacted]" in caplog.text
