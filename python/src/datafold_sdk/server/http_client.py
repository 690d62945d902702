"""``DataFoldHttpClient``: the wire protocol of ``datafold-server`` (WIRE-PROTOCOL.md) over httpx.

Every failure is a ServerCommunicationError: the server's own code and HTTP status when it
answered with the error envelope, NETWORK_ERROR / TIMEOUT when it could not be reached in time,
INVALID_RESPONSE when the answer is not a DataFold envelope.

Example:
    >>> client = DataFoldHttpClient("http://127.0.0.1:9001")
    >>> client.server_url
    'http://127.0.0.1:9001'
    >>> client.close()
"""

from __future__ import annotations

import base64
import hashlib
import time
from datetime import datetime, timezone
from types import TracebackType
from typing import Any, Dict, Optional, Type, Union
from urllib.parse import quote

import httpx

from datafold_sdk.errors.codes import ERROR_REGISTRY
from datafold_sdk.errors.exceptions import ServerCommunicationError, ValidationError
from datafold_sdk.keys.key_bytes import as_bytes
from datafold_sdk.keys.types import Ed25519KeyPair
from datafold_sdk.server.statements import check_client_id, sign_statement
from datafold_sdk.server.types import (
    PublicKeyRegistration,
    RevocationResult,
    RotationResult,
    SignatureVerificationResult,
    registration_from_wire,
    revocation_from_wire,
    rotation_from_wire,
    verification_from_wire,
)
from datafold_sdk.utils.debug_log import debug

_RETRY_STATUSES = {429, 503}
_MAX_RETRY_WAIT = 5.0


def encode_message(message: Union[str, bytes], message_encoding: str) -> str:
    """The wire form of a message: text is sent as given (already in ``message_encoding``);
    bytes are encoded by us (utf8 needs valid UTF-8: INVALID_MESSAGE)."""
    if message_encoding not in ("utf8", "hex", "base64"):
        raise ValidationError("message_encoding must be utf8, hex or base64", "INVALID_ENCODING")
    if isinstance(message, str):
        return message
    if not isinstance(message, (bytes, bytearray, memoryview)):
        raise ValidationError("message must be str or bytes", "INVALID_ARGUMENT")
    data = bytes(message)
    if message_encoding == "hex":
        return data.hex()
    if message_encoding == "base64":
        return base64.b64encode(data).decode("ascii")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(
            "message bytes are not UTF-8: use message_encoding='hex' or 'base64'",
            "INVALID_MESSAGE",
        ) from None


def decode_message(wire: str, message_encoding: str) -> bytes:
    """The bytes the server verifies for a wire message (WIRE-PROTOCOL.md)."""
    if message_encoding == "hex":
        return bytes.fromhex(wire)
    if message_encoding == "base64":
        return base64.b64decode(wire, validate=True)
    return wire.encode("utf-8")


