"""Derived rotations (spec/key-rotation-v1.md §4) give the JS SDK's key pairs."""

from __future__ import annotations

from datafold_sdk.rotation.derive_rotation_key_pair import derive_rotation_key_pair
from tests.support.node import run_js

JS = """
import { deriveRotationKeyPair, bytesToHex } from '@datafold/js-sdk';
const secret = Uint8Array.from({ length: 32 }, (_, i) => i);
const out = [];
for (const method of ['derive', 'rederive']) {
  const pair = await deriveRotationKeyPair(method === 'derive'
    ? { method, keyId: 'svc', version: 7, seed: secret }
    : { method, keyId: 'svc', version: 7, masterKey: secret });
  out.push(bytesToHex(pair.publicKey));
}
process.stdout.write(JSON.stringify(out));
"""


def test_rotation_derivations_match_js() -> None:
    from_js = run_js(JS, timeout=60)
    ours = [
        derive_rotation_key_pair(method, "svc", 7, bytes(range(32))).public_key.hex()
        for method in ("derive", "rederive")
    ]
    assert from_js == ours
