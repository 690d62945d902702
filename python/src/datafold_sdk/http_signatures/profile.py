"""The fixed choices of the DataFold profile (spec/http-message-signatures-v1.md): its tag,
label, limits and the ``Accept-Signature`` a 401 carries. One home for each number.

Example:
    >>> REQUEST_SIGNATURE_TAG, DEFAULT_MAX_AGE, DEFAULT_CLOCK_SKEW
    ('datafold-request-v1', 300, 30)
"""

from __future__ import annotations

import re

REQUEST_SIGNATURE_TAG = "datafold-request-v1"
"""The ``tag`` that names this profile; verifiers find our signature by it (spec §2)."""

REQUEST_SIGNATURE_LABEL = "datafold"
"""The label our signers use; verifiers never select by it (spec §2)."""

ALGORITHM = "ed25519"

ACCEPT_SIGNATURE = (
    'datafold=("@method" "@target-uri" "content-digest")'
    f';tag="{REQUEST_SIGNATURE_TAG}";alg="{ALGORITHM}"'
)
"""What a 401 answers in ``Accept-Signature`` (spec §4, RFC 9421 §5)."""

DEFAULT_EXPIRES_IN = 60
"""Seconds from ``created`` to ``expires`` on our signatures (spec §2)."""

DEFAULT_MAX_AGE = 300
MAX_AGE_RANGE = (1, 3600)
DEFAULT_CLOCK_SKEW = 30
CLOCK_SKEW_RANGE = (0, 300)
"""Seconds; spec §3 step 6."""

MAX_FIELD_BYTES = 8192
MAX_MEMBERS = 8
MAX_COMPONENTS = 32
MAX_COMPONENT_LENGTH = 128
"""The bounds of spec §3 step 1, checked before anything else."""

NONCE_PATTERN = re.compile(r"[A-Za-z0-9+/=_\-.]{22,128}")
"""What a verifier accepts as ``nonce`` (spec §2): 22 to 128 characters, at least 128 bits."""

DERIVED_COMPONENTS = frozenset(
    ["@method", "@target-uri", "@authority", "@scheme", "@request-target", "@path", "@query"]
)
"""The derived components verifiers support (spec §2.1); any other is malformed."""

DEFAULT_KEY_CACHE_TTL = 5.0
KEY_CACHE_TTL_RANGE = (0.0, 60.0)
"""Seconds a middleware caches a key lookup (spec §3.2)."""
