"""Backups move between the JS SDK (run by Node from packages/sdk/dist) and Python, both ways,
for every KDF x cipher pair at the write floors, in both serialisations; the CLI's backups import
in Python."""

from __future__ import annotations

from dataclasses import replace
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
from tests.support.node import DataFoldCli, run_js

PASS = "correct horse battery staple ☕"
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
    answer: List[Dict[str, Any]] = run_js(JS, job=job)
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


@pytest.mark.parametrize("cli_format", ["json", "binary"])
def test_cli_backup_imports_in_python(cli: DataFoldCli, tmp_path: Path, cli_format: str) -> None:
    cli = replace(cli, passphrase=PASS)
    cli("init", "--security-level", "interactive")
    generated = cli("generate-key", "--key-id", "cli-key")
    backup = tmp_path / f"cli-backup.{cli_format}"
    cli("export-key", "--key-id", "cli-key", "--output", str(backup), "--format", cli_format)

    pair, metadata = import_key_from_file(backup, PASS)

    assert pair.public_key.hex() == generated["public_key"]
    assert metadata.key_id == "cli-key"
    # The seed really is the CLI's key: what Python signs, the CLI verifies.
    message = tmp_path / "message.txt"
    message.write_text("signed in Python, checked by the CLI")
    signature = tmp_path / "signature.bin"
    signature.write_bytes(sign(message.read_bytes(), pair.private_key))
    verdict = cli(
        "verify-local",
        "--key-id",
        "cli-key",
        "--message-file",
        str(message),
        "--signature",
        str(signature),
    )
    assert verdict["verified"] is True
