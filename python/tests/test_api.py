"""The public API as a whole: the seed's quick start, and coded errors for wrong types, lengths
and encodings across every layer of ``datafold_sdk``."""

from __future__ import annotations

from typing import Any

import datafold_sdk
from datafold_sdk import (
    Ed25519KeyPair,
    KeyBackupManager,
    clear_key_material,
    derive_key_argon2id,
    derive_key_hkdf,
    derive_key_pbkdf2,
    derive_key_scrypt,
    format_key,
    generate_key_pair,
    generate_multiple_key_pairs,
    parse_key,
    sign,
    verify,
)
from tests.support.codes import assert_codes

WRONG: Any = object()


def test_seed_quick_start() -> None:
    result = datafold_sdk.initialize_sdk()
    assert result["compatible"], result["warnings"]
    pair = datafold_sdk.generate_key_pair()
    assert len(format_key(pair.private_key, "hex")) == 64
    assert parse_key(format_key(pair.public_key, "base64"), "base64") == pair.public_key
    assert parse_key(format_key(pair.public_key, "bytes"), "bytes") == pair.public_key
    derived, params = derive_key_hkdf(master_key=pair.private_key, info=b"application_context")
    assert len(derived) == 32 and params["info"] == b"application_context"
    report = datafold_sdk.check_platform_compatibility()
    assert report["cryptography_available"] and report["os_entropy"]
    assert datafold_sdk.is_compatible()


def test_bad_input_is_coded() -> None:
    pair = generate_key_pair()
    assert_codes(
        [
            (lambda: generate_key_pair(entropy=bytes(31)), "INVALID_ENTROPY"),
            (lambda: generate_key_pair(entropy=WRONG), "INVALID_ENTROPY"),
            (lambda: generate_multiple_key_pairs(0), "INVALID_ARGUMENT"),
            (lambda: generate_multiple_key_pairs(WRONG), "INVALID_ARGUMENT"),
            (lambda: Ed25519KeyPair(bytes(64), bytes(32)), "INVALID_PRIVATE_KEY"),
            (lambda: Ed25519KeyPair(bytes(32), "ab"), "INVALID_PUBLIC_KEY"),  # type: ignore[arg-type]
            (lambda: sign(b"m", bytes(31)), "INVALID_PRIVATE_KEY"),
            (lambda: sign(WRONG, pair.private_key), "INVALID_ARGUMENT"),
            (lambda: verify(bytes(63), b"m", pair.public_key), "INVALID_SIGNATURE"),
            (lambda: verify(bytes(64), b"m", bytes(33)), "INVALID_PUBLIC_KEY"),
            (lambda: format_key(pair.public_key, "der"), "UNSUPPORTED_FORMAT"),
            (lambda: format_key(bytes(31), "hex"), "INVALID_KEY_FORMAT"),
            (lambda: format_key(pair.private_key, "pem"), "INVALID_ARGUMENT"),
            (lambda: format_key(pair, "hex"), "INVALID_ARGUMENT"),
            (lambda: parse_key("zz" * 32, "hex"), "INVALID_KEY_FORMAT"),
            (lambda: parse_key("00" * 31, "hex"), "INVALID_KEY_FORMAT"),
            (lambda: parse_key("AAAA", "base64"), "INVALID_KEY_FORMAT"),
            (lambda: parse_key(b"\x00" * 32, "hex"), "INVALID_KEY_FORMAT"),
            (lambda: parse_key("x", "der"), "UNSUPPORTED_FORMAT"),
            (lambda: derive_key_hkdf(bytes(15)), "INVALID_ARGUMENT"),
            (lambda: derive_key_hkdf(bytes(32), hash_algorithm="MD5"), "UNSUPPORTED_ALGORITHM"),
            (lambda: derive_key_hkdf(bytes(32), length=8), "INVALID_ARGUMENT"),
            (lambda: derive_key_pbkdf2("pw", iterations=1000), "KDF_PARAMS_UNSAFE"),
            (lambda: derive_key_pbkdf2("", iterations=100000), "INVALID_ARGUMENT"),
            (lambda: derive_key_pbkdf2("pw", salt=bytes(8)), "KDF_PARAMS_UNSAFE"),
            (lambda: derive_key_scrypt("pw", n=1000), "INVALID_ARGUMENT"),
            (lambda: derive_key_scrypt("pw", n=2**20, r=8), "KDF_PARAMS_UNSAFE"),
            (lambda: derive_key_argon2id("pw", memory=1024), "KDF_PARAMS_UNSAFE"),
            (lambda: derive_key_argon2id(WRONG), "INVALID_ARGUMENT"),
            (lambda: clear_key_material(WRONG), "INVALID_ARGUMENT"),
            (lambda: KeyBackupManager(preferred_kdf="bcrypt"), "UNSUPPORTED_ALGORITHM"),
        ]
    )
