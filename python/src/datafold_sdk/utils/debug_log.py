"""Debug logging: ``enable_debug_logging()`` makes the SDK say what it does, never a secret.

Each step the SDK takes (a key generated, stored, read or rotated, a backup made or restored, a
request sent and answered, a session set up) is one record on the ``datafold_sdk`` logger: an
event name and a few fields, ``storage.stored key_id='app' version=2 type='file'``. Secrets
cannot reach it: fields whose names sound secret (the rule of
``vectors/debug-log/redaction.json``, which the JS SDK follows too) are written as
``[redacted]``, bytes as their length, and a filter replaces anything in a record that looks like
key material (long hex or base64 runs). ``DATAFOLD_DEBUG=1`` in the environment turns it on at
import, as it does for the JS SDK.

Example:
    >>> import logging
    >>> logger = enable_debug_logging(logging.WARNING)
    >>> redact("seed=" + "ab" * 32)
    'seed=[redacted]'
    >>> format_fields({"key_id": "app", "passphrase": "hunter2 hunter2", "seed": bytes(32)})
    "key_id='app' passphrase=[redacted] seed=[redacted]"
"""

from __future__ import annotations

import logging
import os
import re
from typing import Any, Dict, Optional

LOGGER_NAME = "datafold_sdk"
_SECRETISH = re.compile(r"[0-9a-fA-F]{32,}|[A-Za-z0-9+/_-]{40,}={0,2}")
# Field names whose values are never written (vectors/debug-log/redaction.json).
SECRET_FIELD = re.compile(r"priv|secret|seed|pass|password|token|ikm|master|plaintext|^d$", re.I)
_LONG = 200
_logger = logging.getLogger(LOGGER_NAME)


def redact(text: str) -> str:
    """``text`` with hex runs of 32+ and base64 runs of 40+ characters replaced."""
    return _SECRETISH.sub("[redacted]", text)


def redact_value(name: str, value: Any) -> str:
    """How one field is written: ``[redacted]`` for a secret-sounding name, ``<n bytes>`` for
    bytes, ``<n characters>`` for long text, else its repr."""
    if SECRET_FIELD.search(name):
        return "[redacted]"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"<{len(bytes(value))} bytes>"
    if isinstance(value, str) and len(value) > _LONG:
        return f"<{len(value)} characters>"
    return repr(value)


def format_fields(fields: Dict[str, Any]) -> str:
    """``name=value`` pairs, each through ``redact_value``."""
    return " ".join(f"{name}={redact_value(name, value)}" for name, value in fields.items())


class RedactingFilter(logging.Filter):
    """Rewrites each record's message through ``redact``."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redacts and keeps the record."""
        record.msg = redact(record.getMessage())
        record.args = ()
        return True


def debug(event: str, **fields: Any) -> None:
    """One debug record: ``event`` and its fields, redacted. Cheap when logging is off."""
    if _logger.isEnabledFor(logging.DEBUG):
        _logger.debug("%s %s", event, format_fields(fields))


def enable_debug_logging(
    level: int = logging.DEBUG, handler: Optional[logging.Handler] = None
) -> logging.Logger:
    """Turns on the SDK's logger at ``level`` (stderr unless a handler is given) and returns it.

    Example:
        >>> import io
        >>> out = io.StringIO()
        >>> handler = logging.StreamHandler(out)
        >>> logger = enable_debug_logging(handler=handler)
        >>> debug("keys.generated", count=1)
        >>> out.getvalue()
        'keys.generated count=1\\n'
        >>> logger.removeHandler(handler)
        >>> logger.setLevel(logging.WARNING)
    """
    _logger.setLevel(level)
    if not any(isinstance(f, RedactingFilter) for f in _logger.filters):
        _logger.addFilter(RedactingFilter())
    if handler is not None:
        _logger.addHandler(handler)
    elif not _logger.handlers and not logging.getLogger().handlers:
        # No logging configured (no logging.basicConfig): write to stderr ourselves. Otherwise the
        # records propagate to the application's handlers, printed once.
        stderr = logging.StreamHandler()
        stderr.setFormatter(logging.Formatter("[datafold] %(message)s"))
        _logger.addHandler(stderr)
    return _logger


def enable_from_environment() -> None:
    """``DATAFOLD_DEBUG`` set to 1, true, yes or on turns debug logging on (called at import)."""
    if os.environ.get("DATAFOLD_DEBUG", "").strip().lower() in ("1", "true", "yes", "on"):
        enable_debug_logging()
