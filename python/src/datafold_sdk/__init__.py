"""DataFold Keys for Python: client-side Ed25519 key management.

Keys, signatures, derivations, backups and key files are byte-compatible with the DataFold JS
SDK, the CLI and ``datafold-server`` (the formats are specified in the repository's ``spec/``).

Example:
    >>> import datafold_sdk
    >>> pair = datafold_sdk.generate_key_pair()
    >>> signature = datafold_sdk.sign(b"hello", pair.private_key)
    >>> datafold_sdk.verify(signature, b"hello", pair.public_key)
    True
"""

from datafold_sdk.backup.create_backup import create_backup_document, serialize_backup
from datafold_sdk.backup.restore_backup import restore_backup
from datafold_sdk.backup.types import BackupMetadata
from datafold_sdk.backup.validate_backup import validate_backup_format
from datafold_sdk.derivation.contexts import DERIVATION_CONTEXTS
from datafold_sdk.derivation.derive_ed25519_key_pair import derive_ed25519_key_pair
from datafold_sdk.derivation.derive_key_hkdf import derive_key_hkdf
from datafold_sdk.derivation.derive_password_key import (
    derive_key_argon2id,
    derive_key_pbkdf2,
    derive_key_scrypt,
)
from datafold_sdk.derivation.kdf_bounds import assert_kdf_params_safe
from datafold_sdk.errors import (
    ERROR_REGISTRY,
    BackupError,
    DataFoldError,
    Ed25519KeyError,
    KeyDerivationError,
    ServerCommunicationError,
    StorageError,
    UnsupportedPlatformError,
    ValidationError,
)
from datafold_sdk.formats.format_key import format_key
from datafold_sdk.formats.key_format import KEY_FORMATS
from datafold_sdk.formats.parse_key import parse_key
from datafold_sdk.keys.from_seed import get_public_key, key_pair_from_seed
from datafold_sdk.keys.generate import generate_key_pair, generate_multiple_key_pairs
from datafold_sdk.keys.types import Ed25519KeyPair
from datafold_sdk.keys.validate import assert_valid_public_key, is_valid_public_key
from datafold_sdk.signatures.sign import sign
from datafold_sdk.signatures.verify import verify
from datafold_sdk.utils.passphrase import validate_passphrase

__version__ = "0.1.0"

__all__ = [
    "DERIVATION_CONTEXTS",
    "ERROR_REGISTRY",
    "KEY_FORMATS",
    "BackupError",
    "BackupMetadata",
    "DataFoldError",
    "Ed25519KeyError",
    "Ed25519KeyPair",
    "KeyDerivationError",
    "ServerCommunicationError",
    "StorageError",
    "UnsupportedPlatformError",
    "ValidationError",
    "__version__",
    "assert_kdf_params_safe",
    "assert_valid_public_key",
    "create_backup_document",
    "derive_ed25519_key_pair",
    "derive_key_argon2id",
    "derive_key_hkdf",
    "derive_key_pbkdf2",
    "derive_key_scrypt",
    "format_key",
    "generate_key_pair",
    "generate_multiple_key_pairs",
    "get_public_key",
    "is_valid_public_key",
    "key_pair_from_seed",
    "parse_key",
    "restore_backup",
    "serialize_backup",
    "sign",
    "validate_backup_format",
    "validate_passphrase",
    "verify",
]
