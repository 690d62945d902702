"""RedisReplayStore: SET NX PX semantics, a replay window shared by two processes' stores, both
client flavours, failing closed, and (where redis-server is installed) a real Redis."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import time
from pathlib import Path
from typing import Iterator

import fakeredis
import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from datafold_sdk.http_signatures import RequestSignatureError, verify_request_async
from datafold_sdk.http_signatures.redis_replay_store import DEFAULT_PREFIX, RedisReplayStore
from tests.support.server_process import free_port
from tests.support.signed_requests import NOW, URL, active_key, signed_headers, verify


def test_set_nx_px() -> None:
    client = fakeredis.FakeRedis()
    store = RedisReplayStore(client, now=lambda: 1000.0)
    assert store.not_before is None
    assert store.remember("app\nn1", 1_060_000) == "new"
    assert store.remember("app\nn1", 1_060_000) == "seen"
    ttl = client.pttl(DEFAULT_PREFIX + "app\nn1")
    assert 59_000 < ttl <= 60_000


def test_two_processes_share_one_window() -> None:
    server = fakeredis.FakeServer()
    first = RedisReplayStore(fakeredis.FakeRedis(server=server), now=lambda: NOW)
    second = RedisReplayStore(fakeredis.FakeRedis(server=server), now=lambda: NOW)
    headers = signed_headers()
    assert verify(headers, store=first)
    with pytest.raises(RequestSignatureError) as caught:
        verify(headers, store=second)
    assert caught.value.error_code == "REQUEST_SIGNATURE_REPLAYED"


def test_asyncio_client() -> None:
    store = RedisReplayStore(fakeredis.FakeAsyncRedis(), now=lambda: NOW)
    headers = signed_headers()

    async def once() -> None:
        await verify_request_async(
            "GET", URL, headers, b"", resolve_key=active_key, replay_store=store, now=NOW
        )

    async def twice() -> str:
        await once()
        try:
            await once()
        except RequestSignatureError as error:
            return error.error_code
        return "ok"

    assert asyncio.run(twice()) == "REQUEST_SIGNATURE_REPLAYED"


def test_an_unreachable_redis_fails_closed() -> None:
    no_retries = Retry(NoBackoff(), 0)
    store = RedisReplayStore(redis.Redis(port=free_port(), retry=no_retries))
    with pytest.raises(RequestSignatureError) as caught:
        verify(signed_headers(), store=store, now=NOW)
    assert caught.value.error_code == "REPLAY_STORE_UNAVAILABLE"


@pytest.fixture()
def redis_url(tmp_path: Path) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed; fakeredis covers the store")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--save", "", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while True:
        try:
            redis.from_url(url).ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.05)
    yield url
    process.terminate()
    process.wait(timeout=10)


def test_a_real_redis(redis_url: str) -> None:
    store = RedisReplayStore.from_url(redis_url)
    headers = signed_headers()
    assert verify(headers, store=store)
    with pytest.raises(RequestSignatureError) as caught:
        verify(headers, store=RedisReplayStore.from_url(redis_url))
    assert caught.value.error_code == "REQUEST_SIGNATURE_REPLAYED"
