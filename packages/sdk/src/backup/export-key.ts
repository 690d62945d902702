import { wipe } from '../encoding/bytes.js';
import { ValidationError } from '../errors/datafold-error.js';
import type { KeyStorage } from '../storage/key-storage.js';
import { assertValidKeyId } from '../utils/key-id.js';
import { createBackup } from './create-backup.js';
import type { BackupFormat, CreateBackupOptions } from './types.js';

/** Options of {@link exportKey}: those of createBackup, minus the key id, plus two of the seed's. */
export interface ExportKeyOptions extends Omit<CreateBackupOptions, 'keyId' | 'metadata'> {
  /** Copy the stored metadata (name, description, tags) into the backup's `metadata` (default false). */
  includeMetadata?: boolean;
  /** Passphrase that unlocks the key in storage, when it differs from the backup's. */
  storagePassphrase?: string;
}

/** The answer of {@link exportKey}. */
export interface ExportKeyResult {
  /** The backup: JSON text, or UTF-8 bytes for `format: 'binary'`. */
  data: string | Uint8Array;
  format: BackupFormat;
  keyId: string;
  publicKey: Uint8Array;
}

/**
 * Reads a key from any KeyStorage and writes it as an encrypted backup v1 (spec/backup-v1.md).
 * The stored key is unlocked with `storagePassphrase` when given, else with `passphrase`, which
 * also encrypts the backup.
 *
 * Errors: those of `retrieveKeyPair` (KEY_NOT_FOUND, DECRYPTION_FAILED) and of createBackup
 * (WEAK_PASSPHRASE, KDF_PARAMS_UNSAFE, ...).
 *
 * @example
 * const { data } = await exportKey(storage, 'my-key', 'correct horse battery staple', { format: 'json' });
 */
export async function exportKey(
  storage: KeyStorage,
  keyId: string,
  passphrase: string,
  options: ExportKeyOptions = {},
): Promise<ExportKeyResult> {
  if (
    typeof storage !== 'object' ||
    storage === null ||
    typeof storage.retrieveKeyPair !== 'function'
  ) {
    throw new ValidationError('INVALID_ARGUMENT', 'storage must implement KeyStorage');
  }
  assertValidKeyId(keyId);
  const { includeMetadata, storagePassphrase, ...backupOptions } = options;
  const keyPair = await storage.retrieveKeyPair(keyId, storagePassphrase ?? passphrase);
  try {
    let metadata: Record<string, unknown> | undefined;
    if (includeMetadata === true) {
      const info = (await storage.listKeys()).find((k) => k.keyId === keyId);
      if (info !== undefined) metadata = { ...info.metadata };
    }
    const data = await createBackup(keyPair, passphrase, {
      ...backupOptions,
      keyId,
      ...(metadata === undefined ? {} : { metadata }),
    });
    return {
      data,
      format: backupOptions.format ?? 'json',
      keyId,
      publicKey: new Uint8Array(keyPair.publicKey),
    };
  } finally {
    wipe(keyPair.privateKey);
  }
}
