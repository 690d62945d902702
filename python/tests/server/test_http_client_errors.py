"""Every error code a real datafold-server answers surfaces as ServerCommunicationError with that
code and the HTTP status of spec/errors.json; failures on our side are coded too."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Callable, Iterator, List, Tuple

import pytest

from datafold_sdk.errors import ERROR_REGISTRY, Ed25519KeyError, ServerCommunicationError
from datafold_sdk.keys.generate import generate_key_pair
from datafold_sdk.server.http_client import DataFoldHttpClient
from datafold_sdk.server.statements import sign_statement
from datafold_sdk.signatures.sign import sign
from tests.support.server_process import ServerProcess, free_port, start_server


def _expect(code: str, run: Callable[[], Any]) -> ServerCommunicationError:
    with pytest.raises(ServerCommunicationError) as caught:
        run()
    error = caught.value
    assert error.error_code == code, error.message
    assert error.status_code == ERROR_REGISTRY[code].http_status
    return error


@pytest.fixture()
def http(server: ServerProcess) -> Iterator[DataFoldHttpClient]:
    with DataFoldHttpClient(server.url) as client:
        yield client


def test_wire_protocol_codes(http: DataFoldHttpClient) -> None:
    pair = generate_key_pair()
    http.register_public_key(pair, "py-errors")
    reg = "/api/crypto/keys/register"
    verify = "/api/crypto/signatures/verify"
    good_sig = sign("m", pair.private_key).hex()
    _expect("INVALID_PUBLIC_KEY", lambda: http.request("POST", reg, {"public_key": "zz"}))
    _expect("INVALID_PUBLIC_KEY", lambda: http.request("POST", reg, {"public_key": "00" * 32}))
    _expect(
        "CLIENT_ALREADY_REGISTERED",
        lambda: http.register_public_key(generate_key_pair(), "py-errors"),
    )
    _expect("DUPLICATE_PUBLIC_KEY", lambda: http.register_public_key(pair, "py-errors-2"))
    _expect("CLIENT_NOT_FOUND", lambda: http.get_key_status("py-nobody"))
    _expect("INVALID_CLIENT_ID", lambda: http.request("POST", verify, {"client_id": ""}))
    _expect(
        "INVALID_MESSAGE",
        lambda: http.request("POST", verify, {"client_id": "py-errors", "message": ""}),
    )
    body = {"client_id": "py-errors", "message": "m", "signature": "ab"}
    _expect("INVALID_SIGNATURE", lambda: http.request("POST", verify, body))
    body = {**body, "signature": good_sig, "message_encoding": "rot13"}
    _expect("INVALID_ENCODING", lambda: http.request("POST", verify, body))
    # The wire's 401 for a signature that does not verify ...
    body = {"client_id": "py-errors", "message": "other", "signature": good_sig}
    _expect("SIGNATURE_VERIFICATION_FAILED", lambda: http.request("POST", verify, body))
    # ... which the client turns into verified=False (the document's result shape).
    rejected = http.verify_signature("py-errors", "other", bytes.fromhex(good_sig))
    assert (rejected.verified, rejected.error_code, rejected.public_key) == (
        False,
        "SIGNATURE_VERIFICATION_FAILED",
        None,
    )
    assert rejected.message_hash == hashlib.sha256(b"other").hexdigest()
    assert not rejected
    accepted = http.verify_signature("py-errors", "m", bytes.fromhex(good_sig))
    assert accepted and accepted.message_hash == hashlib.sha256(b"m").hexdigest()
    _expect(
        "INVALID_REQUEST",
        lambda: http.request(
            "POST", reg, content=b"{not json", headers={"content-type": "application/json"}
        ),
    )
    _expect("NOT_FOUND", lambda: http.request("GET", "/api/no-such-route"))
    big = {"client_id": "py-errors", "message": "x" * (2 * 1024 * 1024), "signature": good_sig}
    _expect("PAYLOAD_TOO_LARGE", lambda: http.request("POST", verify, big))


def test_statement_codes(http: DataFoldHttpClient, server: ServerProcess) -> None:
    pair = generate_key_pair()
    http.register_public_key(pair, "py-statements")
    revoke = "/api/crypto/keys/revoke"
    fields = sign_statement(pair, "revoke", "py-statements")
    _expect(
        "INVALID_STATEMENT",
        lambda: http.request(
            "POST", revoke, {"client_id": "py-statements", **fields, "nonce": "x"}
        ),
    )
    old = sign_statement(pair, "revoke", "py-statements", timestamp="2020-01-01T00:00:00.000Z")
    _expect(
        "STATEMENT_EXPIRED",
        lambda: http.request("POST", revoke, {"client_id": "py-statements", **old}),
    )
    other = sign_statement(
        generate_key_pair(), "revoke", "py-statements", public_key=pair.public_key.hex()
    )
    _expect(
        "SIGNATURE_VERIFICATION_FAILED",
        lambda: http.request("POST", revoke, {"client_id": "py-statements", **other}),
    )
    new_pair = generate_key_pair()
    forged_proof = sign_statement(
        generate_key_pair(), "register", "py-proof", public_key=new_pair.public_key.hex()
    )
    proof_body = {
        "client_id": "py-proof",
        "public_key": new_pair.public_key.hex(),
        "proof": forged_proof,
    }
    _expect("INVALID_PROOF", lambda: http.request("POST", "/api/crypto/keys/register", proof_body))
    # A nonce is accepted once per client, whatever the action (spec/http-statements.md §4).
    proof_nonce = "ab" * 16
    again = generate_key_pair()
    http.request(
        "POST",
        "/api/crypto/keys/register",
        {
            "client_id": "py-replay-2",
            "public_key": again.public_key.hex(),
            "proof": sign_statement(again, "register", "py-replay-2", nonce=proof_nonce),
        },
    )
    replay = sign_statement(again, "revoke", "py-replay-2", nonce=proof_nonce)
    _expect(
        "REPLAY_DETECTED",
        lambda: http.request("POST", revoke, {"client_id": "py-replay-2", **replay}),
    )
    _expect(
        "UNAUTHORIZED",
        lambda: http.request(
            "POST",
            revoke,
            {"client_id": "py-statements"},
            headers={"authorization": "Bearer dfk_not_a_token"},
        ),
    )
    _expect(
        "FORBIDDEN",
        lambda: http.request(
            "POST",
            revoke,
            {"client_id": "py-statements"},
            headers={"authorization": f"Bearer {server.auditor_token}"},
        ),
    )
    http.revoke_key("py-statements", pair)
    _expect("KEY_NOT_ACTIVE", lambda: http.revoke_key("py-statements", pair))


def test_strict_server_codes(tmp_path: Path) -> None:
    strict = start_server(
        tmp_path / "strict", {"DATAFOLD_REQUIRE_PROOF": "1", "DATAFOLD_RATE_LIMIT_IP": "5"}
    )
    try:
        with DataFoldHttpClient(strict.url) as http:
            _expect(
                "PROOF_REQUIRED",
                lambda: http.register_public_key(generate_key_pair(), "p1", prove_possession=False),
            )
            http.register_public_key(generate_key_pair(), "p2")
            error = None
            for _ in range(20):
                try:
                    http.get_key_status("p2")
                except ServerCommunicationError as caught:
                    error = caught
                    break
            assert error is not None
            assert (error.error_code, error.status_code) == ("RATE_LIMITED", 429)
    finally:
        strict.stop()


def test_client_side_failures_are_coded() -> None:
    with DataFoldHttpClient(f"http://127.0.0.1:{free_port()}", timeout=2) as http:
        _expect_local = pytest.raises(ServerCommunicationError)
        with _expect_local as caught:
            http.get_key_status("anyone")
        assert caught.value.error_code == "NETWORK_ERROR"
        assert caught.value.status_code is None
        cases: List[Tuple[Callable[[], object], str]] = [
            (lambda: http.get_key_status("bad id"), "INVALID_CLIENT_ID"),
            (lambda: http.verify_signature("ok", "m", b"short"), "INVALID_SIGNATURE"),
            (lambda: http.verify_signature("ok", b"\xff", bytes(64)), "INVALID_MESSAGE"),
            (lambda: http.verify_signature("ok", "m", bytes(64), "rot13"), "INVALID_ENCODING"),
        ]
        for run, code in cases:
            with pytest.raises(Ed25519KeyError) as local:
                run()
            assert local.value.error_code == code
    with pytest.raises(Ed25519KeyError) as bad_url:
        DataFoldHttpClient("ftp://example")
    assert bad_url.value.error_code == "INVALID_ARGUMENT"
