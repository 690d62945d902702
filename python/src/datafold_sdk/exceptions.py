"""The document's ``datafold_sdk.exceptions`` module: the SDK's exception classes under the name
its troubleshooting recipes import them by. They are the classes of ``datafold_sdk.errors``.

Example:
    >>> from datafold_sdk.exceptions import BackupError, ServerCommunicationError
    >>> import datafold_sdk
    >>> ServerCommunicationError is datafold_sdk.ServerCommunicationError
    True
    >>> str(ServerCommunicationError("POST /api/crypto/keys/register: taken",
    ...                              "CLIENT_ALREADY_REGISTERED"))
    'POST /api/crypto/keys/register: taken (CLIENT_ALREADY_REGISTERED)'
"""

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
    "BackupError",
    "DataFoldError",
    "Ed25519KeyError",
    "KeyDerivationError",
    "ServerCommunicationError",
    "StorageError",
    "UnsupportedPlatformError",
    "ValidationError",
]
