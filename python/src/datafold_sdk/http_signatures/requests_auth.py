"""``DataFoldRequestsAuth``: every request a ``requests`` session sends, signed (spec §2).
Needs the ``requests`` extra: ``pip install 'datafold-python-sdk[requests]'``.

Example:
    >>> import requests
    >>> auth = DataFoldRequestsAuth("app", bytes(32))
    >>> prepared = requests.Request("POST", "https://api.example/x", json={"a": 1}).prepare()
    >>> sorted(auth(prepared).headers)[:3]
    ['Content-Digest', 'Content-Length', 'Content-Type']
"""

from __future__ import annotations

import requests
from requests.auth import AuthBase

from datafold_sdk.errors.exceptions import ValidationError
from datafold_sdk.http_signatures.request_signer import RequestSigner


class DataFoldRequestsAuth(RequestSigner, AuthBase):
    """``requests.get(url, auth=DataFoldRequestsAuth(client_id, private_key))`` signs the request
    with the client's key. A text body is sent as its UTF-8, the bytes that were signed; a
    streamed body (a file or generator) cannot be signed and raises INVALID_ARGUMENT."""

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        """Adds the signature fields (and Content-Digest) to the prepared request."""
        body = request.body
        if isinstance(body, str):
            # http.client would send text as Latin-1; send the UTF-8 that is signed instead.
            body = body.encode("utf-8")
            request.body = body
            request.headers["Content-Length"] = str(len(body))
        if body is not None and not isinstance(body, bytes):
            raise ValidationError(
                "a streamed body cannot be signed: pass bytes, text or json", "INVALID_ARGUMENT"
            )
        headers = [
            (name, value.decode("latin-1") if isinstance(value, bytes) else value)
            for name, value in request.headers.items()
        ]
        fields = self.fields(str(request.method), str(request.url), headers, body)
        for name, value in fields.items():
            request.headers[name.title()] = value
        return request
