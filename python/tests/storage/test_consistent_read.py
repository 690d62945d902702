"""Lock-free readers of the key directory (spec/key-file-v1.md §9) while another process replaces
the key: every read sees one consistent key."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from datafold_sdk import SecureKeyStorage, key_pair_from_seed
from tests.support.storage import PASS
from tests.support.workers import KEY_ID, replace_worker

ORIGINAL = key_pair_from_seed(bytes([9]) * 32)


def test_lock_free_readers_see_a_consistent_key_while_another_process_replaces_it(
    storage: SecureKeyStorage, keys_dir: Path
) -> None:
    """spec/key-file-v1.md §9: a reader between a writer's steps (pointer moved, old version
    deleted) reads again instead of reporting a missing version or a corrupt pointer."""
    storage.store_key(KEY_ID, ORIGINAL, PASS)
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    results = ctx.Queue()
    writer = ctx.Process(target=replace_worker, args=(str(keys_dir), 25, barrier, results))
    writer.start()
    barrier.wait(timeout=120)
    reads = 0
    while writer.is_alive():
        listed = storage.list_versions(KEY_ID)
        assert sum(1 for v in listed if v["current"]) == 1
        assert storage.current_version(KEY_ID) is not None
        reads += 1
    writer.join(timeout=60)
    assert results.get(timeout=60) == ("ok", 25)
    assert reads > 0
    pair = storage.retrieve_key(KEY_ID, PASS)
    assert pair is not None
    assert pair.public_key.hex() == storage.list_versions(KEY_ID)[0]["public_key"]
