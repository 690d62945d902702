"""Shared fixtures: where the repository's vectors and specs are, and a fresh HOME per test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

# The API document's snippets (tests/document/) run as programs, never imported by pytest.
collect_ignore_glob = ["document/*"]
VECTORS = REPO_ROOT / "vectors"


def load_vectors(relative: str) -> Any:
    """A vector file of the repository's vectors/ folder, parsed."""
    return json.loads((VECTORS / relative).read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def fresh_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own HOME, so nothing touches the real ~/.datafold."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("DATAFOLD_CRYPTO_STORAGE", raising=False)
    yield home


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One real datafold-server for the whole session."""
    from tests.server_process import start_server

    running = start_server(tmp_path_factory.mktemp("server-data"))
    yield running
    running.stop()
