"""Whitespace around key text is ignored, inside it refused (the cases the JS SDK reads too,
vectors/key-formats/surrounding-whitespace.json), so the files ``datafold_cli ... --output``
writes, which end in a newline, read as they are."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

import pytest

from datafold_sdk import get_public_key, parse_key
from datafold_sdk.errors.exceptions import Ed25519KeyError
from tests.support.node import DataFoldCli
from tests.support.repo import load_vectors

CASES = load_vectors("key-formats/surrounding-whitespace.json")["cases"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_vectors(case: Dict[str, Any]) -> None:
    if "key" in case:
        assert parse_key(case["text"], case["format"]).hex() == case["key"]
        return
    with pytest.raises(Ed25519KeyError) as caught:
        parse_key(case["text"], case["format"])
    assert caught.value.error_code == case["error"]


def test_files_the_cli_writes_with_output(cli: DataFoldCli, tmp_path: Path) -> None:
    cli("init", "--security-level", "interactive")
    for fmt in ("hex", "base64", "pem", "jwk"):
        out = tmp_path / f"{fmt}.key"
        made = cli("generate-key", "--key-id", f"k-{fmt}", "--format", fmt, "--output", str(out))
        text = out.read_text("utf-8")
        assert text.endswith("\n")
        seed = parse_key(text, fmt)
        assert get_public_key(seed).hex() == made["public_key_hex"], fmt
