"""vectors/ed25519/*.json: the same cases, the same answers as the TypeScript suite."""

from __future__ import annotations

import json
from typing import Any, Dict

import pytest

from datafold_sdk.errors import Ed25519KeyError
from datafold_sdk.formats.format_key import format_key
from datafold_sdk.formats.parse_key import parse_key
from datafold_sdk.keys.from_seed import get_public_key, key_pair_from_seed
from datafold_sdk.keys.types import Ed25519KeyPair
from datafold_sdk.keys.validate import is_valid_public_key
from datafold_sdk.signatures.sign import sign
from datafold_sdk.signatures.verify import verify
from tests.conftest import load_vectors

RFC8032 = load_vectors("ed25519/rfc8032.json")["cases"]
EDGE = load_vectors("ed25519/edge-cases.json")["cases"]
PEM_JWK = load_vectors("ed25519/pem-jwk.json")


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


@pytest.mark.parametrize("case", EDGE, ids=[c["name"] for c in EDGE])
def test_public_key_validity(case: Dict[str, Any]) -> None:
    assert is_valid_public_key(bytes.fromhex(case["public_key"])) is case["public_key_valid"]


def _sorted(value: Any) -> str:
    obj = json.loads(value) if isinstance(value, str) else value
    return json.dumps(obj, sort_keys=True)


@pytest.mark.parametrize("key", PEM_JWK["keys"], ids=[k["name"] for k in PEM_JWK["keys"]])
def test_pem_jwk_keys(key: Dict[str, Any]) -> None:
    seed = bytes.fromhex(key["seed"])
    public_key = bytes.fromhex(key["public_key"])
    pair = Ed25519KeyPair(private_key=seed, public_key=public_key)
    assert parse_key(key["private_pem"], "pem", key_type="private") == seed
    assert parse_key(key["public_pem"], "pem", key_type="public") == public_key
    assert parse_key(key["private_pem_v2"], "pem") == seed
    assert format_key(pair, "pem") == key["private_pem"]
    assert format_key(public_key, "pem", key_type="public") == key["public_pem"]
    assert format_key(seed, "pem", key_type="private") == key["private_pem"]
    assert _sorted(format_key(pair, "jwk")) == _sorted(key["private_jwk"])
    assert _sorted(format_key(public_key, "jwk", key_type="public")) == _sorted(key["public_jwk"])
    assert parse_key(key["private_jwk"], "jwk") == seed
    assert parse_key(json.dumps(key["public_jwk"]), "jwk") == public_key


BAD = PEM_JWK["foreign"] + PEM_JWK["malformed"]


@pytest.mark.parametrize("bad", BAD, ids=[b["name"] for b in BAD])
def test_pem_jwk_refusals(bad: Dict[str, Any]) -> None:
    with pytest.raises(Ed25519KeyError) as caught:
        parse_key(bad["data"], bad["format"])
    assert caught.value.error_code == bad["error_code"]
    if "found" in bad:
        assert bad["found"] in str(caught.value)
