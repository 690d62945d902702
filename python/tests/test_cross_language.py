"""Backups move between the JS SDK (run by Node from packages/sdk/dist) and Python, both ways,
for every KDF x cipher pair at the write floors, in both serialisations."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict, List

import pytest

from datafold_sdk import (
    KeyBackupManager,
    generate_key_pair,
    import_key_from_file,
    key_pair_from_seed,
    restore_backup,
    sign,
)
from tests.conftest import REPO_ROOT
from tests.server_process import SDK_DIST, require_node_build

PASS = "correct horse battery staple ☕"
CLI_BIN = REPO_ROOT / "packages" / "cli" / "bin" / "datafold_cli.js"
CLI_MAIN = REPO_ROOT / "packages" / "cli" / "dist" / "main.js"
FLOOR_PARAMS: Dict[str, Dict[str, Any]] = {
    "argon2id": {"memory": 19456, "iterations": 2, "parallelism": 1},
    "scrypt": {"n": 32768, "r": 8, "p": 1},
    "pbkdf2": {"iterations": 100000},
}
CIPHERS = ["xchacha20-poly1305", "chacha20-poly1305", "aes-gcm"]

# Reads a JSON job on stdin, runs it with the built JS SDK, writes a JSON answer on stdout.
JS = """
import { createBackup, restoreBackup, hexToBytes, bytesToHex, keyPairFromSeed }
  from '@datafold/js-sdk';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const job = JSON.parse(input);
const out = [];
for (const item of job.items) {
  if (job.op === 'create') {
    const pair = await keyPairFromSeed(hexToBytes(item.seed));
    const data = await createBackup(pair, job.passphrase, {
      keyId: item.key_id, kdf: item.kdf, kdfParams: item.kdf_params,
      encryption: item.encryption, format: item.format });
    out.push(typeof data === 'string' ? { text: data } : { hex: bytesToHex(data) });
  } else {
    const data = item.hex !== undefined ? hexToBytes(item.hex) : item.text;
    const { keyPair } = await restoreBackup(data, job.passphrase);
    out.push({ seed: bytesToHex(keyPair.privateKey), public_key: bytesToHex(keyPair.publicKey) });
  }
}
process.stdout.write(JSON.stringify(out));
"""


def _node(job: Dict[str, Any]) -> List[Dict[str, Any]]:
    node = require_node_build(SDK_DIST)
    done = subprocess.run(
        [node, "--input-type=module", "-e", JS],
        input=json.dumps(job).encode(),
        capture_output=True,
        cwd=REPO_ROOT,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    answer: List[Dict[str, Any]] = json.loads(done.stdout)
    return answer


def _matrix() -> List[Dict[str, Any]]:
    items = []
    for kdf, params in FLOOR_PARAMS.items():
        for cipher in CIPHERS:
            for fmt in ("json", "binary"):
                items.append(
                    {"kdf": kdf, "kdf_params": params, "encryption": cipher, "format": fmt}
                )
    return items


def test_js_backups_import_in_python() -> None:
    items = _matrix()
    seeds = [generate_key_pair().private_key.hex() for _ in items]
    job = [
        {**item, "seed": seed, "key_id": f"js-{i}"}
        for i, (item, seed) in enumerate(zip(items, seeds))
    ]
    made = _node({"op": "create", "passphrase": PASS, "items": job})
    for item, seed, backup in zip(items, seeds, made):
        data: Any = backup["text"] if "text" in backup else bytes.fromhex(backup["hex"])
        pair, metadata = restore_backup(data, PASS)
        assert pair == key_pair_from_seed(bytes.fromhex(seed)), item
        assert (metadata.kdf, metadata.encryption, metadata.format) == (
            item["kdf"],
            item["encryption"],
            item["format"],
        )


def test_python_backups_import_in_js() -> None:
    items = _matrix()
    pairs = [generate_key_pair() for _ in items]
    exported = []
    for item, pair in zip(items, pairs):
        manager = KeyBackupManager(item["kdf"], item["encryption"], kdf_params=item["kdf_params"])
        data = manager.export_key(pair, PASS, "py-key", item["format"])
        exported.append({"text": data} if isinstance(data, str) else {"hex": data.hex()})
    restored = _node({"op": "restore", "passphrase": PASS, "items": exported})
    for pair, answer in zip(pairs, restored):
        assert answer == {"seed": pair.private_key.hex(), "public_key": pair.public_key.hex()}


def _cli(home: Path, *args: str) -> Dict[str, Any]:
    """Runs the real ``datafold_cli`` with a private HOME and returns its --json answer."""
    node = require_node_build(CLI_MAIN)
    env = {**os.environ, "HOME": str(home), "DATAFOLD_PASSPHRASE": PASS, "NO_COLOR": "1"}
    env.pop("DATAFOLD_CRYPTO_STORAGE", None)
    env.pop("DATAFOLD_CONFIG_PATH", None)
    done = subprocess.run(
        [node, str(CLI_BIN), "crypto", *args, "--json"],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout.decode() + done.stderr.decode()
    answer: Dict[str, Any] = json.loads(done.stdout)
    return answer


@pytest.mark.parametrize("cli_format", ["json", "binary"])
def test_cli_backup_imports_in_python(tmp_path: Path, cli_format: str) -> None:
    home = tmp_path / "cli-home"
    home.mkdir()
    _cli(home, "init", "--security-level", "interactive")
    generated = _cli(home, "generate-key", "--key-id", "cli-key")
    backup = tmp_path / f"cli-backup.{cli_format}"
    _cli(home, "export-key", "--key-id", "cli-key", "--output", str(backup), "--format", cli_format)

    pair, metadata = import_key_from_file(backup, PASS)

    assert pair.public_key.hex() == generated["public_key"]
    assert metadata.key_id == "cli-key"
    # The seed really is the CLI's key: what Python signs, the CLI verifies.
    message = tmp_path / "message.txt"
    message.write_text("signed in Python, checked by the CLI")
    signature = tmp_path / "signature.bin"
    signature.write_bytes(sign(message.read_bytes(), pair.private_key))
    verdict = _cli(
        home,
        "verify-local",
        "--key-id",
        "cli-key",
        "--message-file",
        str(message),
        "--signature",
        str(signature),
    )
    assert verdict["verified"] is True


def test_rotation_derivations_match_js() -> None:
    node = require_node_build(SDK_DIST)
    script = """
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
    done = subprocess.run(
        [node, "--input-type=module", "-e", script],
        capture_output=True,
        cwd=REPO_ROOT,
        timeout=60,
        check=True,
    )
    from datafold_sdk.rotation.derive_rotation_key_pair import derive_rotation_key_pair

    ours = [
        derive_rotation_key_pair(method, "svc", 7, bytes(range(32))).public_key.hex()
        for method in ("derive", "rederive")
    ]
    assert json.loads(done.stdout) == ours
