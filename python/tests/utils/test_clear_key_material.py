"""``clear_key_material`` empties a pair, and the debug log never shows a secret it is handed."""

from __future__ import annotations

import logging

import pytest

import datafold_sdk
from datafold_sdk import clear_key_material, generate_key_pair


def test_clear_key_material_and_debug_log(caplog: pytest.LogCaptureFixture) -> None:
    pair = generate_key_pair()
    secret = pair.private_key.hex()
    clear_key_material(pair)
    assert pair.private_key == b"" and pair.public_key == b""
    logger = datafold_sdk.enable_debug_logging(logging.DEBUG)
    with caplog.at_level(logging.DEBUG, logger="datafold_sdk"):
        logger.debug("loaded %s", secret)
    assert secret not in caplog.text and "[redacted]" in caplog.text
