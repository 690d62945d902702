"""Strict Ed25519 verification (spec/ed25519-verification.md).

Rules 1-4 are byte comparisons here; OpenSSL then checks rule 5 (A decodes) and rule 6 (the
cofactorless equation, comparing R's bytes). Together they give libsodium's answers on every
vector of vectors/ed25519.

Example:
    >>> from datafold_sdk.keys.from_seed import key_pair_from_seed
    >>> from datafold_sdk.signatures.sign import sign
    >>> pair = key_pair_from_seed(bytes(32))
    >>> verify(sign("hi", pair.private_key), "hi", pair.public_key)
    True
"""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature

from datafold_sdk.hazmat.strict_checks import (
    public_key_passes_prechecks,
    signature_passes_prechecks,
)
from datafold_sdk.keys.key_bytes import as_bytes, as_message
from datafold_sdk.keys.types import PUBLIC_KEY_LENGTH, SIGNATURE_LENGTH
from datafold_sdk.signatures.key_cache import public_key_object
from datafold_sdk.signatures.sign import Message


def verify(signature: bytes, message: Message, public_key: bytes) -> bool:
    """True when ``signature`` is valid for ``message`` under ``public_key``, strictly.

    A bad signature answers False, never an error. Wrong lengths are usage errors:
    INVALID_SIGNATURE (not 64 bytes), INVALID_PUBLIC_KEY (not 32 bytes); a message of another type
    than bytes or str is INVALID_ARGUMENT.
    """
    sig = as_bytes(signature, SIGNATURE_LENGTH, "signature", "INVALID_SIGNATURE")
    data = as_message(message)
    key = as_bytes(public_key, PUBLIC_KEY_LENGTH, "public_key", "INVALID_PUBLIC_KEY")
    if not signature_passes_prechecks(sig) or not public_key_passes_prechecks(key):
        return False
    try:
        public_key_object(key).verify(sig, data)
    except (InvalidSignature, ValueError):
        return False
    return True
