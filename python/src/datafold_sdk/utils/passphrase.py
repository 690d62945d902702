"""Passphrase strength rule of writers (spec/backup-v1.md §4.1), identical to the JS SDK's.

Example:
    >>> validate_passphrase("hunter2")
    {'valid': False, 'issues': ['shorter than 8 characters']}
    >>> validate_passphrase("correct horse battery staple")["valid"]
    True
"""

from __future__ import annotations

from typing import Any, Dict, List

from datafold_sdk.errors.exceptions import ValidationError

MIN_PASSPHRASE_LENGTH = 8
MAX_PASSPHRASE_LENGTH = 1024

_COMMON_PASSWORDS = frozenset(
    [
        "password",
        "password1",
        "password123",
        "passw0rd",
        "12345678",
        "123456789",
        "1234567890",
        "qwertyuiop",
        "qwerty123",
        "iloveyou",
        "sunshine",
        "princess",
        "football",
        "baseball",
        "welcome1",
        "letmein1",
        "trustno1",
        "superman",
        "changeme",
        "abc12345",
        "11111111",
        "00000000",
        "asdfghjkl",
        "secret123",
    ]
)


def _is_simple_sequence(text: str) -> bool:
    if len(text) < 4:
        return False
    step = ord(text[1]) - ord(text[0])
    if abs(step) != 1:
        return False
    return all(ord(text[i]) - ord(text[i - 1]) == step for i in range(2, len(text)))


def validate_passphrase(passphrase: object) -> Dict[str, Any]:
    """``{"valid": bool, "issues": [str]}``; length counts code points."""
    if not isinstance(passphrase, str):
        return {"valid": False, "issues": ["passphrase must be a string"]}
    issues: List[str] = []
    lower = passphrase.lower()
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        issues.append(f"shorter than {MIN_PASSPHRASE_LENGTH} characters")
    if len(passphrase) > MAX_PASSPHRASE_LENGTH:
        issues.append(f"longer than {MAX_PASSPHRASE_LENGTH} characters")
    if passphrase.strip() != passphrase:
        issues.append("starts or ends with white space, which is easy to lose when typing")
    if len(passphrase) > 1 and len(set(passphrase)) == 1:
        issues.append("a single repeated character")
    elif lower in _COMMON_PASSWORDS:
        issues.append("a commonly used password")
    elif _is_simple_sequence(lower):
        issues.append("a simple sequence of characters")
    elif passphrase.isascii() and passphrase.isdigit() and len(passphrase) < 12:
        issues.append("digits only (use at least 12, or add letters)")
    return {"valid": not issues, "issues": issues}


def assert_strong_passphrase(passphrase: object) -> str:
    """The passphrase, or WEAK_PASSPHRASE listing its issues (INVALID_ARGUMENT if not a str).

    The message lists weaknesses, never the passphrase.
    """
    if not isinstance(passphrase, str):
        raise ValidationError("passphrase must be a string", "INVALID_ARGUMENT")
    result = validate_passphrase(passphrase)
    if not result["valid"]:
        raise ValidationError(
            f"Passphrase is too weak: {'; '.join(result['issues'])}",
            "WEAK_PASSPHRASE",
            {"issues": result["issues"]},
        )
    return passphrase
