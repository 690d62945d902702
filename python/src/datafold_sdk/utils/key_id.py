"""Key ids (spec/key-file-v1.md §2): they become file names, so they are checked everywhere.

Example:
    >>> validate_key_id("../x")["valid"]
    False
    >>> generate_key_id("app").startswith("app-")
    True
"""

from __future__ import annotations

import re
import secrets
from typing import Any, Dict

from datafold_sdk.errors.exceptions import ValidationError

MAX_KEY_ID_LENGTH = 100
_KEY_ID = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}")


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


def assert_valid_key_id(key_id: object) -> str:
    """The key id, or INVALID_KEY_ID with the reason (before any file is touched)."""
    result = validate_key_id(key_id)
    if not result["valid"]:
        raise ValidationError(f"Invalid key id: {result['reason']}", "INVALID_KEY_ID")
    assert isinstance(key_id, str)
    return key_id


def generate_key_id(prefix: str = "key") -> str:
    """A fresh random key id ``<prefix>-<16 hex>``."""
    return assert_valid_key_id(f"{prefix}-{secrets.token_hex(8)}")
