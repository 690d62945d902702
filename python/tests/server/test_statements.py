"""vectors/statements/*.json: the same canonical bytes and signatures as the server's generator."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from datafold_sdk.errors import Ed25519KeyError
from datafold_sdk.keys.from_seed import key_pair_from_seed
from datafold_sdk.server.statements import (
    canonical_statement,
    check_client_id,
    check_nonce,
    check_reason,
    check_timestamp,
    sign_statement,
)
from tests.support.repo import VECTORS, load_vectors

NAMES = sorted(
    p.stem for p in (VECTORS / "statements").glob("*.json") if p.stem != "invalid-fields"
)
INVALID = load_vectors("statements/invalid-fields.json")["cases"]
CHECKS = {
    "timestamp": check_timestamp,
    "nonce": check_nonce,
    "reason": check_reason,
    "client_id": check_client_id,
}


@pytest.mark.parametrize("name", NAMES)
def test_statement_vector(name: str) -> None:
    vector: Dict[str, Any] = load_vectors(f"statements/{name}.json")
    fields = dict(vector["fields"])
    action, client_id, public_key = (
        fields.pop("action"),
        fields.pop("client_id"),
        fields.pop("public_key"),
    )
    statement = canonical_statement(action, client_id, public_key, **fields)
    assert statement.hex() == vector["statement_hex"]
    assert statement.decode("utf-8") == vector["statement_utf8"]
    signer = key_pair_from_seed(bytes.fromhex(vector["signer_seed"]))
    signed = sign_statement(signer, action, client_id, public_key=public_key, **fields)
    assert signed["signature"] == vector["signature"]
    if "new_key_seed" in vector:
        new_key = key_pair_from_seed(bytes.fromhex(vector["new_key_seed"]))
        proof = sign_statement(new_key, action, client_id, public_key=public_key, **fields)
        assert proof["signature"] == vector["new_key_signature"]


@pytest.mark.parametrize("case", INVALID, ids=[f"{c['field']}: {c['why']}" for c in INVALID])
def test_invalid_fields(case: Dict[str, Any]) -> None:
    with pytest.raises(Ed25519KeyError) as caught:
        CHECKS[case["field"]](case["value"])
    assert caught.value.error_code == case["code"]
