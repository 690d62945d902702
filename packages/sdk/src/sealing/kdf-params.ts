import { assertKdfParamsSafe } from '../derivation/kdf-bounds.js';
import type {
  Argon2idCostParams,
  KdfPurpose,
  PasswordKdf,
  Pbkdf2CostParams,
  ScryptCostParams,
} from '../derivation/kdf-params.js';
import { BackupError, isDataFoldError } from '../errors/datafold-error.js';

/**
 * `kdf_params` as the sealed formats store them. They are the derivation layer's parameter types
 * (derivation/kdf-params.ts), one shape each; only PBKDF2 is narrowed, because every format
 * that seals with it uses HMAC-SHA-256 alone (spec/backup-v1.md §4.4,
 * spec/indexeddb-storage-v1.md §4).
 */

/**
 * `kdf_params` for `argon2id`: memory in KiB, passes, lanes (RFC 9106 §3.1).
 *
 * @example
 * const params: Argon2idKdfParams = { memory: 65536, iterations: 3, parallelism: 1 };
 */
export type Argon2idKdfParams = Argon2idCostParams;

/**
 * `kdf_params` for `scrypt`: cost N, block size r, parallelization p (RFC 7914 §2).
 *
 * @example
 * const params: ScryptKdfParams = { n: 32768, r: 8, p: 1 };
 */
export type ScryptKdfParams = ScryptCostParams;

/**
 * `kdf_params` for `pbkdf2`: iterations and the HMAC hash (RFC 8018 §5.2). Only SHA-256.
 *
 * @example
 * const params: Pbkdf2KdfParams = { iterations: 600_000, hash: 'SHA-256' };
 */
export interface Pbkdf2KdfParams extends Pbkdf2CostParams {
  hash: 'SHA-256';
}

/**
 * The parameters of any sealing KDF.
 *
 * @example
 * const params: SealingKdfParams = DEFAULT_KDF_PARAMS.argon2id;
 */
export type SealingKdfParams = Argon2idKdfParams | ScryptKdfParams | Pbkdf2KdfParams;

/**
 * Checks `params` against the KDF bounds for `purpose` and returns them in canonical form (only
 * the members spec/backup-v1.md §4 names, `hash` spelled `SHA-256`). Throws KDF_PARAMS_UNSAFE
 * before any work is done, so a hostile file cannot make a read take minutes or gigabytes.
 *
 * A parameter of the wrong type read from a stored document (`read`) is a malformed document, not
 * a bad argument: it is reported as backup v1 reports it, INVALID_BACKUP_JSON naming `kdf_params`.
 * Key files never reach that branch (their parser checks the members first); IndexedDB records do,
 * and keep that code for now although spec/indexeddb-storage-v1.md §5 names STORAGE_CORRUPTED.
 *
 * @example
 * const params = checkSealingKdfParams('scrypt', { n: 32768, r: 8, p: 1 }, 'read');
 */
export function checkSealingKdfParams(
  kdf: PasswordKdf,
  params: unknown,
  purpose: KdfPurpose,
): SealingKdfParams {
  try {
    return canonicalParams(kdf, params, purpose);
  } catch (error) {
    if (purpose === 'read' && isDataFoldError(error, 'INVALID_ARGUMENT')) {
      throw new BackupError(
        'INVALID_BACKUP_JSON',
        `Invalid backup: field "kdf_params": ${error.message}`,
        { field: 'kdf_params' },
      );
    }
    throw error;
  }
}

function canonicalParams(kdf: PasswordKdf, params: unknown, purpose: KdfPurpose): SealingKdfParams {
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
