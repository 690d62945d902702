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

from typing import Generator

import httpx

from datafold_sdk.http_signatures.request_signer import RequestSigner


class DataFoldHttpxAuth(RequestSigner, httpx.Auth):
    """``httpx.Client(auth=DataFoldHttpxAuth(client_id, private_key))`` signs each request with
    the client's key; works with ``httpx.AsyncClient`` too. It is a ``RequestSigner``:
    ``components`` names extra header fields to cover, and
    ``DataFoldHttpxAuth.from_storage(client_id, key_id, passphrase)`` takes a stored key."""

    requires_request_body = True

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Adds the signature fields (and Content-Digest) to the request, then sends it."""
        fields = self.fields(
            request.method, str(request.url), request.headers.multi_items(), request.content
        )
        for name, value in fields.items():
            request.headers[name] = value
        yield request
