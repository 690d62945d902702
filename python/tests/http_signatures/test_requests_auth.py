"""DataFoldRequestsAuth against a real route (uvicorn, the middleware, a real datafold-server),
with a key given as a seed and one taken from storage."""

from __future__ import annotations

import base64

import pytest
import requests

from datafold_sdk.errors import Ed25519KeyError
from datafold_sdk.http_signatures import DataFoldRequestsAuth, RequestSigner
from datafold_sdk.storage.secure_key_storage import SecureKeyStorage
from tests.http_signatures.conftest import Registered
from tests.support.asgi_server import RunningApp
from tests.support.storage import PASS


def test_signed_requests_reach_the_app(guarded: RunningApp, registered: Registered) -> None:
    auth = DataFoldRequestsAuth(registered.client_id, registered.pair.private_key)
    answer = requests.get(f"{guarded.url}/items?page=2", auth=auth, timeout=10)
    assert answer.status_code == 200, answer.text
    assert answer.json()["client_id"] == registered.client_id
    answer = requests.post(f"{guarded.url}/items", json={"name": "wïdget"}, auth=auth, timeout=10)
    assert answer.status_code == 200, answer.text
    assert base64.b64decode(answer.json()["body"]) == b'{"name": "w\\u00efdget"}'
    # Text is sent as the UTF-8 that was signed.
    answer = requests.put(f"{guarded.url}/notes", data="naïve", auth=auth, timeout=10)
    assert answer.status_code == 200, answer.text
    assert base64.b64decode(answer.json()["body"]) == "naïve".encode()


def test_a_stored_key(
    guarded: RunningApp, registered: Registered, storage: SecureKeyStorage
) -> None:
    storage.store_key("api-key", registered.pair, PASS)
    auth = DataFoldRequestsAuth.from_storage(registered.client_id, "api-key", PASS, storage=storage)
    assert isinstance(auth, DataFoldRequestsAuth)
    answer = requests.get(f"{guarded.url}/me", auth=auth, timeout=10)
    assert answer.status_code == 200 and answer.json()["client_id"] == registered.client_id
    with pytest.raises(Ed25519KeyError) as caught:
        RequestSigner.from_storage("app", "no-such-key", PASS, storage=storage)
    assert caught.value.error_code == "KEY_NOT_FOUND"


def test_a_streamed_body_cannot_be_signed() -> None:
    auth = DataFoldRequestsAuth("app", bytes(32))
    prepared = requests.Request("POST", "https://a.example/", data=iter([b"x"])).prepare()
    with pytest.raises(Ed25519KeyError) as caught:
        auth(prepared)
    assert caught.value.error_code == "INVALID_ARGUMENT"
