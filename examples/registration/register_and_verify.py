"""Registration, signing and verification with datafold_sdk against a DataFold server."""

import os
import time
from pathlib import Path

import datafold_sdk
from datafold_sdk import (
    DataFoldClient,
    DataFoldHttpClient,
    SecureKeyStorage,
    ServerCommunicationError,
    generate_key_pair,
)

server_url = os.environ.get("DATAFOLD_SERVER_URL", "http://localhost:9001")
passphrase = os.environ.get("DATAFOLD_PASSPHRASE", "correct horse battery staple")

# #region register
with DataFoldHttpClient(server_url, timeout=10.0, retry_attempts=3) as http:
    print(http.test_connection())  # {'status': 'operational', 'version': ..., 'algorithm': 'Ed25519'}
    pair = generate_key_pair()
    registration = http.register_public_key(
        pair,
        client_id=f"python-worker-{int(time.time() * 1000)}",
        key_name="Python worker",
        prove_possession=True,  # the key signs a register statement (spec/http-statements.md §6)
    )
    print(registration.client_id, registration.status)  # ... active
# #endregion register

    # #region verify
    message = b"invoice 2291 approved"
    signature = datafold_sdk.sign(message, pair.private_key)  # local, 64 bytes
    assert datafold_sdk.verify(signature, message, pair.public_key)  # local, strict RFC 8032

    result = http.verify_signature(registration.client_id, message, signature)  # the server
    assert result.verified
    print("verified at", result.verified_at)

    # A signature that does not verify is an answer, not an error: check `verified`.
    bad = http.verify_signature(registration.client_id, b"invoice 2291 rejected", signature)
    assert not bad.verified and bad.error_code == "SIGNATURE_VERIFICATION_FAILED"  # the 401

    try:  # everything else still raises: unknown client, revoked key, bad input, no server
        http.verify_signature("nobody-here", message, signature)
        raise AssertionError("an unknown client must not verify")
    except ServerCommunicationError as error:
        assert (error.error_code, error.status_code) == ("CLIENT_NOT_FOUND", 404)
    # #endregion verify

# #region session
# The high-level client: a fresh key, registered and saved in one call; loaded again later.
storage = SecureKeyStorage(
    Path.home() / ".datafold" / "keys", use_keyring=False, kdf_params={"memory": 19456, "iterations": 2}
)
client = DataFoldClient(server_url, storage=storage, passphrase=passphrase)
session = client.create_new_session(key_name="python-session")
session.verify_with_server("hello", session.sign_message("hello"))

again = client.load_session_from_storage("python-session")  # the client id is kept with the key
assert again.client_id == session.client_id
client.close()
# #endregion session
print("registered, signed and verified: ok")
