"""``datafold_sdk.hazmat``: the raw primitives under the safe API (pyca/cryptography's pattern).

Everything else in the SDK is the safe layer: key pairs, ``sign`` and ``verify``, storage,
rotation, backups, key files, and the ``derive_key_*`` functions, which apply the floors and
ceilings of spec/derivation-v1.md §4. This layer is what those are built on, for implementers of
other DataFold faces, test-vector runners and benchmarks; the same names as the JS SDK's
``@datafold/js-sdk/hazmat``:

- ``hkdf``, ``pbkdf2``, ``scrypt``, ``argon2id``: the KDFs with only their RFCs' own checks. They
  derive with any cost they are given, far below the floors included.
- ``normalize_hash_name``: the hash spellings HKDF and PBKDF2 accept, and their canonical form.
- ``is_canonical_scalar``, ``is_canonical_point_encoding``, ``has_small_order_encoding``: rules
  1-4 of spec/ed25519-verification.md on 32-byte encodings. They check bytes; they verify
  nothing.

Import these names from ``datafold_sdk.hazmat``. Prefer the safe layer where it fits:
``datafold_sdk.derive_key_*`` (``datafold_sdk.crypto`` holds the same functions under the API
document's spelling) over the raw KDFs, ``datafold_sdk.verify`` over the checks. Nothing in this
package imports the safe layer.

Example:
    >>> from datafold_sdk.hazmat import argon2id
    >>> len(argon2id(b"password", b"somesalt", 64, 1, 1, 32))  # 64 KiB, t = 1: raw, no floor
    32
"""

from datafold_sdk.hazmat.hash_names import normalize_hash_name
from datafold_sdk.hazmat.kdf import argon2id, hkdf, pbkdf2, scrypt
from datafold_sdk.hazmat.strict_checks import (
    has_small_order_encoding,
    is_canonical_point_encoding,
    is_canonical_scalar,
)

__all__ = [
    "argon2id",
    "has_small_order_encoding",
    "hkdf",
    "is_canonical_point_encoding",
    "is_canonical_scalar",
    "normalize_hash_name",
    "pbkdf2",
    "scrypt",
]
