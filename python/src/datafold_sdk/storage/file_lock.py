"""The per-key writers' lock of the key directory (spec/key-file-v1.md §9).

Example:
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "k.lock"
    >>> with KeyLock(path):
    ...     path.exists()
    True
    >>> path.exists()
    False
"""

from __future__ import annotations

import json
import os
import random
import secrets
import socket
import time
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Optional, Type

from datafold_sdk.errors.exceptions import StorageError

LOCK_TIMEOUT_SECONDS = 10.0
STALE_AFTER_SECONDS = 30.0


def _pid_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_stale(path: Path) -> bool:
    """Stale when its holder is on this host and gone, or when it is older than 30 s."""
    try:
        age = time.time() - path.stat().st_mtime
        holder = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if age > STALE_AFTER_SECONDS:
        return True
    pid = holder.get("pid") if isinstance(holder, dict) else None
    same_host = isinstance(holder, dict) and holder.get("hostname") == socket.gethostname()
    return same_host and isinstance(pid, int) and not _pid_running(pid)


class KeyLock:
    """``K.lock``: created with O_CREAT|O_EXCL and mode 0600; released only by its holder."""

    def __init__(self, path: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> None:
        self._path = path
        self._timeout = timeout
        self._token = secrets.token_hex(16)

    def __enter__(self) -> KeyLock:
        deadline = time.monotonic() + self._timeout
        body = json.dumps(
            {
                "pid": os.getpid(),
                "hostname": socket.gethostname(),
                "token": self._token,
                "acquired": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
        ).encode("utf-8")
        while True:
            try:
                fd = os.open(self._path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                if _is_stale(self._path):
                    self._path.unlink(missing_ok=True)
                    continue
                if time.monotonic() > deadline:
                    raise StorageError(
                        f"another process holds the lock {self._path.name}; retry later",
                        "STORAGE_LOCKED",
                    ) from None
                time.sleep(random.uniform(0.01, 0.05))  # noqa: S311 - back-off jitter
                continue
            try:
                os.write(fd, body)
            finally:
                os.close(fd)
            return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        try:
            holder = json.loads(self._path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(holder, dict) and holder.get("token") == self._token:
            self._path.unlink(missing_ok=True)
