"""``verify_request``: the checks of spec §3 in their order, each refusal a
``RequestSignatureError`` with its code of spec §4.

Example:
    >>> from datafold_sdk import generate_key_pair
    >>> from datafold_sdk.http_signatures.http_message import HttpMessage
    >>> from datafold_sdk.http_signatures.replay_store import MemoryReplayStore
    >>> from datafold_sdk.http_signatures.sign_request import signature_headers
    >>> pair = generate_key_pair()
    >>> message = HttpMessage.of("GET", "https://api.example/items", {})
    >>> fields = signature_headers(message, client_id="app", private_key=pair.private_key)
    >>> verified = verify_request(
    ...     "GET", "https://api.example/items", fields, b"",
    ...     resolve_key=lambda client_id: ResolvedKey.active(pair.public_key),
    ...     replay_store=MemoryReplayStore(now=lambda: 0))
    >>> verified.client_id, verified.covered_components
    ('app', ['@method', '@target-uri'])
"""

from __future__ import annotations

import inspect
import time
from dataclasses import dataclass
from typing import Awaitable, Callable, List, Optional, TypeVar, Union

from datafold_sdk.errors.exceptions import ValidationError
from datafold_sdk.http_signatures.content_digest import check_content_digest
from datafold_sdk.http_signatures.http_message import HeadersInput, HttpMessage
from datafold_sdk.http_signatures.profile import (
    CLOCK_SKEW_RANGE,
    DEFAULT_CLOCK_SKEW,
    DEFAULT_MAX_AGE,
    MAX_AGE_RANGE,
)
from datafold_sdk.http_signatures.replay_store import ReplayStore, replay_key
from datafold_sdk.http_signatures.request_signature_error import RequestSignatureError, malformed
from datafold_sdk.http_signatures.resolved_key import ResolvedKey
from datafold_sdk.http_signatures.select_signature import SelectedSignature, select_signature
from datafold_sdk.http_signatures.signature_base import signature_base
from datafold_sdk.signatures.verify import verify

_T = TypeVar("_T")
MaybeAwaitable = Union[_T, Awaitable[_T]]


@dataclass(frozen=True)
class VerifiedRequest:
    """A request whose signature verified: who signed it and what the signature covers."""

    client_id: str
    public_key: bytes
    label: str
    covered_components: List[str]
    created: int
    expires: Optional[int]
    nonce: str


@dataclass(frozen=True)
class _Checked:
    message: HttpMessage
    selected: SelectedSignature
    expires_at_ms: int
    not_before: Optional[int]


