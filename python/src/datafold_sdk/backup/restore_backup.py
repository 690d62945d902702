"""Reading a backup v1 document (spec/backup-v1.md §9, "Reading").

Example:
    >>> from datafold_sdk.keys.from_seed import key_pair_from_seed
    >>> from datafold_sdk.backup.create_backup import create_backup_document
    >>> pair = key_pair_from_seed(bytes(32))
    >>> doc = create_backup_document(pair, "correct horse battery staple", "k",
    ...                              kdf="pbkdf2", kdf_params={"iterations": 100000})
    >>> restore_backup(doc, "correct horse battery staple")[0] == pair
    True
"""

from __future__ import annotations

import hmac
from typing import Tuple

from datafold_sdk.backup.aead import aead_decrypt, decryption_failed
from datafold_sdk.backup.backup_key import check_backup_kdf_params, derive_backup_key
from datafold_sdk.backup.constants import BACKUP_VERSION, PLAINTEXT_LENGTH
from datafold_sdk.backup.parse_backup import parse_backup
from datafold_sdk.backup.types import BackupMetadata
from datafold_sdk.errors.exceptions import BackupError, ValidationError
from datafold_sdk.keys.from_seed import get_public_key
from datafold_sdk.keys.types import Ed25519KeyPair
from datafold_sdk.utils.debug_log import debug


def restore_backup(
    data: object, passphrase: str, *, verify_integrity: bool = True
) -> Tuple[Ed25519KeyPair, BackupMetadata]:
    """The key pair and metadata of a backup given as text, UTF-8 bytes or a parsed dict.

    Errors, in the order of §8: INVALID_BACKUP_JSON (naming the member),
    UNSUPPORTED_BACKUP_VERSION, UNSUPPORTED_ALGORITHM, KDF_PARAMS_UNSAFE (before any derivation),
    DECRYPTION_FAILED (opaque), INTEGRITY_CHECK_FAILED. Readers apply no strength rule to the
    passphrase.
    """
    if not isinstance(passphrase, str):
        raise ValidationError("passphrase must be a string", "INVALID_ARGUMENT")
    backup = parse_backup(data)
    params = check_backup_kdf_params(backup.kdf, backup.kdf_params, "read")
    key = derive_backup_key(backup.kdf, params, passphrase, backup.salt, "read")
    plaintext = aead_decrypt(backup.encryption, key, backup.nonce, backup.ciphertext)
    if len(plaintext) != PLAINTEXT_LENGTH:
        raise decryption_failed()
    seed, public_key = plaintext[:32], plaintext[32:]
    if verify_integrity:
        derived = get_public_key(seed)
        matches = hmac.compare_digest(derived, public_key) and (
            backup.public_key is None or hmac.compare_digest(derived, backup.public_key)
        )
        if not matches:
            raise BackupError(
                "Backup integrity check failed: the public key stored in the backup does not "
                "belong to its private key",
                "INTEGRITY_CHECK_FAILED",
            )
    metadata = BackupMetadata(
        version=BACKUP_VERSION,
        key_id=backup.key_id,
        algorithm=backup.algorithm,
        kdf=backup.kdf,
        encryption=backup.encryption,
        created=backup.created,
        format=backup.format,
        kdf_params=params,
        metadata=backup.metadata,
    )
    debug("backup.restored", key_id=metadata.key_id, kdf=metadata.kdf)
    return Ed25519KeyPair(private_key=seed, public_key=public_key), metadata
