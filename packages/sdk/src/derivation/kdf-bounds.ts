import { KeyDerivationError } from '../errors/datafold-error.js';
import { HASH_OUTPUT_LENGTHS, describe, normalizeHashName, type HashName } from './hash-names.js';
import { typeName } from './kdf-arguments.js';
import type {
  Argon2idCostParams,
  KdfPurpose,
  PasswordKdf,
  Pbkdf2CostParams,
  ScryptCostParams,
} from './kdf-params.js';

/**
 * Safety floors (applied when creating keys, backups and key files) and ceilings (applied to
 * parameters read from a file, before any work is done, so a hostile file cannot make an import
 * take minutes or gigabytes). spec/derivation-v1.md §4 states the same numbers.
 */

/**
 * Argon2id floors: the OWASP Password Storage Cheat Sheet's minimum configuration for Argon2id,
 * m = 19 MiB (19456 KiB), t = 2, p = 1. RFC 9106 §4 recommends more (64 MiB, t = 3), which is
 * our default; the floor is what we refuse to go below.
 */
export const ARGON2ID_MIN_MEMORY_KIB = 19456;
export const ARGON2ID_MIN_ITERATIONS = 2;
export const ARGON2ID_MIN_PARALLELISM = 1;

/**
 * scrypt floors: N = 2^15 with r = 8 is the cost existing DataFold backups use (N=32768, r=8,
 * p=1), and the "interactive logins" parameters of the scrypt paper (Percival 2009, §7) scaled by
 * 2; RFC 7914 §2 suggests r = 8. N must be a power of two (RFC 7914 §2).
 */
export const SCRYPT_MIN_N = 2 ** 15;
export const SCRYPT_MIN_R = 8;
export const SCRYPT_MIN_P = 1;

/**
 * PBKDF2 floor: 100,000 iterations, the minimum the DataFold SDKs have always required (the Python
 * SDK's `derive_key_pbkdf2` documents it). NIST SP 800-132 §5.2 only asks for 1,000 and "as large
 * as feasible"; OWASP now recommends 600,000 for HMAC-SHA-256, so new callers should choose more.
 */
export const PBKDF2_MIN_ITERATIONS = 100_000;
/** Hashes PBKDF2 may use. SHA-1 is absent on purpose. */
export const PBKDF2_HASHES: readonly HashName[] = ['SHA-256', 'SHA-384', 'SHA-512'];

/** No memory-hard KDF may ask for more than 1 GiB: argon2id m × 1 KiB, scrypt 128 × N × r bytes. */
export const KDF_MAX_MEMORY_BYTES = 2 ** 30;
export const ARGON2ID_MAX_MEMORY_KIB = KDF_MAX_MEMORY_BYTES / 1024;
/** Lanes beyond this buy nothing in a single-threaded engine and only multiply the overhead. */
export const ARGON2ID_MAX_PARALLELISM = 64;

/**
 * Work ceilings, so one derivation stays within a few seconds. Measured in Node 20 on a 2-core
 * machine: hash-wasm Argon2id fills about 1 GiB of blocks in 2-5 s, so m × t ≤ 2^20 KiB (1 GiB of
 * block work: 1 GiB × 1 pass, 64 MiB × 16) is 5× our default; scrypt N=2^15 r=8 p=1 takes about
 * 0.25 s, so N × r × p ≤ 2^22 (16× that) is 2-4 s; WebCrypto PBKDF2-HMAC-SHA-256 runs about
 * 1.5 M iterations/s, SHA-512 half that, so iterations × blocks × weight ≤ 5 M (weight 1 for
 * SHA-256, 2 for SHA-384/512) is about 3.5 s.
 */
export const ARGON2ID_MAX_WORK_KIB = 2 ** 20;
export const SCRYPT_MAX_WORK = 2 ** 22;
export const PBKDF2_MAX_WORK = 5_000_000;

/**
 * Checks a password-KDF's parameters before any work is done and returns them normalized (the
 * hash name canonical, unknown fields dropped). `create` applies the floors and the ceilings;
 * `read` applies the ceilings only, so backups written with older, weaker settings still open.
 * An optional `length` (output bytes, default 32) counts towards PBKDF2's work.
 *
 * Errors: KDF_PARAMS_UNSAFE naming the parameter and the bound; INVALID_ARGUMENT for a
 * parameter of the wrong type (or an scrypt N that is not a power of two); UNSUPPORTED_ALGORITHM
 * for an unknown KDF or hash.
 *
 * @example
 * assertKdfParamsSafe('argon2id', backup.kdf_params, 'read'); // throws before a 4 GiB import starts
 */
export function assertKdfParamsSafe(
  kdf: 'argon2id',
  params: unknown,
  purpose: KdfPurpose,
): Argon2idCostParams;
export function assertKdfParamsSafe(
  kdf: 'scrypt',
  params: unknown,
  purpose: KdfPurpose,
): ScryptCostParams;
export function assertKdfParamsSafe(
  kdf: 'pbkdf2',
  params: unknown,
  purpose: KdfPurpose,
): Pbkdf2CostParams;
export function assertKdfParamsSafe(
  kdf: PasswordKdf,
  params: unknown,
  purpose: KdfPurpose,
): Argon2idCostParams | ScryptCostParams | Pbkdf2CostParams;
export function assertKdfParamsSafe(
  kdf: PasswordKdf,
  params: unknown,
  purpose: KdfPurpose,
): Argon2idCostParams | ScryptCostParams | Pbkdf2CostParams {
  if (purpose !== 'create' && purpose !== 'read') {
    throw new KeyDerivationError('INVALID_ARGUMENT', `purpose must be 'create' or 'read'`);
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new KeyDerivationError(
      'INVALID_ARGUMENT',
      `${String(kdf)} parameters must be an object (got ${typeName(params)})`,
    );
  }
  const record = params as Record<string, unknown>;
  const check = new BoundChecker(String(kdf), purpose);
  switch (kdf) {
    case 'argon2id':
      return checkArgon2id(record, check);
    case 'scrypt':
      return checkScrypt(record, check);
    case 'pbkdf2':
      return checkPbkdf2(record, check);
    default:
      throw new KeyDerivationError(
        'UNSUPPORTED_ALGORITHM',
        `kdf must be one of argon2id, scrypt, pbkdf2 (got ${describe(kdf)})`,
        { parameter: 'kdf' },
      );
  }
}

