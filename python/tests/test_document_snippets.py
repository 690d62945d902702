"""The API document's Python snippets, run as written (tests/document/), each as its own program
in a fresh HOME and working directory: what a reader who copies them gets."""

from __future__ import annotations

from pathlib import Path

from tests.support.document import run_snippet


def test_python_quick_start(fresh_home: Path) -> None:
    done = run_snippet("quick_start.py", fresh_home)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Generated key pair with 32 byte private key"
    assert lines[-1].startswith("Setup complete, backup created: ")
    assert (fresh_home / "my_key_backup.json").is_file()
    # Rotation adopted the stored key as version 1, with the snippet's policy.
    from datafold_sdk import SecureKeyStorage

    versions = SecureKeyStorage(fresh_home / ".datafold" / "keys", use_keyring=False)
    [only] = versions.list_versions("my_signing_key")
    assert only["version"] == 1 and only["current"] is True
    rotation = only["metadata"]["rotation"]
    assert rotation["policy"] == {
        "rotation_interval_days": 90,
        "max_versions": 5,
        "auto_cleanup": True,
    }
    assert [h["reason"] for h in rotation["history"]] == ["adopted"]


def test_format_key_pem_of_bare_bytes_shows_the_call_that_works() -> None:
    # The document writes format_key(key_pair.private_key, 'pem'). 32 bare bytes do not say
    # which half they are, so the SDK (like the JS SDK and the CLI) asks, naming the exact call.
    import re

    import datafold_sdk
    from datafold_sdk.errors.exceptions import Ed25519KeyError

    key_pair = datafold_sdk.generate_key_pair()
    for fmt in ("pem", "jwk"):
        try:
            datafold_sdk.format_key(key_pair.private_key, fmt)
            raise AssertionError("bare bytes must not be guessed")
        except Ed25519KeyError as error:
            assert error.error_code == "INVALID_ARGUMENT"
            calls = re.findall(r"format_key\([^)]*\)", error.message)
        private_call, public_call, pair_call = calls
        scope = {"format_key": datafold_sdk.format_key, "key_pair": key_pair}
        private = eval(private_call, scope)  # noqa: S307 - the message's own call
        assert private == datafold_sdk.format_key(key_pair, fmt) == eval(pair_call, scope)  # noqa: S307
        public = eval(public_call, scope)  # noqa: S307
        assert public == datafold_sdk.format_key(key_pair, fmt, key_type="public")
