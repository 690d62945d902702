"""Ed25519 JSON Web Keys (RFC 8037 §2).

Example:
    >>> to_jwk(bytes(32))["kty"]
    'OKP'
"""

from __future__ import annotations

import json
from typing import Any, Dict, Optional, Tuple

from datafold_sdk.encoding.strict import base64url_to_bytes, bytes_to_base64url
from datafold_sdk.errors.exceptions import Ed25519KeyError
from datafold_sdk.keys.from_seed import get_public_key


def to_jwk(public_key: bytes, seed: Optional[bytes] = None) -> Dict[str, str]:
    """The JWK of a public key, or of a seed with its public key (member order of RFC 8037 A.1)."""
    if seed is None:
        return {"kty": "OKP", "crv": "Ed25519", "x": bytes_to_base64url(public_key)}
    return {
        "kty": "OKP",
        "crv": "Ed25519",
        "d": bytes_to_base64url(seed),
        "x": bytes_to_base64url(public_key),
    }


def _invalid(problem: str) -> Ed25519KeyError:
    return Ed25519KeyError(f"JWK {problem}", "INVALID_KEY_FORMAT")


def _unsupported(found: str) -> Ed25519KeyError:
    return Ed25519KeyError(
        f'JWK holds a {found} key; only kty "OKP" with crv "Ed25519" is supported (RFC 8037)',
        "UNSUPPORTED_KEY_TYPE",
        {"found": found},
    )


def _member32(jwk: Dict[str, Any], name: str) -> bytes:
    value = jwk.get(name)
    if not isinstance(value, str):
        raise _invalid(f'member "{name}" must be a base64url string')
    data = base64url_to_bytes(value, "INVALID_KEY_FORMAT", f'JWK member "{name}"')
    if len(data) != 32:
        raise _invalid(f'member "{name}" must hold 32 bytes, got {len(data)}')
    return data


def from_jwk(data: object) -> Tuple[bytes, Optional[bytes]]:
    """The public key and (for a private JWK) the seed, from a JWK dict or its JSON text."""
    jwk: object = data
    if isinstance(data, str):
        try:
            jwk = json.loads(data)
        except ValueError:
            raise _invalid("text is not valid JSON") from None
    if not isinstance(jwk, dict):
        raise _invalid('must be a JSON object (or its text) like {"kty":"OKP","crv":"Ed25519"}')
    kty, crv, alg = jwk.get("kty"), jwk.get("crv"), jwk.get("alg")
    if not isinstance(kty, str):
        raise _invalid('has no "kty" member')
    if kty == "RSA":
        raise _unsupported("RSA")
    if kty == "EC":
        raise _unsupported(f"EC ({crv})" if isinstance(crv, str) else "EC")
    if kty == "oct":
        raise _unsupported("symmetric (oct)")
    if kty != "OKP":
        raise _unsupported(f'kty "{kty}"')
    if not isinstance(crv, str):
        raise _invalid('of kty "OKP" has no "crv" member')
    if crv != "Ed25519":
        raise _unsupported(f"OKP {crv}")
    if alg is not None and alg not in ("EdDSA", "Ed25519"):
        raise _invalid('"alg" must be "EdDSA" or "Ed25519" for an Ed25519 key')
    public_key = _member32(jwk, "x")
    if jwk.get("d") is None:
        return public_key, None
    seed = _member32(jwk, "d")
    if get_public_key(seed) != public_key:
        raise _invalid('member "x" is not the public key of member "d"')
    return public_key, seed
