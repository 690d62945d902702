import { ed25519 } from '@noble/curves/ed25519.js';
import { Ed25519KeyError } from '../errors/datafold-error.js';
import { isBytes } from '../encoding/bytes.js';
import { hasSmallOrderEncoding, isCanonicalPointEncoding } from '../signatures/strict-checks.js';
import { PUBLIC_KEY_LENGTH } from './types.js';

/** Why a public key is refused, or null when it is valid. */
function publicKeyProblem(publicKey: unknown): string | null {
  if (!isBytes(publicKey)) return 'must be a Uint8Array of 32 bytes';
  if (publicKey.length !== PUBLIC_KEY_LENGTH) return `must be 32 bytes, got ${publicKey.length}`;
  if (!isCanonicalPointEncoding(publicKey))
    return 'is not canonical: its y-coordinate is not below 2^255 - 19';
  if (hasSmallOrderEncoding(publicKey))
    return 'is a point of small order, which no generated key is';
  try {
    // RFC 8032 §5.1.3 decoding in strict mode: y < p, x exists, no x = 0 with the sign bit set.
    const point = ed25519.Point.fromBytes(publicKey, false);
    // Belt and braces: the blacklist above is exactly the small-order set, this proves it.
    if (point.isSmallOrder()) return 'is a point of small order, which no generated key is';
  } catch {
    return 'is not a point on Ed25519';
  }
  return null;
}

/**
 * Whether `publicKey` is one our strict policy accepts (spec/ed25519-verification.md): 32 bytes,
 * canonical, a point on the curve, not of small order. Registration check 4 of WIRE-PROTOCOL.md.
 *
 * @example
 * isValidPublicKey(keyPair.publicKey); // true
 * isValidPublicKey(new Uint8Array(32)); // false: y = 0 has order 4
 */
export function isValidPublicKey(publicKey: unknown): publicKey is Uint8Array {
  return publicKeyProblem(publicKey) === null;
}

/**
 * Throws INVALID_PUBLIC_KEY, saying what is wrong, unless `isValidPublicKey(publicKey)`.
 *
 * @example
 * assertValidPublicKey(hexToBytes(request.public_key, 'INVALID_PUBLIC_KEY'));
 */
export function assertValidPublicKey(
  publicKey: unknown,
  what = 'publicKey',
): asserts publicKey is Uint8Array {
  const problem = publicKeyProblem(publicKey);
  if (problem !== null) throw new Ed25519KeyError('INVALID_PUBLIC_KEY', `${what} ${problem}`);
}
