import { KeyDerivationError } from '../errors/datafold-error.js';
import { requireBytes, requireInteger, runKdf } from './kdf-arguments.js';
import { loadHashWasm } from './load-hash-wasm.js';

/** scrypt's cost parameters (RFC 7914 §2) and the output length in bytes. */
export interface ScryptParams {
  /** CPU/memory cost N: a power of two greater than 1. */
  n: number;
  /** Block size r. */
  r: number;
  /** Parallelization p. */
  p: number;
  /** Output length in bytes. */
  length: number;
}

/** The largest output scrypt is asked for here (its final step is PBKDF2-HMAC-SHA256). */
export const SCRYPT_MAX_LENGTH = 1024;

/**
 * scrypt (RFC 7914) through hash-wasm. This is the raw primitive: it checks only what RFC 7914
 * §2 requires (N a power of two > 1, r and p positive, p × r < 2^30), not the safety floors or the
 * 1 GiB ceiling: use `assertKdfParamsSafe('scrypt', ...)` or `deriveKey` for those. Memory used is
 * about 128 × N × r bytes.
 *
 * @example
 * const key = await scrypt(utf8ToBytes('pleaseletmein'), utf8ToBytes('SodiumChloride'),
 *   { n: 32768, r: 8, p: 1, length: 32 });
 */
export async function scrypt(
  password: Uint8Array,
  salt: Uint8Array,
  params: ScryptParams,
): Promise<Uint8Array> {
  const passwordBytes = requireBytes(password, 'password');
  const saltBytes = requireBytes(salt, 'salt');
  if (typeof params !== 'object' || params === null) {
    throw new KeyDerivationError(
      'INVALID_ARGUMENT',
      'scrypt params must be an object { n, r, p, length }',
    );
  }
  const n = requireInteger(params.n, 'n', 2, 2 ** 32);
  if (!Number.isInteger(Math.log2(n))) {
    throw new KeyDerivationError('INVALID_ARGUMENT', `n must be a power of two (got ${n})`, {
      parameter: 'n',
    });
  }
  const r = requireInteger(params.r, 'r', 1, 2 ** 30 - 1);
  const p = requireInteger(params.p, 'p', 1, 2 ** 30 - 1);
  // RFC 7914 §2: p ≤ ((2^32 − 1) × hLen) / MFLen, i.e. p × r < 2^30.
  if (p * r >= 2 ** 30) {
    throw new KeyDerivationError('INVALID_ARGUMENT', `p × r must be below 2^30 (RFC 7914 §2)`, {
      parameter: 'p',
    });
  }
  const length = requireInteger(params.length, 'length', 1, SCRYPT_MAX_LENGTH);

  return runKdf('scrypt', async () =>
    (await loadHashWasm()).scrypt({
      password: passwordBytes,
      salt: saltBytes,
      costFactor: n,
      blockSize: r,
      parallelism: p,
      hashLength: length,
      outputType: 'binary',
    }),
  );
}
