"""DataFoldSignatureMiddleware: in front of a real app (uvicorn) with keys from a real
datafold-server, refusals in the server's envelope with spec §4's status, revocation and
rotation honoured within the key cache's TTL; and its edges, called directly as ASGI."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any, Dict, List, MutableMapping, Optional, Tuple

import httpx

from datafold_sdk.http_signatures import (
    ACCEPT_SIGNATURE,
    DataFoldHttpxAuth,
    DataFoldSignatureMiddleware,
    MemoryReplayStore,
    ResolvedKey,
)
from datafold_sdk.http_signatures.replay_store import Remembered
from datafold_sdk.keys.generate import generate_key_pair
from datafold_sdk.server.http_client import DataFoldHttpClient
from tests.http_signatures.conftest import KEY_CACHE_TTL, Registered
from tests.support.asgi_server import RunningApp, echo_app
from tests.support.server_process import ServerProcess, free_port
from tests.support.signed_requests import PAIR, signed_headers


def error_code(answer: httpx.Response) -> str:
    payload = answer.json()
    assert payload["success"] is False and set(payload["error"]) == {"code", "message", "details"}
    code: str = payload["error"]["code"]
    return code


def signed(registered: Registered, url: str, body: Optional[bytes] = None) -> httpx.Request:
    method = "POST" if body is not None else "GET"
    request = httpx.Request(method, url, content=body)
    auth = DataFoldHttpxAuth(registered.client_id, registered.pair.private_key)
    return next(auth.auth_flow(request))


def test_refusals_over_http(guarded: RunningApp, registered: Registered) -> None:
    with httpx.Client() as client:
        answer = client.get(f"{guarded.url}/items")
        assert answer.status_code == 401 and error_code(answer) == "REQUEST_SIGNATURE_MISSING"
        assert answer.headers["accept-signature"] == ACCEPT_SIGNATURE
        stranger = Registered("py-never-registered", generate_key_pair())
        answer = client.send(signed(stranger, f"{guarded.url}/items"))
        assert answer.status_code == 401 and error_code(answer) == "REQUEST_SIGNATURE_UNKNOWN_KEY"
        # The same signed request twice: the second is a replay.
        request = signed(registered, f"{guarded.url}/items")
        assert client.send(request).status_code == 200
        answer = client.send(request)
        assert answer.status_code == 401 and error_code(answer) == "REQUEST_SIGNATURE_REPLAYED"
        # Content that is not what was signed.
        original = signed(registered, f"{guarded.url}/items", b'{"n": 1}')
        headers = {k: v for k, v in original.headers.items() if k != "content-length"}
        forged = httpx.Request("POST", original.url, headers=headers, content=b'{"n": 2}')
        answer = client.send(forged)
        assert answer.status_code == 400 and error_code(answer) == "CONTENT_DIGEST_MISMATCH"
        assert "accept-signature" not in answer.headers


def refused_within(guarded: RunningApp, registered: Registered, code: str) -> float:
    """Seconds until a freshly signed request is refused with ``code``."""
    start = time.monotonic()
    with httpx.Client() as client:
        while time.monotonic() - start < KEY_CACHE_TTL + 5:
            answer = client.send(signed(registered, f"{guarded.url}/items"))
            if answer.status_code != 200:
                assert error_code(answer) == code
                return time.monotonic() - start
            time.sleep(0.05)
    raise AssertionError(f"not refused with {code}")


def test_a_revoked_key_is_refused_within_the_ttl(
    server: ServerProcess, guarded: RunningApp, registered: Registered
) -> None:
    with httpx.Client() as client:
        assert client.send(signed(registered, f"{guarded.url}/items")).status_code == 200
    with DataFoldHttpClient(server.url) as http:
        http.revoke_key(registered.client_id, registered.pair, "lost")
    elapsed = refused_within(guarded, registered, "REQUEST_SIGNATURE_INACTIVE_KEY")
    assert elapsed <= KEY_CACHE_TTL + 0.5


def test_a_rotated_key_is_refused_within_the_ttl(
    server: ServerProcess, guarded: RunningApp, registered: Registered
) -> None:
    with httpx.Client() as client:
        assert client.send(signed(registered, f"{guarded.url}/items")).status_code == 200
    new_pair = generate_key_pair()
    with DataFoldHttpClient(server.url) as http:
        http.rotate_key(registered.client_id, registered.pair, new_pair)
    elapsed = refused_within(guarded, registered, "REQUEST_SIGNATURE_INVALID")
    assert elapsed <= KEY_CACHE_TTL + 0.5
    with httpx.Client() as client:
        rotated = Registered(registered.client_id, new_pair)
        assert client.send(signed(rotated, f"{guarded.url}/items")).status_code == 200


# Direct ASGI calls, for the edges a real server makes hard to reach.

Sent = List[MutableMapping[str, Any]]


def call(
    app: DataFoldSignatureMiddleware,
    scope: Dict[str, Any],
    chunks: Tuple[bytes, ...] = (b"",),
) -> Sent:
    messages = [
        {"type": "http.request", "body": chunk, "more_body": i < len(chunks) - 1}
        for i, chunk in enumerate(chunks)
    ]
    sent: Sent = []

    async def receive() -> MutableMapping[str, Any]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent


def http_scope(
    headers: List[Tuple[str, str]], path: str = "/items", query: str = "sort=new"
) -> Dict[str, Any]:
    return {
        "type": "http",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "headers": [(k.encode(), v.encode()) for k, v in headers],
    }


def status_and_code(sent: Sent) -> Tuple[int, str]:
    body = json.loads(sent[1]["body"])
    return sent[0]["status"], body["error"]["code"]


def signed_ahead() -> float:
    """A second from now, within the clock skew: a fresh memory store's ``not_before`` is its
    birth rounded up to the second (spec §3.1), so a signature made before ``local()`` builds
    the store would be TOO_OLD."""
    return time.time() + 1


def local(**options: Any) -> DataFoldSignatureMiddleware:
    return DataFoldSignatureMiddleware(
        echo_app,
        resolve_key=lambda client_id: ResolvedKey.active(PAIR.public_key),
        **options,
    )


def test_public_url_names_the_signed_origin() -> None:
    headers = signed_headers(url="https://api.example/items?sort=new", now=signed_ahead())
    app = local(public_url="https://API.example:443")
    sent = call(app, http_scope([("host", "10.0.0.7:8000"), *headers]))
    assert sent[0]["status"] == 200
    # Without it, the Host field and the connection's scheme make the URI, and it differs.
    sent = call(local(), http_scope([("host", "10.0.0.7:8000"), *headers]))
    assert status_and_code(sent) == (401, "REQUEST_SIGNATURE_INVALID")
    sent = call(local(), http_scope(headers))
    assert status_and_code(sent) == (400, "REQUEST_SIGNATURE_MALFORMED")  # no Host


def test_body_bounds_streams_and_disconnects() -> None:
    body = b"x" * 10
    headers = signed_headers(
        "GET", "http://h/items?sort=new", [("host", "h")], body, now=signed_ahead()
    )
    scope = http_scope([("host", "h"), *headers])
    sent = call(local(), scope, (body[:4], body[4:]))
    assert sent[0]["status"] == 200  # the body is read whole, then handed on
    assert status_and_code(call(local(max_body_bytes=9), scope, (body,))) == (
        413,
        "PAYLOAD_TOO_LARGE",
    )
    assert call(local(), scope, ()) == []  # the client left: nothing is answered


def test_fail_closed_and_other_scopes() -> None:
    headers = [("host", "h"), *signed_headers(url="http://h/items?sort=new", now=signed_ahead())]

    class Down(MemoryReplayStore):
        def remember(self, key: str, expires_at_ms: int) -> Remembered:
            raise OSError("down")

    sent = call(local(replay_store=Down()), http_scope(headers))
    assert status_and_code(sent) == (503, "REPLAY_STORE_UNAVAILABLE")
    assert (b"retry-after", b"1") in sent[0]["headers"]
    # The key server cannot be reached: refused, never let through.
    closed = DataFoldSignatureMiddleware(echo_app, server_url=f"http://127.0.0.1:{free_port()}")
    sent = call(closed, http_scope(headers))
    assert status_and_code(sent) == (503, "SERVICE_UNAVAILABLE")
    # WebSockets cannot be verified: closed. Lifespan passes through.
    sent = call(local(), {"type": "websocket", "headers": []})
    assert sent == [{"type": "websocket.close", "code": 1008}]
    seen: List[str] = []

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        seen.append(scope["type"])

    guarded = DataFoldSignatureMiddleware(inner, resolve_key=lambda c: ResolvedKey.unknown())
    call(guarded, {"type": "lifespan"})
    assert seen == ["lifespan"]
