import { isBytes } from '../encoding/bytes.js';
import { utf8ToBytes } from '../encoding/utf8.js';
import { BackupError, Ed25519KeyError } from '../errors/datafold-error.js';
import { assertEd25519PrivateCryptoKey, signWithKey } from '../http-signatures/signing-key.js';
import { assertKeyPair } from '../keys/assert-key-pair.js';
import { isCryptoKey } from '../keys/crypto-key.js';
import { PUBLIC_KEY_LENGTH, type SigningKeyPair } from '../keys/types.js';
import { verify } from '../signatures/verify.js';

// The statements of spec/http-statements.md are signed by a seed or, for keys that never leave
// WebCrypto (the browser's non-extractable store), by a private CryptoKey. One place decides
// which signer runs, so registration, rotation and revocation treat both forms alike.

/** What the pair check signs: fixed, so it proves only that the halves belong together. */
const PAIR_CHECK = utf8ToBytes('datafold key pair check');

/**
 * Signs `bytes` with a 32-byte seed or an Ed25519 private CryptoKey (WebCrypto's own sign, so a
 * non-extractable key never leaves it).
 *
 * @example
 * const signature = await signWithEither(bytes, keyPair.privateKey);
 */
export function signWithEither(
  bytes: Uint8Array,
  privateKey: Uint8Array | CryptoKey,
): Promise<Uint8Array> {
  return signWithKey(bytes, isCryptoKey(privateKey) ? { cryptoKey: privateKey } : { privateKey });
}

/**
 * Checks a key pair before anything is signed or sent with it: a seed pair as assertKeyPair
 * does; a CryptoKey pair by shape (an Ed25519 private key, a 32-byte public key) and by signing a
 * fixed message and verifying it under the public key, since the private half cannot be read.
 * A registration of a mismatched pair would name a key nobody can sign for:
 * INTEGRITY_CHECK_FAILED.
 *
 * @example
 * await assertSigningKeyPair({ privateKey: cryptoKey, publicKey });
 */
export async function assertSigningKeyPair(keyPair: unknown): Promise<void> {
  const privateKey = (keyPair as Partial<SigningKeyPair> | null)?.privateKey;
  if (!isCryptoKey(privateKey)) {
    await assertKeyPair(keyPair);
    return;
  }
  assertEd25519PrivateCryptoKey(privateKey);
  const { publicKey } = keyPair as { publicKey?: unknown };
  if (!isBytes(publicKey) || publicKey.length !== PUBLIC_KEY_LENGTH) {
    throw new Ed25519KeyError(
      'INVALID_PUBLIC_KEY',
      'keyPair.publicKey must be a 32-byte Uint8Array',
    );
  }
  const signature = await signWithEither(PAIR_CHECK, privateKey);
  if (!(await verify(signature, PAIR_CHECK, publicKey))) {
    throw new BackupError(
      'INTEGRITY_CHECK_FAILED',
      'keyPair.publicKey is not the public key of keyPair.privateKey',
    );
  }
}
