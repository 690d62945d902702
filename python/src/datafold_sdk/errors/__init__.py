"""Error classes and the code registry (spec/errors.json).

Example:
    >>> from datafold_sdk.errors import ERROR_REGISTRY, StorageError
    >>> StorageError("locked", "STORAGE_LOCKED").http_status
    409
    >>> ERROR_REGISTRY["STORAGE_LOCKED"].http_status
    409
"""

from datafold_sdk.errors.codes import ERROR_REGISTRY, ErrorInfo
from datafold_sdk.errors.exceptions import (
    BackupError,
    DataFoldError,
    Ed25519KeyError,
    KeyDerivationError,
    ServerCommunicationError,
    StorageError,
    UnsupportedPlatformError,
    ValidationError,
)

__all__ = [
    "ERROR_REGISTRY",
    "BackupError",
    "DataFoldError",
    "Ed25519KeyError",
    "ErrorInfo",
    "KeyDerivationError",
    "ServerCommunicationError",
    "StorageError",
    "UnsupportedPlatformError",
    "ValidationError",
]
