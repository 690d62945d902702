"""Keys from passwords return every parameter needed to derive them again."""

from __future__ import annotations

from datafold_sdk import derive_key_argon2id, derive_key_pbkdf2


def test_password_kdfs_return_their_parameters() -> None:
    key, params = derive_key_pbkdf2("pw", salt=bytes(16), iterations=100000)
    assert params == {
        "algorithm": "PBKDF2",
        "hash": "SHA-256",
        "salt": bytes(16),
        "iterations": 100000,
        "length": 32,
    }
    assert derive_key_pbkdf2("pw", salt=bytes(16), iterations=100000)[0] == key
    key, params = derive_key_argon2id("pw", salt=bytes(16), memory=19456, iterations=2)
    assert (params["memory"], params["iterations"], params["parallelism"]) == (19456, 2, 1)
