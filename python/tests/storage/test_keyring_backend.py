"""The OS keyring backend follows the version rules as the key directory does: a deleted number
is never given again (spec/key-file-v1.md §2, §8-§9)."""

from __future__ import annotations

from typing import Any, Dict, Optional

from datafold_sdk.keys.from_seed import key_pair_from_seed
from datafold_sdk.storage.keyring_backend import KeyringBackend
from datafold_sdk.utils.key_id import assert_valid_key_id

# The backend sits below storage's boundary: it takes checked key ids only.
APP = assert_valid_key_id("app")


class DictKeyring:
    """The two calls the backend makes on the keyring module, kept in a dict: this machine has no
    working keyring, and a registered keyring backend class would outlive the test."""

    def __init__(self) -> None:
        self.items: Dict[Any, str] = {}

    def get_password(self, service: str, username: str) -> Optional[str]:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password


def _pair(n: int) -> Any:
    return key_pair_from_seed(bytes([n]) * 32)


def test_keyring_backend_does_not_reuse_a_deleted_number() -> None:
    backend = KeyringBackend()
    backend._keyring = DictKeyring()  # type: ignore[assignment]
    for n in (1, 2, 3):
        assert backend.add(APP, _pair(n), None, {}, must_be_new=False).version == n
    backend.set_current(APP, 2)
    assert backend.delete_version(APP, 3) is True
    assert backend.add(APP, _pair(4), None, {}, must_be_new=False).version == 4
    assert backend.versions(APP) == [1, 2, 4]
    # The rest of the version rules (version_rules.py), as the key directory follows them.
    assert backend.next_version(APP) == 5
    staged = backend.add(APP, _pair(5), None, {}, must_be_new=False, make_current=False)
    assert (staged.version, backend.current(APP)) == (5, 4)
    backend.set_metadata(APP, 5, {"name": "staged"})
    assert backend.info(APP, 5).metadata == {"name": "staged"}
    assert backend.read(APP, 5, None) == _pair(5)
    replaced = backend.add(APP, _pair(6), None, {}, must_be_new=False, replace=True)
    assert (replaced.version, backend.versions(APP), backend.current(APP)) == (6, [6], 6)
