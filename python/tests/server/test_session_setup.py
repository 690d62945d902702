"""Sessions are stored first and registered second, and a failed step is undone, so no client id
is ever registered to a key nobody holds; the document's server snippet and its troubleshooting
recipes run as written against a real datafold-server."""

from __future__ import annotations

import runpy
import uuid
from pathlib import Path
from typing import Any, Dict

import pytest

from datafold_sdk import (
    DataFoldClient,
    DataFoldHttpClient,
    SecureKeyStorage,
    ServerCommunicationError,
    export_key_to_file,
    generate_key_pair,
    import_key_from_file,
)
from datafold_sdk.errors.exceptions import Ed25519KeyError
from tests.support.document import run_snippet
from tests.support.repo import DOCUMENT
from tests.support.server_process import ServerProcess, free_port
from tests.support.storage import PASS


def _unknown_to(server: ServerProcess, client_id: str) -> bool:
    with DataFoldHttpClient(server.url) as http, pytest.raises(ServerCommunicationError) as e:
        http.get_key_status(client_id)
    return e.value.error_code == "CLIENT_NOT_FOUND"


def test_the_documents_snippet_without_keyring_or_passphrase_burns_nothing(
    server: ServerProcess, fresh_home: Path
) -> None:
    # As written, on a machine without an OS keyring: file storage needs a passphrase the
    # snippet does not give. The key must not be registered, so a retry can succeed.
    snippet = (DOCUMENT / "server_integration.py").read_text("utf-8")
    program = fresh_home / "server_integration.py"
    program.write_text(snippet.replace("http://localhost:9001", server.url), "utf-8")
    done = run_snippet(str(program), fresh_home)
    assert done.returncode == 1
    assert "pass a passphrase" in done.stderr and "(INVALID_ARGUMENT)" in done.stderr
    assert _unknown_to(server, "my-application")

    retry = program.read_text("utf-8").replace(
        f'DataFoldClient("{server.url}")', f'DataFoldClient("{server.url}", passphrase="{PASS}")'
    )
    program.write_text(retry + "\nprint(result.verified)\n", "utf-8")
    again = run_snippet(str(program), fresh_home)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "True"


def test_a_refused_registration_removes_the_stored_key(
    server: ServerProcess, storage: SecureKeyStorage
) -> None:
    taken = f"taken-{uuid.uuid4().hex[:8]}"
    with DataFoldHttpClient(server.url) as http:
        http.register_public_key(generate_key_pair(), taken)
    client = DataFoldClient(server.url, storage=storage, passphrase=PASS)
    with client, pytest.raises(ServerCommunicationError) as caught:
        client.create_new_session(client_id=taken)
    assert caught.value.error_code == "CLIENT_ALREADY_REGISTERED"
    assert "CLIENT_ALREADY_REGISTERED" in str(caught.value)
    assert storage.list_keys() == []


def test_a_second_session_for_a_client_keeps_the_registered_key(
    server: ServerProcess, storage: SecureKeyStorage
) -> None:
    client_id = f"twice-{uuid.uuid4().hex[:8]}"
    with DataFoldClient(server.url, storage=storage, passphrase=PASS) as client:
        first = client.create_new_session(client_id=client_id)
        with pytest.raises(ServerCommunicationError) as caught:
            client.create_new_session(client_id=client_id)
        assert caught.value.error_code == "CLIENT_ALREADY_REGISTERED"
        # The staged version 2 is gone again; version 1, the registered key, is current.
        stored = storage.list_versions(str(first.key_name))
        assert [(v["version"], v["current"]) for v in stored] == [(1, True)]
        reloaded = client.load_session_from_storage(client_id)
        assert reloaded.key_pair == first.key_pair
        assert reloaded.verify_with_server("x", reloaded.sign_message("x")).verified


def test_an_unknown_outcome_keeps_the_key_and_says_where(storage: SecureKeyStorage) -> None:
    unreachable = f"http://127.0.0.1:{free_port()}"
    offline = DataFoldClient(unreachable, retry_attempts=0, storage=storage, passphrase=PASS)
    with offline as client, pytest.raises(ServerCommunicationError) as caught:
        client.create_new_session(client_id="offline-client")
    assert caught.value.error_code == "NETWORK_ERROR"
    assert caught.value.details["storage_key"] == "datafold-offline-client"
    assert "kept in storage as 'datafold-offline-client'" in str(caught.value)
    assert storage.list_keys() == ["datafold-offline-client"]


def test_the_debug_registration_recipe_runs_as_written(
    server: ServerProcess, storage: SecureKeyStorage
) -> None:
    with DataFoldClient(server.url, storage=storage, passphrase=PASS) as client:
        recipe = str(DOCUMENT / "debug_registration.py")
        first: Dict[str, Any] = runpy.run_path(recipe, init_globals={"client": client})
        # The second run meets CLIENT_ALREADY_REGISTERED and loads the session saved for it.
        second: Dict[str, Any] = runpy.run_path(recipe, init_globals={"client": client})
    assert first["session"].client_id == second["session"].client_id == "debug-client"
    assert second["session"].key_pair == first["session"].key_pair


def test_the_verify_passphrase_recipe_runs_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    pair = generate_key_pair()
    export_key_to_file(pair, "backup_phrase", "recovered", "backup.json")
    found: Dict[str, Any] = runpy.run_path(
        str(DOCUMENT / "verify_passphrase.py"),
        init_globals={"import_key_from_file": import_key_from_file},
    )
    assert capsys.readouterr().out == "Success with passphrase: backup_phrase\n"
    assert found["key_pair"] == pair
    # Anything but a wrong passphrase is raised, as the recipe says.
    (tmp_path / "backup.json").write_text("{}", "utf-8")
    with pytest.raises(Ed25519KeyError) as caught:
        runpy.run_path(
            str(DOCUMENT / "verify_passphrase.py"),
            init_globals={"import_key_from_file": import_key_from_file},
        )
    assert caught.value.error_code == "INVALID_BACKUP_JSON"
