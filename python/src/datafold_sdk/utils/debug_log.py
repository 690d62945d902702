"""``enable_debug_logging``: the SDK's ``datafold_sdk`` logger, with a filter that redacts
anything that looks like key material (long hex or base64 runs) from every record.

Example:
    >>> import logging
    >>> logger = enable_debug_logging(logging.WARNING)
    >>> redact("seed=" + "ab" * 32)
    'seed=[redacted]'
"""

from __future__ import annotations

import logging
import re
from typing import Optional

LOGGER_NAME = "datafold_sdk"
_SECRETISH = re.compile(r"[0-9a-fA-F]{32,}|[A-Za-z0-9+/_-]{40,}={0,2}")


def redact(text: str) -> str:
    """``text`` with hex runs of 32+ and base64 runs of 40+ characters replaced."""
    return _SECRETISH.sub("[redacted]", text)


class RedactingFilter(logging.Filter):
    """Rewrites each record's message through ``redact``."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redacts and keeps the record."""
        record.msg = redact(record.getMessage())
        record.args = ()
        return True


def enable_debug_logging(
    level: int = logging.DEBUG, handler: Optional[logging.Handler] = None
) -> logging.Logger:
    """Turns on the SDK's logger at ``level`` (stderr unless a handler is given)."""
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(level)
    if not any(isinstance(f, RedactingFilter) for f in logger.filters):
        logger.addFilter(RedactingFilter())
    if handler is not None:
        logger.addHandler(handler)
    elif not logger.handlers:
        logger.addHandler(logging.StreamHandler())
    return logger
