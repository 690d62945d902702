"""``DataFoldSignatureMiddleware``: pure ASGI middleware that lets through only requests signed
by a client's active DataFold key (spec §3), and tells the app who signed.

Example:
    >>> async def app(scope, receive, send):
    ...     pass
    >>> guarded = DataFoldSignatureMiddleware(app, server_url="http://127.0.0.1:9001")
    >>> guarded.key_resolver.ttl
    5.0
"""

from __future__ import annotations

import json
import logging
from typing import Any, Awaitable, Callable, Dict, List, MutableMapping, Optional, Tuple
from urllib.parse import quote

from datafold_sdk.errors.exceptions import (
    Ed25519KeyError,
    ServerCommunicationError,
    ValidationError,
)
from datafold_sdk.http_signatures.http_message import parse_target_uri
from datafold_sdk.http_signatures.profile import (
    ACCEPT_SIGNATURE,
    DEFAULT_CLOCK_SKEW,
    DEFAULT_KEY_CACHE_TTL,
    DEFAULT_MAX_AGE,
)
from datafold_sdk.http_signatures.replay_store import MemoryReplayStore, ReplayStore
from datafold_sdk.http_signatures.request_signature_error import RequestSignatureError
from datafold_sdk.http_signatures.resolved_key import ResolvedKey
from datafold_sdk.http_signatures.server_key_resolver import ServerKeyResolver
from datafold_sdk.http_signatures.verify_request import (
    MaybeAwaitable,
    check_verifier_settings,
    verify_request_async,
)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_log = logging.getLogger("datafold_sdk.http_signatures")


class _TooLargeError(Exception):
    pass


class _DisconnectedError(Exception):
    pass


class DataFoldSignatureMiddleware:
    """Wraps an ASGI app so that each HTTP request must carry a valid DataFold signature.

    Keys come from a DataFold server (``server_url``; answers cached ``key_cache_ttl`` seconds,
    5 by default, so a revoked key is refused within that bound) or from ``resolve_key``. A
    refusal is the server's envelope ``{"success": false, "error": {"code", "message",
    "details"}}`` with the status of spec §4 (401s carry ``Accept-Signature``; 503s
    ``Retry-After``). A verified request reaches the app with the ``VerifiedRequest`` in
    ``scope["datafold"]`` and ``scope["state"]["datafold"]`` (``request.state.datafold`` in
    Starlette and FastAPI). ``public_url`` (``https://app.example``) names the origin clients sign
    when the app is behind a proxy; otherwise the Host field and the connection's scheme are used
    (spec §2.3). WebSocket connections are closed (1008): they cannot be verified. Bodies larger
    than ``max_body_bytes`` are refused with 413.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        server_url: Optional[str] = None,
        resolve_key: Optional[Callable[[str], MaybeAwaitable[ResolvedKey]]] = None,
        replay_store: Optional[ReplayStore] = None,
        public_url: Optional[str] = None,
        max_age: int = DEFAULT_MAX_AGE,
        clock_skew: int = DEFAULT_CLOCK_SKEW,
        key_cache_ttl: float = DEFAULT_KEY_CACHE_TTL,
        max_body_bytes: int = 1_048_576,
    ) -> None:
        if (server_url is None) == (resolve_key is None):
            raise ValidationError(
                "pass exactly one of server_url and resolve_key", "INVALID_ARGUMENT"
            )
        check_verifier_settings(max_age, clock_skew)
        self.app = app
        self.key_resolver: Optional[ServerKeyResolver] = None
        self._resolve_key: Callable[[str], MaybeAwaitable[ResolvedKey]]
        if resolve_key is not None:
            self._resolve_key = resolve_key
        else:
            self.key_resolver = ServerKeyResolver(str(server_url), ttl=key_cache_ttl)
            self._resolve_key = self.key_resolver
        self.replay_store: ReplayStore = (
            replay_store if replay_store is not None else MemoryReplayStore()
        )
        self._origin = None
        if public_url is not None:
            target = parse_target_uri(public_url)
            self._origin = (target.scheme, target.authority)
        self.max_age = max_age
        self.clock_skew = clock_skew
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Verifies an HTTP request, then calls the app or answers the refusal."""
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            body = await self._read_body(receive)
        except _DisconnectedError:
            return
        except _TooLargeError:
            await _refuse(send, 413, "PAYLOAD_TOO_LARGE", "the request body is too large")
            return
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]]
        try:
            verified = await verify_request_async(
                scope["method"],
                self._target_uri(scope, headers),
                headers,
                body,
                resolve_key=self._resolve_key,
                replay_store=self.replay_store,
                max_age=self.max_age,
                clock_skew=self.clock_skew,
            )
        except RequestSignatureError as error:
            await _refuse(send, error.http_status, error.error_code, error.message)
            return
        except ServerCommunicationError as error:
            _log.warning("key lookup failed: %s", error)
            await _refuse(send, 503, "SERVICE_UNAVAILABLE", "the key server cannot be reached")
            return
        scope["datafold"] = verified
        scope.setdefault("state", {})["datafold"] = verified
        await self.app(scope, _replay(body, receive), send)

    def _target_uri(self, scope: Scope, headers: List[Tuple[str, str]]) -> str:
        if self._origin is not None:
            scheme, authority = self._origin
        else:
            scheme = scope.get("scheme", "http")
            # No Host leaves the URI without an authority, which verification refuses as malformed.
            hosts = [value for name, value in headers if name.lower() == "host"]
            authority = hosts[0] if hosts else ""
        raw = scope.get("raw_path")
        path = raw.decode("latin-1") if raw else quote(scope["path"], safe="/%:@!$&'()*+,;=")
        query = scope.get("query_string", b"").decode("latin-1")
        return f"{scheme}://{authority}{path}" + (f"?{query}" if query else "")

    async def _read_body(self, receive: Receive) -> bytes:
        chunks: List[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _DisconnectedError
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body_bytes:
                raise _TooLargeError
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands the app the body already read, then the real channel."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _refuse(send: Send, status: int, code: str, message: str) -> None:
    """The server's error envelope (spec §4)."""
    payload = Ed25519KeyError(message, code).to_dict()
    body = json.dumps({"success": False, "error": payload}).encode("utf-8")
    headers: List[Tuple[bytes, bytes]] = [
        (b"content-type", b"application/json; charset=utf-8"),
        (b"content-length", str(len(body)).encode("ascii")),
    ]
    if status == 401:
        headers.append((b"accept-signature", ACCEPT_SIGNATURE.encode("ascii")))
    if status == 503:
        headers.append((b"retry-after", b"1"))
    start: Dict[str, Any] = {"type": "http.response.start", "status": status, "headers": headers}
    await send(start)
    await send({"type": "http.response.body", "body": body})
