"""The version rules against vectors/key-versions/version-rules.json, the cases the JS SDK's
versioned-store core is checked against too: one rule, two languages, the same answers."""

from __future__ import annotations

from typing import Any, Callable, Dict

import pytest

from datafold_sdk.errors.exceptions import Ed25519KeyError
from datafold_sdk.storage.version_conflict import is_version_conflict
from datafold_sdk.storage.version_rules import (
    MISSING,
    KeyState,
    current_version_of,
    next_version,
    plan_add,
    plan_delete,
    plan_set_current,
)
from tests.support.repo import load_vectors

VECTORS = load_vectors("key-versions/version-rules.json")


def _state(wire: Dict[str, Any]) -> KeyState:
    return KeyState(
        versions=tuple(wire["versions"]),
        pointer=wire.get("pointer"),
        highest=wire.get("highest", MISSING),
    )


def _expect_error(work: Callable[[], Any], vector: Dict[str, Any]) -> None:
    with pytest.raises(Ed25519KeyError) as caught:
        work()
    assert caught.value.error_code == vector["error"]
    assert is_version_conflict(caught.value) == (vector.get("conflict") is True)


@pytest.mark.parametrize("vector", VECTORS["next_version"], ids=lambda v: v["name"])
def test_next_version(vector: Dict[str, Any]) -> None:
    state = _state(vector["state"])
    if "error" in vector:
        _expect_error(lambda: next_version("app", state), vector)
        return
    assert next_version("app", state) == vector["next"]
    assert current_version_of(state) == vector["current"]


@pytest.mark.parametrize("vector", VECTORS["add"], ids=lambda v: v["name"])
def test_plan_add(vector: Dict[str, Any]) -> None:
    request = vector["request"]

    def plan() -> Any:
        return plan_add(
            "app",
            _state(vector["state"]),
            overwrite=request["overwrite"],
            replace=request["replace"],
            make_current=request["make_current"],
            expected_version=request.get("expected_version"),
            expected_current_version=request.get("expected_current_version"),
        )

    if "error" in vector:
        _expect_error(plan, vector)
        return
    got = plan()
    assert {
        "version": got.version,
        "current": got.current,
        "highest": got.highest,
        "remove": got.remove,
    } == vector["plan"]


@pytest.mark.parametrize("vector", VECTORS["delete"], ids=lambda v: v["name"])
def test_plan_delete(vector: Dict[str, Any]) -> None:
    def plan() -> Any:
        return plan_delete("app", _state(vector["state"]), vector["version"])

    if "error" in vector:
        _expect_error(plan, vector)
        return
    got = plan()
    if vector["plan"] is None:
        assert got is None
        return
    assert got is not None and got.version == vector["version"]
    assert {
        "current": got.current,
        "highest": got.highest,
        "rewrite_pointer": got.rewrite_pointer,
    } == vector["plan"]


@pytest.mark.parametrize("vector", VECTORS["set_current"], ids=lambda v: v["name"])
def test_plan_set_current(vector: Dict[str, Any]) -> None:
    def plan() -> Any:
        return plan_set_current("app", _state(vector["state"]), vector["version"])

    if "error" in vector:
        _expect_error(plan, vector)
        return
    got = plan()
    assert {"current": got.current, "highest": got.highest} == vector["plan"]
