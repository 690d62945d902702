"""Storage's boundary (spec/key-file-v1.md §2): every way into storage refuses a bad key id with
INVALID_KEY_ID and the reason of the one rule (``validate_key_id``), before anything below the
boundary runs: no file or directory is created, changed or removed, wherever the id points."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any, Callable, Dict, Set, Tuple

import pytest

from datafold_sdk import KeyRotationManager, RotationPolicy, SecureKeyStorage, key_pair_from_seed
from datafold_sdk.errors.exceptions import ValidationError
from datafold_sdk.utils.key_id import validate_key_id
from tests.support.storage import PASS

PAIR = key_pair_from_seed(bytes([7]) * 32)
BAD_IDS: Tuple[Any, ...] = ("../escape", "a/b", "", ".hidden", "x" * 101, "tab\tid", 7, None)

Entry = Callable[[SecureKeyStorage, Any], object]

STORAGE: Dict[str, Entry] = {
    "store_key": lambda s, k: s.store_key(k, PAIR, PASS),
    "add_version": lambda s, k: s.add_version(k, PAIR, PASS),
    "retrieve_key": lambda s, k: s.retrieve_key(k, PASS),
    "retrieve_version": lambda s, k: s.retrieve_version(k, 1, PASS),
    "list_versions": lambda s, k: s.list_versions(k),
    "current_version": lambda s, k: s.current_version(k),
    "next_version": lambda s, k: s.next_version(k),
    "set_version_metadata": lambda s, k: s.set_version_metadata(k, 1, {}),
    "set_current_version": lambda s, k: s.set_current_version(k, 1),
    "delete_version": lambda s, k: s.delete_version(k, 1),
    "delete_key": lambda s, k: s.delete_key(k),
}

ROTATION: Dict[str, Entry] = {
    "initialize_key_rotation": lambda s, k: KeyRotationManager(s).initialize_key_rotation(
        k, PAIR, RotationPolicy(), PASS
    ),
    "rotate_key": lambda s, k: KeyRotationManager(s).rotate_key(k, PASS),
    "get_current_key": lambda s, k: KeyRotationManager(s).get_current_key(k, PASS),
    "get_key_version": lambda s, k: KeyRotationManager(s).get_key_version(k, 1, PASS),
    "list_key_versions": lambda s, k: KeyRotationManager(s).list_key_versions(k),
    "get_rotation_metadata": lambda s, k: KeyRotationManager(s).get_rotation_metadata(k),
    "check_rotation_due": lambda s, k: KeyRotationManager(s).check_rotation_due(k),
    "delete_key_completely": lambda s, k: KeyRotationManager(s).delete_key_completely(k),
}


def _taking_a_key_id(cls: type) -> Set[str]:
    return {
        name
        for name, member in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_") and "key_id" in inspect.signature(member).parameters
    }


def _tree(root: Path) -> Dict[str, Tuple[int, int]]:
    return {
        str(path.relative_to(root)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in sorted(root.rglob("*"))
    }


def test_every_entry_taking_a_key_id_is_checked_here() -> None:
    assert _taking_a_key_id(SecureKeyStorage) == set(STORAGE)
    assert _taking_a_key_id(KeyRotationManager) == set(ROTATION)


@pytest.mark.parametrize("entry", sorted({**STORAGE, **ROTATION}))
def test_a_bad_key_id_is_refused_before_storage_is_touched(
    storage: SecureKeyStorage, tmp_path: Path, entry: str
) -> None:
    storage.store_key("good", PAIR, PASS)
    call = {**STORAGE, **ROTATION}[entry]
    before = _tree(tmp_path)
    for bad in BAD_IDS:
        with pytest.raises(ValidationError) as caught:
            call(storage, bad)
        assert caught.value.error_code == "INVALID_KEY_ID", bad
        assert caught.value.message == f"Invalid key id: {validate_key_id(bad)['reason']}", bad
        assert _tree(tmp_path) == before, bad
    assert storage.retrieve_key("good", PASS) == PAIR
