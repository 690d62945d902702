"""vectors/ed25519/pem-jwk.json: PEM and JWK written and read as the TypeScript suite does, and
foreign or malformed keys refused with the same codes."""

from __future__ import annotations

import json
from typing import Any, Dict

import pytest

from datafold_sdk.errors import Ed25519KeyError
from datafold_sdk.formats.format_key import format_key
from datafold_sdk.formats.parse_key import parse_key
from datafold_sdk.keys.types import Ed25519KeyPair
from tests.support.repo import load_vectors

PEM_JWK = load_vectors("ed25519/pem-jwk.json")


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