def check_verifier_settings(max_age: object, clock_skew: object) -> None:
    """INVALID_ARGUMENT unless both are integers of seconds within spec §3 step 6's ranges."""
    for value, name, (low, high) in (
        (max_age, "max_age", MAX_AGE_RANGE),
        (clock_skew, "clock_skew", CLOCK_SKEW_RANGE),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValidationError(
                f"{name} must be an integer from {low} to {high} seconds", "INVALID_ARGUMENT"
            )


def _check_fresh(
    method: str,
    target_uri: str,
    headers: HeadersInput,
    body: Optional[bytes],
    store: ReplayStore,
    max_age: int,
    clock_skew: int,
    now: Optional[float],
) -> _Checked:
    """Steps 1-7: nothing is looked up or stored before they pass."""
    check_verifier_settings(max_age, clock_skew)
    try:
        message = HttpMessage.of(method, target_uri, headers, body)
    except ValueError as error:
        raise malformed(f"the request's target URI cannot be signed: {error}") from None
    selected = select_signature(message)
    current = time.time() if now is None else now
    if selected.created > current + clock_skew:
        raise RequestSignatureError(
            "created is in the future: check the signer's clock", "REQUEST_SIGNATURE_NOT_YET_VALID"
        )
    if selected.expires is not None and selected.expires + clock_skew < current:
        raise RequestSignatureError(
            "the signature has expired: sign each request when it is sent",
            "REQUEST_SIGNATURE_EXPIRED",
        )
    not_before = store.not_before
    if selected.created + max_age + clock_skew < current or (
        not_before is not None and selected.created < not_before
    ):
        raise RequestSignatureError(
            f"the signature is older than {max_age} s (or than this verifier): sign it again",
            "REQUEST_SIGNATURE_TOO_OLD",
        )
    digest = message.field("content-digest")
    if digest is not None:
        check_content_digest(digest, message.body)
    expires_at_ms = (selected.created + max_age + clock_skew) * 1000
    return _Checked(message, selected, expires_at_ms, not_before)


def _check_key(checked: _Checked, key: ResolvedKey) -> bytes:
    """Steps 8 and 9."""
    if key.status == "unknown":
        raise RequestSignatureError(
            "keyid names no registered client", "REQUEST_SIGNATURE_UNKNOWN_KEY"
        )
    if key.status != "active" or key.public_key is None:
        raise RequestSignatureError(
            "the client's key is revoked or superseded: sign with its active key",
            "REQUEST_SIGNATURE_INACTIVE_KEY",
        )
    selected = checked.selected
    base = signature_base(checked.message, selected.signature_params)
    if not verify(selected.signature, base, key.public_key):
        raise RequestSignatureError(
            "the signature does not verify with the client's active key",
            "REQUEST_SIGNATURE_INVALID",
        )
    return key.public_key


def _finish(checked: _Checked, public_key: bytes, remembered: object) -> VerifiedRequest:
    """Step 10's verdict."""
    if remembered != "new":
        raise RequestSignatureError(
            "this nonce was already used: sign each request afresh", "REQUEST_SIGNATURE_REPLAYED"
        )
    selected = checked.selected
    return VerifiedRequest(
        selected.client_id,
        public_key,
        selected.label,
        selected.components,
        selected.created,
        selected.expires,
        selected.nonce,
    )


def _store_unavailable() -> RequestSignatureError:
    return RequestSignatureError(
        "the replay store cannot be reached; retry shortly", "REPLAY_STORE_UNAVAILABLE"
    )


def verify_request(
    method: str,
    target_uri: str,
    headers: HeadersInput,
    body: Optional[bytes],
    *,
    resolve_key: Callable[[str], ResolvedKey],
    replay_store: ReplayStore,
    max_age: int = DEFAULT_MAX_AGE,
    clock_skew: int = DEFAULT_CLOCK_SKEW,
    now: Optional[float] = None,
) -> VerifiedRequest:
    """Verifies a signed request (spec §3) and names its signer, or raises
    ``RequestSignatureError`` with the code of the first check that fails.

    ``target_uri`` is the absolute URI the client sent (spec §2.3); ``body`` the content bytes as
    received; ``resolve_key`` answers a ``ResolvedKey`` for a client id and is called only after
    steps 1-7 pass; ``now`` is seconds since the epoch (tests). INVALID_ARGUMENT for a
    ``max_age`` or ``clock_skew`` out of range.
    """
    checked = _check_fresh(
        method, target_uri, headers, body, replay_store, max_age, clock_skew, now
    )
    public_key = _check_key(checked, resolve_key(checked.selected.client_id))
    key = replay_key(checked.selected.client_id, checked.selected.nonce)
    try:
        remembered = replay_store.remember(key, checked.expires_at_ms)
        if inspect.isawaitable(remembered):
            raise TypeError("use verify_request_async with an asynchronous replay store")
    except Exception:  # spec §3.1: any failure of the store fails closed
        raise _store_unavailable() from None
    return _finish(checked, public_key, remembered)


async def verify_request_async(
    method: str,
    target_uri: str,
    headers: HeadersInput,
    body: Optional[bytes],
    *,
    resolve_key: Callable[[str], MaybeAwaitable[ResolvedKey]],
    replay_store: ReplayStore,
    max_age: int = DEFAULT_MAX_AGE,
    clock_skew: int = DEFAULT_CLOCK_SKEW,
    now: Optional[float] = None,
) -> VerifiedRequest:
    """``verify_request`` for asyncio code: ``resolve_key`` and ``replay_store.remember`` may be
    coroutine functions (an HTTP key lookup, a Redis store)."""
    checked = _check_fresh(
        method, target_uri, headers, body, replay_store, max_age, clock_skew, now
    )
    resolved = resolve_key(checked.selected.client_id)
    key_answer = await resolved if inspect.isawaitable(resolved) else resolved
    public_key = _check_key(checked, key_answer)
    key = replay_key(checked.selected.client_id, checked.selected.nonce)
    try:
        remembered = replay_store.remember(key, checked.expires_at_ms)
        if inspect.isawaitable(remembered):
            remembered = await remembered
    except Exception:  # spec §3.1: any failure of the store fails closed
        raise _store_unavailable() from None
    return _finish(checked, public_key, remembered)
