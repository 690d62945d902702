"""``ClientSession``: one key pair bound to one client id on one server.

Example:
    >>> from datafold_sdk.keys.generate import generate_key_pair
    >>> from datafold_sdk.server.http_client import DataFoldHttpClient
    >>> http = DataFoldHttpClient("http://127.0.0.1:9001")
    >>> session = ClientSession(generate_key_pair(), "my-app", http)
    >>> len(session.sign_message("hello"))
    64
    >>> http.close()
"""

from __future__ import annotations

from typing import Dict, Optional, Union

from datafold_sdk.errors.exceptions import StorageError
from datafold_sdk.keys.types import Ed25519KeyPair
from datafold_sdk.server.http_client import DataFoldHttpClient
from datafold_sdk.server.types import (
    PublicKeyRegistration,
    RevocationResult,
    RotationResult,
    SignatureVerificationResult,
)
from datafold_sdk.signatures.sign import sign
from datafold_sdk.storage.secure_key_storage import SecureKeyStorage


class ClientSession:
    """Signs with the session's key and talks to the server as its client id."""

    def __init__(
        self,
        key_pair: Ed25519KeyPair,
        client_id: str,
        http_client: DataFoldHttpClient,
        *,
        storage: Optional[SecureKeyStorage] = None,
        passphrase: Optional[str] = None,
        key_name: Optional[str] = None,
        registration: Optional[PublicKeyRegistration] = None,
    ) -> None:
        self.key_pair = key_pair
        self.client_id = client_id
        self.http_client = http_client
        self.storage = storage
        self.key_name = key_name
        self.registration = registration
        self._passphrase = passphrase

    def sign_message(self, message: Union[str, bytes]) -> bytes:
        """The 64-byte signature of the message (text as UTF-8)."""
        return sign(message, self.key_pair.private_key)

    def verify_with_server(
        self, message: Union[str, bytes], signature: bytes, message_encoding: str = "utf8"
    ) -> SignatureVerificationResult:
        """The server's verification of a signature under this client's registered key."""
        return self.http_client.verify_signature(
            self.client_id, message, signature, message_encoding
        )

    def check_status(self) -> PublicKeyRegistration:
        """The registration as the server sees it now."""
        self.registration = self.http_client.get_key_status(self.client_id)
        return self.registration

    def rotate(self, new_key_pair: Ed25519KeyPair, reason: Optional[str] = None) -> RotationResult:
        """Moves the client to a new key on the server, then uses it (and stores it as the next
        version when the session is stored)."""
        result = self.http_client.rotate_key(self.client_id, self.key_pair, new_key_pair, reason)
        self.key_pair = new_key_pair
        stored = self.storage is not None and self.key_name is not None
        if (
            stored
            and self.storage
            and self.key_name
            and self.storage.current_version(self.key_name)
        ):
            self.storage.add_version(self.key_name, new_key_pair, self._passphrase, self.labels())
        return result

    def revoke(self, reason: Optional[str] = None) -> RevocationResult:
        """Revokes this client's key on the server."""
        return self.http_client.revoke_key(self.client_id, self.key_pair, reason)

    def save_to_storage(self, key_name: Optional[str] = None) -> str:
        """Stores the key pair (with the client id and server in its labels) and returns the
        storage key to give ``DataFoldClient.load_session_from_storage``. A storage key that
        holds another key gets this one as its next version (current), so nothing is
        overwritten."""
        if self.storage is None:
            raise StorageError("this session has no storage", "STORAGE_UNAVAILABLE")
        name = key_name or self.key_name or f"datafold-{self.client_id.replace(':', '_')}"
        if self.storage.current_version(name) is None:
            self.storage.store_key(name, self.key_pair, self._passphrase, metadata=self.labels())
        else:
            self.storage.add_version(name, self.key_pair, self._passphrase, self.labels())
        self.key_name = name
        return name

    def labels(self) -> Dict[str, str]:
        """What is stored beside the key: the client id and the server."""
        return {"client_id": self.client_id, "server_url": self.http_client.server_url}
