"""The Node faces the cross-language suites run: the built JS SDK (packages/sdk/dist), the CLI
(packages/cli/dist) and the server (packages/server/dist), each as its own process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Optional

import pytest

from tests.support.repo import REPO_ROOT
from tests.support.storage import PASS

SDK_DIST = REPO_ROOT / "packages" / "sdk" / "dist" / "index.js"
CLI_BIN = REPO_ROOT / "packages" / "cli" / "bin" / "datafold_cli.js"
CLI_MAIN = REPO_ROOT / "packages" / "cli" / "dist" / "main.js"
SERVER_MAIN = REPO_ROOT / "packages" / "server" / "dist" / "main.js"


def require_node_build(what: Path) -> str:
    """The node binary, or skip (fail when DATAFOLD_REQUIRE_NODE=1, as the test script sets)."""
    node = shutil.which("node")
    problem = None
    if node is None:
        problem = "node is not on PATH"
    elif not what.exists():
        problem = f"{what.relative_to(REPO_ROOT)} is missing: run npm run build"
    if problem is not None:
        if os.environ.get("DATAFOLD_REQUIRE_NODE") == "1":
            pytest.fail(problem)
        pytest.skip(problem)
    assert node is not None
    return node


def run_js(
    script: str,
    *args: str,
    job: Any = None,
    env: Optional[Dict[str, str]] = None,
    timeout: float = 300,
) -> Any:
    """Runs an ES module with the built JS SDK (``@datafold/js-sdk`` resolves from the repository
    root): ``args`` as its ``process.argv``, ``job`` as JSON on stdin. Returns the JSON it writes
    on stdout."""
    node = require_node_build(SDK_DIST)
    done = subprocess.run(
        [node, "--input-type=module", "-e", script, *args],
        input=None if job is None else json.dumps(job).encode(),
        capture_output=True,
        cwd=REPO_ROOT,
        env=env,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


@dataclass
class DataFoldCli:
    """The real ``datafold_cli`` with its own HOME: ``cli("generate-key", "--key-id", "k")`` runs
    ``datafold_cli crypto generate-key --key-id k --json`` and returns the parsed answer."""

    node: str
    home: Path
    cwd: Path
    passphrase: str = PASS

    @property
    def env(self) -> Dict[str, str]:
        """The environment of every run: the private HOME, the passphrase, no colour, and none
        of the caller's DataFold settings."""
        env = {
            **os.environ,
            "HOME": str(self.home),
            "DATAFOLD_PASSPHRASE": self.passphrase,
            "NO_COLOR": "1",
        }
        env.pop("DATAFOLD_CRYPTO_STORAGE", None)
        env.pop("DATAFOLD_CONFIG_PATH", None)
        return env

    @property
    def key_directory(self) -> Path:
        """The key directory the CLI uses under its HOME (spec/key-file-v1.md §7)."""
        return self.home / ".datafold" / "keys"

    def __call__(self, *args: str) -> Dict[str, Any]:
        done = subprocess.run(
            [self.node, str(CLI_BIN), "crypto", *args, "--json"],
            capture_output=True,
            env=self.env,
            cwd=self.cwd,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stdout.decode() + done.stderr.decode()
        answer: Dict[str, Any] = json.loads(done.stdout)
        return answer
