import type { HashName } from './hash-names.js';

/**
 * The one vocabulary of password-KDF parameters: the members of `kdf_params` in every format that
 * stores them beside what they protect (spec/backup-v1.md §4, spec/key-file-v1.md §4,
 * spec/indexeddb-storage-v1.md §4), and what kdf-bounds.ts checks. The formats' own names
 * (`Argon2idKdfParams`, ...) are these types, narrowed where a format allows less.
 */

/** Password-based KDFs whose parameters are stored beside what they protect. */
export type PasswordKdf = 'argon2id' | 'scrypt' | 'pbkdf2';

/** Floors apply to parameters we choose (`create`), ceilings to those we are handed (`read`). */
export type KdfPurpose = 'create' | 'read';

/**
 * Argon2id cost parameters as stored in `kdf_params`: memory in KiB, passes, lanes
 * (RFC 9106 §3.1).
 *
 * @example
 * const params: Argon2idCostParams = { memory: 65536, iterations: 3, parallelism: 1 };
 */
export interface Argon2idCostParams {
  memory: number;
  iterations: number;
  parallelism: number;
}

/**
 * scrypt cost parameters as stored in `kdf_params`: cost N, block size r, parallelization p
 * (RFC 7914 §2).
 *
 * @example
 * const params: ScryptCostParams = { n: 32768, r: 8, p: 1 };
 */
export interface ScryptCostParams {
  n: number;
  r: number;
  p: number;
}

/**
 * PBKDF2 cost parameters as stored in `kdf_params`: iterations and the HMAC hash (RFC 8018 §5.2).
 *
 * @example
 * const params: Pbkdf2CostParams = { iterations: 600_000, hash: 'SHA-256' };
 */
export interface Pbkdf2CostParams {
  iterations: number;
  hash: HashName;
}
