"""Rereads for lock-free readers of the key directory (spec/key-file-v1.md §9).

Readers take no lock, so one can land between a writer's steps: the pointer already names a
version the listing did not have, or a replacement deleted the version the pointer named a moment
ago. Both look like damage but are a race, which settles within a step or two; real damage
persists. A read that meets either for a version it got from the listing or the pointer runs again
(up to 5 times, a few milliseconds apart) before the error is reported.

>>> read_consistently(lambda: 42)
42
"""

from __future__ import annotations

import time
from typing import Callable, TypeVar

from datafold_sdk.errors.exceptions import StorageError

T = TypeVar("T")

ATTEMPTS = 5


def _is_race_symptom(error: StorageError) -> bool:
    if error.error_code == "STORAGE_CORRUPTED":
        return error.details.get("reason") == "pointer-target-missing"
    return error.error_code == "KEY_NOT_FOUND"


def read_consistently(read: Callable[[], T]) -> T:
    """Runs ``read`` again when it fails the way a concurrent writer makes a reader fail."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return read()
        except StorageError as error:
            if attempt == ATTEMPTS or not _is_race_symptom(error):
                raise
            time.sleep(0.002 * attempt)
    raise AssertionError("unreachable")  # pragma: no cover
