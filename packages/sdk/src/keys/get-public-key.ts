import { ed25519 } from '@noble/curves/ed25519.js';
import { assertPrivateKey } from './assert-key-bytes.js';

/**
 * The 32-byte public key of a 32-byte seed (RFC 8032 §5.1.5): SHA-512 the seed, clamp the low
 * half into scalar s, and encode [s]B. Synchronous, so parsers can cross-check a stored public key.
 *
 * @example
 * const publicKey = getPublicKeySync(seed);
 */
export function getPublicKeySync(privateKey: Uint8Array): Uint8Array {
  assertPrivateKey(privateKey);
  return ed25519.getPublicKey(privateKey);
}

/**
 * The public key of a seed. Throws INVALID_PRIVATE_KEY unless given 32 bytes.
 *
 * @example
 * const publicKey = await getPublicKey(keyPair.privateKey);
 */
export function getPublicKey(privateKey: Uint8Array): Promise<Uint8Array> {
  // Promise-shaped so a native backend can take over; errors reject rather than throw.
  try {
    return Promise.resolve(getPublicKeySync(privateKey));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
