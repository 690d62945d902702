"""The CLI's ``derive-key --context`` and the Python SDK give the same key for the same master
and context (spec/derivation-v1.md §2): ``signing`` is the info "signing", ``SIGNING`` the named
context datafold_signing_v1."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict

from datafold_sdk import derive_ed25519_key_pair, derive_key_hkdf
from tests.conftest import REPO_ROOT
from tests.server_process import require_node_build

PASS = "correct horse battery staple"
CLI_BIN = REPO_ROOT / "packages" / "cli" / "bin" / "datafold_cli.js"
CLI_MAIN = REPO_ROOT / "packages" / "cli" / "dist" / "main.js"
SALT = bytes(range(16))


def test_cli_contexts_match_python(tmp_path: Path) -> None:
    node = require_node_build(CLI_MAIN)
    env = {**os.environ, "HOME": str(tmp_path), "DATAFOLD_PASSPHRASE": PASS, "NO_COLOR": "1"}
    env.pop("DATAFOLD_CRYPTO_STORAGE", None)

    def cli(*args: str) -> Dict[str, Any]:
        done = subprocess.run(
            [node, str(CLI_BIN), "crypto", *args, "--json"],
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr.decode()
        answer: Dict[str, Any] = json.loads(done.stdout)
        return answer

    cli("init", "--security-level", "interactive")
    master = bytes.fromhex(cli("retrieve-key", "--key-id", "master")["private_key"])
    for context, info in (
        ("signing", b"signing"),
        ("SIGNING", b"datafold_signing_v1"),
        ("data_encryption", b"data_encryption"),
        ("DATA_ENCRYPTION", b"datafold_data_encryption_v1"),
    ):
        derived = cli("derive-key", "--context", context, "--salt", SALT.hex())
        expected, _ = derive_key_hkdf(master, salt=SALT, info=info)
        assert derived["key"] == expected.hex(), context
    stored = cli("derive-key", "--context", "signing", "--output-key-id", "literal")
    pair, _ = derive_ed25519_key_pair(master, "signing")
    assert stored["public_key"] == pair.public_key.hex()
