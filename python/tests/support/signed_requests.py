"""A fixed key and a helper that signs a request with it, for the signed-request suites."""

from __future__ import annotations

from typing import Callable, Dict, List, Optional, Sequence, Tuple

from datafold_sdk.http_signatures.http_message import HttpMessage
from datafold_sdk.http_signatures.replay_store import MemoryReplayStore, ReplayStore
from datafold_sdk.http_signatures.resolved_key import ResolvedKey
from datafold_sdk.http_signatures.sign_request import signature_headers
from datafold_sdk.http_signatures.verify_request import VerifiedRequest, verify_request
from datafold_sdk.keys.from_seed import key_pair_from_seed

PAIR = key_pair_from_seed(bytes(range(32)))
CLIENT_ID = "py-signer"
NOW = 1_800_000_000
NONCE = "bm9uY2Utbm9uY2Utbm9uY2U"
URL = "https://api.example/items?sort=new"
Headers = List[Tuple[str, str]]


def signed_headers(
    method: str = "GET",
    url: str = URL,
    headers: Sequence[Tuple[str, str]] = (),
    body: bytes = b"",
    *,
    now: float = NOW,
    nonce: str = NONCE,
    client_id: str = CLIENT_ID,
    private_key: bytes = PAIR.private_key,
    components: Sequence[str] = (),
) -> Headers:
    """``headers`` plus the fields that sign the request (content-digest replaced)."""
    message = HttpMessage.of(method, url, list(headers), body)
    fields = signature_headers(
        message,
        client_id=client_id,
        private_key=private_key,
        components=components,
        now=now,
        nonce=nonce,
    )
    kept = [(n, v) for n, v in headers if n.lower() not in fields]
    return kept + list(fields.items())


def active_key(client_id: str) -> ResolvedKey:
    """Every client id resolves to ``PAIR``'s public key."""
    return ResolvedKey.active(PAIR.public_key)


def verify(
    headers: Sequence[Tuple[str, str]],
    method: str = "GET",
    url: str = URL,
    body: bytes = b"",
    *,
    now: float = NOW,
    store: Optional[ReplayStore] = None,
    resolve: Callable[[str], ResolvedKey] = active_key,
    max_age: int = 300,
    clock_skew: int = 30,
) -> VerifiedRequest:
    """``verify_request`` with a fresh store born at 0 and ``PAIR`` as every client's key."""
    return verify_request(
        method,
        url,
        list(headers),
        body,
        resolve_key=resolve,
        replay_store=store if store is not None else MemoryReplayStore(now=lambda: 0),
        max_age=max_age,
        clock_skew=clock_skew,
        now=now,
    )


def replace_field(headers: Headers, name: str, value: str) -> Headers:
    """``headers`` with every line of ``name`` replaced by one line ``value``."""
    return [(n, v) for n, v in headers if n.lower() != name] + [(name, value)]


def field(headers: Headers, name: str) -> str:
    """The value of ``name``."""
    return next(v for n, v in headers if n.lower() == name)


def as_dict(headers: Headers) -> Dict[str, str]:
    """The headers as a dict (one line each)."""
    return dict(headers)
