"""The CLI's ``derive-key --context`` and the Python SDK give the same key for the same master
and context (spec/derivation-v1.md §2): ``signing`` is the info "signing", ``SIGNING`` the named
context datafold_signing_v1."""

from __future__ import annotations

from datafold_sdk import derive_ed25519_key_pair, derive_key_hkdf
from tests.support.node import DataFoldCli

SALT = bytes(range(16))


def test_cli_contexts_match_python(cli: DataFoldCli) -> None:
    cli("init", "--security-level", "interactive")
    master = bytes.fromhex(cli("retrieve-key", "--key-id", "master")["private_key"])
    for context, info in (
        ("signing", b"signing"),
        ("SIGNING", b"datafold_signing_v1"),
        ("data_encryption", b"data_encryption"),
        ("DATA_ENCRYPTION", b"datafold_data_encryption_v1"),
    ):
        derived = cli("derive-key", "--context", context, "--salt", SALT.hex())
        expected, _ = derive_key_hkdf(master, salt=SALT, info=info)
        assert derived["key"] == expected.hex(), context
    stored = cli("derive-key", "--context", "signing", "--output-key-id", "literal")
    pair, _ = derive_ed25519_key_pair(master, "signing")
    assert stored["public_key"] == pair.public_key.hex()
