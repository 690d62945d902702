"""vectors/ed25519/edge-cases.json: which public keys are valid (canonical, on the curve, not of
small order), as the TypeScript suite answers."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from datafold_sdk.keys.validate import is_valid_public_key
from tests.support.repo import load_vectors

EDGE = load_vectors("ed25519/edge-cases.json")["cases"]


@pytest.mark.parametrize("case", EDGE, ids=[c["name"] for c in EDGE])
def test_public_key_validity(case: Dict[str, Any]) -> None:
    assert is_valid_public_key(bytes.fromhex(case["public_key"])) is case["public_key_valid"]
