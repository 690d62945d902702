"""``enable_debug_logging()`` makes the SDK say what it does, never a secret: the document's
snippet as written, ``DATAFOLD_DEBUG=1`` at import, and the redaction rule shared with the JS SDK
(vectors/debug-log/redaction.json)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, Optional

from datafold_sdk.utils.debug_log import format_fields
from tests.support.repo import DOCUMENT, load_vectors

PASS = "correct horse battery staple"
# What the program does after the snippet: store, read and rotate a key, then make a backup.
WORK = f"""
from datafold_sdk import KeyRotationManager, RotationPolicy, SecureKeyStorage
from datafold_sdk import export_key_to_file, key_pair_from_seed
cheap = {{"memory": 19456, "iterations": 2}}
storage = SecureKeyStorage("keys", use_keyring=False, kdf_params=cheap)
pair = key_pair_from_seed(bytes(range(32)))
storage.store_key("app", pair, {PASS!r})
manager = KeyRotationManager(storage)
manager.initialize_key_rotation("app", pair, RotationPolicy(), {PASS!r})
manager.rotate_key("app", {PASS!r})
export_key_to_file(pair, {PASS!r}, "app", "app.backup.json")
"""


def _run(program: str, cwd: Path, env: Optional[Dict[str, str]] = None) -> str:
    done = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_the_documents_snippet_logs_each_step_once_and_no_secret(tmp_path: Path) -> None:
    snippet = (DOCUMENT / "debug_logging.py").read_text("utf-8")
    stderr = _run(snippet + WORK, tmp_path)
    sdk_lines = [line for line in stderr.splitlines() if line.startswith("DEBUG:datafold_sdk:")]
    events = [line.split(":", 2)[2].split(" ")[0] for line in sdk_lines]
    assert events[0] == "storage.opened"
    for expected in (
        "storage.stored",
        "rotation.adopted",
        "rotation.attempt",
        "storage.version_added",
        "rotation.rotated",
        "backup.created",
    ):
        assert events.count(expected) == 1, (expected, events)
    assert PASS not in stderr
    assert bytes(range(32)).hex() not in stderr


def test_datafold_debug_turns_it_on_at_import(tmp_path: Path) -> None:
    (tmp_path / "quiet").mkdir()
    quiet = _run("import datafold_sdk" + WORK, tmp_path / "quiet", {"DATAFOLD_DEBUG": ""})
    loud = _run("import datafold_sdk" + WORK, tmp_path, {"DATAFOLD_DEBUG": "1"})
    assert quiet == ""
    assert "[datafold] storage.stored key_id='app' version=1 type='file'" in loud.splitlines()
    assert PASS not in loud


def test_the_redaction_rule_is_the_js_sdks() -> None:
    vectors = load_vectors("debug-log/redaction.json")
    for name in vectors["redacted"]:
        assert format_fields({name: "value"}) == f"{name}=[redacted]", name
    for name in vectors["written"]:
        assert format_fields({name: "value"}) == f"{name}='value'", name
    assert format_fields({"blob": b"\x00" * 32}) == "blob=<32 bytes>"
