"""DataFoldHttpxAuth against a real route: uvicorn serving an echo app behind the middleware,
keys registered on a real datafold-server."""

from __future__ import annotations

import asyncio
import base64
import json

import httpx
import pytest

from datafold_sdk.errors import Ed25519KeyError
from datafold_sdk.http_signatures import DataFoldHttpxAuth, RequestSigner
from tests.http_signatures.conftest import Registered
from tests.support.asgi_server import RunningApp


def test_signed_requests_reach_the_app(guarded: RunningApp, registered: Registered) -> None:
    auth = DataFoldHttpxAuth(registered.client_id, registered.pair.private_key)
    with httpx.Client(base_url=guarded.url, auth=auth) as client:
        answer = client.get("/items", params={"q": "a b"})
        assert answer.status_code == 200, answer.text
        echoed = answer.json()
        assert echoed["client_id"] == echoed["state_client_id"] == registered.client_id
        assert echoed["covered"] == ["@method", "@target-uri"]
        body = json.dumps({"name": "widget"}).encode()
        answer = client.post("/items", content=body, headers={"content-type": "application/json"})
        assert answer.status_code == 200, answer.text
        echoed = answer.json()
        assert base64.b64decode(echoed["body"]) == body
        assert echoed["covered"][-2:] == ["content-type", "content-digest"]


def test_async_client(guarded: RunningApp, registered: Registered) -> None:
    async def call() -> httpx.Response:
        auth = DataFoldHttpxAuth(registered.client_id, registered.pair.private_key)
        async with httpx.AsyncClient(base_url=guarded.url, auth=auth) as client:
            return await client.delete("/items/1")

    answer = asyncio.run(call())
    assert answer.status_code == 200 and answer.json()["method"] == "DELETE"


def test_bad_arguments_fail_at_construction() -> None:
    for run, code in (
        (lambda: DataFoldHttpxAuth("bad id", bytes(32)), "INVALID_CLIENT_ID"),
        (lambda: DataFoldHttpxAuth("app", bytes(31)), "INVALID_PRIVATE_KEY"),
        (lambda: DataFoldHttpxAuth("app", bytes(32), components=["X-A"]), "INVALID_ARGUMENT"),
        (
            lambda: RequestSigner("app", bytes(32), expires_in=0).fields(
                "GET", "https://a/", {}, None
            ),
            "INVALID_ARGUMENT",
        ),
        (
            lambda: RequestSigner("app", bytes(32)).fields("GET", "ftp://a/", {}, None),
            "INVALID_ARGUMENT",
        ),
    ):
        with pytest.raises(Ed25519KeyError) as caught:
            run()
        assert caught.value.error_code == code
