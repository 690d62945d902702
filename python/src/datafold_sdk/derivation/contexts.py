"""The derivation contexts of spec/derivation-v1.md §2.

Example:
    >>> context_info("SIGNING")
    b'datafold_signing_v1'
    >>> context_info("my_app_v1")
    b'my_app_v1'
"""

from __future__ import annotations

from typing import Dict, Union

from datafold_sdk.errors.exceptions import KeyDerivationError

DERIVATION_CONTEXTS: Dict[str, str] = {
    "DATA_ENCRYPTION": "datafold_data_encryption_v1",
    "SIGNING": "datafold_signing_v1",
    "AUTHENTICATION": "datafold_auth_v1",
}


def context_info(context: Union[str, bytes]) -> bytes:
    """HKDF info for a context: the three names map to their strings, other text is used as its
    UTF-8 (unnormalised), bytes are used unchanged. INVALID_ARGUMENT for other types."""
    if isinstance(context, (bytes, bytearray, memoryview)):
        return bytes(context)
    if isinstance(context, str):
        try:
            return DERIVATION_CONTEXTS.get(context, context).encode("utf-8")
        except UnicodeEncodeError:
            raise KeyDerivationError(
                "context has a lone surrogate and no UTF-8 form", "INVALID_ARGUMENT"
            ) from None
    raise KeyDerivationError(
        f"context must be str or bytes, got {type(context).__name__}", "INVALID_ARGUMENT"
    )
