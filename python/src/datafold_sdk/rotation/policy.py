"""``RotationPolicy``: when keys rotate and how many versions are kept.

Example:
    >>> RotationPolicy(rotation_interval_days=90, max_versions=5).to_dict()["max_versions"]
    5
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Dict, Mapping

from datafold_sdk.errors.exceptions import ValidationError

DERIVATION_METHODS = ("random", "HKDF")


@dataclass
class RotationPolicy:
    """``rotation_interval_days`` (1-3650) until a rotation is due; ``max_versions`` (1-1000)
    kept when ``auto_cleanup_expired``; ``derivation_method`` of new keys: ``random`` or ``HKDF``
    (from a master key passed to ``rotate_key``)."""

    rotation_interval_days: int = 90
    max_versions: int = 5
    auto_cleanup_expired: bool = True
    derivation_method: str = "random"

    def __post_init__(self) -> None:
        _int_in("rotation_interval_days", self.rotation_interval_days, 1, 3650)
        _int_in("max_versions", self.max_versions, 1, 1000)
        if not isinstance(self.auto_cleanup_expired, bool):
            raise ValidationError("auto_cleanup_expired must be True or False", "INVALID_ARGUMENT")
        if self.derivation_method not in DERIVATION_METHODS:
            raise ValidationError(
                f"derivation_method must be one of {', '.join(DERIVATION_METHODS)}",
                "UNSUPPORTED_ALGORITHM",
            )

    def to_dict(self) -> Dict[str, Any]:
        """The policy as JSON-ready data."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RotationPolicy:
        """A policy read back from stored metadata (unknown members ignored)."""
        names = ("rotation_interval_days", "max_versions", "auto_cleanup_expired")
        kwargs = {name: data[name] for name in names if name in data}
        return cls(derivation_method=str(data.get("derivation_method", "random")), **kwargs)


def _int_in(name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(f"{name} must be an integer from {low} to {high}", "INVALID_ARGUMENT")
