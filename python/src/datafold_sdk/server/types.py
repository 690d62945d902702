"""What the server answers, as dataclasses (WIRE-PROTOCOL.md, spec/http-statements.md).

Example:
    >>> wire = {"registration_id": "r", "client_id": "c", "public_key": "ab", "key_name": None,
    ...         "registered_at": "2026-01-02T03:04:05.000Z", "status": "active"}
    >>> registration_from_wire(wire).status
    'active'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Dict, Optional

from datafold_sdk.errors.exceptions import ServerCommunicationError


@dataclass
class PublicKeyRegistration:
    """A registration, as registration and status answer it."""

    registration_id: str
    client_id: str
    public_key: str
    registered_at: datetime
    status: str
    last_used: Optional[datetime] = None
    metadata: Optional[Dict[str, Any]] = None
    key_name: Optional[str] = None


@dataclass
class SignatureVerificationResult:
    """What the server said of a signature: ``verified`` True with the registered key, or False
    when the server answered that the signature does not verify (its 401
    SIGNATURE_VERIFICATION_FAILED; ``error_code`` and ``reason`` say so, ``public_key`` is None).
    Every other failure still raises. The result is truthy only when verified, so
    ``if session.verify_with_server(...)`` means what it says.

    Example:
        >>> from datetime import datetime, timezone
        >>> now = datetime.now(timezone.utc)
        >>> bool(SignatureVerificationResult(False, "app", None, now, "00" * 32))
        False
    """

    verified: bool
    client_id: str
    public_key: Optional[str]
    verified_at: datetime
    """The server's time of a verification; this side's time of a refusal."""
    message_hash: str
    """SHA-256 of the decoded message bytes, hex (computed here for a refusal, as the server
    does)."""
    error_code: Optional[str] = None
    reason: Optional[str] = None

    def __bool__(self) -> bool:
        return self.verified


@dataclass
class RevocationResult:
    """A revoked registration."""

    client_id: str
    registration_id: str
    public_key: str
    status: str
    revoked_at: datetime
    reason: Optional[str]


@dataclass
class RotationResult:
    """The new registration and the one it superseded."""

    client_id: str
    registration_id: str
    public_key: str
    status: str
    registered_at: datetime
    previous_registration_id: str
    previous_public_key: str


def parse_time(value: object, field: str) -> datetime:
    """An RFC 3339 ``...Z`` time of the wire as an aware datetime (INVALID_RESPONSE if not)."""
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            pass
    raise ServerCommunicationError(
        f"the server's {field} is not an RFC 3339 time", "INVALID_RESPONSE"
    )


def _text(data: Dict[str, Any], field: str) -> str:
    value = data.get(field)
    if not isinstance(value, str):
        raise ServerCommunicationError(f"the server's answer lacks {field}", "INVALID_RESPONSE")
    return value


def registration_from_wire(data: Dict[str, Any]) -> PublicKeyRegistration:
    """A registration or status ``data`` object."""
    last_used = data.get("last_used")
    return PublicKeyRegistration(
        registration_id=_text(data, "registration_id"),
        client_id=_text(data, "client_id"),
        public_key=_text(data, "public_key"),
        registered_at=parse_time(data.get("registered_at"), "registered_at"),
        status=_text(data, "status"),
        last_used=None if last_used is None else parse_time(last_used, "last_used"),
        key_name=data.get("key_name") if isinstance(data.get("key_name"), str) else None,
    )


def verification_from_wire(data: Dict[str, Any]) -> SignatureVerificationResult:
    """A verify ``data`` object."""
    return SignatureVerificationResult(
        verified=data.get("verified") is True,
        client_id=_text(data, "client_id"),
        public_key=_text(data, "public_key"),
        verified_at=parse_time(data.get("verified_at"), "verified_at"),
        message_hash=_text(data, "message_hash"),
    )


def revocation_from_wire(data: Dict[str, Any]) -> RevocationResult:
    """A revoke ``data`` object."""
    reason = data.get("reason")
    return RevocationResult(
        client_id=_text(data, "client_id"),
        registration_id=_text(data, "registration_id"),
        public_key=_text(data, "public_key"),
        status=_text(data, "status"),
        revoked_at=parse_time(data.get("revoked_at"), "revoked_at"),
        reason=reason if isinstance(reason, str) else None,
    )


def rotation_from_wire(data: Dict[str, Any]) -> RotationResult:
    """A rotate ``data`` object."""
    return RotationResult(
        client_id=_text(data, "client_id"),
        registration_id=_text(data, "registration_id"),
        public_key=_text(data, "public_key"),
        status=_text(data, "status"),
        registered_at=parse_time(data.get("registered_at"), "registered_at"),
        previous_registration_id=_text(data, "previous_registration_id"),
        previous_public_key=_text(data, "previous_public_key"),
    )
