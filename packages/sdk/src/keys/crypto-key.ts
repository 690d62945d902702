import { Ed25519KeyError } from '../errors/datafold-error.js';

/**
 * True when `value` has the shape of a WebCrypto CryptoKey. Shape, not `instanceof CryptoKey`:
 * some runtimes lack the global constructor, and a key cloned from IndexedDB or another realm
 * is still a key.
 *
 * @example
 * isCryptoKey((await crypto.subtle.generateKey('Ed25519', false, ['sign', 'verify'])).privateKey); // true
 */
export function isCryptoKey(value: unknown): value is CryptoKey {
  const candidate = value as Partial<CryptoKey> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.type === 'string' &&
    typeof candidate.extractable === 'boolean' &&
    typeof candidate.algorithm === 'object' &&
    Array.isArray(candidate.usages)
  );
}

/**
 * The error for a CryptoKey passed where the 32-byte seed is needed (a backup, a key file, a
 * passphrase store, the byte-based `sign`): KEY_NOT_EXTRACTABLE for a non-extractable key, whose
 * bytes nobody can read, else INVALID_PRIVATE_KEY naming how to get the seed.
 *
 * @example
 * if (isCryptoKey(privateKey)) throw cryptoKeyWhereSeedNeeded(privateKey, 'keyPair.privateKey');
 */
export function cryptoKeyWhereSeedNeeded(key: CryptoKey, what = 'privateKey'): Ed25519KeyError {
  if (!key.extractable) {
    return new Ed25519KeyError(
      'KEY_NOT_EXTRACTABLE',
      `${what} is a non-extractable CryptoKey: its bytes cannot be read, so it cannot be backed up, exported or stored under a passphrase. Sign with it through signRequest/createSignedFetch ({ cryptoKey }), registerKeyPair or signStatement`,
      { what },
    );
  }
  return new Ed25519KeyError(
    'INVALID_PRIVATE_KEY',
    `${what} is a CryptoKey; this function needs the 32-byte Ed25519 seed (or sign with the CryptoKey through signRequest/createSignedFetch ({ cryptoKey }))`,
    { what },
  );
}
