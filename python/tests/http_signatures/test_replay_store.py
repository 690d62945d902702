"""The memory replay store: new then seen, expiry, its bound and its birth (spec §3.1)."""

from __future__ import annotations

import pytest

from datafold_sdk.errors import ValidationError
from datafold_sdk.http_signatures.replay_store import (
    MemoryReplayStore,
    ReplayStoreFullError,
    replay_key,
)


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_new_seen_and_expiry() -> None:
    clock = Clock(100.0)
    store = MemoryReplayStore(now=clock)
    assert store.not_before == 100
    key = replay_key("app", "n" * 22)
    assert key == "app\n" + "n" * 22
    assert store.remember(key, 101_000) == "new"
    assert store.remember(key, 101_000) == "seen"
    clock.now = 101.0  # expired at its instant
    assert store.remember(key, 102_000) == "new"
    assert len(store) == 1


def test_a_full_store_fails_closed_and_never_forgets_a_live_nonce() -> None:
    clock = Clock(0)
    store = MemoryReplayStore(max_entries=2, now=clock)
    assert store.remember("a", 5_000) == "new"
    assert store.remember("b", 1_000) == "new"
    with pytest.raises(ReplayStoreFullError):
        store.remember("c", 9_000)
    assert store.remember("a", 5_000) == "seen"
    assert store.remember("b", 1_000) == "seen"  # still refused: nothing live was dropped
    clock.now = 1.0  # b has expired: its room is free again
    assert store.remember("c", 9_000) == "new"
    assert len(store) == 2


def test_birth_is_rounded_up_to_the_second() -> None:
    assert MemoryReplayStore(now=Clock(100.25)).not_before == 101
    assert MemoryReplayStore(now=Clock(100.0)).not_before == 100


@pytest.mark.parametrize("bad", [0, -1, True, 1.5])
def test_bad_bounds(bad: object) -> None:
    with pytest.raises(ValidationError, match="max_entries"):
        MemoryReplayStore(max_entries=bad)  # type: ignore[arg-type]
