"""vectors/backup/backup-v1.json: every case restores (or fails) exactly as in the TS suite, and
the writer reproduces the documents byte for byte from the same inputs."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from datafold_sdk.backup.create_backup import seal_backup, serialize_backup
from datafold_sdk.backup.restore_backup import restore_backup
from datafold_sdk.backup.validate_backup import validate_backup_format
from datafold_sdk.errors import Ed25519KeyError
from datafold_sdk.keys.from_seed import key_pair_from_seed
from tests.support.repo import load_vectors

CASES = load_vectors("backup/backup-v1.json")["cases"]
FORMAT_CODES = {
    "INVALID_BACKUP_JSON",
    "UNSUPPORTED_BACKUP_VERSION",
    "UNSUPPORTED_ALGORITHM",
    "KDF_PARAMS_UNSAFE",
}


def _input(case: Dict[str, Any]) -> Any:
    if isinstance(case.get("backup_text"), str):
        return case["backup_text"]
    if isinstance(case.get("backup_binary_hex"), str):
        return bytes.fromhex(case["backup_binary_hex"])
    return case["backup"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_restore(case: Dict[str, Any]) -> None:
    expected = case["expected"]
    data = _input(case)
    verify_integrity = case.get("verify_integrity") is not False
    if expected["outcome"] == "ok":
        pair, metadata = restore_backup(data, case["passphrase"], verify_integrity=verify_integrity)
        assert pair.private_key.hex() == expected["seed_hex"]
        assert pair.public_key.hex() == expected["public_key_hex"]
        assert metadata.version == 1
    else:
        with pytest.raises(Ed25519KeyError) as caught:
            restore_backup(data, case["passphrase"], verify_integrity=verify_integrity)
        assert caught.value.error_code == expected["code"], caught.value.message
        if "field" in expected:
            assert expected["field"] in caught.value.message
    format_error = expected["outcome"] == "error" and expected["code"] in FORMAT_CODES
    assert validate_backup_format(data)["valid"] is not format_error


WRITTEN = [
    c
    for c in CASES
    if "inputs" in c
    and c["expected"]["outcome"] == "ok"
    and c["expected"]["public_key_hex"]
    == key_pair_from_seed(bytes.fromhex(c["inputs"]["seed_hex"])).public_key.hex()
    and "backup" in c
    # compat-* cases imitate older writers (no hash, other spellings): readers only.
    and not c["name"].startswith("compat")
]


@pytest.mark.parametrize("case", WRITTEN, ids=[c["name"] for c in WRITTEN])
def test_writer_reproduces(case: Dict[str, Any]) -> None:
    inputs = case["inputs"]
    doc = seal_backup(
        key_pair_from_seed(bytes.fromhex(inputs["seed_hex"])),
        inputs["passphrase"],
        case["backup"]["key_id"],
        kdf=inputs["kdf"],
        kdf_params=inputs["kdf_params"],
        encryption=inputs["encryption"],
        purpose="read",
        created=inputs["created"],
        include_public_key="public_key" in case["backup"],
        metadata=case["backup"].get("metadata"),
        salt=bytes.fromhex(inputs["salt_hex"]),
        nonce=bytes.fromhex(inputs["nonce_hex"]),
    )
    assert doc == case["backup"]
    if isinstance(case.get("backup_text"), str):
        assert serialize_backup(doc, "json") == case["backup_text"]
    if isinstance(case.get("backup_binary_hex"), str):
        assert serialize_backup(doc, "binary") == bytes.fromhex(case["backup_binary_hex"])
