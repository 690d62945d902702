"""The memory replay store: new then seen, expiry, its bound and its birth (spec §3.1)."""

from __future__ import annotations

import pytest

from datafold_sdk.errors import ValidationError
from datafold_sdk.http_signatures.replay_store import MemoryReplayStore, replay_key


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


def test_the_bound_drops_the_entry_closest_to_expiry() -> None:
    store = MemoryReplayStore(max_entries=2, now=Clock(0))
    assert store.remember("a", 5_000) == "new"
    assert store.remember("b", 1_000) == "new"
    assert store.remember("c", 9_000) == "new"
    assert len(store) == 2
    assert store.remember("a", 5_000) == "seen"
    assert store.remember("b", 1_000) == "new"  # it was the one dropped


@pytest.mark.parametrize("bad", [0, -1, True, 1.5])
def test_bad_bounds(bad: object) -> None:
    with pytest.raises(ValidationError, match="max_entries"):
        MemoryReplayStore(max_entries=bad)  # type: ignore[arg-type]
