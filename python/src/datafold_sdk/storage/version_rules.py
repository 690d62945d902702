"""The version rules every versioned key store follows (spec/key-file-v1.md §2, §8, §9;
spec/key-rotation-v1.md §2-§4), as the JS SDK's ``versioned-store-core.ts`` states them.

A backend reads a key's state while it holds the key (the key directory's ``K.lock``, the keyring
writers' lock), asks for a plan, and writes it down: the new version's number (one past the
highest ever assigned, so a deleted version's number is never given to another key), which
version is current afterwards, what the pointer records, which versions go. Both languages are
checked against the same cases, ``vectors/key-versions/version-rules.json``.

Example:
    >>> state = KeyState(versions=(1, 2), pointer=2, highest=3)
    >>> next_version("app", state)
    4
    >>> plan_add("app", state, overwrite=True, make_current=True).version
    4
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Sequence

from datafold_sdk.errors.exceptions import StorageError, ValidationError
from datafold_sdk.storage.version_conflict import MAX_VERSION, assert_expected_version


class _Missing:
    """The pointer records no ``highest`` (a pointer written before the member existed)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()
"""The ``highest`` of a state whose pointer does not record one."""


@dataclass(frozen=True)
class KeyState:
    """What a store knows about one key: the versions present, the version the pointer names
    (None: no pointer) and the pointer's ``highest`` as stored (MISSING when absent)."""

    versions: Sequence[int] = ()
    pointer: Optional[int] = None
    highest: object = field(default=MISSING)


@dataclass(frozen=True)
class AddPlan:
    """What a store writes for a new version, in order: the version, the pointer, the removals."""

    version: int
    current: int
    highest: int
    remove: List[int]


@dataclass(frozen=True)
class DeletePlan:
    """The pointer's ``highest`` to record before one version's removal, and whether it must be
    rewritten for that."""

    version: int
    current: int
    highest: int
    rewrite_pointer: bool


@dataclass(frozen=True)
class SetCurrentPlan:
    """The pointer after a swing."""

    current: int
    highest: int


def _is_version(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_VERSION


def _check_version(version: object) -> int:
    if not _is_version(version):
        raise ValidationError(
            f"version must be an integer from 1 to {MAX_VERSION}", "INVALID_ARGUMENT"
        )
    assert isinstance(version, int)
    return version


def highest_assigned(key_id: str, state: KeyState) -> int:
    """The highest version ever assigned: the highest present, the pointer's current version and
    its recorded ``highest``, whichever is largest; 0 for a key that does not exist. A recorded
    ``highest`` that is not a version number is STORAGE_CORRUPTED (§8)."""
    highest = max([0, *state.versions, state.pointer or 0])
    if state.highest is MISSING:
        return highest
    if not _is_version(state.highest):
        raise StorageError(
            f"the 'highest' member of {key_id}.current is not a version number; "
            "set the current version again to repair it",
            "STORAGE_CORRUPTED",
            {"file": f"{key_id}.current", "reason": "pointer-highest-invalid"},
        )
    assert isinstance(state.highest, int)
    return max(highest, state.highest)


def next_version(key_id: str, state: KeyState) -> int:
    """The number the next version takes, and the target of a rotation (spec/key-rotation-v1.md
    §4): one more than the highest ever assigned (spec/key-file-v1.md §9)."""
    version = highest_assigned(key_id, state) + 1
    if version > MAX_VERSION:
        raise StorageError(
            f"key '{key_id}' has used every version number up to {MAX_VERSION}; "
            "store it under a new id",
            "STORAGE_UNAVAILABLE",
        )
    return version


def current_version_of(state: KeyState) -> Optional[int]:
    """The pointer's version, else (a crash before the first pointer) the highest present, else
    None."""
    if state.pointer is not None:
        return state.pointer
    return max(state.versions) if state.versions else None


def plan_add(
    key_id: str,
    state: KeyState,
    *,
    overwrite: bool,
    replace: bool = False,
    make_current: bool = True,
    expected_version: Optional[int] = None,
    expected_current_version: Optional[int] = None,
) -> AddPlan:
    """Plans a new version: KEY_ALREADY_EXISTS for an existing key unless ``overwrite``; the
    conditional write's expectations checked (STORAGE_LOCKED with ``details["conflict"]``);
    ``replace`` removes the older versions after the pointer moves; a key's first version is
    always current."""
    exists = bool(state.versions) or state.pointer is not None
    if exists and not overwrite:
        raise StorageError(f"a key is already stored as '{key_id}'", "KEY_ALREADY_EXISTS")
    version = next_version(key_id, state)
    current = current_version_of(state) if exists else None
    assert_expected_version(
        key_id,
        expected_version,
        expected_current_version,
        next_version=version,
        current=current,
    )
    return AddPlan(
        version=version,
        current=version if make_current or current is None else current,
        highest=version,
        remove=sorted(state.versions) if replace else [],
    )


def plan_delete(key_id: str, state: KeyState, version: int) -> Optional[DeletePlan]:
    """Plans the removal of one version: None when it is not there; INVALID_ARGUMENT for the
    current version; else the ``highest`` the pointer records first, so the number is never
    assigned again (§8)."""
    _check_version(version)
    if version not in state.versions:
        return None
    current = current_version_of(state)
    assert current is not None
    if version == current:
        raise ValidationError(
            f"version {version} is current; make another version current first, or delete the key",
            "INVALID_ARGUMENT",
        )
    highest = highest_assigned(key_id, state)
    return DeletePlan(version, current, highest, state.highest != highest)


def plan_set_current(key_id: str, state: KeyState, version: int) -> SetCurrentPlan:
    """Plans a pointer swing to an existing version (KEY_NOT_FOUND otherwise). A damaged
    ``highest`` contributes nothing: setting the current version is how it is repaired (§8)."""
    _check_version(version)
    if version not in state.versions:
        raise StorageError(f"no version {version} of key '{key_id}'", "KEY_NOT_FOUND")
    try:
        highest = highest_assigned(key_id, state)
    except StorageError:
        highest = highest_assigned(key_id, KeyState(state.versions, state.pointer))
    return SetCurrentPlan(version, highest)
