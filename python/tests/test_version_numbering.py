"""Key version numbers are never reused (spec/key-file-v1.md §2, §8-§9): ``K.current`` records the
highest version ever assigned, Python and Node honour it in one shared directory, and an
old-style pointer without the member still works."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

from datafold_sdk import DataFoldError
from datafold_sdk.keys.from_seed import key_pair_from_seed
from datafold_sdk.storage.secure_key_storage import SecureKeyStorage
from tests.conftest import REPO_ROOT
from tests.server_process import SDK_DIST, require_node_build

PASS = "correct horse battery staple"
CHEAP = {"memory": 19456, "iterations": 2, "parallelism": 1}

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


def _node(directory: Path, steps: List[Dict[str, Any]]) -> List[Any]:
    node = require_node_build(SDK_DIST)
    job = {"directory": str(directory), "kdf": CHEAP, "passphrase": PASS, "steps": steps}
    done = subprocess.run(
        [node, "--input-type=module", "-e", JS],
        input=json.dumps(job).encode(),
        capture_output=True,
        cwd=REPO_ROOT,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    answer: List[Any] = json.loads(done.stdout)
    return answer


def _storage(path: Path) -> SecureKeyStorage:
    return SecureKeyStorage(path, use_keyring=False, kdf_params=CHEAP)


def _pair(n: int) -> Any:
    return key_pair_from_seed(bytes([n]) * 32)


def _pointer(directory: Path, key_id: str) -> Dict[str, Any]:
    doc: Dict[str, Any] = json.loads((directory / f"{key_id}.current").read_text("utf-8"))
    return doc


def _three_versions_two_current(storage: SecureKeyStorage, key_id: str) -> None:
    storage.store_key(key_id, _pair(1), PASS)
    assert storage.add_version(key_id, _pair(2), PASS).version == 2
    assert storage.add_version(key_id, _pair(3), PASS).version == 3
    storage.set_current_version(key_id, 2)


def test_deleted_top_version_is_not_reused(tmp_path: Path) -> None:
    directory = tmp_path / "keys"
    storage = _storage(directory)
    _three_versions_two_current(storage, "app")
    assert storage.delete_version("app", 3) is True
    assert _pointer(directory, "app") == {
        "format": "datafold-key-current",
        "version": 1,
        "key_id": "app",
        "current": 2,
        "highest": 3,
    }
    assert storage.add_version("app", _pair(4), PASS).version == 4
    assert [v["version"] for v in storage.list_versions("app")] == [1, 2, 4]
    assert storage.retrieve_version("app", 4, PASS) == _pair(4)


def test_old_style_pointer_still_works_and_is_upgraded(tmp_path: Path) -> None:
    directory = tmp_path / "keys"
    storage = _storage(directory)
    _three_versions_two_current(storage, "app")
    old = {"format": "datafold-key-current", "version": 1, "key_id": "app", "current": 2}
    (directory / "app.current").write_text(json.dumps(old), "utf-8")
    assert storage.current_version("app") == 2
    assert storage.retrieve_key("app", PASS) == _pair(2)
    storage.delete_version("app", 3)
    assert _pointer(directory, "app")["highest"] == 3
    assert storage.add_version("app", _pair(4), PASS).version == 4


def test_recorded_highest_and_unknown_members(tmp_path: Path) -> None:
    directory = tmp_path / "keys"
    storage = _storage(directory)
    storage.store_key("app", _pair(1), PASS)
    pointer = _pointer(directory, "app")
    (directory / "app.current").write_text(
        json.dumps({**pointer, "highest": 7, "future_member": [1]}), "utf-8"
    )
    assert storage.current_version("app") == 1
    assert storage.add_version("app", _pair(2), PASS).version == 8


@pytest.mark.parametrize("bad", ["7", 0, 1.5, -1, 1_000_000_000, None, True])
def test_invalid_highest_is_refused_by_writers_and_repaired(tmp_path: Path, bad: Any) -> None:
    directory = tmp_path / "keys"
    storage = _storage(directory)
    storage.store_key("app", _pair(1), PASS)
    (directory / "app.current").write_text(
        json.dumps({**_pointer(directory, "app"), "highest": bad}), "utf-8"
    )
    assert storage.current_version("app") == 1
    with pytest.raises(DataFoldError) as caught:
        storage.add_version("app", _pair(2), PASS)
    assert caught.value.error_code == "STORAGE_CORRUPTED"
    storage.set_current_version("app", 1)
    assert _pointer(directory, "app")["highest"] == 1
    assert storage.add_version("app", _pair(2), PASS).version == 2


def test_a_key_deleted_whole_starts_again_at_one(tmp_path: Path) -> None:
    directory = tmp_path / "keys"
    storage = _storage(directory)
    _three_versions_two_current(storage, "app")
    assert storage.delete_key("app") is True
    assert sorted(p.name for p in directory.iterdir()) == []
    assert storage.store_key("app", _pair(5), PASS).version == 1


def test_python_deletes_then_node_adds(tmp_path: Path) -> None:
    directory = tmp_path / "keys"
    storage = _storage(directory)
    _three_versions_two_current(storage, "app")
    storage.delete_version("app", 3)
    assert _node(
        directory, [{"op": "add", "key": "app", "seed": 4}, {"op": "list", "key": "app"}]
    ) == [
        4,
        [1, 2, 4],
    ]
    assert storage.retrieve_key("app", PASS) == _pair(4)


def test_node_deletes_then_python_adds(tmp_path: Path) -> None:
    directory = tmp_path / "keys"
    steps: List[Dict[str, Any]] = [{"op": "add", "key": "app", "seed": n} for n in (1, 2, 3)]
    steps += [
        {"op": "set", "key": "app", "version": 2},
        {"op": "delete", "key": "app", "version": 3},
    ]
    assert _node(directory, steps) == [1, 2, 3, None, True]
    storage = _storage(directory)
    assert storage.add_version("app", _pair(4), PASS).version == 4
    assert [v["version"] for v in storage.list_versions("app")] == [1, 2, 4]


def test_node_adds_without_moving_the_pointer_then_python_deletes_and_adds(tmp_path: Path) -> None:
    directory = tmp_path / "keys"
    storage = _storage(directory)
    storage.store_key("app", _pair(1), PASS)
    assert _node(directory, [{"op": "add", "key": "app", "seed": 2, "current": False}]) == [2]
    assert storage.current_version("app") == 1
    storage.delete_version("app", 2)
    assert storage.add_version("app", _pair(3), PASS).version == 3


def test_keyring_backend_does_not_reuse_a_deleted_number() -> None:
    from datafold_sdk.storage.keyring_backend import KeyringBackend

    class DictKeyring:
        """The two calls the backend makes on the keyring module, kept in a dict: this machine
        has no working keyring, and a registered keyring backend class would outlive the test."""

        def __init__(self) -> None:
            self.items: Dict[Any, str] = {}

        def get_password(self, service: str, username: str) -> Optional[str]:
            return self.items.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.items[(service, username)] = password

    backend = KeyringBackend()
    backend._keyring = DictKeyring()  # type: ignore[assignment]
    for n in (1, 2, 3):
        assert backend.add("app", _pair(n), None, {}, must_be_new=False).version == n
    backend.set_current("app", 2)
    assert backend.delete_version("app", 3) is True
    assert backend.add("app", _pair(4), None, {}, must_be_new=False).version == 4
    assert backend.versions("app") == [1, 2, 4]
    # The rest of the version rules (version_rules.py), as the key directory follows them.
    assert backend.next_version("app") == 5
    staged = backend.add("app", _pair(5), None, {}, must_be_new=False, make_current=False)
    assert (staged.version, backend.current("app")) == (5, 4)
    backend.set_metadata("app", 5, {"name": "staged"})
    assert backend.info("app", 5).metadata == {"name": "staged"}
    assert backend.read("app", 5, None) == _pair(5)
    replaced = backend.add("app", _pair(6), None, {}, must_be_new=False, replace=True)
    assert (replaced.version, backend.versions("app"), backend.current("app")) == (6, [6], 6)
