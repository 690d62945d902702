import { wipe } from '../encoding/bytes.js';
import { StorageError, ValidationError } from '../errors/datafold-error.js';
import type { KeyMetadata, KeyStorage } from '../storage/key-storage.js';
import { assertValidKeyId } from '../utils/key-id.js';
import { parseBackup } from './parse-backup.js';
import { restoreBackup } from './restore-backup.js';
import type { BackupMetadata } from './types.js';

/** Options of {@link importKey} (seed: `overwriteExisting`, `validateIntegrity`). */
export interface ImportKeyOptions {
  /** Replace a key stored under the same id (default false: KEY_ALREADY_EXISTS). */
  overwriteExisting?: boolean;
  /** Check the public key inside against the seed (default true). */
  validateIntegrity?: boolean;
  /** Store under this id instead of the backup's `key_id`. */
  keyId?: string;
  /** Passphrase for the stored copy, when it differs from the backup's. */
  storagePassphrase?: string;
  /** Metadata for the stored copy; default the backup's `metadata` member, if any. */
  metadata?: KeyMetadata;
}

/** The answer of {@link importKey}. */
export interface ImportKeyResult {
  keyId: string;
  publicKey: Uint8Array;
  /** True when an existing key was replaced. */
  overwritten: boolean;
  backup: BackupMetadata;
}

/**
 * Restores a backup v1 into any KeyStorage. The existence check runs before the KDF, so a
 * refused import costs nothing, and again atomically in the store (`overwrite: false`).
 *
 * Errors: those of restoreBackup (INVALID_BACKUP_JSON, UNSUPPORTED_BACKUP_VERSION,
 * DECRYPTION_FAILED, INTEGRITY_CHECK_FAILED, KDF_PARAMS_UNSAFE), INVALID_KEY_ID when the
 * backup's `key_id` is not a valid storage id (pass `keyId`), KEY_ALREADY_EXISTS, and the
 * store's own (WEAK_PASSPHRASE for a weak storage passphrase).
 *
 * @example
 * const { keyId } = await importKey(storage, backupText, 'correct horse battery staple', {
 *   overwriteExisting: false,
 *   validateIntegrity: true,
 * });
 */
export async function importKey(
  storage: KeyStorage,
  data: string | Uint8Array | Record<string, unknown>,
  passphrase: string,
  options: ImportKeyOptions = {},
): Promise<ImportKeyResult> {
  if (
    typeof storage !== 'object' ||
    storage === null ||
    typeof storage.storeKeyPair !== 'function'
  ) {
    throw new ValidationError('INVALID_ARGUMENT', 'storage must implement KeyStorage');
  }
  const parsed = parseBackup(data);
  const keyId = options.keyId ?? parsed.keyId;
  assertValidKeyId(keyId);
  const overwrite = options.overwriteExisting ?? false;
  const existed = await storage.hasKey(keyId);
  if (existed && !overwrite) {
    throw new StorageError(
      'KEY_ALREADY_EXISTS',
      `A key is already stored under "${keyId}"; pass overwriteExisting: true or another keyId`,
    );
  }
  const { keyPair, metadata } = await restoreBackup(data, passphrase, {
    verifyIntegrity: options.validateIntegrity ?? true,
  });
  try {
    const stored: KeyMetadata = options.metadata ?? { ...(metadata.metadata ?? {}) };
    await storage.storeKeyPair(keyId, keyPair, options.storagePassphrase ?? passphrase, stored, {
      overwrite,
    });
    return {
      keyId,
      publicKey: new Uint8Array(keyPair.publicKey),
      overwritten: existed,
      backup: metadata,
    };
  } finally {
    wipe(keyPair.privateKey);
  }
}