function checkArgon2id(params: Record<string, unknown>, check: BoundChecker): Argon2idCostParams {
  const memory = check.integer(params, 'memory');
  const iterations = check.integer(params, 'iterations');
  const parallelism = check.integer(params, 'parallelism');
  check.atLeast('parallelism', parallelism, 1, 'RFC 9106 §3.1');
  check.atLeast('iterations', iterations, 1, 'RFC 9106 §3.1');
  check.atLeast('memory', memory, 8 * parallelism, 'RFC 9106 §3.1: 8 × parallelism KiB');
  check.floor('memory', memory, ARGON2ID_MIN_MEMORY_KIB, 'KiB');
  check.floor('iterations', iterations, ARGON2ID_MIN_ITERATIONS, '');
  check.floor('parallelism', parallelism, ARGON2ID_MIN_PARALLELISM, '');
  check.atMost('memory', memory, ARGON2ID_MAX_MEMORY_KIB, 'KiB (1 GiB)');
  check.atMost('parallelism', parallelism, ARGON2ID_MAX_PARALLELISM, '');
  check.atMost(
    'memory × iterations',
    memory * iterations,
    ARGON2ID_MAX_WORK_KIB,
    'KiB of block work',
  );
  return { memory, iterations, parallelism };
}

function checkScrypt(params: Record<string, unknown>, check: BoundChecker): ScryptCostParams {
  const n = check.integer(params, 'n');
  const r = check.integer(params, 'r');
  const p = check.integer(params, 'p');
  check.atLeast('n', n, 2, 'RFC 7914 §2');
  if (!Number.isInteger(Math.log2(n))) {
    throw new KeyDerivationError('INVALID_ARGUMENT', `scrypt n must be a power of two (got ${n})`, {
      parameter: 'n',
    });
  }
  check.atLeast('r', r, 1, 'RFC 7914 §2');
  check.atLeast('p', p, 1, 'RFC 7914 §2');
  check.floor('n', n, SCRYPT_MIN_N, '');
  check.floor('r', r, SCRYPT_MIN_R, '');
  check.floor('p', p, SCRYPT_MIN_P, '');
  check.atMost('128 × n × r', 128 * n * r, KDF_MAX_MEMORY_BYTES, 'bytes of memory (1 GiB)');
  check.atMost('n × r × p', n * r * p, SCRYPT_MAX_WORK, '');
  return { n, r, p };
}

function checkPbkdf2(params: Record<string, unknown>, check: BoundChecker): Pbkdf2CostParams {
  const iterations = check.integer(params, 'iterations');
  const hash = normalizeHashName(params['hash'] ?? 'SHA-256', 'pbkdf2 hash');
  const length = params['length'] === undefined ? 32 : check.integer(params, 'length');
  check.atLeast('iterations', iterations, 1, 'RFC 8018 §5.2');
  check.atLeast('length', length, 1, 'RFC 8018 §5.2');
  check.floor('iterations', iterations, PBKDF2_MIN_ITERATIONS, '');
  const blocks = Math.ceil(length / HASH_OUTPUT_LENGTHS[hash]);
  const weight = hash === 'SHA-256' ? 1 : 2;
  check.atMost(
    'iterations × blocks × hash weight',
    iterations * blocks * weight,
    PBKDF2_MAX_WORK,
    '',
  );
  return { iterations, hash };
}

/** Throws the coded errors, naming the parameter, the bound and the purpose. */
class BoundChecker {
  constructor(
    private readonly kdf: string,
    private readonly purpose: KdfPurpose,
  ) {}

  integer(params: Record<string, unknown>, name: string): number {
    const value = params[name];
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new KeyDerivationError(
        'INVALID_ARGUMENT',
        `${this.kdf} parameter ${name} must be an integer (got ${value === undefined ? 'nothing' : typeName(value)})`,
        { kdf: this.kdf, parameter: name },
      );
    }
    return value;
  }

  /** A structural minimum, applied whatever the purpose. */
  atLeast(name: string, value: number, minimum: number, source: string): void {
    if (value < minimum) this.fail(name, value, 'minimum', minimum, `(${source})`);
  }

  /** A safety floor, applied only when creating. */
  floor(name: string, value: number, minimum: number, unit: string): void {
    if (this.purpose === 'create' && value < minimum) {
      this.fail(name, value, 'minimum', minimum, `${unit} (safety floor for new keys)`.trim());
    }
  }

  atMost(name: string, value: number, maximum: number, unit: string): void {
    if (value > maximum) this.fail(name, value, 'maximum', maximum, unit);
  }

  private fail(
    name: string,
    value: number,
    bound: 'minimum' | 'maximum',
    limit: number,
    note: string,
  ): never {
    const relation = bound === 'minimum' ? 'at least' : 'at most';
    throw new KeyDerivationError(
      'KDF_PARAMS_UNSAFE',
      `${this.kdf} ${name} must be ${relation} ${limit}${note ? ` ${note}` : ''}; got ${value}`,
      { kdf: this.kdf, parameter: name, bound, limit, actual: value, purpose: this.purpose },
    );
  }
}
