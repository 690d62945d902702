"""The raw KDFs of ``datafold_sdk.hazmat``: vectors/kdf/*.json, the published vectors each file
names as its source (below DataFold's floors on purpose: the primitive, not the policy), and the
RFCs' own limits on their arguments, refused with a code."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from datafold_sdk.hazmat import argon2id, hkdf, pbkdf2, scrypt
from tests.support.codes import assert_codes
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


def test_the_rfcs_limits_are_coded_errors() -> None:
    text: Any = "not bytes"
    salt = bytes(16)
    assert_codes(
        [
            (lambda: hkdf(text, b"", b"", 32, "SHA-256"), "INVALID_ARGUMENT"),
            (lambda: hkdf(bytes(32), b"", b"", 0, "SHA-256"), "INVALID_ARGUMENT"),
            # RFC 5869 §2.3: L <= 255 × HashLen.
            (lambda: hkdf(bytes(32), b"", b"", 255 * 32 + 1, "SHA-256"), "INVALID_ARGUMENT"),
            (lambda: hkdf(bytes(32), b"", b"", 32, "MD5"), "UNSUPPORTED_ALGORITHM"),
            (lambda: pbkdf2(b"pw", text, 1, 32, "SHA-256"), "INVALID_ARGUMENT"),
            (lambda: pbkdf2(b"pw", salt, 0, 32, "SHA-256"), "INVALID_ARGUMENT"),
            (lambda: pbkdf2(b"pw", salt, True, 32, "SHA-256"), "INVALID_ARGUMENT"),
            (lambda: pbkdf2(b"pw", salt, 1, 32, "SHA-1"), "UNSUPPORTED_ALGORITHM"),
            (lambda: scrypt(b"pw", salt, 1000, 8, 1, 32), "INVALID_ARGUMENT"),
            (lambda: scrypt(b"pw", salt, 16, 0, 1, 32), "INVALID_ARGUMENT"),
            (lambda: scrypt(b"pw", salt, 16, 2**15, 2**15, 32), "INVALID_ARGUMENT"),
            (lambda: argon2id(b"pw", bytes(7), 64, 1, 1, 32), "INVALID_ARGUMENT"),
            (lambda: argon2id(b"pw", salt, 31, 1, 4, 32), "INVALID_ARGUMENT"),
            (lambda: argon2id(b"pw", salt, 64, 1, 1, 3), "INVALID_ARGUMENT"),
            (lambda: argon2id(b"pw", salt, 64, 1, 1, 32, secret=text), "INVALID_ARGUMENT"),
        ]
    )


def test_hash_names_are_read_loosely() -> None:
    ikm = bytes(range(32))
    canonical = hkdf(ikm, b"", b"info", 32, "SHA-512")
    assert hkdf(ikm, b"", b"info", 32, "sha512") == canonical
    assert pbkdf2(b"pw", bytes(16), 2, 32, "sha-384") == pbkdf2(b"pw", bytes(16), 2, 32, "SHA-384")
