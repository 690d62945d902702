/**
 * @datafold/js-sdk/hazmat — the raw primitives under the safe API, for implementers of other
 * DataFold faces, test-vector runners and benchmarks. Nothing here applies the safety floors of
 * the main entry point: these functions derive with any parameters they are given and check
 * signatures' encodings without verifying them. Prefer `deriveKey`, `createBackup` and `verify`.
 *
 * @example
 * import { argon2id } from '@datafold/js-sdk/hazmat';
 * const tag = await argon2id(password, salt, { memory: 32, iterations: 3, parallelism: 4, length: 32 });
 */
export {
  argon2id,
  useArgon2idEngine,
  type Argon2idEngine,
  type Argon2idParams,
} from './derivation/argon2id.js';
export { hkdf } from './derivation/hkdf.js';
export { normalizeHashName } from './derivation/hash-names.js';
export {
  ARGON2ID_MAX_MEMORY_KIB,
  ARGON2ID_MAX_PARALLELISM,
  ARGON2ID_MAX_WORK_KIB,
  ARGON2ID_MIN_PARALLELISM,
  PBKDF2_HASHES,
  PBKDF2_MAX_WORK,
  SCRYPT_MAX_WORK,
  SCRYPT_MIN_P,
} from './derivation/kdf-bounds.js';
export type {
  Argon2idCostParams,
  Pbkdf2CostParams,
  ScryptCostParams,
} from './derivation/kdf-params.js';
export { pbkdf2 } from './derivation/pbkdf2.js';
export { scrypt, type ScryptParams } from './derivation/scrypt.js';
export {
  hasSmallOrderEncoding,
  isCanonicalPointEncoding,
  isCanonicalScalar,
} from './signatures/strict-checks.js';
