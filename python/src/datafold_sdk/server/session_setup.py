"""Setting up a session without burning a client id: store first, register second, undo on
failure.

A session's key is generated here and exists nowhere else. Registering it before it is stored
would leave, on a storage failure (no OS keyring and no passphrase, a full disk), a client id
registered to a key nobody holds: every retry then gets CLIENT_ALREADY_REGISTERED. So the key is
stored first; for a storage key that already holds a session, as a new version that is not yet
current, so the key registered before stays in use. Then it is registered. If the server refuses,
what was stored is removed again; if the answer is lost (network error, timeout, 5xx) the
server's status says whether the key got registered, and only when that cannot be known either is
the stored key kept, and the error says where.

Example:
    >>> import tempfile
    >>> from datafold_sdk.keys.generate import generate_key_pair
    >>> from datafold_sdk.storage.secure_key_storage import SecureKeyStorage
    >>> storage = SecureKeyStorage(tempfile.mkdtemp(), use_keyring=False,
    ...                            kdf_params={"memory": 19456, "iterations": 2})
    >>> staged = stage_key(storage, "app", generate_key_pair(), "correct horse battery staple",
    ...                    {"client_id": "client_1"})
    >>> (staged.version, staged.new_key)
    (1, True)
    >>> staged.undo()
    >>> storage.list_keys()
    []
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Optional

from datafold_sdk.errors.exceptions import ServerCommunicationError
from datafold_sdk.keys.types import Ed25519KeyPair
from datafold_sdk.server.http_client import DataFoldHttpClient
from datafold_sdk.server.types import PublicKeyRegistration
from datafold_sdk.storage.secure_key_storage import SecureKeyStorage
from datafold_sdk.utils.debug_log import debug

# Codes after which the server may or may not have registered the key: ask it.
_UNSURE = {"NETWORK_ERROR", "TIMEOUT", "CLIENT_ALREADY_REGISTERED"}


@dataclass
class StagedKey:
    """A key stored ahead of its registration, and how to finish or take back that write."""

    storage: SecureKeyStorage
    key_id: str
    version: int
    new_key: bool
    """True when the key id did not exist before: undo deletes the key, commit has nothing to do."""

    def commit(self) -> None:
        """Makes the staged version current (a new key's only version already is)."""
        if not self.new_key:
            self.storage.set_current_version(self.key_id, self.version)
        debug("session.stored", key_id=self.key_id, version=self.version)

    def undo(self) -> None:
        """Removes what was stored: the whole key if it was new, else the staged version."""
        if self.new_key:
            self.storage.delete_key(self.key_id)
        else:
            self.storage.delete_version(self.key_id, self.version)
        debug("session.store_undone", key_id=self.key_id, version=self.version)


def stage_key(
    storage: SecureKeyStorage,
    key_id: str,
    key_pair: Ed25519KeyPair,
    passphrase: Optional[str],
    metadata: Dict[str, Any],
) -> StagedKey:
    """Stores ``key_pair`` as ``key_id``: a new key, or, if ``key_id`` holds one already, the
    next version without making it current. Nothing registered is ever overwritten."""
    if storage.current_version(key_id) is None:
        stored = storage.store_key(key_id, key_pair, passphrase, metadata=metadata)
        return StagedKey(storage, key_id, stored.version, True)
    added = storage.add_version(key_id, key_pair, passphrase, metadata, make_current=False)
    return StagedKey(storage, key_id, added.version, False)


def register_or_confirm(
    http: DataFoldHttpClient,
    key_pair: Ed25519KeyPair,
    client_id: str,
    register: Dict[str, Any],
) -> PublicKeyRegistration:
    """Registers ``key_pair`` as ``client_id``. On an answer that leaves the outcome open, the
    server's status decides: the registration if it holds this key, else the original error.
    When even the status cannot be read, the original error is raised with
    ``details["registered"] = "unknown"``."""
    try:
        return http.register_public_key(key_pair, client_id, **register)
    except ServerCommunicationError as error:
        if error.error_code not in _UNSURE and (error.status_code or 0) < 500:
            raise
        try:
            status = http.get_key_status(client_id)
        except ServerCommunicationError as lookup:
            if lookup.error_code != "CLIENT_NOT_FOUND":
                error.details["registered"] = "unknown"
            raise error from None
        if status.public_key == key_pair.public_key.hex() and status.status == "active":
            debug("session.registration_confirmed", client_id=client_id)
            return status
        raise
