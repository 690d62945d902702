import type * as NobleChacha from '@noble/ciphers/chacha.js';

import { BackupError, ValidationError } from '../errors/datafold-error.js';
import { getSubtle, toBufferSource } from '../platform/webcrypto.js';
import {
  AEAD_TAG_LENGTH,
  NONCE_LENGTHS,
  SEALING_KEY_LENGTH,
  type AeadCipher,
} from './constants.js';

// The ChaCha20-Poly1305 ciphers are imported on first use: key files and IndexedDB records use
// AES-GCM (WebCrypto) only, so opening a key store does not evaluate them.
let nobleChacha: Promise<typeof NobleChacha> | undefined;
const loadChacha = (): Promise<typeof NobleChacha> =>
  (nobleChacha ??= import('@noble/ciphers/chacha.js'));

/**
 * The one error every failed decryption becomes. A wrong passphrase, a flipped bit anywhere the
 * tag covers and a truncated tag must be indistinguishable to the caller (spec/backup-v1.md §8),
 * so the message is fixed and the platform's own error is dropped, not even kept as `cause`.
 */
export function decryptionFailed(): BackupError {
  return new BackupError(
    'DECRYPTION_FAILED',
    'Decryption failed: the passphrase is wrong or the data was altered',
  );
}

function checkInputs(cipher: AeadCipher, key: Uint8Array, nonce: Uint8Array): void {
  if (key.length !== SEALING_KEY_LENGTH) {
    throw new ValidationError('INVALID_ARGUMENT', `${cipher} needs a 32-byte key`);
  }
  const expected = NONCE_LENGTHS[cipher];
  if (expected === undefined) {
    throw new BackupError(
      'UNSUPPORTED_ALGORITHM',
      `Unsupported cipher; use one of ${Object.keys(NONCE_LENGTHS).join(', ')}`,
    );
  }
  if (nonce.length !== expected) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      `${cipher} needs a ${expected}-byte nonce (got ${nonce.length})`,
    );
  }
}

/**
 * Encrypts with one of the sealing ciphers and returns ciphertext || 16-byte tag. `aad` is empty in
 * backup v1 (spec/backup-v1.md §6) and the bound header in key file v1 (spec/key-file-v1.md §5)
 * and IndexedDB records (spec/indexeddb-storage-v1.md §4).
 *
 * @example
 * const sealed = await aeadEncrypt('xchacha20-poly1305', key, nonce24, plaintext);
 */
export async function aeadEncrypt(
  cipher: AeadCipher,
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad?: Uint8Array,
): Promise<Uint8Array> {
  checkInputs(cipher, key, nonce);
  switch (cipher) {
    case 'xchacha20-poly1305':
      return (await loadChacha()).xchacha20poly1305(key, nonce, aad).encrypt(plaintext);
    case 'chacha20-poly1305':
      return (await loadChacha()).chacha20poly1305(key, nonce, aad).encrypt(plaintext);
    case 'aes-gcm': {
      const subtle = getSubtle();
      const cryptoKey = await subtle.importKey('raw', toBufferSource(key), 'AES-GCM', false, [
        'encrypt',
      ]);
      const params: AesGcmParams = { name: 'AES-GCM', iv: toBufferSource(nonce), tagLength: 128 };
      if (aad !== undefined) params.additionalData = toBufferSource(aad);
      return new Uint8Array(await subtle.encrypt(params, cryptoKey, toBufferSource(plaintext)));
    }
  }
}

/**
 * Decrypts and authenticates ciphertext || tag. Every failure, including input too short to hold
 * a tag, is DECRYPTION_FAILED with the same message.
 *
 * @example
 * const plaintext = await aeadDecrypt('aes-gcm', key, nonce12, sealed, header);
 */
export async function aeadDecrypt(
  cipher: AeadCipher,
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad?: Uint8Array,
): Promise<Uint8Array> {
  checkInputs(cipher, key, nonce);
  if (sealed.length < AEAD_TAG_LENGTH) throw decryptionFailed();
  // A missing WebCrypto is the platform's problem, not the data's: report it as itself.
  const aesKey =
    cipher === 'aes-gcm'
      ? await getSubtle().importKey('raw', toBufferSource(key), 'AES-GCM', false, ['decrypt'])
      : undefined;
  const chacha = cipher === 'aes-gcm' ? undefined : await loadChacha();
  try {
    if (aesKey !== undefined) {
      const params: AesGcmParams = { name: 'AES-GCM', iv: toBufferSource(nonce), tagLength: 128 };
      if (aad !== undefined) params.additionalData = toBufferSource(aad);
      return new Uint8Array(await getSubtle().decrypt(params, aesKey, toBufferSource(sealed)));
    }
    const aead =
      cipher === 'xchacha20-poly1305' ? chacha!.xchacha20poly1305 : chacha!.chacha20poly1305;
    return aead(key, nonce, aad).decrypt(sealed);
  } catch {
    throw decryptionFailed();
  }
}
