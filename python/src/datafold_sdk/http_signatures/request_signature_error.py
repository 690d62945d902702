"""``RequestSignatureError``: every refusal of a signed request, with its code of spec §4.

Example:
    >>> error = RequestSignatureError("no signature", "REQUEST_SIGNATURE_MISSING")
    >>> (error.error_code, error.http_status)
    ('REQUEST_SIGNATURE_MISSING', 401)
"""

from __future__ import annotations

from datafold_sdk.errors.exceptions import Ed25519KeyError


class RequestSignatureError(Ed25519KeyError):
    """A signed request was refused. ``error_code`` is one of spec §4's codes and ``http_status``
    its status; messages say what to fix and never what a key or a nonce was."""

    default_code = "REQUEST_SIGNATURE_INVALID"


def malformed(message: str) -> RequestSignatureError:
    """REQUEST_SIGNATURE_MALFORMED with ``message``."""
    return RequestSignatureError(message, "REQUEST_SIGNATURE_MALFORMED")
