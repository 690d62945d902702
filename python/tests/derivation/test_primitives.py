"""vectors/kdf/*.json: the raw HKDF, PBKDF2, scrypt and Argon2id against the published vectors
each file names as its source (below DataFold's floors on purpose: the primitive, not the
policy)."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from datafold_sdk.derivation.primitives import argon2id, hkdf, pbkdf2, scrypt
from tests.support.repo import load_vectors

HKDF = load_vectors("kdf/hkdf-sha256.json")["cases"]
PBKDF2 = load_vectors("kdf/pbkdf2-sha256.json")["cases"]
SCRYPT = load_vectors("kdf/scrypt.json")["cases"]
ARGON2ID = load_vectors("kdf/argon2id.json")["cases"]


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
