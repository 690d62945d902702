"""Conditional writes of a key version (spec/key-rotation-v1.md §2, spec/key-file-v1.md §9).

A rotation prepares the next version outside the store's lock (Argon2id is slow) and binds the
version number into a derived seed (spec/key-rotation-v1.md §4). So the store, while it holds the
key, checks that the version it is about to write gets exactly the number the caller prepared for
(``expected_version``) and that the current version is still the one the caller read
(``expected_current_version``); otherwise it writes nothing and raises STORAGE_LOCKED with
``details["conflict"] = True``, as the JS SDK's stores do.

Example:
    >>> check_expectations(2, 1)
    >>> try:
    ...     assert_expected_version("svc", 3, None, next_version=2, current=1)
    ... except StorageError as error:
    ...     (error.error_code, is_version_conflict(error))
    ('STORAGE_LOCKED', True)
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from datafold_sdk.errors.exceptions import StorageError, ValidationError

MAX_VERSION = 999_999_999


def _check_version(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_VERSION:
        raise ValidationError(
            f"{name} must be an integer from 1 to {MAX_VERSION}", "INVALID_ARGUMENT"
        )


def check_expectations(
    expected_version: Optional[int], expected_current_version: Optional[int]
) -> None:
    """Checks the types of a conditional write's preconditions before any work is done
    (INVALID_ARGUMENT)."""
    if expected_version is not None:
        _check_version("expected_version", expected_version)
    if expected_current_version is not None:
        _check_version("expected_current_version", expected_current_version)


def _conflict(key_id: str, what: str, details: Dict[str, Any]) -> StorageError:
    # STORAGE_LOCKED: another writer had the key in between; the fix (read again, retry) is the
    # same as for a held lock. details["conflict"] tells the two apart.
    return StorageError(
        f"key '{key_id}' was changed by another writer ({what}); nothing was written: "
        "read the key again and retry",
        "STORAGE_LOCKED",
        {"key_id": key_id, "conflict": True, **details},
    )


def assert_expected_version(
    key_id: str,
    expected_version: Optional[int],
    expected_current_version: Optional[int],
    *,
    next_version: int,
    current: Optional[int],
) -> None:
    """Raises the conflict error unless the version about to be written is ``expected_version``
    and the current one is ``expected_current_version`` (each checked only when given). Call
    while holding the key (its lock), before writing anything."""
    if expected_version is not None and expected_version != next_version:
        raise _conflict(
            key_id,
            f"it would be version {next_version}, not the expected {expected_version}",
            {"expected_version": expected_version, "version": next_version},
        )
    if expected_current_version is not None and expected_current_version != current:
        shown = "none" if current is None else str(current)
        details: Dict[str, Any] = {"expected_current_version": expected_current_version}
        if current is not None:
            details["current_version"] = current
        raise _conflict(
            key_id,
            f"its current version is {shown}, not the expected {expected_current_version}",
            details,
        )


def version_conflict(key_id: str, what: str) -> StorageError:
    """The conflict error for a change seen outside the store (e.g. a version that vanished
    between reading the pointer and reading the version)."""
    return _conflict(key_id, what, {})


def is_version_conflict(error: object) -> bool:
    """True for the error of a failed conditional write, as opposed to a lock that could not be
    taken in time (also STORAGE_LOCKED)."""
    return (
        isinstance(error, StorageError)
        and error.error_code == "STORAGE_LOCKED"
        and error.details.get("conflict") is True
    )
