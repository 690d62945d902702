"""``ServerKeyResolver``: a ``keyid`` resolved through a DataFold server's
``GET /api/crypto/keys/status/{client_id}``, each answer cached for a short TTL (spec §3.2).

A revocation or rotation therefore reaches a verifier within ``ttl`` seconds (5 by default) of
the server acknowledging it. Failures to ask are not cached and raise ServerCommunicationError.

Example:
    >>> resolver = ServerKeyResolver("http://127.0.0.1:9001", ttl=5)
    >>> resolver.ttl
    5.0
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from typing import Callable, Optional, Tuple
from urllib.parse import quote

import httpx

from datafold_sdk.errors.exceptions import ServerCommunicationError, ValidationError
from datafold_sdk.http_signatures.profile import DEFAULT_KEY_CACHE_TTL, KEY_CACHE_TTL_RANGE
from datafold_sdk.http_signatures.resolved_key import ResolvedKey

_KEY_HEX = re.compile(r"[0-9a-f]{64}")


class ServerKeyResolver:
    """An async ``resolve_key`` for ``verify_request_async`` and the ASGI middleware: ``active``
    with the registered key when the server says the registration is active, ``inactive`` when it
    is revoked or superseded, ``unknown`` on the server's 404 CLIENT_NOT_FOUND."""

    def __init__(
        self,
        server_url: str,
        *,
        ttl: float = DEFAULT_KEY_CACHE_TTL,
        timeout: float = 5.0,
        max_entries: int = 10_000,
        client: Optional[httpx.AsyncClient] = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not isinstance(server_url, str) or not server_url.startswith(("http://", "https://")):
            raise ValidationError("server_url must be an http(s) URL", "INVALID_ARGUMENT")
        low, high = KEY_CACHE_TTL_RANGE
        if isinstance(ttl, bool) or not isinstance(ttl, (int, float)) or not low <= ttl <= high:
            raise ValidationError(f"ttl must be {low:g} to {high:g} seconds", "INVALID_ARGUMENT")
        self.server_url = server_url.rstrip("/")
        self.ttl = float(ttl)
        self._client = client or httpx.AsyncClient(timeout=timeout)
        self._clock = clock
        self._max = max_entries
        self._cache: OrderedDict[str, Tuple[float, ResolvedKey]] = OrderedDict()
        self._lock = threading.Lock()

    async def __call__(self, client_id: str) -> ResolvedKey:
        """The client's key as the server last said it, at most ``ttl`` seconds ago."""
        now = self._clock()
        with self._lock:
            cached = self._cache.get(client_id)
            if cached is not None and cached[0] > now:
                return cached[1]
        answer = await self._ask(client_id)
        if self.ttl > 0:
            with self._lock:
                self._cache[client_id] = (now + self.ttl, answer)
                self._cache.move_to_end(client_id)
                while len(self._cache) > self._max:
                    self._cache.popitem(last=False)
        return answer

    async def _ask(self, client_id: str) -> ResolvedKey:
        url = f"{self.server_url}/api/crypto/keys/status/{quote(client_id, safe='')}"
        try:
            response = await self._client.get(url)
        except httpx.HTTPError as error:
            raise ServerCommunicationError(
                f"the key server cannot be reached ({type(error).__name__})", "NETWORK_ERROR"
            ) from None
        try:
            payload = response.json()
        except ValueError:
            payload = None
        if response.status_code == 404 and _code(payload) == "CLIENT_NOT_FOUND":
            return ResolvedKey.unknown()
        data = (
            payload.get("data")
            if response.status_code == 200 and isinstance(payload, dict)
            else None
        )
        if not isinstance(data, dict) or not isinstance(data.get("status"), str):
            raise ServerCommunicationError(
                f"the key server answered HTTP {response.status_code} without a key status",
                "INVALID_RESPONSE",
                status_code=response.status_code,
            )
        public_key = data.get("public_key")
        if data["status"] != "active":
            return ResolvedKey.inactive()
        if not isinstance(public_key, str) or _KEY_HEX.fullmatch(public_key) is None:
            raise ServerCommunicationError(
                "the key server's public_key is not 64 hex digits", "INVALID_RESPONSE"
            )
        return ResolvedKey.active(bytes.fromhex(public_key))

    def forget(self, client_id: Optional[str] = None) -> None:
        """Drops one cached answer, or all of them."""
        with self._lock:
            if client_id is None:
                self._cache.clear()
            else:
                self._cache.pop(client_id, None)

    async def aclose(self) -> None:
        """Closes the HTTP client."""
        await self._client.aclose()


def _code(payload: object) -> object:
    if isinstance(payload, dict) and isinstance(payload.get("error"), dict):
        return payload["error"].get("code")
    return None
