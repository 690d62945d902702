"""Against a real datafold-server process: register -> status -> sign -> verify -> rotate ->
revoke with the Python client, and signed statements accepted by the server."""

from __future__ import annotations

import pytest

from datafold_sdk.errors import ServerCommunicationError
from datafold_sdk.keys.generate import generate_key_pair
from datafold_sdk.server.client import DataFoldClient
from datafold_sdk.server.http_client import DataFoldHttpClient
from datafold_sdk.storage.secure_key_storage import SecureKeyStorage
from tests.support.server_process import ServerProcess
from tests.support.storage import PASS


def test_full_lifecycle(server: ServerProcess) -> None:
    with DataFoldHttpClient(server.url) as http:
        assert http.test_connection()["algorithm"] == "Ed25519"
        pair = generate_key_pair()
        registration = http.register_public_key(
            pair, "py-lifecycle", key_name="Python key", prove_possession=True
        )
        assert (registration.client_id, registration.status) == ("py-lifecycle", "active")
        assert registration.public_key == pair.public_key.hex()
        status = http.get_key_status("py-lifecycle")
        assert status.last_used is None and status.registration_id == registration.registration_id

        from datafold_sdk.signatures.sign import sign

        result = http.verify_signature("py-lifecycle", "hello", sign("hello", pair.private_key))
        assert result.verified and result.public_key == pair.public_key.hex()
        raw = bytes(range(256))
        result = http.verify_signature("py-lifecycle", raw, sign(raw, pair.private_key), "base64")
        assert result.verified
        assert http.get_key_status("py-lifecycle").last_used is not None

        new_pair = generate_key_pair()
        rotation = http.rotate_key("py-lifecycle", pair, new_pair, "scheduled")
        assert rotation.previous_public_key == pair.public_key.hex()
        assert rotation.public_key == new_pair.public_key.hex()
        # The client id now names the new key: the old key's signature simply fails.
        old = http.verify_signature("py-lifecycle", "hi", sign("hi", pair.private_key))
        assert (old.verified, old.error_code) == (False, "SIGNATURE_VERIFICATION_FAILED")
        assert http.verify_signature(
            "py-lifecycle", "hi", sign("hi", new_pair.private_key)
        ).verified

        revocation = http.revoke_key("py-lifecycle", new_pair, "clé perdue")
        assert (revocation.status, revocation.reason) == ("revoked", "clé perdue")
        assert http.get_key_status("py-lifecycle").status == "revoked"
        with pytest.raises(ServerCommunicationError) as caught:
            http.verify_signature("py-lifecycle", "hi", sign("hi", new_pair.private_key))
        assert (caught.value.error_code, caught.value.status_code) == ("KEY_NOT_ACTIVE", 403)


def test_sessions_register_store_and_reload(
    server: ServerProcess, storage: SecureKeyStorage
) -> None:
    client = DataFoldClient(server.url, storage=storage, passphrase=PASS)
    try:
        session = client.create_new_session(key_name="py-session-key")
        assert session.client_id.startswith("client_")
        message = "Important data to sign"
        assert session.verify_with_server(message, session.sign_message(message)).verified
        reloaded = client.load_session_from_storage("py-session-key")
        assert reloaded.client_id == session.client_id
        assert reloaded.key_pair == session.key_pair
        rotation = reloaded.rotate(generate_key_pair(), "rotate from a reloaded session")
        assert rotation.client_id == session.client_id
        assert storage.current_version("py-session-key") == 2
        again = client.load_session_from_storage("py-session-key")
        assert again.key_pair == reloaded.key_pair
        assert again.verify_with_server("x", again.sign_message("x")).verified
        assert again.revoke().status == "revoked"
    finally:
        client.close()
