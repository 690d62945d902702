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
from datafold_sdk.backup.manager import (
    KeyBackupManager,
    export_key_to_file,
    import_key_from_file,
)
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
from datafold_sdk.key_file.codec import decode_key_file, encode_key_file
from datafold_sdk.keys.fingerprint import key_fingerprint
from datafold_sdk.keys.from_seed import get_public_key, key_pair_from_seed
from datafold_sdk.keys.generate import generate_key_pair, generate_multiple_key_pairs
from datafold_sdk.keys.types import Ed25519KeyPair
from datafold_sdk.keys.validate import assert_valid_public_key, is_valid_public_key
from datafold_sdk.rotation.manager import KeyRotationManager
from datafold_sdk.rotation.policy import RotationPolicy
from datafold_sdk.server.client import DataFoldClient
from datafold_sdk.server.http_client import DataFoldHttpClient
from datafold_sdk.server.session import ClientSession
from datafold_sdk.server.statements import canonical_statement, sign_statement
from datafold_sdk.server.types import (
    PublicKeyRegistration,
    RevocationResult,
    RotationResult,
    SignatureVerificationResult,
)
from datafold_sdk.signatures.sign import sign
from datafold_sdk.signatures.verify import verify
from datafold_sdk.storage.secure_key_storage import (
    SecureKeyStorage,
    StorageMetadata,
    get_default_storage,
)
from datafold_sdk.storage.version_conflict import is_version_conflict
from datafold_sdk.utils.clear_key_material import clear_key_material
from datafold_sdk.utils.compatibility import (
    check_platform_compatibility,
    initialize_sdk,
    is_compatible,
)
from datafold_sdk.utils.debug_log import enable_debug_logging, enable_from_environment
from datafold_sdk.utils.key_id import generate_key_id, validate_key_id
from datafold_sdk.utils.passphrase import validate_passphrase

__version__ = "0.1.0"

enable_from_environment()

__all__ = [
    "DERIVATION_CONTEXTS",
    "ERROR_REGISTRY",
    "KEY_FORMATS",
    "BackupError",
    "BackupMetadata",
    "ClientSession",
    "DataFoldClient",
    "DataFoldError",
    "DataFoldHttpClient",
    "Ed25519KeyError",
    "Ed25519KeyPair",
    "KeyBackupManager",
    "KeyDerivationError",
    "KeyRotationManager",
    "PublicKeyRegistration",
    "RevocationResult",
    "RotationPolicy",
    "RotationResult",
    "SecureKeyStorage",
    "ServerCommunicationError",
    "SignatureVerificationResult",
    "StorageError",
    "StorageMetadata",
    "UnsupportedPlatformError",
    "ValidationError",
    "__version__",
    "assert_kdf_params_safe",
    "assert_valid_public_key",
    "canonical_statement",
    "check_platform_compatibility",
    "clear_key_material",
    "create_backup_document",
    "decode_key_file",
    "derive_ed25519_key_pair",
    "derive_key_argon2id",
    "derive_key_hkdf",
    "derive_key_pbkdf2",
    "derive_key_scrypt",
    "enable_debug_logging",
    "encode_key_file",
    "export_key_to_file",
    "format_key",
    "generate_key_id",
    "generate_key_pair",
    "generate_multiple_key_pairs",
    "get_default_storage",
    "get_public_key",
    "import_key_from_file",
    "initialize_sdk",
    "is_compatible",
    "is_valid_public_key",
    "is_version_conflict",
    "key_fingerprint",
    "key_pair_from_seed",
    "parse_key",
    "restore_backup",
    "serialize_backup",
    "sign",
    "sign_statement",
    "validate_backup_format",
    "validate_key_id",
    "validate_passphrase",
    "verify",
]
