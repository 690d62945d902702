"""``RequestSigner``: a client id and its key, ready to sign requests; the base of the httpx and
requests auth classes, which add only how their library hands over a request.

Example:
    >>> signer = RequestSigner("app", bytes(32))
    >>> sorted(signer.fields("POST", "https://api.example/x", {}, b"{}"))
    ['content-digest', 'signature', 'signature-input']
"""

from __future__ import annotations

from typing import Dict, Optional, Sequence, Type, TypeVar

from datafold_sdk.errors.exceptions import StorageError, ValidationError
from datafold_sdk.http_signatures.http_message import HeadersInput, HttpMessage
from datafold_sdk.http_signatures.profile import DEFAULT_EXPIRES_IN
from datafold_sdk.http_signatures.sign_request import check_signing_options, signature_headers
from datafold_sdk.keys.key_bytes import as_bytes
from datafold_sdk.keys.types import PRIVATE_KEY_LENGTH
from datafold_sdk.server.statements import check_client_id
from datafold_sdk.storage.secure_key_storage import SecureKeyStorage

_Signer = TypeVar("_Signer", bound="RequestSigner")


class RequestSigner:
    """Signs requests as ``client_id`` with the 32-byte Ed25519 seed of its registered key.
    Arguments are checked here, once, so a bad key fails at construction and not mid-request."""

    def __init__(
        self,
        client_id: str,
        private_key: bytes,
        *,
        components: Sequence[str] = (),
        expires_in: int = DEFAULT_EXPIRES_IN,
    ) -> None:
        self.client_id = check_client_id(client_id)
        self._private_key = as_bytes(
            private_key, PRIVATE_KEY_LENGTH, "private_key", "INVALID_PRIVATE_KEY"
        )
        check_signing_options(components, expires_in)
        self.components = tuple(components)
        self.expires_in = expires_in

    @classmethod
    def from_storage(
        cls: Type[_Signer],
        client_id: str,
        key_id: str,
        passphrase: Optional[str] = None,
        *,
        storage: Optional[SecureKeyStorage] = None,
        components: Sequence[str] = (),
        expires_in: int = DEFAULT_EXPIRES_IN,
    ) -> _Signer:
        """The signer (an auth, called on an auth class) of the key stored under ``key_id``
        (current version) in ``storage``, the default storage when None. KEY_NOT_FOUND when there
        is none."""
        pair = (storage if storage is not None else SecureKeyStorage()).retrieve_key(
            key_id, passphrase
        )
        if pair is None:
            raise StorageError(f"no key is stored under {key_id!r}", "KEY_NOT_FOUND")
        return cls(client_id, pair.private_key, components=components, expires_in=expires_in)

    def fields(
        self, method: str, url: str, headers: HeadersInput, body: Optional[bytes]
    ) -> Dict[str, str]:
        """The fields to add to a request: signature-input, signature, and content-digest when
        it has content (spec §2)."""
        try:
            message = HttpMessage.of(method, url, headers, body)
        except ValueError as error:
            raise ValidationError(f"cannot sign this URL: {error}", "INVALID_ARGUMENT") from None
        return signature_headers(
            message,
            client_id=self.client_id,
            private_key=self._private_key,
            components=self.components,
            expires_in=self.expires_in,
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.client_id!r})"
