import { ed25519 } from '@noble/curves/ed25519.js';
import { DataFoldError, Ed25519KeyError } from '../errors/datafold-error.js';
import { currentBackend } from '../signatures/backend-selection.js';
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
 * The public key of a seed, computed by the active Ed25519 backend (natively where WebCrypto has
 * Ed25519). Rejects with INVALID_PRIVATE_KEY unless given 32 bytes.
 *
 * @example
 * const publicKey = await getPublicKey(keyPair.privateKey);
 */
export async function getPublicKey(privateKey: Uint8Array): Promise<Uint8Array> {
  assertPrivateKey(privateKey);
  const seed = new Uint8Array(privateKey); // the caller may change its array while we wait
  try {
    return await (await currentBackend()).publicKey(seed);
  } catch (error) {
    if (error instanceof DataFoldError) throw error;
    throw new Ed25519KeyError(
      'KEY_GENERATION_FAILED',
      'the platform failed to derive an Ed25519 public key',
      {},
      { cause: error },
    );
  } finally {
    seed.fill(0);
  }
}
