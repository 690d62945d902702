"""vectors/ed25519/*.json: signing and strict verification, the same answers as the TypeScript
suite (spec/ed25519-verification.md)."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from datafold_sdk.errors import Ed25519KeyError
from datafold_sdk.keys.from_seed import get_public_key, key_pair_from_seed
from datafold_sdk.signatures.sign import sign
from datafold_sdk.signatures.verify import verify
from tests.support.repo import load_vectors

RFC8032 = load_vectors("ed25519/rfc8032.json")["cases"]
EDGE = load_vectors("ed25519/edge-cases.json")["cases"]


def _outcome(case: Dict[str, Any]) -> str:
    try:
        ok = verify(
            bytes.fromhex(case["signature"]),
            bytes.fromhex(case["message"]),
            bytes.fromhex(case["public_key"]),
        )
    except Ed25519KeyError as error:
        return f"error:{error.error_code}"
    return "accept" if ok else "reject"


@pytest.mark.parametrize("case", RFC8032, ids=[c["name"] for c in RFC8032])
def test_rfc8032(case: Dict[str, Any]) -> None:
    seed = bytes.fromhex(case["secret_key"])
    message = bytes.fromhex(case["message"])
    pair = key_pair_from_seed(seed)
    assert pair.public_key.hex() == case["public_key"]
    assert get_public_key(seed).hex() == case["public_key"]
    assert sign(message, seed).hex() == case["signature"]
    assert verify(bytes.fromhex(case["signature"]), message, pair.public_key)
    tampered = bytearray.fromhex(case["signature"])
    tampered[0] ^= 1
    assert not verify(bytes(tampered), message, pair.public_key)


@pytest.mark.parametrize("case", EDGE, ids=[c["name"] for c in EDGE])
def test_edge_cases(case: Dict[str, Any]) -> None:
    want = f"error:{case['error_code']}" if case["expected"] == "error" else case["expected"]
    assert _outcome(case) == want, case["reason"]
