"""RFC 9530 ``Content-Digest``: what our signers send, and the check of spec §2.2.

Example:
    >>> content_digest(b'{"hello": "world"}')
    'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:'
"""

from __future__ import annotations

import hashlib
import hmac

from datafold_sdk.http_signatures.parse_structured_field import parse_dictionary
from datafold_sdk.http_signatures.request_signature_error import RequestSignatureError
from datafold_sdk.http_signatures.structured_fields import (
    Item,
    StructuredFieldError,
    serialize_dictionary,
)

_ALGORITHMS = {"sha-256": "sha256", "sha-512": "sha512"}
"""The RFC 9530 algorithms a verifier checks (spec §2.2); others in the field are ignored."""


def content_digest(body: bytes) -> str:
    """``sha-256=:<base64>:`` of the content bytes, as our signers send it."""
    return serialize_dictionary({"sha-256": Item(hashlib.sha256(body).digest())})


def check_content_digest(field: str, body: bytes) -> None:
    """Every supported digest the field lists must match ``body``, and it must list one
    (spec §2.2); otherwise CONTENT_DIGEST_MISMATCH."""
    try:
        members = parse_dictionary(field)
    except StructuredFieldError:
        raise _mismatch("Content-Digest is not an RFC 8941 dictionary") from None
    checked = 0
    for name, member in members.items():
        algorithm = _ALGORITHMS.get(name)
        if algorithm is None:
            continue
        if not isinstance(member, Item) or not isinstance(member.value, bytes):
            raise _mismatch(f"the {name} member of Content-Digest is not a byte sequence")
        if not hmac.compare_digest(hashlib.new(algorithm, body).digest(), member.value):
            raise _mismatch(f"the content does not match its {name} Content-Digest")
        checked += 1
    if checked == 0:
        raise _mismatch("Content-Digest lists neither sha-256 nor sha-512: send sha-256")


def _mismatch(message: str) -> RequestSignatureError:
    return RequestSignatureError(message, "CONTENT_DIGEST_MISMATCH")
