import { constantTimeEqual, wipe } from '../encoding/bytes.js';
import { BackupError } from '../errors/datafold-error.js';
import { getPublicKey } from '../keys/get-public-key.js';
import type { Ed25519KeyPair } from '../keys/types.js';
import { aeadDecrypt } from '../sealing/aead.js';
import { deriveSealingKey } from '../sealing/derive-sealing-key.js';
import { checkSealingKdfParams } from '../sealing/kdf-params.js';
import { assertPassphraseString } from '../sealing/passphrase-checks.js';
import { keyFileAssociatedData } from './associated-data.js';
import { parseKeyFile } from './parse-key-file.js';
import type { KeyFileHeader } from './types.js';

/** The answer of {@link decodeKeyFile}. */
export interface DecodedKeyFile {
  keyPair: Ed25519KeyPair;
  header: KeyFileHeader;
}

/**
 * Decrypts a key file v1 (spec/key-file-v1.md §6): parse the header, check the Argon2id
 * parameters against the read ceilings, derive, decrypt with the header as associated data, and
 * check that the seed's public key is the header's.
 *
 * Errors: STORAGE_CORRUPTED naming the member, KDF_PARAMS_UNSAFE, DECRYPTION_FAILED (wrong
 * passphrase, altered ciphertext or header alike), INTEGRITY_CHECK_FAILED.
 *
 * @example
 * const { keyPair, header } = await decodeKeyFile(text, passphrase);
 */
export async function decodeKeyFile(
  data: string | Uint8Array,
  passphrase: string,
): Promise<DecodedKeyFile> {
  assertPassphraseString(passphrase);
  const header = parseKeyFile(data);
  const params = checkSealingKdfParams('argon2id', header.kdfParams, 'read');
  const key = await deriveSealingKey('argon2id', params, passphrase, header.salt, 'read');
  let seed: Uint8Array;
  try {
    seed = await aeadDecrypt(
      'aes-gcm',
      key,
      header.nonce,
      header.ciphertext,
      keyFileAssociatedData(header),
    );
  } finally {
    wipe(key);
  }
  // The header's public key is authenticated, but only a writer bug could make it disagree with
  // the seed; a reader must not hand out a pair that does not sign as its public key says.
  // The active backend derives it (natively where WebCrypto has Ed25519: no curve tables to build).
  if (!constantTimeEqual(await getPublicKey(seed), header.publicKey)) {
    wipe(seed);
    throw new BackupError(
      'INTEGRITY_CHECK_FAILED',
      'Key file integrity check failed: its public key does not belong to its private key',
    );
  }
  return { keyPair: { privateKey: seed, publicKey: new Uint8Array(header.publicKey) }, header };
}
