"""Key ids (spec/key-file-v1.md §2): they become file names and keyring entries, and a line of a
rotation's HKDF info (spec/key-rotation-v1.md §4), so only ids that pass this rule get there.

``assert_valid_key_id`` is where an id is checked and becomes a ``KeyId``. Storage checks once, at
its boundary (``SecureKeyStorage``); the layers below take ``KeyId`` only, so the type checker
shows that no unchecked id reaches a path.

Example:
    >>> validate_key_id("../x")["valid"]
    False
    >>> assert_valid_key_id("app-key")
    'app-key'
    >>> generate_key_id("app").startswith("app-")
    True
"""

from __future__ import annotations

import re
import secrets
from typing import Any, Dict, NewType

from datafold_sdk.errors.exceptions import ValidationError

MAX_KEY_ID_LENGTH = 100
_KEY_ID = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}")

KeyId = NewType("KeyId", str)
"""A key id that passed ``validate_key_id``; made only by ``assert_valid_key_id``."""


def validate_key_id(key_id: object) -> Dict[str, Any]:
    """``{"valid": True}`` or ``{"valid": False, "reason": ...}``; never raises."""
    if not isinstance(key_id, str):
        return {"valid": False, "reason": "key id must be a string"}
    if not key_id:
        return {"valid": False, "reason": "key id is empty"}
    if len(key_id) > MAX_KEY_ID_LENGTH:
        return {"valid": False, "reason": f"key id is longer than {MAX_KEY_ID_LENGTH} characters"}
    if key_id.startswith("."):
        return {"valid": False, "reason": "key id must not start with a dot"}
    if _KEY_ID.fullmatch(key_id) is None:
        return {"valid": False, "reason": "key id may only use A-Z a-z 0-9 . _ -"}
    return {"valid": True}


def assert_valid_key_id(key_id: object) -> KeyId:
    """The key id as a ``KeyId``, or INVALID_KEY_ID with the reason (before any file is touched).

    Example:
        >>> try:
        ...     assert_valid_key_id("a/b")
        ... except ValidationError as error:
        ...     str(error)
        'Invalid key id: key id may only use A-Z a-z 0-9 . _ - (INVALID_KEY_ID)'
    """
    result = validate_key_id(key_id)
    if not result["valid"]:
        raise ValidationError(f"Invalid key id: {result['reason']}", "INVALID_KEY_ID")
    assert isinstance(key_id, str)
    return KeyId(key_id)


def generate_key_id(prefix: str = "key") -> str:
    """A fresh random key id ``<prefix>-<16 hex>``."""
    return assert_valid_key_id(f"{prefix}-{secrets.token_hex(8)}")
