"""Conditional writes (spec/key-rotation-v1.md §2): ``add_version`` with an expected version or
current version writes only if the store still matches, and a lost race is a recognisable
conflict (``is_version_conflict``)."""

from __future__ import annotations

import pytest

from datafold_sdk import SecureKeyStorage, key_pair_from_seed
from datafold_sdk.errors.exceptions import Ed25519KeyError, StorageError
from datafold_sdk.storage.version_conflict import is_version_conflict
from tests.support.storage import PASS

KEY_ID = "svc"
ORIGINAL = key_pair_from_seed(bytes([9]) * 32)


def test_conditional_write_refuses_a_moved_version_or_pointer(storage: SecureKeyStorage) -> None:
    storage.store_key(KEY_ID, ORIGINAL, PASS)
    fresh = key_pair_from_seed(bytes([3]) * 32)
    with pytest.raises(StorageError) as stale:
        storage.add_version(KEY_ID, fresh, PASS, expected_version=3)
    assert stale.value.error_code == "STORAGE_LOCKED"
    assert is_version_conflict(stale.value)
    assert stale.value.details == {
        "key_id": KEY_ID,
        "conflict": True,
        "expected_version": 3,
        "version": 2,
    }
    assert "version 2" in stale.value.message
    with pytest.raises(StorageError) as moved:
        storage.add_version(KEY_ID, fresh, PASS, expected_current_version=2)
    assert is_version_conflict(moved.value)
    assert moved.value.details["current_version"] == 1
    for bad in (0, True, "2", 1_000_000_000):
        with pytest.raises(Ed25519KeyError) as caught:
            storage.add_version(KEY_ID, fresh, PASS, expected_version=bad)  # type: ignore[arg-type]
        assert caught.value.error_code == "INVALID_ARGUMENT"
    assert [v["version"] for v in storage.list_versions(KEY_ID)] == [1]
    assert not is_version_conflict(StorageError("held", "STORAGE_LOCKED"))
    assert not is_version_conflict(ValueError("STORAGE_LOCKED"))
    written = storage.add_version(
        KEY_ID, fresh, PASS, expected_version=2, expected_current_version=1
    )
    assert written.version == 2
    assert storage.current_version(KEY_ID) == 2
