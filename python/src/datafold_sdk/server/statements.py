"""Signed statements v1 (spec/http-statements.md): canonical bytes, field checks, signing.

Example:
    >>> statement = canonical_statement("revoke", "alice-laptop", "d7" * 32, reason="lost",
    ...     timestamp="2026-11-22T10:00:00.000Z", nonce="00" * 16)
    >>> statement.decode().splitlines()[:2]
    ['datafold-statement-v1', 'action: revoke']
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timezone
from typing import Dict, Optional

from datafold_sdk.errors.exceptions import ValidationError
from datafold_sdk.keys.types import Ed25519KeyPair
from datafold_sdk.signatures.sign import sign

STATEMENT_HEADER = "datafold-statement-v1"
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")
_NONCE = re.compile(r"[0-9a-f]{32,64}")
_CLIENT_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
_KEY_HEX = re.compile(r"[0-9a-f]{64}")
_CONTROL = re.compile("[\u0000-\u001f\u007f-\u009f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError(message, "INVALID_STATEMENT", {"field": field})


def check_client_id(client_id: object) -> str:
    """1-128 characters of ``A-Z a-z 0-9 . _ - :`` (INVALID_CLIENT_ID)."""
    if not isinstance(client_id, str) or _CLIENT_ID.fullmatch(client_id) is None:
        raise ValidationError(
            "client_id must be 1-128 characters from A-Z a-z 0-9 . _ - :", "INVALID_CLIENT_ID"
        )
    return client_id


def check_timestamp(value: object) -> str:
    """``YYYY-MM-DDTHH:MM:SS.sssZ`` naming a real instant."""
    if not isinstance(value, str) or _TIMESTAMP.fullmatch(value) is None:
        raise _invalid(
            "timestamp",
            "timestamp must be RFC 3339 UTC with milliseconds, like 2026-11-22T09:30:27.835Z",
        )
    try:
        datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ")
    except ValueError:
        raise _invalid("timestamp", "timestamp is not a real date and time") from None
    return value


def check_nonce(value: object) -> str:
    """32 to 64 lowercase hex characters."""
    if not isinstance(value, str) or _NONCE.fullmatch(value) is None:
        raise _invalid("nonce", "nonce must be 32 to 64 lowercase hex characters")
    return value


def check_reason(value: object) -> str:
    """At most 256 characters, no control characters, no lone surrogates; None means empty."""
    if value is None:
        return ""
    if (
        not isinstance(value, str)
        or len(value) > 256
        or _CONTROL.search(value)
        or _SURROGATE.search(value)
    ):
        raise _invalid(
            "reason", "reason must be text of at most 256 characters without control characters"
        )
    return value


def _check_key_hex(value: object, name: str) -> str:
    if not isinstance(value, str) or _KEY_HEX.fullmatch(value) is None:
        raise ValidationError(f"{name} must be 64 lowercase hex characters", "INVALID_PUBLIC_KEY")
    return value


def canonical_statement(
    action: str,
    client_id: str,
    public_key: str,
    *,
    timestamp: str,
    nonce: str,
    new_public_key: Optional[str] = None,
    reason: Optional[str] = None,
) -> bytes:
    """The UTF-8 lines of §3 after checking every field (§2)."""
    if action not in ("register", "revoke", "rotate"):
        raise _invalid("action", "action must be register, revoke or rotate")
    if not (action == "register" and client_id == ""):
        check_client_id(client_id)
    lines = [
        STATEMENT_HEADER,
        f"action: {action}",
        f"client_id: {client_id}",
        f"public_key: {_check_key_hex(public_key, 'public_key')}",
    ]
    if action == "rotate":
        lines.append(f"new_public_key: {_check_key_hex(new_public_key, 'new_public_key')}")
    if action != "register":
        lines.append(f"reason: {check_reason(reason)}")
    lines += [f"timestamp: {check_timestamp(timestamp)}", f"nonce: {check_nonce(nonce)}"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def new_timestamp() -> str:
    """Now, as a statement timestamp (milliseconds, Z)."""
    now = datetime.now(timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def new_nonce() -> str:
    """16 random bytes as 32 lowercase hex characters."""
    return secrets.token_hex(16)


def sign_statement(
    signer: Ed25519KeyPair,
    action: str,
    client_id: str,
    *,
    public_key: Optional[str] = None,
    new_public_key: Optional[str] = None,
    reason: Optional[str] = None,
    timestamp: Optional[str] = None,
    nonce: Optional[str] = None,
) -> Dict[str, str]:
    """A fresh statement signed by ``signer``: ``{"timestamp", "nonce", "signature"}``.

    ``public_key`` defaults to the signer's (the key being registered, or the active key).

    Example:
        >>> from datafold_sdk.keys.generate import generate_key_pair
        >>> fields = sign_statement(generate_key_pair(), "revoke", "alice-laptop")
        >>> sorted(fields)
        ['nonce', 'signature', 'timestamp']
    """
    stamp = timestamp or new_timestamp()
    once = nonce or new_nonce()
    message = canonical_statement(
        action,
        client_id,
        public_key or signer.public_key.hex(),
        timestamp=stamp,
        nonce=once,
        new_public_key=new_public_key,
        reason=reason,
    )
    return {"timestamp": stamp, "nonce": once, "signature": sign(message, signer.private_key).hex()}
