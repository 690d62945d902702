"""``DataFoldHttpxAuth``: every request an ``httpx`` client sends, signed (spec §2).

Example:
    >>> import httpx
    >>> auth = DataFoldHttpxAuth("app", bytes(32))
    >>> request = httpx.Request("POST", "https://api.example/items", json={"a": 1})
    >>> signed = next(auth.auth_flow(request))
    >>> signed.headers["signature-input"].startswith('datafold=("@method" "@target-uri"')
    True
"""

from __future__ import annotations

from typing import Generator, Optional, Sequence

import httpx

from datafold_sdk.http_signatures.profile import DEFAULT_EXPIRES_IN
from datafold_sdk.http_signatures.request_signer import RequestSigner


class DataFoldHttpxAuth(httpx.Auth):
    """``httpx.Client(auth=DataFoldHttpxAuth(client_id, private_key))`` signs each request with
    the client's key; works with ``httpx.AsyncClient`` too. ``components`` names extra header
    fields to cover. Build one from stored keys with ``DataFoldHttpxAuth.from_signer(
    RequestSigner.from_storage(...))``."""

    requires_request_body = True

    def __init__(
        self,
        client_id: str,
        private_key: bytes,
        *,
        components: Sequence[str] = (),
        expires_in: int = DEFAULT_EXPIRES_IN,
        signer: Optional[RequestSigner] = None,
    ) -> None:
        self.signer = signer or RequestSigner(
            client_id, private_key, components=components, expires_in=expires_in
        )

    @classmethod
    def from_signer(cls, signer: RequestSigner) -> DataFoldHttpxAuth:
        """The auth of an existing signer (one built from storage, say)."""
        return cls(signer.client_id, b"", signer=signer)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Adds the signature fields (and Content-Digest) to the request, then sends it."""
        fields = self.signer.fields(
            request.method, str(request.url), request.headers.multi_items(), request.content
        )
        for name, value in fields.items():
            request.headers[name] = value
        yield request
