"""The real datafold-server the server suites talk to."""

from __future__ import annotations

from typing import Iterator

import pytest

from tests.support.server_process import ServerProcess, start_server


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """One real datafold-server for the whole session."""
    running = start_server(tmp_path_factory.mktemp("server-data"))
    yield running
    running.stop()
