"""Key generation from the operating system's CSPRNG (``secrets``, i.e. ``os.urandom``).

Example:
    >>> pair = generate_key_pair()
    >>> (len(pair.private_key), len(pair.public_key))
    (32, 32)
    >>> len(generate_multiple_key_pairs(3))
    3
"""

from __future__ import annotations

import secrets
from typing import List, Optional

from datafold_sdk.errors.exceptions import Ed25519KeyError
from datafold_sdk.keys.from_seed import key_pair_from_seed
from datafold_sdk.keys.types import PRIVATE_KEY_LENGTH, Ed25519KeyPair
from datafold_sdk.keys.validate import is_valid_public_key
from datafold_sdk.signatures.sign import sign
from datafold_sdk.signatures.verify import verify
from datafold_sdk.utils.debug_log import debug

MAX_KEY_PAIRS_PER_CALL = 1000
"""The most pairs ``generate_multiple_key_pairs`` makes at once, as in the JS SDK."""

_SELF_TEST_MESSAGE = b"datafold key generation self-test"


def generate_key_pair(*, validate: bool = True, entropy: Optional[bytes] = None) -> Ed25519KeyPair:
    """A new Ed25519 key pair.

    ``entropy``, for tests and deterministic derivations, is used as the 32-byte seed (else
    INVALID_ENTROPY); omitted, the seed comes from ``secrets.token_bytes``. ``validate`` checks
    the public key and a sign/verify round trip (KEY_GENERATION_FAILED if either fails).

    Example:
        >>> generate_key_pair(entropy=bytes(32)).public_key.hex()[:8]
        '3b6a27bc'
    """
    if not isinstance(validate, bool):
        raise Ed25519KeyError("validate must be True or False", "INVALID_ARGUMENT")
    if entropy is None:
        seed = secrets.token_bytes(PRIVATE_KEY_LENGTH)
    elif not isinstance(entropy, (bytes, bytearray, memoryview)):
        raise Ed25519KeyError(
            f"entropy must be 32 bytes, got {type(entropy).__name__}", "INVALID_ENTROPY"
        )
    elif len(entropy) != PRIVATE_KEY_LENGTH:
        raise Ed25519KeyError(f"entropy must be 32 bytes, got {len(entropy)}", "INVALID_ENTROPY")
    else:
        seed = bytes(entropy)
    pair = key_pair_from_seed(seed)
    if validate:
        check_key_pair(pair)
    debug("keys.generated", from_entropy=entropy is not None)
    return pair


def check_key_pair(pair: Ed25519KeyPair) -> None:
    """KEY_GENERATION_FAILED unless the public key is valid and a signature round-trips."""
    if not is_valid_public_key(pair.public_key) or not verify(
        sign(_SELF_TEST_MESSAGE, pair.private_key), _SELF_TEST_MESSAGE, pair.public_key
    ):
        raise Ed25519KeyError(
            "the generated key pair failed its self-test; check the platform and retry",
            "KEY_GENERATION_FAILED",
        )


def generate_multiple_key_pairs(count: int, *, validate: bool = True) -> List[Ed25519KeyPair]:
    """``count`` independent key pairs (1 to 1000; INVALID_ARGUMENT otherwise)."""
    if isinstance(count, bool) or not isinstance(count, int):
        raise Ed25519KeyError(
            f"count must be an integer, got {type(count).__name__}", "INVALID_ARGUMENT"
        )
    if not 1 <= count <= MAX_KEY_PAIRS_PER_CALL:
        raise Ed25519KeyError(
            f"count must be 1 to {MAX_KEY_PAIRS_PER_CALL}, got {count}", "INVALID_ARGUMENT"
        )
    return [generate_key_pair(validate=validate) for _ in range(count)]
