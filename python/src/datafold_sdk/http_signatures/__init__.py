"""Signed requests: the DataFold profile of RFC 9421 HTTP Message Signatures
(spec/http-message-signatures-v1.md).

Sign with ``DataFoldHttpxAuth`` or ``DataFoldRequestsAuth``; verify with ``verify_request``
(or ``verify_request_async``) or put ``DataFoldSignatureMiddleware`` in front of an ASGI app.
``DataFoldRequestsAuth`` and ``RedisReplayStore`` are imported on first use, so this package
needs ``requests`` or ``redis`` only when they are asked for (the extras of the same names).

Example:
    >>> import httpx
    >>> from datafold_sdk import generate_key_pair
    >>> from datafold_sdk.http_signatures import (
    ...     DataFoldHttpxAuth, MemoryReplayStore, ResolvedKey, verify_request)
    >>> pair = generate_key_pair()
    >>> request = httpx.Request("POST", "https://api.example/items", json={"n": 1})
    >>> signed = next(DataFoldHttpxAuth("app", pair.private_key).auth_flow(request))
    >>> verify_request(signed.method, str(signed.url), signed.headers, signed.content,
    ...     resolve_key=lambda client_id: ResolvedKey.active(pair.public_key),
    ...     replay_store=MemoryReplayStore(now=lambda: 0)).client_id
    'app'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from datafold_sdk.http_signatures.asgi_middleware import DataFoldSignatureMiddleware
from datafold_sdk.http_signatures.content_digest import content_digest
from datafold_sdk.http_signatures.http_message import HttpMessage
from datafold_sdk.http_signatures.httpx_auth import DataFoldHttpxAuth
from datafold_sdk.http_signatures.profile import (
    ACCEPT_SIGNATURE,
    REQUEST_SIGNATURE_LABEL,
    REQUEST_SIGNATURE_TAG,
)
from datafold_sdk.http_signatures.replay_store import MemoryReplayStore, ReplayStore
from datafold_sdk.http_signatures.request_signature_error import RequestSignatureError
from datafold_sdk.http_signatures.request_signer import RequestSigner
from datafold_sdk.http_signatures.resolved_key import ResolvedKey
from datafold_sdk.http_signatures.server_key_resolver import ServerKeyResolver
from datafold_sdk.http_signatures.sign_request import signature_headers
from datafold_sdk.http_signatures.verify_request import (
    VerifiedRequest,
    verify_request,
    verify_request_async,
)

if TYPE_CHECKING:
    from datafold_sdk.http_signatures.redis_replay_store import RedisReplayStore
    from datafold_sdk.http_signatures.requests_auth import DataFoldRequestsAuth

__all__ = [
    "ACCEPT_SIGNATURE",
    "REQUEST_SIGNATURE_LABEL",
    "REQUEST_SIGNATURE_TAG",
    "DataFoldHttpxAuth",
    "DataFoldRequestsAuth",
    "DataFoldSignatureMiddleware",
    "HttpMessage",
    "MemoryReplayStore",
    "RedisReplayStore",
    "ReplayStore",
    "RequestSignatureError",
    "RequestSigner",
    "ResolvedKey",
    "ServerKeyResolver",
    "VerifiedRequest",
    "content_digest",
    "signature_headers",
    "verify_request",
    "verify_request_async",
]


def __getattr__(name: str) -> Any:
    # requests and redis are optional extras: their modules load only when asked for.
    if name == "DataFoldRequestsAuth":
        from datafold_sdk.http_signatures.requests_auth import DataFoldRequestsAuth

        return DataFoldRequestsAuth
    if name == "RedisReplayStore":
        from datafold_sdk.http_signatures.redis_replay_store import RedisReplayStore

        return RedisReplayStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
