"""The error codes: one registry, spec/errors.json, and nothing else accepted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from datafold_sdk.errors import ERROR_REGISTRY, Ed25519KeyError
from tests.support.repo import REPO_ROOT


def test_error_constants_match_the_registry() -> None:
    registry = json.loads((REPO_ROOT / "spec" / "errors.json").read_text())
    codes = {e["code"]: e["http_status"] for e in registry["errors"]}
    assert {c: i.http_status for c, i in ERROR_REGISTRY.items()} == codes
    tool = Path(__file__).resolve().parents[2] / "tools" / "generate_error_codes.py"
    assert subprocess.run([sys.executable, str(tool), "--check"], check=False).returncode == 0
    with pytest.raises(ValueError, match="not a code"):
        Ed25519KeyError("x", "MADE_UP_CODE")
