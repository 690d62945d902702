"""``DataFoldClient``: sessions that generate, register, store and reload keys.

Example:
    >>> client = DataFoldClient("http://127.0.0.1:9001")
    >>> client.http_client.retry_attempts
    3
    >>> client.close()
"""

from __future__ import annotations

import uuid
from types import TracebackType
from typing import Any, Dict, Optional, Type

from datafold_sdk.errors.exceptions import ServerCommunicationError, StorageError, ValidationError
from datafold_sdk.keys.generate import generate_key_pair
from datafold_sdk.server.http_client import DataFoldHttpClient
from datafold_sdk.server.session import ClientSession
from datafold_sdk.server.session_setup import register_or_confirm, stage_key
from datafold_sdk.server.statements import check_client_id
from datafold_sdk.storage.secure_key_storage import SecureKeyStorage
from datafold_sdk.utils.debug_log import debug
from datafold_sdk.utils.key_id import validate_key_id


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

    def __enter__(self) -> DataFoldClient:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.close()

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
        """A session with a fresh key pair, stored first and registered second
        (session_setup.py), so a failure never leaves a client id registered to a key nobody
        holds: a storage failure happens before the server hears of the key, and a refused
        registration removes what was stored. Without ``client_id`` one is made here in the
        server's own form (``client_`` + a UUIDv4), so the key can be stored under it first.

        The key is stored as ``key_name`` when that is a valid key id, else as
        ``datafold-<client id>``; a storage key that holds a session already gets the new key
        as its next version, current only once registered. File storage (no OS keyring) needs
        the client's ``passphrase``.
        """
        client_id = check_client_id(client_id) if client_id is not None else new_client_id()
        key_pair = generate_key_pair()
        storage_key = session_key_id(client_id, key_name)
        session = ClientSession(
            key_pair,
            client_id,
            self.http_client,
            storage=self.storage if save_to_storage else self._storage,
            passphrase=self._passphrase,
            key_name=storage_key if save_to_storage else None,
        )
        staged = (
            stage_key(self.storage, storage_key, key_pair, self._passphrase, session.labels())
            if save_to_storage
            else None
        )
        if auto_register:
            register = {"user_id": user_id, "key_name": key_name, "metadata": metadata}
            try:
                session.registration = register_or_confirm(
                    self.http_client, key_pair, client_id, register
                )
            except ServerCommunicationError as error:
                if staged is None:
                    raise
                if error.details.get("registered") != "unknown":
                    staged.undo()
                    raise
                raise ServerCommunicationError(
                    f"{error.message}; whether the server registered the key is unknown, so it "
                    f"is kept in storage as '{staged.key_id}' (version {staged.version}): once "
                    f"the server answers, check with get_key_status('{client_id}')",
                    error.error_code,
                    {**error.details, "storage_key": staged.key_id, "version": staged.version},
                    status_code=error.status_code,
                ) from error
        if staged is not None:
            staged.commit()
        debug(
            "session.created",
            client_id=client_id,
            registered=session.registration is not None,
            storage_key=session.key_name,
        )
        return session

    def load_session_from_storage(
        self,
        storage_key: str,
        client_id: Optional[str] = None,
        auto_check_status: bool = True,
    ) -> ClientSession:
        """The session saved under ``storage_key``, which may also be the client id the session
        was saved for (as the troubleshooting recipe passes it); KEY_NOT_FOUND if there is none.
        The client id is read from the stored key unless given."""
        key_id = self._find_session_key(storage_key)
        key_pair = self.storage.retrieve_key(key_id, self._passphrase)
        if key_pair is None:
            raise StorageError(f"no session is stored as or for '{storage_key}'", "KEY_NOT_FOUND")
        if client_id is None:
            stored = self._stored_labels(key_id).get("client_id")
            client_id = stored if isinstance(stored, str) else None
        if client_id is None:
            raise StorageError(f"'{key_id}' has no client id: pass client_id", "INVALID_ARGUMENT")
        session = ClientSession(
            key_pair,
            check_client_id(client_id),
            self.http_client,
            storage=self.storage,
            passphrase=self._passphrase,
            key_name=key_id,
        )
        debug("session.loaded", client_id=client_id, storage_key=key_id)
        if auto_check_status:
            session.check_status()
        return session

    def _stored_labels(self, key_id: str) -> Dict[str, Any]:
        current = [v for v in self.storage.list_versions(key_id) if v["current"]]
        labels: Dict[str, Any] = current[0]["metadata"] if current else {}
        return labels

    def _find_session_key(self, name: str) -> str:
        """The storage key of a session: ``name`` itself, else the default storage key of the
        client id ``name``, else the stored key whose labels name that client id."""
        if validate_key_id(name)["valid"] and self.storage.current_version(name) is not None:
            return name
        default = session_key_id(name, None) if _is_client_id(name) else None
        if default is not None and self.storage.current_version(default) is not None:
            return default
        for key_id in self.storage.list_keys():
            try:
                if self._stored_labels(key_id).get("client_id") == name:
                    return key_id
            except StorageError:
                continue  # an unreadable key is not the session being looked for
        raise StorageError(f"no session is stored as or for '{name}'", "KEY_NOT_FOUND")


def new_client_id() -> str:
    """A client id of the form the server assigns: ``client_`` + a random UUIDv4."""
    return f"client_{uuid.uuid4()}"


def session_key_id(client_id: str, key_name: Optional[str]) -> str:
    """Where a session's key is stored: ``key_name`` if it is a valid key id, else
    ``datafold-<client id>`` (``:`` becomes ``_``, which key ids lack)."""
    if key_name is not None and validate_key_id(key_name)["valid"]:
        return key_name
    return f"datafold-{client_id.replace(':', '_')}"[:100]


def _is_client_id(name: str) -> bool:
    try:
        check_client_id(name)
    except ValidationError:
        return False
    return True
