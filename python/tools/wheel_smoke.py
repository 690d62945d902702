"""Runs in a fresh virtual environment that holds only the built wheel and its dependencies.

The Quick Start's sign/verify round trip, a backup written and restored, and a backup written by
the JS SDK (vectors/backup/backup-v1.json, given as the first argument) restored. Run by
scripts/test-python-dist.sh.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import datafold_sdk
from datafold_sdk.crypto import KeyBackupManager

# A throwaway passphrase for the smoke test's own backup, not a credential.
PASSPHRASE = "correct horse battery staple"  # noqa: S105


def main(vectors_file: str) -> None:
    location = Path(datafold_sdk.__file__).resolve()
    if "site-packages" not in location.parts:
        raise SystemExit(f"datafold_sdk imported from {location}, not from the installed wheel")

    pair = datafold_sdk.generate_key_pair()
    signature = datafold_sdk.sign("hello", pair.private_key)
    assert datafold_sdk.verify(signature, "hello", pair.public_key)
    assert not datafold_sdk.verify(signature, "hello!", pair.public_key)

    manager = KeyBackupManager()
    backup = manager.export_key(pair, PASSPHRASE, "wheel-key")
    restored, _ = manager.import_key(backup, PASSPHRASE)
    assert restored.public_key == pair.public_key

    cases = json.loads(Path(vectors_file).read_text(encoding="utf-8"))["cases"]
    from_js = next(case for case in cases if case["expected"]["outcome"] == "ok")
    pair_from_js, _ = manager.import_key(from_js["backup"], from_js["passphrase"])
    assert pair_from_js.public_key.hex() == from_js["expected"]["public_key_hex"]
    print(f"  ok  datafold_sdk from the wheel: sign/verify, backup round trip, {from_js['name']}")


if __name__ == "__main__":
    main(sys.argv[1])
