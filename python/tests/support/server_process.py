"""Starts a real ``datafold-server`` (packages/server/dist/main.js) on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional

import httpx

from tests.support.node import SERVER_MAIN, require_node_build

QUIET = ("--log-level", "warn")


def free_port() -> int:
    """A port that was free on 127.0.0.1 a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class ServerProcess:
    """A running server: its URL, data directory and tokens."""

    url: str
    data_dir: Path
    process: subprocess.Popen[bytes]
    admin_token: str
    auditor_token: str

    def stop(self) -> None:
        """SIGTERM, then wait."""
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _token(node: str, data_dir: Path, role: str) -> str:
    done = subprocess.run(
        [node, str(SERVER_MAIN), "token", "create", "--role", role, "--data-dir", str(data_dir)],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return done.stdout.decode().strip()


def start_server(data_dir: Path, env: Optional[Dict[str, str]] = None) -> ServerProcess:
    """Starts the server with rate limits off (unless ``env`` sets them) and waits for health."""
    node = require_node_build(SERVER_MAIN)
    data_dir.mkdir(parents=True, exist_ok=True)
    admin = _token(node, data_dir, "admin")
    auditor = _token(node, data_dir, "auditor")
    port = free_port()
    full_env = {
        **os.environ,
        "DATAFOLD_RATE_LIMIT_IP": "0",
        "DATAFOLD_RATE_LIMIT_CLIENT": "0",
        **(env or {}),
    }
    process = subprocess.Popen(
        [node, str(SERVER_MAIN), "--port", str(port), "--data-dir", str(data_dir), *QUIET],
        env=full_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"datafold-server exited with {process.returncode}")
        try:
            if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("datafold-server did not start in 30 s")
        time.sleep(0.1)
    return ServerProcess(url, data_dir, process, admin, auditor)
