"""The exception classes of the SDK, each carrying an ``error_code`` from spec/errors.json.

Callers branch on ``error_code``, never on the message. Messages say what to fix and never contain
key material, passphrases or seeds.

Example:
    >>> try:
    ...     raise StorageError("no key is stored under 'app-key'", "KEY_NOT_FOUND")
    ... except Ed25519KeyError as error:
    ...     (error.error_code, error.http_status, str(error))
    ('KEY_NOT_FOUND', 404, "no key is stored under 'app-key' (KEY_NOT_FOUND)")
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional

from datafold_sdk.errors.codes import ERROR_REGISTRY


class Ed25519KeyError(Exception):
    """The base of every error the SDK raises (the seed's name for it).

    ``error_code`` must be a code of spec/errors.json: an unknown one is a programming error and
    raises ``ValueError`` at once, so no uncoded error can reach a caller. When it is omitted the
    class's ``default_code`` is used.

    Example:
        >>> Ed25519KeyError("key must be 32 bytes", "INVALID_PRIVATE_KEY").http_status
        400
    """

    default_code = "INVALID_ARGUMENT"

    def __init__(
        self,
        message: str,
        error_code: Optional[str] = None,
        details: Optional[Mapping[str, Any]] = None,
    ) -> None:
        code = error_code if error_code is not None else self.default_code
        if code not in ERROR_REGISTRY:
            raise ValueError(f"{code!r} is not a code of spec/errors.json")
        super().__init__(message)
        self.message = message
        self.error_code = code
        self.details: Dict[str, Any] = dict(details or {})

    @property
    def code(self) -> str:
        """The same as ``error_code``, under the TypeScript SDK's name."""
        return self.error_code

    @property
    def http_status(self) -> int:
        """The HTTP status the server answers this code with (spec/errors.json)."""
        return ERROR_REGISTRY[self.error_code].http_status

    @property
    def fix(self) -> str:
        """How to fix it, from the registry."""
        return ERROR_REGISTRY[self.error_code].fix

    def to_dict(self) -> Dict[str, Any]:
        """The error as the wire envelope's ``error`` member: code, message, details."""
        return {"code": self.error_code, "message": self.message, "details": dict(self.details)}

    def __str__(self) -> str:
        # The code travels with the text, so ``"CLIENT_ALREADY_REGISTERED" in str(e)`` and a
        # printed error both name it; ``message`` stays the bare text.
        return f"{self.message} ({self.error_code})"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, {self.error_code!r})"


DataFoldError = Ed25519KeyError
"""The TypeScript SDK's name for the base class."""


class ValidationError(Ed25519KeyError):
    """Bad arguments that belong to no narrower family."""

    default_code = "INVALID_ARGUMENT"


class KeyDerivationError(Ed25519KeyError):
    """Key derivation: HKDF, PBKDF2, scrypt, Argon2id and their bounds."""

    default_code = "KEY_DERIVATION_FAILED"


class StorageError(Ed25519KeyError):
    """Key storage: the OS keyring and the key directory."""

    default_code = "STORAGE_UNAVAILABLE"


class UnsupportedPlatformError(Ed25519KeyError):
    """The platform lacks something an operation needs."""

    default_code = "UNSUPPORTED_PLATFORM"


class BackupError(Ed25519KeyError):
    """Encrypted backups (spec/backup-v1.md) and key files (spec/key-file-v1.md)."""

    default_code = "INVALID_BACKUP_JSON"


class ServerCommunicationError(Ed25519KeyError):
    """A DataFold server answered with an error, or could not be reached.

    ``error_code`` is the server's code (``error.code`` of the envelope) or, for failures on our
    side of the wire, NETWORK_ERROR, TIMEOUT or INVALID_RESPONSE. ``status_code`` is the HTTP
    status the server sent (None when nothing came back); ``details`` holds the envelope's
    ``error.details``.

    Example:
        >>> e = ServerCommunicationError("no registration", "CLIENT_NOT_FOUND", status_code=404)
        >>> (e.error_code, e.status_code)
        ('CLIENT_NOT_FOUND', 404)
    """

    default_code = "NETWORK_ERROR"

    def __init__(
        self,
        message: str,
        error_code: Optional[str] = None,
        details: Optional[Mapping[str, Any]] = None,
        *,
        status_code: Optional[int] = None,
    ) -> None:
        super().__init__(message, error_code, details)
        self.status_code = status_code
