import { getSubtle, toBufferSource } from '../platform/webcrypto.js';
import { normalizeHashName, type HashName } from './hash-names.js';
import { requireBytes, requireInteger, runKdf } from './kdf-arguments.js';

/**
 * The largest output PBKDF2 is asked for here. RFC 8018 §5.2 allows (2^32 - 1) × hLen, but every
 * extra hLen block repeats the whole iteration count, so long outputs only multiply the cost.
 */
export const PBKDF2_MAX_LENGTH = 1024;

/**
 * PBKDF2 with HMAC (RFC 8018 §5.2) through WebCrypto. This is the raw primitive: it applies no
 * iteration floor (use `assertKdfParamsSafe('pbkdf2', ...)` or `deriveKey` for policy), so the
 * published low-iteration vectors can be checked with it.
 *
 * @example
 * const key = await pbkdf2(utf8ToBytes('passwd'), utf8ToBytes('salt'), 600_000, 32, 'SHA-256');
 */
export async function pbkdf2(
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  length: number,
  hash: HashName = 'SHA-256',
): Promise<Uint8Array> {
  const hashName = normalizeHashName(hash);
  const passwordBytes = requireBytes(password, 'password');
  const saltBytes = requireBytes(salt, 'salt');
  requireInteger(iterations, 'iterations', 1, 0xffffffff);
  requireInteger(length, 'length', 1, PBKDF2_MAX_LENGTH);

  return runKdf('PBKDF2', async () => {
    const subtle = getSubtle();
    const key = await subtle.importKey('raw', toBufferSource(passwordBytes), 'PBKDF2', false, [
      'deriveBits',
    ]);
    const bits = await subtle.deriveBits(
      { name: 'PBKDF2', hash: hashName, salt: toBufferSource(saltBytes), iterations },
      key,
      length * 8,
    );
    return new Uint8Array(bits);
  });
}
