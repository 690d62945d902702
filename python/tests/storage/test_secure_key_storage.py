"""SecureKeyStorage over the key directory (spec/key-file-v1.md), and the keyring fallback."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any, List

import pytest

from datafold_sdk.errors import Ed25519KeyError
from datafold_sdk.key_file.codec import decode_key_file
from datafold_sdk.keys.generate import generate_key_pair
from datafold_sdk.storage.secure_key_storage import SecureKeyStorage
from tests.support.codes import CodeCase, assert_codes
from tests.support.storage import FLOOR_KDF, PASS, file_storage


def test_store_retrieve_and_modes(storage: SecureKeyStorage, keys_dir: Path) -> None:
    pair = generate_key_pair()
    meta = storage.store_key("app-key", pair, PASS, metadata={"name": "App"})
    assert (meta.key_id, meta.storage_type, meta.version) == ("app-key", "file", 1)
    assert storage.retrieve_key("app-key", PASS) == pair
    assert storage.retrieve_key("missing", PASS) is None
    assert storage.list_keys() == ["app-key"]
    assert stat.S_IMODE(keys_dir.stat().st_mode) == 0o700
    key_file = keys_dir / "app-key.v1.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    decoded, header = decode_key_file(key_file.read_text(), PASS)
    assert decoded == pair
    assert header.metadata == {"name": "App"}
    pointer = json.loads((keys_dir / "app-key.current").read_text())
    assert pointer == {
        "format": "datafold-key-current",
        "version": 1,
        "key_id": "app-key",
        "current": 1,
        "highest": 1,
    }
    assert storage.delete_key("app-key") is True
    assert storage.delete_key("app-key") is False
    assert os.listdir(keys_dir) == []


def test_refusals(storage: SecureKeyStorage) -> None:
    pair = generate_key_pair()
    bad_pair: Any = "not a pair"
    cases: List[CodeCase] = [
        (lambda: storage.store_key("../escape", pair, PASS), "INVALID_KEY_ID"),
        (lambda: storage.store_key("a/b", pair, PASS), "INVALID_KEY_ID"),
        (lambda: storage.store_key("k", pair, "short"), "WEAK_PASSPHRASE"),
        (lambda: storage.store_key("k", pair, None), "INVALID_ARGUMENT"),
        (lambda: storage.store_key("k", bad_pair, PASS), "INVALID_ARGUMENT"),
    ]
    assert_codes(cases)
    storage.store_key("k", pair, PASS)
    with pytest.raises(Ed25519KeyError) as caught:
        storage.store_key("k", pair, PASS)
    assert caught.value.error_code == "KEY_ALREADY_EXISTS"
    with pytest.raises(Ed25519KeyError) as caught:
        storage.retrieve_key("k", "wrong passphrase here")
    assert caught.value.error_code == "DECRYPTION_FAILED"
    assert PASS not in str(caught.value)


def test_overwrite_keeps_one_version(storage: SecureKeyStorage) -> None:
    storage.store_key("k", generate_key_pair(), PASS)
    second = generate_key_pair()
    assert storage.store_key("k", second, PASS, overwrite=True).version == 2
    assert [v["version"] for v in storage.list_versions("k")] == [2]
    assert storage.retrieve_key("k", PASS) == second


def test_permissions_are_enforced(storage: SecureKeyStorage, keys_dir: Path) -> None:
    storage.store_key("k", generate_key_pair(), PASS)
    (keys_dir / "k.v1.key").chmod(0o644)
    with pytest.raises(Ed25519KeyError) as caught:
        storage.retrieve_key("k", PASS)
    assert caught.value.error_code == "PERMISSION_DENIED"
    keys_dir.chmod(0o755)
    with pytest.raises(Ed25519KeyError) as caught:
        file_storage(keys_dir)
    assert caught.value.error_code == "PERMISSION_DENIED"


def test_foreign_and_corrupt_files_do_not_break_others(
    storage: SecureKeyStorage, keys_dir: Path
) -> None:
    good = generate_key_pair()
    storage.store_key("good", good, PASS)
    (keys_dir / "notes.txt").write_text("foreign")
    bad = keys_dir / "bad.v1.key"
    bad.write_text("{not json")
    bad.chmod(0o600)
    assert storage.list_keys() == ["bad", "good"]
    assert storage.retrieve_key("good", PASS) == good
    with pytest.raises(Ed25519KeyError) as caught:
        storage.retrieve_key("bad", PASS)
    assert caught.value.error_code == "STORAGE_CORRUPTED"


def test_headless_keyring_falls_back_and_says_so(keys_dir: Path) -> None:
    storage = SecureKeyStorage(keys_dir, kdf_params=FLOOR_KDF)
    report = storage.check_storage_availability()
    # This machine has no working keyring (headless Linux): the probe must notice.
    assert report["keyring_available"] is False
    assert report["storage_type"] == "file"
    assert report["fallback"] is True
    assert report["error_code"] == "KEYRING_NOT_FUNCTIONAL"
    assert report["keyring_reason"]
    assert report["file_storage_available"] is True


def test_default_directory_honours_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATAFOLD_CRYPTO_STORAGE", str(tmp_path / "elsewhere"))
    storage = SecureKeyStorage(use_keyring=False, kdf_params=FLOOR_KDF)
    assert storage.storage_dir == tmp_path / "elsewhere"
