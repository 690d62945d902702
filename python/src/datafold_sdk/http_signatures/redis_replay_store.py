"""``RedisReplayStore``: one replay window for every process that shares a Redis
(spec §3.1: ``SET key NX PX ttl``). Needs the ``redis`` extra.

Example:
    >>> import fakeredis
    >>> store = RedisReplayStore(fakeredis.FakeRedis(), now=lambda: 0)
    >>> store.remember("app\\nnonce", 60_000), store.remember("app\\nnonce", 60_000)
    ('new', 'seen')
"""

from __future__ import annotations

import inspect
import math
import time
from typing import Any, Awaitable, Callable, Optional, Union

from datafold_sdk.http_signatures.replay_store import Remembered

DEFAULT_PREFIX = "datafold:request-nonce:"


class RedisReplayStore:
    """Records nonces in Redis with ``SET NX PX``, so the first process to see a nonce wins and
    the key expires with the signature. ``client`` is a ``redis.Redis`` (use ``verify_request``)
    or a ``redis.asyncio.Redis`` (use ``verify_request_async`` or the middleware). A Redis error
    propagates, and the verifier refuses with REPLAY_STORE_UNAVAILABLE: it fails closed.

    ``not_before`` is None: processes sharing a store start at different times, and the store
    outlives them, so no birth rule is needed to stop replays across restarts.
    """

    def __init__(
        self,
        client: Any,
        *,
        prefix: str = DEFAULT_PREFIX,
        now: Optional[Callable[[], float]] = None,
    ) -> None:
        self._client = client
        self._prefix = prefix
        self._now = now or time.time

    @classmethod
    def from_url(
        cls, url: str, *, asyncio: bool = False, prefix: str = DEFAULT_PREFIX
    ) -> RedisReplayStore:
        """A store on ``redis.from_url(url)`` (``REDIS_URL``), asyncio's client when asked."""
        if asyncio:
            import redis.asyncio as redis_asyncio

            return cls(redis_asyncio.from_url(url), prefix=prefix)
        import redis

        return cls(redis.from_url(url), prefix=prefix)

    @property
    def not_before(self) -> Optional[int]:
        """None: a shared store refuses replays by itself (see the class)."""
        return None

    def remember(self, key: str, expires_at_ms: int) -> Union[Remembered, Awaitable[Remembered]]:
        """``"new"`` when this call set the key, ``"seen"`` when it was already there."""
        ttl = max(1, math.ceil(expires_at_ms - self._now() * 1000))
        answer = self._client.set(self._prefix + key, b"1", nx=True, px=ttl)
        if inspect.isawaitable(answer):
            return _verdict_of(answer)
        return "new" if answer else "seen"


async def _verdict_of(answer: Awaitable[Any]) -> Remembered:
    return "new" if await answer else "seen"
