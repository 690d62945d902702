"""Platform checks: ``check_platform_compatibility``, ``initialize_sdk``, ``is_compatible``.

Example:
    >>> is_compatible()
    True
    >>> initialize_sdk()["compatible"]
    True
"""

from __future__ import annotations

import os
import platform
from typing import Any, Dict, List


def _probe(features: Dict[str, bool], warnings: List[str]) -> None:
    try:
        import cryptography
        from cryptography.hazmat.primitives.asymmetric.ed25519 import (
            Ed25519PrivateKey,
        )

        features["cryptography_available"] = True
        Ed25519PrivateKey.generate().sign(b"probe")
        features["ed25519_supported"] = True
        major = int(cryptography.__version__.split(".")[0])
        if major < 44:
            warnings.append("cryptography is older than 44: pip install 'cryptography>=44'")
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

        Argon2id(salt=bytes(16), length=32, iterations=1, lanes=1, memory_cost=8).derive(b"p")
        features["argon2id_supported"] = True
    except Exception as error:  # every failure is reported, none raised
        warnings.append(f"cryptography probe failed: {type(error).__name__}")
    try:
        from nacl import bindings

        bindings.crypto_aead_xchacha20poly1305_ietf_encrypt(b"", None, bytes(24), bytes(32))
        features["xchacha20_poly1305_supported"] = True
    except Exception as error:
        warnings.append(f"PyNaCl (XChaCha20-Poly1305) probe failed: {type(error).__name__}")


def check_platform_compatibility() -> Dict[str, Any]:
    """What this platform supports: ``cryptography_available``, ``ed25519_supported``,
    ``argon2id_supported``, ``xchacha20_poly1305_supported``, ``os_entropy``, ``keyring_available``,
    versions, ``compatible`` and ``warnings``."""
    features = {
        "cryptography_available": False,
        "ed25519_supported": False,
        "argon2id_supported": False,
        "xchacha20_poly1305_supported": False,
        "os_entropy": False,
    }
    warnings: List[str] = []
    _probe(features, warnings)
    try:
        features["os_entropy"] = len(os.urandom(32)) == 32
    except NotImplementedError:
        warnings.append("the OS has no secure random source")
    from datafold_sdk.storage.keyring_backend import probe_keyring

    keyring = probe_keyring()
    if not keyring["available"]:
        warnings.append(f"OS keyring not usable ({keyring['reason']}): file storage is used")
    try:
        import cryptography

        crypto_version = cryptography.__version__
    except ImportError:
        crypto_version = None
    compatible = all(features.values())
    return {
        **features,
        "keyring_available": bool(keyring["available"]),
        "python_version": platform.python_version(),
        "cryptography_version": crypto_version,
        "platform": platform.system(),
        "compatible": compatible,
        "warnings": warnings,
    }


def initialize_sdk() -> Dict[str, Any]:
    """Checks the platform once: ``{"compatible", "warnings", "platform_info"}``."""
    report = check_platform_compatibility()
    return {
        "compatible": report["compatible"],
        "warnings": report["warnings"],
        "platform_info": report,
    }


def is_compatible() -> bool:
    """True when every required feature works here."""
    return bool(check_platform_compatibility()["compatible"])
