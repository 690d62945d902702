import type { Ed25519KeyPair } from './types.js';
import { getPublicKey } from './get-public-key.js';

/**
 * The Ed25519 key pair of a 32-byte seed, deterministic (RFC 8032 §5.1.5). The returned
 * `privateKey` is a copy, so wiping it leaves the caller's seed alone and vice versa.
 * Throws INVALID_PRIVATE_KEY unless `seed` is a 32-byte Uint8Array.
 *
 * @example
 * const pair = await keyPairFromSeed(seed); // same seed, same pair, every time
 */
export async function keyPairFromSeed(seed: Uint8Array): Promise<Ed25519KeyPair> {
  const publicKey = await getPublicKey(seed);
  return { privateKey: new Uint8Array(seed), publicKey };
}
