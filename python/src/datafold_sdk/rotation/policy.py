"""``RotationPolicy``: when keys rotate and how many versions are kept.

Example:
    >>> RotationPolicy(rotation_interval_days=90, max_versions=5).to_dict()["max_versions"]
    5
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Dict, Mapping

from datafold_sdk.errors.exceptions import ValidationError

DERIVATION_METHODS = ("regenerate", "derive", "rederive", "random", "HKDF")
"""spec/key-rotation-v1.md §4 methods; ``random`` and ``HKDF`` are the seed API's names for
``regenerate`` and ``rederive``."""


@dataclass
class RotationPolicy:
    """``rotation_interval_days`` (1-3650) until a rotation is due; ``max_versions`` (1-1000)
    kept when ``auto_cleanup_expired``; ``derivation_method``: the default method of
    ``rotate_key`` (spec/key-rotation-v1.md §4)."""

    rotation_interval_days: int = 90
    max_versions: int = 5
    auto_cleanup_expired: bool = True
    derivation_method: str = "regenerate"

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
        """The policy as this dataclass names it."""
        return asdict(self)

    def to_stored(self) -> Dict[str, Any]:
        """The policy as spec/key-rotation-v1.md §5 stores it."""
        return {
            "rotation_interval_days": self.rotation_interval_days,
            "max_versions": self.max_versions,
            "auto_cleanup": self.auto_cleanup_expired,
        }

    @classmethod
    def from_stored(cls, data: Mapping[str, Any]) -> RotationPolicy:
        """A policy read back from stored metadata (§5 names; absent members take defaults)."""
        kwargs: Dict[str, Any] = {}
        interval = data.get("rotation_interval_days")
        if isinstance(interval, (int, float)) and not isinstance(interval, bool):
            kwargs["rotation_interval_days"] = max(1, min(3650, int(interval)))
        if isinstance(data.get("max_versions"), int):
            kwargs["max_versions"] = data["max_versions"]
        if isinstance(data.get("auto_cleanup"), bool):
            kwargs["auto_cleanup_expired"] = data["auto_cleanup"]
        return cls(**kwargs)


def _int_in(name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError(f"{name} must be an integer from {low} to {high}", "INVALID_ARGUMENT")
