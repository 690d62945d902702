"""vectors/fingerprint/key-fingerprint-v1.json: the Python SDK's key_fingerprint gives the same
text as the JS SDK and ssh-keygen -l (spec/key-fingerprint-v1.md)."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from datafold_sdk import Ed25519KeyError, key_fingerprint, parse_key
from tests.support.repo import load_vectors

VECTORS = load_vectors("fingerprint/key-fingerprint-v1.json")
CASES = VECTORS["cases"]
INVALID = VECTORS["invalid"]


def test_every_rfc8032_key_has_a_case() -> None:
    assert len([c for c in CASES if c["name"].startswith("RFC 8032")]) == 5


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_fingerprint_of_every_form(case: Dict[str, Any]) -> None:
    raw = bytes.fromhex(case["public_key_hex"])
    for form in (
        raw,
        bytearray(raw),
        memoryview(raw),
        case["public_key_hex"],
        case["public_key_hex"].upper(),
        f"  {case['public_key_hex']}\n",
        parse_key(case["public_key_base64"], "base64"),
    ):
        assert key_fingerprint(form) == case["fingerprint"]


@pytest.mark.parametrize("case", INVALID, ids=[c["name"] for c in INVALID])
def test_wrong_lengths_are_refused(case: Dict[str, Any]) -> None:
    with pytest.raises(Ed25519KeyError) as raised:
        key_fingerprint(bytes.fromhex(case["public_key_hex"]))
    assert raised.value.code == case["code"]


@pytest.mark.parametrize("text", ["", "not a key", "ab" * 31, CASES[0]["fingerprint"]])
def test_text_that_is_not_hex_is_refused(text: str) -> None:
    with pytest.raises(Ed25519KeyError) as raised:
        key_fingerprint(text)
    assert raised.value.code == "INVALID_KEY_FORMAT"
