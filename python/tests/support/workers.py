"""Process entry points for the concurrent storage and rotation tests: each runs in its own
interpreter (multiprocessing's spawn start method), so the writers meet only through the key
directory and its lock file (spec/key-file-v1.md §9), as separate programs would."""

from __future__ import annotations

from pathlib import Path
from typing import Any, List, Optional, Tuple

from datafold_sdk import KeyRotationManager, generate_key_pair
from datafold_sdk.errors.exceptions import Ed25519KeyError
from tests.support.storage import PASS, file_storage

KEY_ID = "svc"


def open_manager(directory: Path) -> KeyRotationManager:
    """A manager over the file store at the Argon2id floors (the tests' cost)."""
    return KeyRotationManager(file_storage(directory))


def rotate_worker(
    directory: str,
    method: str,
    count: int,
    master_hex: Optional[str],
    barrier: Any,
    results: Any,
) -> None:
    """Waits for every writer, rotates ``count`` times, then reports (previous, new) pairs or
    the error code it met."""
    try:
        manager = open_manager(Path(directory))
        master = bytes.fromhex(master_hex) if master_hex is not None else None
        barrier.wait(timeout=120)
        done: List[Tuple[int, int]] = []
        for _ in range(count):
            _, info = manager.rotate_key(
                KEY_ID, PASS, "scheduled", master_key=master, derivation_method=method
            )
            done.append((info["previous_version"], info["new_version"]))
        results.put(("ok", done))
    except Ed25519KeyError as error:
        results.put(("error", f"{error.error_code}: {error.message}"))
    except BaseException as error:  # reported to the parent, which fails the test
        results.put(("error", f"{type(error).__name__}: {error}"))


def replace_worker(directory: str, count: int, barrier: Any, results: Any) -> None:
    """Replaces the key ``count`` times (new version, pointer moved, old versions deleted), as a
    writer racing lock-free readers."""
    try:
        storage = file_storage(Path(directory))
        barrier.wait(timeout=120)
        for _ in range(count):
            storage.store_key(KEY_ID, generate_key_pair(), PASS, overwrite=True)
        results.put(("ok", count))
    except BaseException as error:  # reported to the parent, which fails the test
        results.put(("error", f"{type(error).__name__}: {error}"))
