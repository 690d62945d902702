import { Ed25519KeyError } from '../errors/datafold-error.js';
import { isBytes } from '../encoding/bytes.js';
import { cryptoKeyWhereSeedNeeded, isCryptoKey } from './crypto-key.js';
import { PRIVATE_KEY_LENGTH } from './types.js';

/**
 * Throws INVALID_PRIVATE_KEY unless `privateKey` is a 32-byte seed (RFC 8032 §5.1.5). The message
 * names the length found, never the bytes. A non-extractable CryptoKey is KEY_NOT_EXTRACTABLE:
 * every path that needs the seed (backups, key files, stores, byte signing) refuses it here.
 *
 * @example
 * assertPrivateKey(keyPair.privateKey); // passes
 * assertPrivateKey(new Uint8Array(64)); // throws INVALID_PRIVATE_KEY
 */
export function assertPrivateKey(
  privateKey: unknown,
  what = 'privateKey',
): asserts privateKey is Uint8Array {
  if (isCryptoKey(privateKey)) throw cryptoKeyWhereSeedNeeded(privateKey, what);
  if (!isBytes(privateKey)) {
    throw new Ed25519KeyError(
      'INVALID_PRIVATE_KEY',
      `${what} must be a Uint8Array holding the 32-byte Ed25519 seed`,
    );
  }
  if (privateKey.length !== PRIVATE_KEY_LENGTH) {
    throw new Ed25519KeyError(
      'INVALID_PRIVATE_KEY',
      `${what} must be the 32-byte Ed25519 seed, got ${privateKey.length} bytes` +
        (privateKey.length === 64
          ? ' (a 64-byte value is the expanded seed||public form: pass its first 32 bytes)'
          : ''),
      { length: privateKey.length },
    );
  }
}
