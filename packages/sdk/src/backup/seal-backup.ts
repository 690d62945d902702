import type { KdfPurpose } from '../derivation/kdf-params.js';
import { bytesToBase64 } from '../encoding/base64.js';
import { concatBytes, wipe } from '../encoding/bytes.js';
import { randomBytes } from '../platform/webcrypto.js';
import { aeadEncrypt } from '../sealing/aead.js';
import { DEFAULT_SALT_LENGTH, NONCE_LENGTHS } from '../sealing/constants.js';
import { deriveSealingKey } from '../sealing/derive-sealing-key.js';
import { checkSealingKdfParams } from '../sealing/kdf-params.js';
import { BACKUP_VERSION } from './constants.js';
import type { BackupCipher, BackupDocumentV1, BackupKdf, BackupKdfParams } from './types.js';

/** Everything that goes into one backup, already validated by the caller. */
export interface SealBackupInput {
  seed: Uint8Array;
  publicKey: Uint8Array;
  passphrase: string;
  keyId: string;
  kdf: BackupKdf;
  kdfParams: BackupKdfParams;
  encryption: BackupCipher;
  /** `create` for anything a user keeps; `read` only to write low-cost test vectors. */
  purpose: KdfPurpose;
  salt?: Uint8Array;
  nonce?: Uint8Array;
  created: string;
  includePublicKey: boolean;
  metadata?: Record<string, unknown>;
  /** Test vectors only: encrypt these 64 bytes instead of seed || publicKey. */
  plaintextOverride?: Uint8Array;
}

/**
 * The low layer of createBackup: derive, encrypt, and lay out the document in the member order
 * of spec/backup-v1.md §3. It does no passphrase or key-pair policy; createBackup does. Exposed
 * for the vector generators, which need fixed salts and nonces and sub-floor KDF costs.
 *
 * @example
 * const doc = await sealBackup({ ...input, purpose: 'create' });
 */
export async function sealBackup(input: SealBackupInput): Promise<BackupDocumentV1> {
  const kdfParams = checkSealingKdfParams(input.kdf, input.kdfParams, input.purpose);
  const salt = input.salt ?? randomBytes(DEFAULT_SALT_LENGTH);
  const nonce = input.nonce ?? randomBytes(NONCE_LENGTHS[input.encryption]);
  // spec/backup-v1.md §6: the plaintext is seed || public_key, 64 bytes.
  const plaintext = input.plaintextOverride ?? concatBytes(input.seed, input.publicKey);
  const key = await deriveSealingKey(input.kdf, kdfParams, input.passphrase, salt, input.purpose);
  let ciphertext: Uint8Array;
  try {
    // No associated data in v1 (§6), so backups of existing clients stay readable.
    ciphertext = await aeadEncrypt(input.encryption, key, nonce, plaintext);
  } finally {
    wipe(key);
    if (input.plaintextOverride === undefined) wipe(plaintext);
  }
  const doc: BackupDocumentV1 = {
    version: BACKUP_VERSION,
    key_id: input.keyId,
    algorithm: 'Ed25519',
    kdf: input.kdf,
    kdf_params: kdfParams,
    encryption: input.encryption,
    salt: bytesToBase64(salt),
    nonce: bytesToBase64(nonce),
    ciphertext: bytesToBase64(ciphertext),
    created: input.created,
  };
  if (input.includePublicKey) doc.public_key = bytesToBase64(input.publicKey);
  if (input.metadata !== undefined) doc.metadata = input.metadata;
  return doc;
}
