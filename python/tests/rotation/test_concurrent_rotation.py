"""Concurrent rotations of one key (spec/key-rotation-v1.md §2, §4): writers in separate
processes (and, across languages, a Node process) share one key directory; every rotation keeps
its version, versions stay consecutive, each derived version is the derivation of the number it
is stored as, and the current version's history holds every rotation."""

from __future__ import annotations

import json
import multiprocessing
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest

from datafold_sdk import KeyRotationManager, RotationPolicy, SecureKeyStorage, key_pair_from_seed
from datafold_sdk.errors.exceptions import StorageError
from datafold_sdk.rotation.derive_rotation_key_pair import derive_rotation_key_pair
from datafold_sdk.rotation.write_rotated_version import MAX_ROTATION_ATTEMPTS
from datafold_sdk.storage.version_conflict import is_version_conflict
from tests.support.node import SDK_DIST, require_node_build
from tests.support.repo import REPO_ROOT
from tests.support.storage import FLOOR_KDF, PASS
from tests.support.workers import KEY_ID, open_manager, rotate_worker

MASTER = bytes([0x5A]) * 32
ORIGINAL = key_pair_from_seed(bytes([9]) * 32)


def _create(directory: Path) -> KeyRotationManager:
    manager = open_manager(directory)
    # A large max_versions: clean-up would hide a lost version.
    manager.initialize_key_rotation(KEY_ID, ORIGINAL, RotationPolicy(max_versions=100), PASS)
    return manager


def _start_writers(
    directory: Path, method: str, writers: int, count: int, extra_parties: int = 0
) -> Tuple[List[Any], Any, Any]:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(writers + extra_parties)
    results = ctx.Queue()
    master = MASTER.hex() if method == "rederive" else None
    processes = [
        ctx.Process(
            target=rotate_worker, args=(str(directory), method, count, master, barrier, results)
        )
        for _ in range(writers)
    ]
    for process in processes:
        process.start()
    return processes, barrier, results


def _collect(processes: List[Any], results: Any) -> List[Tuple[int, int]]:
    done: List[Tuple[int, int]] = []
    for _ in processes:
        status, value = results.get(timeout=300)
        assert status == "ok", value
        done.extend(tuple(pair) for pair in value)
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    return done


def _assert_consistent(
    manager: KeyRotationManager, method: str, rotations: List[Tuple[int, int]], writers: int = 0
) -> None:
    total = 1 + len(rotations)
    # Each rotation stored the version after the one it was made from, and none was lost.
    assert sorted(new for _, new in rotations) == list(range(2, total + 1))
    assert all(previous == new - 1 for previous, new in rotations)
    storage = manager.storage
    listed = storage.list_versions(KEY_ID)
    assert [v["version"] for v in listed] == list(range(1, total + 1))
    assert [v["version"] for v in listed if v["current"]] == [total]
    pairs = {v: storage.retrieve_version(KEY_ID, v, PASS) for v in range(1, total + 1)}
    assert pairs[1] == ORIGINAL
    for version in range(2, total + 1):
        pair = pairs[version]
        assert pair is not None
        if method == "derive":
            previous = pairs[version - 1]
            assert previous is not None
            again = derive_rotation_key_pair("derive", KEY_ID, version, previous.private_key)
            assert pair == again, f"version {version} is not the derivation of its number"
        elif method == "rederive":
            assert pair == derive_rotation_key_pair("rederive", KEY_ID, version, MASTER)
    # Two rotations from one seed to one number would have stored one key twice.
    assert len({p.public_key for p in pairs.values() if p is not None}) == total
    history = manager.get_rotation_metadata(KEY_ID)["history"]
    assert [(h["version"], h["from_version"]) for h in history] == [(1, None)] + [
        (v, v - 1) for v in range(2, total + 1)
    ]
    for record in history[1:]:
        assert record["method"] == method
        if method != "regenerate":
            assert record["derivation_version"] == record["version"]
    # Every version's own history ends with its own record: each was written from its
    # predecessor's metadata, not from a stale one.
    for item in listed:
        own = item["metadata"]["rotation"]["history"]
        assert [h["version"] for h in own] == list(range(1, item["version"] + 1))


@pytest.mark.parametrize("method", ["derive", "rederive", "regenerate"])
def test_concurrent_rotations_in_separate_processes(tmp_path: Path, method: str) -> None:
    directory = tmp_path / "keys"
    manager = _create(directory)
    processes, _, results = _start_writers(directory, method, writers=3, count=2)
    rotations = _collect(processes, results)
    _assert_consistent(manager, method, rotations)
    assert not (directory / f"{KEY_ID}.lock").exists()


