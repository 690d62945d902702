"""KeyRotationManager over the key directory: versions, reasons, cleanup, HKDF rotation."""

from __future__ import annotations

from typing import List

import pytest

from datafold_sdk import (
    Ed25519KeyError,
    KeyRotationManager,
    RotationPolicy,
    SecureKeyStorage,
    generate_key_pair,
)
from datafold_sdk.rotation.derive_rotation_key_pair import derive_rotation_key_pair
from tests.support.codes import CodeCase, assert_codes
from tests.support.storage import PASS


@pytest.fixture()
def manager(storage: SecureKeyStorage) -> KeyRotationManager:
    """A rotation manager over the test's file storage."""
    return KeyRotationManager(storage)


def test_rotation_lifecycle(manager: KeyRotationManager) -> None:
    first = generate_key_pair()
    policy = RotationPolicy(rotation_interval_days=90, max_versions=2)
    assert manager.initialize_key_rotation("svc", first, policy, PASS)["version"] == 1
    assert manager.list_managed_keys() == ["svc"]
    assert manager.check_rotation_due("svc") is False
    second, info = manager.rotate_key("svc", PASS, "scheduled")
    assert (info["new_version"], info["previous_version"], info["reason"]) == (2, 1, "scheduled")
    assert manager.get_current_key("svc", PASS) == second
    assert manager.get_key_version("svc", 1, PASS) == first
    master = bytes(range(32))
    third, info = manager.rotate_key("svc", PASS, master_key=master, derivation_method="HKDF")
    assert third == derive_rotation_key_pair("rederive", "svc", 3, master)
    assert info["derivation_method"] == "rederive"
    history = manager.get_rotation_metadata("svc")["history"]
    assert [(h["version"], h["method"], h["reason"]) for h in history] == [
        (1, "initial", "created"),
        (2, "regenerate", "scheduled"),
        (3, "rederive", "manual"),
    ]
    assert info["removed_versions"] == [1]  # max_versions=2 keeps 2 and 3
    versions = manager.list_key_versions("svc")
    assert [(v["version"], v["current"]) for v in versions] == [(2, False), (3, True)]
    assert manager.get_key_version("svc", 1, PASS) is None
    assert manager.get_rotation_metadata("svc")["policy"] == {
        "rotation_interval_days": 90,
        "max_versions": 2,
        "auto_cleanup": True,
    }
    fourth, info = manager.rotate_key("svc", PASS, derivation_method="derive")
    assert fourth == derive_rotation_key_pair("derive", "svc", 4, third.private_key)
    manager.delete_key_completely("svc")
    assert manager.list_managed_keys() == []


def test_rotation_refusals(manager: KeyRotationManager) -> None:
    manager.initialize_key_rotation("svc", generate_key_pair(), RotationPolicy(), PASS)
    cases: List[CodeCase] = [
        (lambda: manager.rotate_key("svc", "wrong passphrase!"), "DECRYPTION_FAILED"),
        (lambda: manager.rotate_key("nope", PASS), "KEY_NOT_FOUND"),
        (lambda: manager.rotate_key("svc", PASS, derivation_method="HKDF"), "INVALID_ARGUMENT"),
        (lambda: RotationPolicy(max_versions=0), "INVALID_ARGUMENT"),
        (lambda: RotationPolicy(derivation_method="md5"), "UNSUPPORTED_ALGORITHM"),
        (lambda: manager.delete_key_completely("nope"), "KEY_NOT_FOUND"),
    ]
    assert_codes(cases)
    assert len(manager.list_key_versions("svc")) == 1


def test_initialize_adopts_a_key_stored_with_the_same_pair(manager: KeyRotationManager) -> None:
    storage = manager.storage
    pair = generate_key_pair()
    stored = storage.store_key("svc", pair, PASS, metadata={"name": "Service key"})
    policy = RotationPolicy(rotation_interval_days=30, max_versions=3)

    first = manager.initialize_key_rotation("svc", pair, policy, PASS)
    again = manager.initialize_key_rotation("svc", pair, policy, PASS)

    assert (first["version"], first["adopted"], again["version"]) == (1, True, 1)
    [only] = storage.list_versions("svc")
    assert only["metadata"]["name"] == "Service key"
    assert only["metadata"]["rotation"] == {
        "policy": {"rotation_interval_days": 30, "max_versions": 3, "auto_cleanup": True},
        "history": [
            {
                "version": 1,
                "from_version": None,
                "at": stored.created_at,
                "reason": "adopted",
                "method": "initial",
            }
        ],
    }
    assert storage.retrieve_key("svc", PASS) == pair
    assert manager.check_rotation_due("svc") is False
    _, info = manager.rotate_key("svc", PASS)
    assert (info["previous_version"], info["new_version"]) == (1, 2)


def test_initialize_refuses_another_key_unless_overwrite(manager: KeyRotationManager) -> None:
    pair, other = generate_key_pair(), generate_key_pair()
    manager.storage.store_key("svc", pair, PASS)
    with pytest.raises(Ed25519KeyError) as caught:
        manager.initialize_key_rotation("svc", other, RotationPolicy(), PASS)
    assert caught.value.error_code == "KEY_ALREADY_EXISTS"
    assert "overwrite=True" in str(caught.value)
    with pytest.raises(Ed25519KeyError) as wrong:
        manager.initialize_key_rotation("svc", pair, RotationPolicy(), "another passphrase ok")
    assert wrong.value.error_code == "DECRYPTION_FAILED"

    replaced = manager.initialize_key_rotation("svc", other, RotationPolicy(), PASS, overwrite=True)

    assert (replaced["version"], replaced["adopted"]) == (2, False)
    assert manager.get_current_key("svc", PASS) == other
    history = manager.get_rotation_metadata("svc")["history"]
    assert [(h["version"], h["reason"]) for h in history] == [(2, "created")]
