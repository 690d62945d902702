"""A client registered on the real DataFold server, and the echo app served by uvicorn behind
``DataFoldSignatureMiddleware`` that resolves keys through that server."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Iterator

import pytest

from datafold_sdk.http_signatures import DataFoldSignatureMiddleware
from datafold_sdk.keys.generate import generate_key_pair
from datafold_sdk.keys.types import Ed25519KeyPair
from datafold_sdk.server.http_client import DataFoldHttpClient
from tests.support.asgi_server import RunningApp, echo_app, serve_asgi
from tests.support.server_process import ServerProcess

KEY_CACHE_TTL = 1.0
"""The guarded app's key cache, short so a revocation test waits little."""


@dataclass
class Registered:
    """A client id registered on the server with ``pair``."""

    client_id: str
    pair: Ed25519KeyPair


@pytest.fixture()
def registered(server: ServerProcess) -> Registered:
    client_id = f"py-signed-{secrets.token_hex(6)}"
    pair = generate_key_pair()
    with DataFoldHttpClient(server.url) as http:
        http.register_public_key(pair, client_id)
    return Registered(client_id, pair)


@pytest.fixture()
def guarded(server: ServerProcess) -> Iterator[RunningApp]:
    """The echo app behind the middleware, keys from the real server."""
    app = DataFoldSignatureMiddleware(echo_app, server_url=server.url, key_cache_ttl=KEY_CACHE_TTL)
    with serve_asgi(app) as running:
        wait_past_birth(app)
        yield running


def wait_past_birth(app: DataFoldSignatureMiddleware) -> None:
    """Sleeps until the app's memory replay store takes signatures made now: its ``not_before``
    is its birth rounded up to the second (spec §3.1), so a request signed in that first partial
    second is TOO_OLD by design."""
    not_before = app.replay_store.not_before
    if not_before is not None:
        time.sleep(max(0.0, not_before - time.time()))
