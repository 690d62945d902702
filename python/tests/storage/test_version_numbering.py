"""Key version numbers are never reused (spec/key-file-v1.md §2, §8-§9): ``K.current`` records the
highest version ever assigned, Python and Node honour it in one shared directory, and an
old-style pointer without the member still works."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List

import pytest

from datafold_sdk import DataFoldError
from datafold_sdk.keys.from_seed import key_pair_from_seed
from datafold_sdk.storage.secure_key_storage import SecureKeyStorage
from tests.support.node import run_js
from tests.support.storage import FLOOR_KDF, PASS, file_storage

# Runs a list of steps against the Node file store in a directory; prints each step's result.
JS = """
import { createFileKeyStorage } from '@datafold/js-sdk/node';
import { keyPairFromSeed } from '@datafold/js-sdk';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const job = JSON.parse(input);
const storage = createFileKeyStorage({ directory: job.directory, kdfParams: job.kdf });
const out = [];
for (const step of job.steps) {
  if (step.op === 'add') {
    const pair = await keyPairFromSeed(new Uint8Array(32).fill(step.seed));
    out.push(await storage.storeKeyVersion(step.key, pair, job.passphrase,
      { makeCurrent: step.current ?? true }));
  } else if (step.op === 'set') {
    out.push(await storage.setCurrentVersion(step.key, step.version) ?? null);
  } else if (step.op === 'delete') {
    out.push(await storage.deleteKeyVersion(step.key, step.version));
  } else {
    out.push((await storage.listVersions(step.key)).map((v) => v.version));
  }
}
process.stdout.write(JSON.stringify(out));
"""


def _node(keys_dir: Path, steps: List[Dict[str, Any]]) -> List[Any]:
    job = {"directory": str(keys_dir), "kdf": FLOOR_KDF, "passphrase": PASS, "steps": steps}
    answer: List[Any] = run_js(JS, job=job)
    return answer


def _pair(n: int) -> Any:
    return key_pair_from_seed(bytes([n]) * 32)


def _pointer(keys_dir: Path, key_id: str) -> Dict[str, Any]:
    doc: Dict[str, Any] = json.loads((keys_dir / f"{key_id}.current").read_text("utf-8"))
    return doc


def _three_versions_two_current(storage: SecureKeyStorage, key_id: str) -> None:
    storage.store_key(key_id, _pair(1), PASS)
    assert storage.add_version(key_id, _pair(2), PASS).version == 2
    assert storage.add_version(key_id, _pair(3), PASS).version == 3
    storage.set_current_version(key_id, 2)


def test_deleted_top_version_is_not_reused(storage: SecureKeyStorage, keys_dir: Path) -> None:
    _three_versions_two_current(storage, "app")
    assert storage.delete_version("app", 3) is True
    assert _pointer(keys_dir, "app") == {
        "format": "datafold-key-current",
        "version": 1,
        "key_id": "app",
        "current": 2,
        "highest": 3,
    }
    assert storage.add_version("app", _pair(4), PASS).version == 4
    assert [v["version"] for v in storage.list_versions("app")] == [1, 2, 4]
    assert storage.retrieve_version("app", 4, PASS) == _pair(4)


def test_old_style_pointer_still_works_and_is_upgraded(
    storage: SecureKeyStorage, keys_dir: Path
) -> None:
    _three_versions_two_current(storage, "app")
    old = {"format": "datafold-key-current", "version": 1, "key_id": "app", "current": 2}
    (keys_dir / "app.current").write_text(json.dumps(old), "utf-8")
    assert storage.current_version("app") == 2
    assert storage.retrieve_key("app", PASS) == _pair(2)
    storage.delete_version("app", 3)
    assert _pointer(keys_dir, "app")["highest"] == 3
    assert storage.add_version("app", _pair(4), PASS).version == 4


def test_recorded_highest_and_unknown_members(storage: SecureKeyStorage, keys_dir: Path) -> None:
    storage.store_key("app", _pair(1), PASS)
    pointer = _pointer(keys_dir, "app")
    (keys_dir / "app.current").write_text(
        json.dumps({**pointer, "highest": 7, "future_member": [1]}), "utf-8"
    )
    assert storage.current_version("app") == 1
    assert storage.add_version("app", _pair(2), PASS).version == 8


@pytest.mark.parametrize("bad", ["7", 0, 1.5, -1, 1_000_000_000, None, True])
def test_invalid_highest_is_refused_by_writers_and_repaired(
    storage: SecureKeyStorage, keys_dir: Path, bad: Any
) -> None:
    storage.store_key("app", _pair(1), PASS)
    (keys_dir / "app.current").write_text(
        json.dumps({**_pointer(keys_dir, "app"), "highest": bad}), "utf-8"
    )
    assert storage.current_version("app") == 1
    with pytest.raises(DataFoldError) as caught:
        storage.add_version("app", _pair(2), PASS)
    assert caught.value.error_code == "STORAGE_CORRUPTED"
    storage.set_current_version("app", 1)
    assert _pointer(keys_dir, "app")["highest"] == 1
    assert storage.add_version("app", _pair(2), PASS).version == 2


def test_a_key_deleted_whole_starts_again_at_one(storage: SecureKeyStorage, keys_dir: Path) -> None:
    _three_versions_two_current(storage, "app")
    assert storage.delete_key("app") is True
    assert sorted(p.name for p in keys_dir.iterdir()) == []
    assert storage.store_key("app", _pair(5), PASS).version == 1


def test_python_deletes_then_node_adds(storage: SecureKeyStorage, keys_dir: Path) -> None:
    _three_versions_two_current(storage, "app")
    storage.delete_version("app", 3)
    assert _node(
        keys_dir, [{"op": "add", "key": "app", "seed": 4}, {"op": "list", "key": "app"}]
    ) == [
        4,
        [1, 2, 4],
    ]
    assert storage.retrieve_key("app", PASS) == _pair(4)


def test_node_deletes_then_python_adds(keys_dir: Path) -> None:
    steps: List[Dict[str, Any]] = [{"op": "add", "key": "app", "seed": n} for n in (1, 2, 3)]
    steps += [
        {"op": "set", "key": "app", "version": 2},
        {"op": "delete", "key": "app", "version": 3},
    ]
    assert _node(keys_dir, steps) == [1, 2, 3, None, True]
    storage = file_storage(keys_dir)
    assert storage.add_version("app", _pair(4), PASS).version == 4
    assert [v["version"] for v in storage.list_versions("app")] == [1, 2, 4]


def test_node_adds_without_moving_the_pointer_then_python_deletes_and_adds(
    storage: SecureKeyStorage, keys_dir: Path
) -> None:
    storage.store_key("app", _pair(1), PASS)
    assert _node(keys_dir, [{"op": "add", "key": "app", "seed": 2, "current": False}]) == [2]
    assert storage.current_version("app") == 1
    storage.delete_version("app", 2)
    assert storage.add_version("app", _pair(3), PASS).version == 3
