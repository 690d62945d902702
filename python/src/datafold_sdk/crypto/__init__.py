"""The seed documentation's ``datafold_sdk.crypto`` namespace: the same objects as the top level.

Example:
    >>> from datafold_sdk.crypto import SecureKeyStorage, derive_key_hkdf
    >>> import datafold_sdk
    >>> derive_key_hkdf is datafold_sdk.derive_key_hkdf
    True
"""

from datafold_sdk import (
    KeyBackupManager,
    KeyRotationManager,
    RotationPolicy,
    SecureKeyStorage,
    StorageMetadata,
    derive_ed25519_key_pair,
    derive_key_argon2id,
    derive_key_hkdf,
    derive_key_pbkdf2,
    derive_key_scrypt,
    export_key_to_file,
    get_default_storage,
    import_key_from_file,
)

__all__ = [
    "KeyBackupManager",
    "KeyRotationManager",
    "RotationPolicy",
    "SecureKeyStorage",
    "StorageMetadata",
    "derive_ed25519_key_pair",
    "derive_key_argon2id",
    "derive_key_hkdf",
    "derive_key_pbkdf2",
    "derive_key_scrypt",
    "export_key_to_file",
    "get_default_storage",
    "import_key_from_file",
]
