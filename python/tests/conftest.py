"""Fixtures every suite may use: a fresh HOME per test, file storage in a private key directory,
and the real CLI. The helpers they are built on are in ``tests/support``."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from datafold_sdk import SecureKeyStorage
from tests.support.node import CLI_MAIN, DataFoldCli, require_node_build
from tests.support.server_process import ServerProcess, start_server
from tests.support.storage import file_storage

# The API document's snippets (tests/document/) run as programs, never imported by pytest.
collect_ignore_glob = ["document/*"]


@pytest.fixture(autouse=True)
def fresh_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own HOME, so nothing touches the real ~/.datafold."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("DATAFOLD_CRYPTO_STORAGE", raising=False)
    yield home


@pytest.fixture()
def keys_dir(tmp_path: Path) -> Path:
    """A key directory of the test's own (not created: the storage creates it, 0700)."""
    return tmp_path / "keys"


@pytest.fixture()
def storage(keys_dir: Path) -> SecureKeyStorage:
    """File storage in ``keys_dir`` at the test cost (tests/support/storage.py)."""
    return file_storage(keys_dir)


@pytest.fixture()
def cli(tmp_path: Path) -> DataFoldCli:
    """The real ``datafold_cli`` with a HOME of its own, run from the test's directory."""
    node = require_node_build(CLI_MAIN)
    home = tmp_path / "cli-home"
    home.mkdir()
    return DataFoldCli(node, home, tmp_path)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """One real datafold-server for the whole session (the server and signed-request suites)."""
    running = start_server(tmp_path_factory.mktemp("server-data"))
    yield running
    running.stop()
