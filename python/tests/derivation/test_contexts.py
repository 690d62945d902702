"""vectors/kdf/derivation-contexts.json: the DataFold contexts (spec/derivation-v1.md §2, §5)
give the same keys and key pairs as in the TypeScript suite."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from datafold_sdk.derivation.derive_ed25519_key_pair import derive_ed25519_key_pair
from datafold_sdk.derivation.derive_key_hkdf import derive_key_hkdf
from tests.support.repo import load_vectors

CONTEXTS = load_vectors("kdf/derivation-contexts.json")["cases"]


def _b(text: str) -> bytes:
    return bytes.fromhex(text)


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
