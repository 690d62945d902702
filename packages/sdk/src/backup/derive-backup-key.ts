import { argon2id } from '../derivation/argon2id.js';
import { assertKdfParamsSafe, type KdfPurpose } from '../derivation/kdf-bounds.js';
import { pbkdf2 } from '../derivation/pbkdf2.js';
import { scrypt } from '../derivation/scrypt.js';
import { utf8ToBytes } from '../encoding/utf8.js';
import { wipe } from '../encoding/bytes.js';
import { BackupError, isDataFoldError } from '../errors/datafold-error.js';
import { BACKUP_KEY_LENGTH } from './constants.js';
import type {
  Argon2idKdfParams,
  BackupKdf,
  BackupKdfParams,
  Pbkdf2KdfParams,
  ScryptKdfParams,
} from './types.js';

/**
 * Checks `params` against the KDF bounds for `purpose` and returns them in canonical form (only
 * the members spec/backup-v1.md §4 names, `hash` spelled `SHA-256`). Throws KDF_PARAMS_UNSAFE
 * before any work is done, so a hostile file cannot make a read take minutes or gigabytes.
 *
 * @example
 * const params = checkBackupKdfParams('scrypt', { n: 32768, r: 8, p: 1 }, 'read');
 */
export function checkBackupKdfParams(
  kdf: BackupKdf,
  params: unknown,
  purpose: KdfPurpose,
): BackupKdfParams {
  try {
    return checkParams(kdf, params, purpose);
  } catch (error) {
    // A parameter of the wrong type read from a file is a malformed backup, not a bad argument.
    if (purpose === 'read' && isDataFoldError(error, 'INVALID_ARGUMENT')) {
      throw new BackupError(
        'INVALID_BACKUP_JSON',
        `Invalid backup: field "kdf_params": ${error.message}`,
        {
          field: 'kdf_params',
        },
      );
    }
    throw error;
  }
}

function checkParams(kdf: BackupKdf, params: unknown, purpose: KdfPurpose): BackupKdfParams {
  switch (kdf) {
    case 'argon2id': {
      const { memory, iterations, parallelism } = assertKdfParamsSafe(kdf, params, purpose);
      return { memory, iterations, parallelism } satisfies Argon2idKdfParams;
    }
    case 'scrypt': {
      const { n, r, p } = assertKdfParamsSafe(kdf, params, purpose);
      return { n, r, p } satisfies ScryptKdfParams;
    }
    case 'pbkdf2': {
      const { iterations } = assertKdfParamsSafe(kdf, params, purpose);
      return { iterations, hash: 'SHA-256' } satisfies Pbkdf2KdfParams;
    }
  }
}

/**
 * The 32-byte symmetric key of a backup or key file: the KDF over the passphrase's UTF-8 bytes,
 * with no Unicode normalisation (spec/backup-v1.md §4.1). The bounds for `purpose` are checked
 * first; the caller wipes the result.
 *
 * @example
 * const key = await deriveBackupKey('argon2id', DEFAULT_KDF_PARAMS.argon2id, 'pass phrase', salt, 'create');
 */
export async function deriveBackupKey(
  kdf: BackupKdf,
  params: BackupKdfParams,
  passphrase: string,
  salt: Uint8Array,
  purpose: KdfPurpose,
): Promise<Uint8Array> {
  const checked = checkBackupKdfParams(kdf, params, purpose);
  const password = utf8ToBytes(passphrase);
  try {
    switch (kdf) {
      case 'argon2id': {
        const p = checked as Argon2idKdfParams;
        return await argon2id(password, salt, { ...p, length: BACKUP_KEY_LENGTH });
      }
      case 'scrypt': {
        const p = checked as ScryptKdfParams;
        return await scrypt(password, salt, { ...p, length: BACKUP_KEY_LENGTH });
      }
      case 'pbkdf2': {
        const p = checked as Pbkdf2KdfParams;
        return await pbkdf2(password, salt, p.iterations, BACKUP_KEY_LENGTH, 'SHA-256');
      }
    }
  } finally {
    wipe(password);
  }
}