# Rotates the key a number of times with the built JS SDK's file store, once told to start.
NODE_ROTATE = """
import { KeyRotationManager } from '@datafold/js-sdk';
import { createFileKeyStorage } from '@datafold/js-sdk/node';
const [directory, count, passphrase] = process.argv.slice(1);
const storage = createFileKeyStorage({ directory,
  kdfParams: { memory: 19456, iterations: 2, parallelism: 1 } });
const manager = new KeyRotationManager(storage);
process.stdout.write('ready\\n');
for await (const _ of process.stdin) break;
const out = [];
for (let i = 0; i < Number(count); i++) {
  const r = await manager.rotateKey('svc', passphrase, { method: 'derive', reason: 'scheduled' });
  out.push([r.previousVersion, r.newVersion]);
}
process.stdout.write(JSON.stringify({ out }) + '\\n');
process.exit(0);
"""


def test_concurrent_rotations_across_python_and_node(tmp_path: Path) -> None:
    node = require_node_build(SDK_DIST)
    directory = tmp_path / "keys"
    manager = _create(directory)
    node_rotations = 3
    js = subprocess.Popen(
        [node, "--input-type=module", "-e", NODE_ROTATE, str(directory), str(node_rotations), PASS],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO_ROOT,
    )
    try:
        assert js.stdout is not None and js.stdin is not None
        processes, barrier, results = _start_writers(
            directory, "derive", writers=2, count=2, extra_parties=1
        )
        assert js.stdout.readline().strip() == b"ready"
        barrier.wait(timeout=120)
        out, err = js.communicate(b"go\n", timeout=300)
        assert js.returncode == 0, err.decode()
        answer = json.loads(out)
        from_node = [tuple(pair) for pair in answer["out"]]
        rotations = _collect(processes, results) + from_node
    finally:
        if js.poll() is None:
            js.kill()
    assert len(from_node) == node_rotations
    _assert_consistent(manager, "derive", rotations)


class _Interloper(SecureKeyStorage):
    """A real store whose conditional writes always come just after another writer's: before
    each of the manager's writes, a second manager over the same directory rotates the key."""

    def __init__(self, directory: Path, wins: int) -> None:
        super().__init__(directory, use_keyring=False, kdf_params=FLOOR_KDF)
        self.other = open_manager(directory)
        self.wins = wins
        self.attempts: List[Dict[str, Optional[int]]] = []

    def add_version(self, *args: Any, **kwargs: Any) -> Any:
        self.attempts.append(
            {k: kwargs.get(k) for k in ("expected_version", "expected_current_version")}
        )
        if self.wins > 0:
            self.wins -= 1
            self.other.rotate_key(KEY_ID, PASS, derivation_method="regenerate")
        return super().add_version(*args, **kwargs)


def test_a_lost_conditional_write_is_prepared_again(tmp_path: Path) -> None:
    directory = tmp_path / "keys"
    _create(directory)
    storage = _Interloper(directory, wins=2)
    manager = KeyRotationManager(storage)
    pair, info = manager.rotate_key(KEY_ID, PASS, derivation_method="derive")
    # Two lost writes (versions 2 and 3 went to the other writer), then version 4 from 3.
    assert storage.attempts == [
        {"expected_version": 2, "expected_current_version": 1},
        {"expected_version": 3, "expected_current_version": 2},
        {"expected_version": 4, "expected_current_version": 3},
    ]
    assert (info["previous_version"], info["new_version"]) == (3, 4)
    third = storage.retrieve_version(KEY_ID, 3, PASS)
    assert third is not None
    assert pair == derive_rotation_key_pair("derive", KEY_ID, 4, third.private_key)
    history = manager.get_rotation_metadata(KEY_ID)["history"]
    assert [(h["version"], h["method"]) for h in history] == [
        (1, "initial"),
        (2, "regenerate"),
        (3, "regenerate"),
        (4, "derive"),
    ]


def test_rotation_gives_up_after_losing_every_attempt(tmp_path: Path) -> None:
    directory = tmp_path / "keys"
    _create(directory)
    storage = _Interloper(directory, wins=MAX_ROTATION_ATTEMPTS)
    manager = KeyRotationManager(storage)
    with pytest.raises(StorageError) as caught:
        manager.rotate_key(KEY_ID, PASS, derivation_method="derive")
    assert caught.value.error_code == "STORAGE_LOCKED"
    assert is_version_conflict(caught.value)
    assert len(storage.attempts) == MAX_ROTATION_ATTEMPTS
    # Only the other writer's versions were written.
    history = manager.get_rotation_metadata(KEY_ID)["history"]
    assert {h["method"] for h in history[1:]} == {"regenerate"}
    assert len(history) == 1 + MAX_ROTATION_ATTEMPTS
