"""Runs the API document's Python snippets (tests/document/) as their readers would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, Optional

from tests.support.repo import DOCUMENT


def run_snippet(
    name: str, home: Path, env: Optional[Dict[str, str]] = None
) -> subprocess.CompletedProcess[str]:
    """Runs ``tests/document/<name>`` with ``home`` as HOME and working directory."""
    # A machine without an OS keyring, as the snippets' file-storage paths assume.
    full = {
        **os.environ,
        "HOME": str(home),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        **(env or {}),
    }
    full.pop("DATAFOLD_CRYPTO_STORAGE", None)
    return subprocess.run(
        [sys.executable, str(DOCUMENT / name)],
        capture_output=True,
        text=True,
        cwd=home,
        env=full,
        timeout=300,
        check=False,
    )
