"""``validate_backup_format``: can this backup be restored, as far as can be told without the
passphrase? (spec/backup-v1.md §3-§5 and the ceilings of §4.5.)

Example:
    >>> validate_backup_format("not json")["valid"]
    False
"""

from __future__ import annotations

from typing import Any, Dict

from datafold_sdk.backup.backup_key import check_backup_kdf_params
from datafold_sdk.backup.parse_backup import inspect_backup
from datafold_sdk.errors.exceptions import Ed25519KeyError


def validate_backup_format(data: object) -> Dict[str, Any]:
    """``{"valid": bool, "issues": [{"field", "code", "message"}], "key_id", "kdf",
    "encryption"}``; never raises for a bad backup."""
    parsed, issues = inspect_backup(data)
    found = [issue._asdict() for issue in issues]
    if parsed is not None:
        try:
            check_backup_kdf_params(parsed.kdf, parsed.kdf_params, "read")
        except Ed25519KeyError as error:
            found.append(
                {"field": "kdf_params", "code": error.error_code, "message": error.message}
            )
    result: Dict[str, Any] = {"valid": not found, "issues": found}
    if parsed is not None:
        result.update(key_id=parsed.key_id, kdf=parsed.kdf, encryption=parsed.encryption)
    return result
