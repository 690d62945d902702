"""Signing a request with a DataFold key (spec §2): the fields to add to it.

Example:
    >>> from datafold_sdk.http_signatures.http_message import HttpMessage
    >>> message = HttpMessage.of("GET", "https://api.example/items", {})
    >>> fields = signature_headers(message, client_id="app", private_key=bytes(32),
    ...                            now=1700000000, nonce="AAAAAAAAAAAAAAAAAAAAAA")
    >>> print(fields["signature-input"].replace(";", "\\n;"))
    datafold=("@method" "@target-uri")
    ;created=1700000000
    ;expires=1700000060
    ;nonce="AAAAAAAAAAAAAAAAAAAAAA"
    ;alg="ed25519"
    ;keyid="app"
    ;tag="datafold-request-v1"
"""

from __future__ import annotations

import base64
import math
import secrets
import time
from dataclasses import replace
from typing import Dict, List, Optional, Sequence

from datafold_sdk.errors.exceptions import ValidationError
from datafold_sdk.http_signatures.content_digest import content_digest
from datafold_sdk.http_signatures.http_message import HttpMessage
from datafold_sdk.http_signatures.profile import (
    ALGORITHM,
    DEFAULT_EXPIRES_IN,
    NONCE_PATTERN,
    REQUEST_SIGNATURE_LABEL,
    REQUEST_SIGNATURE_TAG,
)
from datafold_sdk.http_signatures.signature_base import signature_base
from datafold_sdk.http_signatures.structured_fields import (
    InnerList,
    Item,
    Parameters,
    serialize_dictionary,
)
from datafold_sdk.server.statements import check_client_id
from datafold_sdk.signatures.sign import sign


def new_nonce() -> str:
    """16 random bytes as base64url without padding: 22 characters, 128 bits (spec §2)."""
    return base64.urlsafe_b64encode(secrets.token_bytes(16)).decode("ascii").rstrip("=")


def check_signing_options(components: Sequence[str], expires_in: object) -> None:
    """INVALID_ARGUMENT for extra components that are not lower-case header names, or an
    ``expires_in`` that is not a positive integer of seconds."""
    if isinstance(expires_in, bool) or not isinstance(expires_in, int) or expires_in <= 0:
        raise ValidationError("expires_in must be a positive number of seconds", "INVALID_ARGUMENT")
    for name in components:
        if not isinstance(name, str) or name != name.lower() or name.startswith("@"):
            raise ValidationError(
                "extra components are lower-case header names", "INVALID_ARGUMENT"
            )


def covered_components(message: HttpMessage, extra: Sequence[str] = ()) -> List[str]:
    """What our signers cover (spec §2.1): ``@method``, ``@target-uri``, ``content-type`` when
    there is content and that field, the ``extra`` header names, and ``content-digest`` last when
    there is content (the JS SDK's order, so both faces write the same bytes)."""
    content = message.has_content()
    names = ["@method", "@target-uri"]
    if content and message.field("content-type") is not None:
        names.append("content-type")
    for name in extra:
        if name not in names and name != "content-digest":
            names.append(name)
    if content:
        names.append("content-digest")
    return names


def signature_headers(
    message: HttpMessage,
    *,
    client_id: str,
    private_key: bytes,
    components: Sequence[str] = (),
    expires_in: int = DEFAULT_EXPIRES_IN,
    now: Optional[float] = None,
    nonce: Optional[str] = None,
) -> Dict[str, str]:
    """The fields that sign ``message``: ``signature-input``, ``signature`` and, when the request
    has content, ``content-digest`` (which replaces any the message had).

    ``private_key`` is the 32-byte Ed25519 seed of the client's registered key; ``now`` (seconds
    since the epoch) and ``nonce`` are for tests and vectors. Raises INVALID_CLIENT_ID,
    INVALID_PRIVATE_KEY or INVALID_ARGUMENT for bad arguments.
    """
    check_client_id(client_id)
    check_signing_options(components, expires_in)
    nonce = new_nonce() if nonce is None else nonce
    if not isinstance(nonce, str) or NONCE_PATTERN.fullmatch(nonce) is None:
        raise ValidationError("nonce must be 22-128 base64 characters", "INVALID_ARGUMENT")
    created = math.floor(time.time() if now is None else now)
    fields: Dict[str, str] = {}
    if message.has_content():
        fields["content-digest"] = content_digest(message.body)
        kept = tuple(line for line in message.headers if line[0] != "content-digest")
        message = replace(message, headers=(*kept, ("content-digest", fields["content-digest"])))
    params: Parameters = {
        "created": created,
        "expires": created + expires_in,
        "nonce": nonce,
        "alg": ALGORITHM,
        "keyid": client_id,
        "tag": REQUEST_SIGNATURE_TAG,
    }
    inner = InnerList([Item(name) for name in covered_components(message, components)], params)
    signature = sign(signature_base(message, inner), private_key)
    fields["signature-input"] = serialize_dictionary({REQUEST_SIGNATURE_LABEL: inner})
    fields["signature"] = serialize_dictionary({REQUEST_SIGNATURE_LABEL: Item(signature)})
    return fields
