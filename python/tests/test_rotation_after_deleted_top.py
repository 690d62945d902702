"""Rotation after the highest version was made non-current and deleted (spec/key-rotation-v1.md
§4): every face targets the store's next number, one past the highest ever assigned, so the
rotation writes at once, with a derived seed bound to the number it is stored as. The cross-face
case runs Python, the CLI and the JS SDK's file store in turn on one key directory."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict, List

from datafold_sdk import KeyRotationManager, RotationPolicy, SecureKeyStorage, key_pair_from_seed
from datafold_sdk.rotation.derive_rotation_key_pair import derive_rotation_key_pair
from tests.conftest import REPO_ROOT
from tests.server_process import SDK_DIST, require_node_build

PASS = "correct horse battery staple"
CHEAP = {"memory": 19456, "iterations": 2, "parallelism": 1}
CLI_BIN = REPO_ROOT / "packages" / "cli" / "bin" / "datafold_cli.js"
CLI_MAIN = REPO_ROOT / "packages" / "cli" / "dist" / "main.js"

# The JS SDK's rotation over the Node file store: the same key directory, another process.
JS_ROTATE = """
import { createFileKeyStorage } from '@datafold/js-sdk/node';
import { KeyRotationManager } from '@datafold/js-sdk';
const [directory, passphrase] = [process.argv[1], process.env.DATAFOLD_PASSPHRASE];
const storage = createFileKeyStorage({ directory, kdfParams: JSON.parse(process.argv[2]) });
const result = await new KeyRotationManager(storage).rotateKey('app', passphrase,
  { method: 'derive' });
process.stdout.write(JSON.stringify({ previous: result.previousVersion,
  version: result.newVersion }));
"""


def _versions(storage: SecureKeyStorage) -> List[List[Any]]:
    return [[v["version"], v["current"]] for v in storage.list_versions("app")]


def _make_top_non_current_and_delete(storage: SecureKeyStorage, top: int) -> None:
    storage.set_current_version("app", 2)
    assert storage.delete_version("app", top) is True


def _expect_derived(storage: SecureKeyStorage, version: int) -> None:
    """Version ``version`` is current and is the 'derive' rotation of version 2 to that number."""
    seed = storage.retrieve_version("app", 2, PASS)
    assert seed is not None
    expected = derive_rotation_key_pair("derive", "app", version, seed.private_key)
    assert storage.retrieve_key("app", PASS) == expected


def test_python_rotates_after_the_top_version_is_deleted(tmp_path: Path) -> None:
    storage = SecureKeyStorage(tmp_path / "keys", use_keyring=False, kdf_params=CHEAP)
    manager = KeyRotationManager(storage)
    manager.initialize_key_rotation("app", key_pair_from_seed(b"\x01" * 32), RotationPolicy(), PASS)
    manager.rotate_key("app", PASS)
    manager.rotate_key("app", PASS)
    _make_top_non_current_and_delete(storage, 3)
    assert storage.next_version("app") == 4

    _, info = manager.rotate_key("app", PASS, derivation_method="derive")

    assert (info["previous_version"], info["new_version"]) == (2, 4)
    assert _versions(storage) == [[1, False], [2, False], [4, True]]
    _expect_derived(storage, 4)


def test_cli_js_and_python_rotate_one_directory_after_deletions(tmp_path: Path) -> None:
    node = require_node_build(CLI_MAIN)
    require_node_build(SDK_DIST)
    home = tmp_path / "cli-home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "DATAFOLD_PASSPHRASE": PASS, "NO_COLOR": "1"}
    env.pop("DATAFOLD_CRYPTO_STORAGE", None)
    env.pop("DATAFOLD_CONFIG_PATH", None)

    def cli(*args: str) -> Dict[str, Any]:
        done = subprocess.run(
            [node, str(CLI_BIN), "crypto", *args, "--json"],
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stdout.decode() + done.stderr.decode()
        answer: Dict[str, Any] = json.loads(done.stdout)
        return answer

    cli("init", "--security-level", "interactive")
    keys = home / ".datafold" / "keys"
    storage = SecureKeyStorage(keys, use_keyring=False, kdf_params=CHEAP)
    manager = KeyRotationManager(storage)
    manager.initialize_key_rotation("app", key_pair_from_seed(b"\x02" * 32), RotationPolicy(), PASS)
    manager.rotate_key("app", PASS)
    manager.rotate_key("app", PASS)

    # The CLI: 3 deleted, 2 current -> version 4.
    _make_top_non_current_and_delete(storage, 3)
    rotated = cli("rotate-key", "--key-id", "app", "--method", "derive", "--keep-old")
    assert (rotated["previous_version"], rotated["new_version"]) == (2, 4)
    _expect_derived(storage, 4)

    # The JS SDK: 4 deleted, 2 current -> version 5.
    _make_top_non_current_and_delete(storage, 4)
    done = subprocess.run(
        [node, "--input-type=module", "-e", JS_ROTATE, str(keys), json.dumps(CHEAP)],
        capture_output=True,
        cwd=REPO_ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout) == {"previous": 2, "version": 5}
    _expect_derived(storage, 5)

    # Python: 5 deleted, 2 current -> version 6.
    _make_top_non_current_and_delete(storage, 5)
    _, info = manager.rotate_key("app", PASS, derivation_method="derive")
    assert (info["previous_version"], info["new_version"]) == (2, 6)
    assert _versions(storage) == [[1, False], [2, False], [6, True]]
    _expect_derived(storage, 6)