class DataFoldHttpClient:
    """A client of one DataFold server. ``retry_attempts`` retries only requests the server
    cannot have acted on: refused connections, 429 (after Retry-After) and 503."""

    def __init__(
        self,
        server_url: str,
        timeout: float = 30.0,
        verify_ssl: bool = True,
        *,
        retry_attempts: int = 0,
        admin_token: Optional[str] = None,
    ) -> None:
        if not isinstance(server_url, str) or not server_url.startswith(("http://", "https://")):
            raise ValidationError(
                "server_url must be an http:// or https:// URL", "INVALID_ARGUMENT"
            )
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
            raise ValidationError(
                "timeout must be a positive number of seconds", "INVALID_ARGUMENT"
            )
        if isinstance(retry_attempts, bool) or not isinstance(retry_attempts, int):
            raise ValidationError("retry_attempts must be an integer", "INVALID_ARGUMENT")
        if not 0 <= retry_attempts <= 10:
            raise ValidationError("retry_attempts must be 0 to 10", "INVALID_ARGUMENT")
        self.server_url = server_url.rstrip("/")
        self.retry_attempts = retry_attempts
        self._admin_token = admin_token
        self._http = httpx.Client(base_url=self.server_url, timeout=timeout, verify=verify_ssl)

    def close(self) -> None:
        """Closes the connection pool."""
        self._http.close()

    def __enter__(self) -> DataFoldHttpClient:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.close()

    def request(
        self,
        method: str,
        path: str,
        body: Optional[Any] = None,
        *,
        headers: Optional[Dict[str, str]] = None,
        enveloped: bool = True,
        content: Optional[bytes] = None,
    ) -> Any:
        """One request; the envelope's ``data`` (or the raw JSON when ``enveloped`` is False).

        ``body`` is sent as JSON; ``content`` as raw bytes (with the caller's headers).
        """
        attempt = 0
        while True:
            debug("server.request", method=method, path=path, attempt=attempt + 1)
            try:
                if content is not None:
                    response = self._http.request(method, path, content=content, headers=headers)
                else:
                    response = self._http.request(method, path, json=body, headers=headers)
            except httpx.TimeoutException:
                raise ServerCommunicationError(
                    f"{method} {path}: the server did not answer in time", "TIMEOUT"
                ) from None
            except httpx.ConnectError:
                if attempt < self.retry_attempts:
                    attempt += 1
                    time.sleep(min(0.2 * (2.0**attempt), _MAX_RETRY_WAIT))
                    continue
                raise ServerCommunicationError(
                    f"{method} {path}: cannot reach {self.server_url}", "NETWORK_ERROR"
                ) from None
            except httpx.HTTPError as error:
                raise ServerCommunicationError(
                    f"{method} {path}: {type(error).__name__}", "NETWORK_ERROR"
                ) from None
            debug("server.response", method=method, path=path, status=response.status_code)
            if response.status_code in _RETRY_STATUSES and attempt < self.retry_attempts:
                attempt += 1
                time.sleep(self._retry_wait(response, attempt))
                continue
            return self._unwrap(method, path, response, enveloped)

    @staticmethod
    def _retry_wait(response: httpx.Response, attempt: int) -> float:
        try:
            seconds = float(str(response.headers.get("retry-after", "")))
            return min(seconds, _MAX_RETRY_WAIT)
        except ValueError:
            return min(0.2 * (2.0**attempt), _MAX_RETRY_WAIT)

    @staticmethod
    def _unwrap(method: str, path: str, response: httpx.Response, enveloped: bool) -> Any:
        status = response.status_code
        try:
            payload = response.json()
        except ValueError:
            payload = None
        if not enveloped and status < 400 and payload is not None:
            return payload
        if isinstance(payload, dict) and payload.get("success") is True and "data" in payload:
            return payload["data"]
        error = payload.get("error") if isinstance(payload, dict) else None
        if isinstance(error, dict) and isinstance(error.get("code"), str):
            code = error["code"]
            raw_details = error.get("details")
            details: Dict[str, Any] = raw_details if isinstance(raw_details, dict) else {}
            message = str(error.get("message", ""))
            if code not in ERROR_REGISTRY:
                details = {**details, "server_code": code}
                code = "INVALID_RESPONSE"
            raise ServerCommunicationError(
                f"{method} {path}: {message}", code, details, status_code=status
            )
        raise ServerCommunicationError(
            f"{method} {path}: HTTP {status} without a DataFold envelope",
            "INVALID_RESPONSE",
            status_code=status,
        )

    def test_connection(self) -> Dict[str, Any]:
        """``GET /api/crypto/status``: the server's status, version and algorithm."""
        data: Dict[str, Any] = self.request("GET", "/api/crypto/status")
        return data

    def register_public_key(
        self,
        key_pair: Ed25519KeyPair,
        client_id: Optional[str] = None,
        user_id: Optional[str] = None,
        key_name: Optional[str] = None,
        metadata: Optional[Dict[str, Any]] = None,
        *,
        prove_possession: bool = True,
    ) -> PublicKeyRegistration:
        """Registers the public key (201) with proof of possession: the signed registration
        statement (spec/http-statements.md §6), which servers may require.
        ``prove_possession=False`` leaves it out, as clients written before proofs did."""
        if not isinstance(key_pair, Ed25519KeyPair):
            raise ValidationError("key_pair must be an Ed25519KeyPair", "INVALID_ARGUMENT")
        if client_id is not None:
            check_client_id(client_id)
        if metadata is not None and not isinstance(metadata, dict):
            raise ValidationError("metadata must be a dict", "INVALID_ARGUMENT")
        body: Dict[str, Any] = {
            "client_id": client_id,
            "user_id": user_id,
            "public_key": key_pair.public_key.hex(),
            "key_name": key_name,
            "metadata": metadata,
        }
        if prove_possession:
            body["proof"] = sign_statement(key_pair, "register", client_id or "")
        return registration_from_wire(self.request("POST", "/api/crypto/keys/register", body))

    def get_key_status(self, client_id: str) -> PublicKeyRegistration:
        """The client's current registration, with ``last_used``."""
        path = f"/api/crypto/keys/status/{quote(check_client_id(client_id), safe='')}"
        return registration_from_wire(self.request("GET", path))

    def verify_signature(
        self,
        client_id: str,
        message: Union[str, bytes],
        signature: bytes,
        message_encoding: str = "utf8",
    ) -> SignatureVerificationResult:
        """Asks the server to verify. A signature that does not verify (the server's 401
        SIGNATURE_VERIFICATION_FAILED) is a result with ``verified`` False; every other failure
        (unknown client, revoked key, malformed input, network) raises."""
        check_client_id(client_id)
        sig = as_bytes(signature, 64, "signature", "INVALID_SIGNATURE")
        wire_message = encode_message(message, message_encoding)
        body = {
            "client_id": client_id,
            "message": wire_message,
            "signature": sig.hex(),
            "message_encoding": message_encoding,
        }
        try:
            data = self.request("POST", "/api/crypto/signatures/verify", body)
        except ServerCommunicationError as error:
            if error.error_code != "SIGNATURE_VERIFICATION_FAILED" or error.status_code is None:
                raise
            return SignatureVerificationResult(
                verified=False,
                client_id=client_id,
                public_key=None,
                verified_at=datetime.now(timezone.utc),
                message_hash=hashlib.sha256(
                    decode_message(wire_message, message_encoding)
                ).hexdigest(),
                error_code=error.error_code,
                reason=error.message,
            )
        return verification_from_wire(data)

    def revoke_key(
        self, client_id: str, key_pair: Ed25519KeyPair, reason: Optional[str] = None
    ) -> RevocationResult:
        """Revokes the client's active key with a statement signed by that key."""
        check_client_id(client_id)
        fields = sign_statement(key_pair, "revoke", client_id, reason=reason)
        body = {"client_id": client_id, "reason": reason, **fields}
        return revocation_from_wire(self.request("POST", "/api/crypto/keys/revoke", body))

    def rotate_key(
        self,
        client_id: str,
        current_key_pair: Ed25519KeyPair,
        new_key_pair: Ed25519KeyPair,
        reason: Optional[str] = None,
        *,
        prove_new_key: bool = True,
    ) -> RotationResult:
        """Moves the client to ``new_key_pair``: the active key signs the rotate statement and,
        with ``prove_new_key``, the new key signs the same bytes (``new_key_signature``)."""
        check_client_id(client_id)
        new_public_key = new_key_pair.public_key.hex()
        fields = sign_statement(
            current_key_pair, "rotate", client_id, new_public_key=new_public_key, reason=reason
        )
        body: Dict[str, Any] = {
            "client_id": client_id,
            "new_public_key": new_public_key,
            "reason": reason,
            **fields,
        }
        if prove_new_key:
            proof = sign_statement(
                new_key_pair,
                "rotate",
                client_id,
                public_key=current_key_pair.public_key.hex(),
                new_public_key=new_public_key,
                reason=reason,
                timestamp=fields["timestamp"],
                nonce=fields["nonce"],
            )
            body["new_key_signature"] = proof["signature"]
        return rotation_from_wire(self.request("POST", "/api/crypto/keys/rotate", body))
