import { constantTimeEqual, isBytes, wipe } from '../encoding/bytes.js';
import { BackupError, Ed25519KeyError } from '../errors/datafold-error.js';
import { assertPrivateKey } from './assert-key-bytes.js';
import { keyPairFromSeed } from './key-pair-from-seed.js';
import { PUBLIC_KEY_LENGTH, type Ed25519KeyPair } from './types.js';

/**
 * Checks that `keyPair` is a 32-byte seed with its own public key before it is sealed or sent
 * anywhere: a backup, key file or stored record of a mismatched pair would fail its integrity check
 * only when it is needed, and a registration would name a key nobody can sign for.
 * INVALID_PRIVATE_KEY / INVALID_PUBLIC_KEY for the wrong shape, INTEGRITY_CHECK_FAILED for a
 * public key that is not the seed's.
 *
 * @example
 * await assertKeyPair(await generateKeyPair()); // passes
 */
export async function assertKeyPair(keyPair: unknown): Promise<void> {
  if (typeof keyPair !== 'object' || keyPair === null) {
    throw new Ed25519KeyError('INVALID_PRIVATE_KEY', 'keyPair must be { privateKey, publicKey }');
  }
  const { privateKey, publicKey } = keyPair as Partial<Ed25519KeyPair>;
  assertPrivateKey(privateKey, 'keyPair.privateKey');
  if (!isBytes(publicKey) || publicKey.length !== PUBLIC_KEY_LENGTH) {
    throw new Ed25519KeyError(
      'INVALID_PUBLIC_KEY',
      'keyPair.publicKey must be a 32-byte Uint8Array',
    );
  }
  const derived = await keyPairFromSeed(privateKey);
  const matches = constantTimeEqual(derived.publicKey, publicKey);
  wipe(derived.privateKey);
  if (!matches) {
    throw new BackupError(
      'INTEGRITY_CHECK_FAILED',
      'keyPair.publicKey is not the public key of keyPair.privateKey',
    );
  }
}
