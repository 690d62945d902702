"""Key pairs from seeds (RFC 8032 §5.1.5).

Example:
    >>> seed = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    >>> get_public_key(seed).hex()
    'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'
"""

from __future__ import annotations

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from datafold_sdk.keys.key_bytes import as_bytes
from datafold_sdk.keys.types import PRIVATE_KEY_LENGTH, Ed25519KeyPair
from datafold_sdk.signatures.key_cache import private_key_object


def get_public_key(private_key: bytes) -> bytes:
    """The 32-byte public key of a 32-byte seed; INVALID_PRIVATE_KEY for anything else."""
    seed = as_bytes(private_key, PRIVATE_KEY_LENGTH, "private_key", "INVALID_PRIVATE_KEY")
    return private_key_object(seed).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_pair_from_seed(seed: bytes) -> Ed25519KeyPair:
    """The key pair of a 32-byte seed.

    Example:
        >>> key_pair_from_seed(bytes(32)).public_key.hex()[:8]
        '3b6a27bc'
    """
    checked = as_bytes(seed, PRIVATE_KEY_LENGTH, "seed", "INVALID_PRIVATE_KEY")
    return Ed25519KeyPair(private_key=checked, public_key=get_public_key(checked))
