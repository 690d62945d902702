"""vectors/kdf/*.json: HKDF, PBKDF2, scrypt, Argon2id and the DataFold contexts."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from datafold_sdk.derivation.derive_ed25519_key_pair import derive_ed25519_key_pair
from datafold_sdk.derivation.derive_key_hkdf import derive_key_hkdf
from datafold_sdk.derivation.primitives import argon2id, hkdf, pbkdf2, scrypt
from tests.conftest import load_vectors

HKDF = load_vectors("kdf/hkdf-sha256.json")["cases"]
PBKDF2 = load_vectors("kdf/pbkdf2-sha256.json")["cases"]
SCRYPT = load_vectors("kdf/scrypt.json")["cases"]
ARGON2ID = load_vectors("kdf/argon2id.json")["cases"]
CONTEXTS = load_vectors("kdf/derivation-contexts.json")["cases"]


def _b(text: str) -> bytes:
    return bytes.fromhex(text)


@pytest.mark.parametrize("case", HKDF, ids=[c["name"] for c in HKDF])
def test_hkdf(case: Dict[str, Any]) -> None:
    out = hkdf(_b(case["ikm"]), _b(case["salt"]), _b(case["info"]), case["length"], "SHA-256")
    assert out.hex() == case["okm"]


@pytest.mark.parametrize("case", PBKDF2, ids=[c["name"] for c in PBKDF2])
def test_pbkdf2(case: Dict[str, Any]) -> None:
    out = pbkdf2(
        _b(case["password"]), _b(case["salt"]), case["iterations"], case["length"], "SHA-256"
    )
    assert out.hex() == case["expected"]


@pytest.mark.parametrize("case", SCRYPT, ids=[c["name"] for c in SCRYPT])
def test_scrypt(case: Dict[str, Any]) -> None:
    out = scrypt(
        _b(case["password"]), _b(case["salt"]), case["n"], case["r"], case["p"], case["length"]
    )
    assert out.hex() == case["expected"]


@pytest.mark.parametrize("case", ARGON2ID, ids=[c["name"] for c in ARGON2ID])
def test_argon2id(case: Dict[str, Any]) -> None:
    out = argon2id(
        _b(case["password"]),
        _b(case["salt"]),
        case["memory"],
        case["iterations"],
        case["parallelism"],
        case["length"],
        secret=_b(case.get("secret", "")),
        associated_data=_b(case.get("associated_data", "")),
    )
    assert out.hex() == case["expected"]


@pytest.mark.parametrize("case", CONTEXTS, ids=[c["name"] for c in CONTEXTS])
def test_derivation_contexts(case: Dict[str, Any]) -> None:
    master = _b(case["master_key"])
    spec = case["derive_key"]
    key, params = derive_key_hkdf(master, salt=b"", info=_b(case["info"]), length=spec["length"])
    assert key.hex() == spec["key"]
    assert params["info"] == _b(case["info"])
    key64, _ = derive_key_hkdf(master, salt=b"", info=_b(case["info"]), length=64)
    assert key64.hex() == spec["key_64"]
    pair, _ = derive_ed25519_key_pair(master, case["context"])
    assert pair.private_key.hex() == case["ed25519"]["seed"]
    assert pair.public_key.hex() == case["ed25519"]["public_key"]
    by_info, _ = derive_ed25519_key_pair(master, _b(case["info"]))
    assert by_info == pair
