import { constantTimeEqual, isBytes } from '../encoding/bytes.js';
import { BackupError, Ed25519KeyError } from '../errors/datafold-error.js';
import { assertPrivateKey } from '../keys/assert-key-bytes.js';
import { keyPairFromSeed } from '../keys/key-pair-from-seed.js';
import { PUBLIC_KEY_LENGTH, type Ed25519KeyPair } from '../keys/types.js';
import { wipe } from '../encoding/bytes.js';

/**
 * Checks that `keyPair` is a 32-byte seed with its own public key before it is written anywhere:
 * a backup of a mismatched pair would fail its integrity check only when it is needed.
 *
 * @example
 * await assertBackupKeyPair(await generateKeyPair()); // passes
 */
export async function assertBackupKeyPair(keyPair: unknown): Promise<void> {
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
