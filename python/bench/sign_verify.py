"""Sign and verify throughput of datafold_sdk against raw ``cryptography``, in the same run.

The raw baseline uses already-loaded key objects (its fastest path); ``datafold_sdk.sign`` and
``verify`` take bytes, as callers hold them, and add the strict pre-checks of
spec/ed25519-verification.md. Rounds alternate so that drift hits both sides alike.

Run: ``python bench/sign_verify.py [--check]`` (``--check`` exits 1 below 0.9x).
"""

from __future__ import annotations

import sys
import time
from typing import Callable, List

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from datafold_sdk import generate_key_pair, sign, verify

ROUNDS = 7
OPS = 2000


def _rate(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    for _ in range(OPS):
        run()
    return OPS / (time.perf_counter() - start)


def _median(values: List[float]) -> float:
    return sorted(values)[len(values) // 2]


def main(argv: List[str]) -> int:
    pair = generate_key_pair()
    message = b"x" * 64
    raw_private = Ed25519PrivateKey.from_private_bytes(pair.private_key)
    raw_public = raw_private.public_key()
    signature = sign(message, pair.private_key)
    tasks = {
        "sign": (
            lambda: sign(message, pair.private_key),
            lambda: raw_private.sign(message),
        ),
        "verify": (
            lambda: verify(signature, message, pair.public_key),
            lambda: raw_public.verify(signature, message),
        ),
    }
    worst = float("inf")
    for name, (ours, raw) in tasks.items():
        ours_rates, raw_rates = [], []
        for _ in range(ROUNDS):
            ours_rates.append(_rate(ours))
            raw_rates.append(_rate(raw))
        ratio = _median(ours_rates) / _median(raw_rates)
        worst = min(worst, ratio)
        print(
            f"{name:6}  datafold_sdk {_median(ours_rates):9.0f} ops/s   "
            f"cryptography {_median(raw_rates):9.0f} ops/s   ratio {ratio:.2f}x"
        )
    if "--check" in argv and worst < 0.9:
        print(f"below 0.9x ({worst:.2f}x)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
