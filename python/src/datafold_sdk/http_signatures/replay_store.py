"""Replay stores (spec §3.1): the interface, and the bounded store of one process.

Example:
    >>> store = MemoryReplayStore(now=lambda: 1000.0)
    >>> store.remember("app\\nnonce", 2_000_000), store.remember("app\\nnonce", 2_000_000)
    ('new', 'seen')
    >>> store.not_before
    1000
"""

from __future__ import annotations

import heapq
import math
import threading
import time
from typing import Awaitable, Callable, Dict, List, Literal, Optional, Protocol, Tuple, Union

from datafold_sdk.errors.exceptions import ValidationError

Remembered = Literal["new", "seen"]


class ReplayStore(Protocol):
    """Where nonces are recorded. ``remember`` answers ``"new"`` the first time a key is seen
    before ``expires_at_ms`` and ``"seen"`` after; it raises when the store cannot be reached, and
    the verifier then refuses (REPLAY_STORE_UNAVAILABLE). ``remember`` may be a coroutine
    function for ``verify_request_async``."""

    @property
    def not_before(self) -> Optional[int]:
        """Signatures created before this instant (seconds) are refused as TOO_OLD."""

    def remember(self, key: str, expires_at_ms: int) -> Union[Remembered, Awaitable[Remembered]]:
        """Records ``key`` until ``expires_at_ms``; says whether it was new."""


class ReplayStoreFullError(RuntimeError):
    """A memory store holding its maximum of live nonces: the verifier refuses, never forgets."""


def replay_key(client_id: str, nonce: str) -> str:
    """The store's key of a nonce: the client id and the nonce on two lines."""
    return f"{client_id}\n{nonce}"


class MemoryReplayStore:
    """The replay store of one process: at most ``max_entries`` live nonces, and ``not_before``
    its own birth rounded up to the second, so nothing signed before a restart can be replayed
    after it (spec §3.1; ``created`` has one-second resolution, so a signature made in the birth's
    own second may predate it).

    A full store fails closed, as the JS store does: with ``max_entries`` live nonces and none
    expired, ``remember`` raises and the verifier answers REPLAY_STORE_UNAVAILABLE. Forgetting a
    live nonce to make room would let that nonce be replayed. Size ``max_entries`` for the
    requests of one maximum age.
    """

    def __init__(
        self, *, max_entries: int = 100_000, now: Optional[Callable[[], float]] = None
    ) -> None:
        if isinstance(max_entries, bool) or not isinstance(max_entries, int) or max_entries < 1:
            raise ValidationError("max_entries must be a positive integer", "INVALID_ARGUMENT")
        self._now = now or time.time
        self._max = max_entries
        self._expiry: Dict[str, int] = {}
        self._heap: List[Tuple[int, str]] = []
        self._lock = threading.Lock()
        self._born = math.ceil(self._now())

    @property
    def not_before(self) -> int:
        """The store's birth, in seconds since the epoch."""
        return self._born

    def remember(self, key: str, expires_at_ms: int) -> Remembered:
        """``"new"`` and recorded, or ``"seen"`` while an earlier record is alive."""
        now_ms = self._now() * 1000
        with self._lock:
            self._purge(now_ms)
            if key in self._expiry:
                return "seen"
            if len(self._expiry) >= self._max:
                raise ReplayStoreFullError(f"the memory replay store holds {self._max} live nonces")
            self._expiry[key] = expires_at_ms
            heapq.heappush(self._heap, (expires_at_ms, key))
            return "new"

    def __len__(self) -> int:
        return len(self._expiry)

    def _purge(self, now_ms: float) -> None:
        while self._heap and self._heap[0][0] <= now_ms:
            _, key = heapq.heappop(self._heap)
            self._expiry.pop(key, None)
