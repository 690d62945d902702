"""RFC 9421 Appendix B.2.6 (Ed25519 over the B.2 test request, key test-key-ed25519 of
Appendix B.1.4), reproduced byte for byte: the signature base, Signature-Input and Signature.

The RFC's values are written here as the RFC prints them (RFC 8792 line wrapping undone);
vectors/http-signatures/rfc9421-b26.json, when present, is checked against the same code."""

from __future__ import annotations

import base64
from typing import Any, Dict, List, Tuple

import pytest
from cryptography.hazmat.primitives import serialization

from datafold_sdk.http_signatures.http_message import HttpMessage
from datafold_sdk.http_signatures.parse_structured_field import parse_dictionary
from datafold_sdk.http_signatures.signature_base import signature_base
from datafold_sdk.http_signatures.structured_fields import InnerList, Item, serialize_dictionary
from datafold_sdk.keys.from_seed import key_pair_from_seed
from datafold_sdk.signatures.sign import sign
from datafold_sdk.signatures.verify import verify
from tests.support.repo import VECTORS, load_vectors

# RFC 9421 Appendix B.1.4, test-key-ed25519 (PKCS #8 and SPKI PEM).
PRIVATE_PEM = b"""-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF
-----END PRIVATE KEY-----
"""
PUBLIC_PEM = b"""-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=
-----END PUBLIC KEY-----
"""

# RFC 9421 Appendix B.2, the test request.
METHOD = "POST"
TARGET_URI = "https://example.com/foo?param=Value&Pet=dog"
HEADERS: List[Tuple[str, str]] = [
    ("Host", "example.com"),
    ("Date", "Tue, 20 Apr 2021 02:07:55 GMT"),
    ("Content-Type", "application/json"),
    (
        "Content-Digest",
        "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:",
    ),
    ("Content-Length", "18"),
]
BODY = b'{"hello": "world"}'

# RFC 9421 Appendix B.2.6.
SIGNATURE_BASE = "\n".join(
    [
        '"date": Tue, 20 Apr 2021 02:07:55 GMT',
        '"@method": POST',
        '"@path": /foo',
        '"@authority": example.com',
        '"content-type": application/json',
        '"content-length": 18',
        '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" '
        '"content-length");created=1618884473;keyid="test-key-ed25519"',
    ]
)
SIGNATURE_INPUT = (
    'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length")'
    ';created=1618884473;keyid="test-key-ed25519"'
)
SIGNATURE = "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:"  # noqa: E501 (the RFC value, whole)


def _seed_and_public() -> Tuple[bytes, bytes]:
    private = serialization.load_pem_private_key(PRIVATE_PEM, None)
    seed = private.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    public = serialization.load_pem_public_key(PUBLIC_PEM).public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return seed, public


def reproduce(
    method: str,
    target_uri: str,
    headers: List[Tuple[str, str]],
    body: bytes,
    label: str,
    components: List[str],
    params: Dict[str, Any],
    seed: bytes,
) -> Tuple[bytes, str, str]:
    """The signature base, Signature-Input and Signature our code makes for these inputs."""
    message = HttpMessage.of(method, target_uri, headers, body)
    inner = InnerList([Item(name) for name in components], dict(params))
    base = signature_base(message, inner)
    signature = sign(base, seed)
    return (
        base,
        serialize_dictionary({label: inner}),
        serialize_dictionary({label: Item(signature)}),
    )


def test_b26_byte_for_byte() -> None:
    seed, public = _seed_and_public()
    assert key_pair_from_seed(seed).public_key == public
    components = ["date", "@method", "@path", "@authority", "content-type", "content-length"]
    params = {"created": 1618884473, "keyid": "test-key-ed25519"}
    base, signature_input, signature = reproduce(
        METHOD, TARGET_URI, HEADERS, BODY, "sig-b26", components, params, seed
    )
    assert base == SIGNATURE_BASE.encode("ascii")
    assert signature_input == SIGNATURE_INPUT
    assert signature == SIGNATURE


def test_b26_parsed_back_verifies() -> None:
    _, public = _seed_and_public()
    message = HttpMessage.of(METHOD, TARGET_URI, HEADERS, BODY)
    inner = parse_dictionary(SIGNATURE_INPUT)["sig-b26"]
    assert isinstance(inner, InnerList)
    signature = parse_dictionary(SIGNATURE)["sig-b26"]
    assert isinstance(signature, Item) and isinstance(signature.value, bytes)
    assert verify(signature.value, signature_base(message, inner), public)


@pytest.mark.skipif(
    not (VECTORS / "http-signatures" / "rfc9421-b26.json").exists(),
    reason="vectors/http-signatures/rfc9421-b26.json is written by the JS core branch",
)
def test_b26_vector_file() -> None:
    vector = load_vectors("http-signatures/rfc9421-b26.json")
    request = vector["request"]
    body = base64.b64decode(request.get("body_base64") or "")
    seed = bytes.fromhex(vector["private_key_hex"])
    assert key_pair_from_seed(seed).public_key.hex() == vector["public_key_hex"]
    base, signature_input, signature = reproduce(
        request["method"],
        request["target_uri"],
        [(n, v) for n, v in request["headers"]],
        body,
        vector["label"],
        vector["components"],
        vector["params"],
        seed,
    )
    assert base.decode("ascii") == vector["signature_base"]
    assert signature_input == vector["signature_input"]
    assert signature == vector["signature"]
    assert (signature_input, signature) == (SIGNATURE_INPUT, SIGNATURE)
