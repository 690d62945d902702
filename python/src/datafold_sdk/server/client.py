"""``DataFoldClient``: sessions that generate, register, store and reload keys.

Example:
    >>> client = DataFoldClient("http://127.0.0.1:9001")
    >>> client.http_client.retry_attempts
    3
    >>> client.close()
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from datafold_sdk.errors.exceptions import StorageError
from datafold_sdk.keys.generate import generate_key_pair
from datafold_sdk.server.http_client import DataFoldHttpClient
from datafold_sdk.server.session import ClientSession
from datafold_sdk.server.statements import check_client_id
from datafold_sdk.storage.secure_key_storage import SecureKeyStorage
from datafold_sdk.utils.key_id import generate_key_id


class DataFoldClient:
    """The high-level client. ``storage`` and ``passphrase`` are used by sessions that save or
    load keys (file storage needs the passphrase)."""

    def __init__(
        self,
        server_url: str,
        timeout: float = 30.0,
        verify_ssl: bool = True,
        retry_attempts: int = 3,
        *,
        storage: Optional[SecureKeyStorage] = None,
        passphrase: Optional[str] = None,
    ) -> None:
        self.http_client = DataFoldHttpClient(
            server_url, timeout, verify_ssl, retry_attempts=retry_attempts
        )
        self._storage = storage
        self._passphrase = passphrase

    def close(self) -> None:
        """Closes the HTTP connections."""
        self.http_client.close()

    @property
    def storage(self) -> SecureKeyStorage:
        """The storage sessions use (created on first use with the defaults)."""
        if self._storage is None:
            self._storage = SecureKeyStorage()
        return self._storage

    def create_new_session(
        self,
        client_id: Optional[str] = None,
        user_id: Optional[str] = None,
        key_name: Optional[str] = None,
        metadata: Optional[Dict[str, Any]] = None,
        auto_register: bool = True,
        save_to_storage: bool = True,
    ) -> ClientSession:
        """A session with a fresh key pair; registered (the server may assign the client id)
        and saved when asked."""
        if client_id is not None:
            check_client_id(client_id)
        key_pair = generate_key_pair()
        registration = None
        if auto_register:
            registration = self.http_client.register_public_key(
                key_pair, client_id, user_id, key_name, metadata
            )
            client_id = registration.client_id
        session = ClientSession(
            key_pair,
            client_id or f"client_{generate_key_id('py')}",
            self.http_client,
            storage=self.storage if save_to_storage else self._storage,
            passphrase=self._passphrase,
            registration=registration,
        )
        if save_to_storage:
            session.save_to_storage(key_name)
        return session

    def load_session_from_storage(
        self,
        storage_key: str,
        client_id: Optional[str] = None,
        auto_check_status: bool = True,
    ) -> ClientSession:
        """The session saved under ``storage_key``; KEY_NOT_FOUND if there is none."""
        key_pair = self.storage.retrieve_key(storage_key, self._passphrase)
        if key_pair is None:
            raise StorageError(f"no key is stored as '{storage_key}'", "KEY_NOT_FOUND")
        if client_id is None:
            versions = self.storage.list_versions(storage_key)
            current = [v for v in versions if v["current"]]
            stored = current[0]["metadata"].get("client_id") if current else None
            client_id = stored if isinstance(stored, str) else None
        if client_id is None:
            raise StorageError(
                f"'{storage_key}' has no client id: pass client_id", "INVALID_ARGUMENT"
            )
        session = ClientSession(
            key_pair,
            check_client_id(client_id),
            self.http_client,
            storage=self.storage,
            passphrase=self._passphrase,
            key_name=storage_key,
        )
        if auto_check_status:
            session.check_status()
        return session
