"""Key generation: from the CSPRNG, or from given entropy for tests and derivations."""

from __future__ import annotations

from datafold_sdk import generate_key_pair, generate_multiple_key_pairs


def test_generation() -> None:
    fixed = generate_key_pair(entropy=bytes(range(32)))
    assert fixed == generate_key_pair(entropy=bytes(range(32)), validate=False)
    pairs = generate_multiple_key_pairs(3)
    assert len({p.public_key for p in pairs}) == 3
    assert "private_key" not in repr(fixed)
