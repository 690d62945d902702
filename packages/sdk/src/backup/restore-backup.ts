import { constantTimeEqual, wipe } from '../encoding/bytes.js';
import { BackupError } from '../errors/datafold-error.js';
import { keyPairFromSeed } from '../keys/key-pair-from-seed.js';
import { aeadDecrypt, decryptionFailed } from '../sealing/aead.js';
import { deriveSealingKey } from '../sealing/derive-sealing-key.js';
import { checkSealingKdfParams } from '../sealing/kdf-params.js';
import { assertPassphraseString } from '../sealing/passphrase-checks.js';
import { debugLog } from '../utils/debug-log.js';
import { BACKUP_PLAINTEXT_LENGTH } from './constants.js';
import { parseBackup } from './parse-backup.js';
import type { BackupMetadata, RestoreBackupOptions, RestoredBackup } from './types.js';

/**
 * Decrypts a backup v1 (spec/backup-v1.md) given as JSON text, its UTF-8 bytes (the binary
 * form) or a parsed object. Pure: no storage, no I/O. The KDF parameters are checked against the
 * read ceilings before any work, so a hostile file cannot take minutes or gigabytes.
 *
 * Errors: INVALID_BACKUP_JSON naming the member, UNSUPPORTED_BACKUP_VERSION,
 * UNSUPPORTED_ALGORITHM, KDF_PARAMS_UNSAFE, DECRYPTION_FAILED (wrong passphrase and altered data
 * alike), INTEGRITY_CHECK_FAILED when the public key inside is not the seed's (only with
 * `verifyIntegrity`, the default).
 *
 * @example
 * const { keyPair, metadata } = await restoreBackup(text, passphrase, { verifyIntegrity: true });
 */
export async function restoreBackup(
  data: string | Uint8Array | Record<string, unknown>,
  passphrase: string,
  options: RestoreBackupOptions = {},
): Promise<RestoredBackup> {
  assertPassphraseString(passphrase);
  const verifyIntegrity = options.verifyIntegrity ?? true;
  const backup = parseBackup(data);
  const kdfParams = checkSealingKdfParams(backup.kdf, backup.kdfParams, 'read');

  const key = await deriveSealingKey(backup.kdf, kdfParams, passphrase, backup.salt, 'read');
  let plaintext: Uint8Array;
  try {
    plaintext = await aeadDecrypt(backup.encryption, key, backup.nonce, backup.ciphertext);
  } finally {
    wipe(key);
  }
  // Cannot happen with an 80-byte ciphertext; kept so a future length change fails closed.
  if (plaintext.length !== BACKUP_PLAINTEXT_LENGTH) {
    wipe(plaintext);
    throw decryptionFailed();
  }
  const privateKey = plaintext.slice(0, 32);
  const publicKey = plaintext.slice(32, 64);
  wipe(plaintext);

  if (verifyIntegrity) {
    // spec/backup-v1.md §6.2: the public key inside, and the optional clear `public_key`, must
    // both be the seed's.
    const derived = await keyPairFromSeed(privateKey);
    const matches =
      constantTimeEqual(derived.publicKey, publicKey) &&
      (backup.publicKey === undefined || constantTimeEqual(derived.publicKey, backup.publicKey));
    wipe(derived.privateKey);
    if (!matches) {
      wipe(privateKey);
      throw new BackupError(
        'INTEGRITY_CHECK_FAILED',
        'Backup integrity check failed: the public key stored in the backup does not belong to its private key',
      );
    }
  }

  const metadata: BackupMetadata = {
    version: backup.version,
    keyId: backup.keyId,
    algorithm: backup.algorithm,
    kdf: backup.kdf,
    kdfParams,
    encryption: backup.encryption,
    created: backup.created,
    format: backup.format,
  };
  if (backup.metadata !== undefined) metadata.metadata = backup.metadata;
  debugLog('backup.restored', {
    keyId: backup.keyId,
    kdf: backup.kdf,
    encryption: backup.encryption,
  });
  return { keyPair: { privateKey, publicKey }, metadata };
}
