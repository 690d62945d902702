"""Rotation after the highest version was made non-current and deleted (spec/key-rotation-v1.md
§4): every face targets the store's next number, one past the highest ever assigned, so the
rotation writes at once, with a derived seed bound to the number it is stored as. The cross-face
case runs Python, the CLI and the JS SDK's file store in turn on one key directory."""

from __future__ import annotations

import json
from typing import Any, List

from datafold_sdk import KeyRotationManager, RotationPolicy, SecureKeyStorage, key_pair_from_seed
from datafold_sdk.rotation.derive_rotation_key_pair import derive_rotation_key_pair
from tests.support.node import DataFoldCli, run_js
from tests.support.storage import FLOOR_KDF, PASS, file_storage

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


def test_python_rotates_after_the_top_version_is_deleted(storage: SecureKeyStorage) -> None:
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


def test_cli_js_and_python_rotate_one_directory_after_deletions(cli: DataFoldCli) -> None:
    cli("init", "--security-level", "interactive")
    keys = cli.key_directory
    storage = file_storage(keys)
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
    by_js = run_js(JS_ROTATE, str(keys), json.dumps(FLOOR_KDF), env=cli.env, timeout=120)
    assert by_js == {"previous": 2, "version": 5}
    _expect_derived(storage, 5)

    # Python: 5 deleted, 2 current -> version 6.
    _make_top_non_current_and_delete(storage, 5)
    _, info = manager.rotate_key("app", PASS, derivation_method="derive")
    assert (info["previous_version"], info["new_version"]) == (2, 6)
    assert _versions(storage) == [[1, False], [2, False], [6, True]]
    _expect_derived(storage, 6)
