"""vectors/key-file/key-file-v1.json: the same outcomes as the TS suite, and the writer
reproduces the files byte for byte from the same inputs."""

from __future__ import annotations

import json
from typing import Any, Dict

import pytest

from datafold_sdk.errors import Ed25519KeyError
from datafold_sdk.key_file.codec import decode_key_file, encode_key_file
from datafold_sdk.keys.from_seed import key_pair_from_seed
from tests.support.repo import load_vectors

CASES = load_vectors("key-file/key-file-v1.json")["cases"]


def _text(case: Dict[str, Any]) -> str:
    if isinstance(case.get("key_file_text"), str):
        return str(case["key_file_text"])
    return json.dumps(case["key_file"])


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_decode(case: Dict[str, Any]) -> None:
    expected = case["expected"]
    if expected["outcome"] == "ok":
        pair, _ = decode_key_file(_text(case), case["passphrase"])
        assert pair.private_key.hex() == expected["seed_hex"]
        assert pair.public_key.hex() == expected["public_key_hex"]
        return
    with pytest.raises(Ed25519KeyError) as caught:
        decode_key_file(_text(case), case["passphrase"])
    assert caught.value.error_code == expected["code"], caught.value.message
    if "field" in expected:
        assert expected["field"] in caught.value.message


WRITTEN = [c for c in CASES if "inputs" in c and c["expected"]["outcome"] == "ok"]


@pytest.mark.parametrize("case", WRITTEN, ids=[c["name"] for c in WRITTEN])
def test_encoder_reproduces(case: Dict[str, Any]) -> None:
    inputs = case["inputs"]
    doc = encode_key_file(
        key_pair_from_seed(bytes.fromhex(inputs["seed_hex"])),
        inputs["passphrase"],
        inputs["key_id"],
        inputs["key_version"],
        kdf_params=inputs["kdf_params"],
        metadata=case["key_file"].get("metadata"),
        created=inputs["created"],
        purpose="read",
        salt=bytes.fromhex(inputs["salt_hex"]),
        nonce=bytes.fromhex(inputs["nonce_hex"]),
    )
    known = {k: v for k, v in case["key_file"].items() if k in doc}
    assert doc == known
