"""Interop, both directions, with the independent PyPI implementation ``http-message-signatures``
(pyauth; Ed25519 through ``cryptography``): their signatures verify with ``verify_request``, and
ours (from both auth classes) verify with their ``HTTPMessageVerifier``, with and without body."""

from __future__ import annotations

import datetime
import json
from typing import Any, List, Tuple

import http_message_signatures as hms
import httpx
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from datafold_sdk.http_signatures import (
    DataFoldHttpxAuth,
    DataFoldRequestsAuth,
    MemoryReplayStore,
    RequestSignatureError,
    ResolvedKey,
    VerifiedRequest,
    verify_request,
)
from datafold_sdk.http_signatures.sign_request import new_nonce
from datafold_sdk.keys.generate import generate_key_pair

PAIR = generate_key_pair()
CLIENT_ID = "py-interop"
URL = "https://api.example:8443/v1/items?sort=new&page=2"
BODY = json.dumps({"name": "widget", "n": 1}).encode()
TAG = "datafold-request-v1"


class Keys(hms.HTTPSignatureKeyResolver):
    def resolve_public_key(self, key_id: str) -> Ed25519PublicKey:
        assert key_id == CLIENT_ID
        return Ed25519PublicKey.from_public_bytes(PAIR.public_key)

    def resolve_private_key(self, key_id: str) -> Ed25519PrivateKey:
        assert key_id == CLIENT_ID
        return Ed25519PrivateKey.from_private_bytes(PAIR.private_key)


def their_signature(prepared: requests.PreparedRequest, components: Tuple[str, ...]) -> None:
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    signer = hms.HTTPMessageSigner(signature_algorithm=hms.algorithms.ED25519, key_resolver=Keys())
    body = prepared.body if isinstance(prepared.body, bytes) else None
    signer.sign(
        prepared,
        key_id=CLIENT_ID,
        created=now,
        expires=now + datetime.timedelta(seconds=60),
        nonce=new_nonce(),
        label="pyhms",
        tag=TAG,
        covered_component_ids=components,
        body=body,
    )


def our_verify(prepared: requests.PreparedRequest) -> VerifiedRequest:
    body = prepared.body if isinstance(prepared.body, bytes) else b""
    return verify_request(
        str(prepared.method),
        str(prepared.url),
        [(name, str(value)) for name, value in prepared.headers.items()],
        body,
        resolve_key=lambda client_id: ResolvedKey.active(PAIR.public_key),
        replay_store=MemoryReplayStore(now=lambda: 0),
    )


def their_verify(message: Any, body: bytes) -> List[Any]:
    verifier = hms.HTTPMessageVerifier(
        signature_algorithm=hms.algorithms.ED25519, key_resolver=Keys()
    )
    return list(
        verifier.verify(
            message,
            expect_tag=TAG,
            max_age=datetime.timedelta(seconds=300),
            require_components=("@method", "@target-uri"),
            body=body,
        )
    )


def test_their_signer_our_verifier_without_body() -> None:
    for components in (("@method", "@target-uri"), ("@method", "@authority", "@path", "@query")):
        prepared = requests.Request("GET", URL).prepare()
        their_signature(prepared, components)
        verified = our_verify(prepared)
        assert (verified.client_id, verified.label) == (CLIENT_ID, "pyhms")
        assert verified.covered_components == list(components)


def test_their_signer_our_verifier_with_body() -> None:
    prepared = requests.Request(
        "POST", URL, data=BODY, headers={"Content-Type": "application/json"}
    ).prepare()
    their_signature(prepared, ("@method", "@target-uri", "content-type"))
    assert "Content-Digest" in prepared.headers
    verified = our_verify(prepared)
    assert "content-digest" in verified.covered_components
    prepared.body = BODY + b" "
    with pytest.raises(RequestSignatureError) as caught:
        our_verify(prepared)
    assert caught.value.error_code == "CONTENT_DIGEST_MISMATCH"


def test_our_requests_auth_their_verifier() -> None:
    auth = DataFoldRequestsAuth(CLIENT_ID, PAIR.private_key)
    plain = auth(requests.Request("GET", URL).prepare())
    [result] = their_verify(plain, b"")
    assert result.label == "datafold" and result.parameters["keyid"] == CLIENT_ID
    with_body = auth(requests.Request("PUT", URL, json={"name": "widget"}).prepare())
    assert isinstance(with_body.body, bytes)
    [result] = their_verify(with_body, with_body.body)
    assert result.body == with_body.body
    assert list(result.covered_components) == [
        '"@method"',
        '"@target-uri"',
        '"content-type"',
        '"content-digest"',
        '"@signature-params"',
    ]
    with pytest.raises(hms.InvalidSignature):
        their_verify(with_body, with_body.body + b" ")


def test_our_httpx_auth_their_verifier() -> None:
    auth = DataFoldHttpxAuth(CLIENT_ID, PAIR.private_key)
    for request in (
        httpx.Request("GET", URL),
        httpx.Request("POST", URL, content=BODY, headers={"content-type": "application/json"}),
    ):
        signed = next(auth.auth_flow(request))
        [result] = their_verify(signed, signed.content)
        assert result.parameters["tag"] == TAG and result.parameters["alg"] == "ed25519"
