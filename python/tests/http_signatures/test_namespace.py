"""The public names of ``datafold_sdk.http_signatures``, and that the optional extras (requests,
redis) load only when their classes are asked for."""

from __future__ import annotations

import subprocess
import sys

import datafold_sdk.http_signatures as http_signatures


def test_every_public_name_resolves() -> None:
    for name in http_signatures.__all__:
        assert getattr(http_signatures, name) is not None, name


def test_extras_load_on_first_use() -> None:
    script = (
        "import sys, datafold_sdk.http_signatures as h\n"
        "assert 'requests' not in sys.modules and 'redis' not in sys.modules\n"
        "h.DataFoldRequestsAuth, h.RedisReplayStore\n"
        "assert 'requests' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
