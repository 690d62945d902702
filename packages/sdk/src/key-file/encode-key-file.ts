import type { KdfPurpose } from '../derivation/kdf-params.js';
import { bytesToBase64 } from '../encoding/base64.js';
import { isBytes, wipe } from '../encoding/bytes.js';
import { ValidationError } from '../errors/datafold-error.js';
import { assertKeyPair } from '../keys/assert-key-pair.js';
import type { Ed25519KeyPair } from '../keys/types.js';
import { randomBytes } from '../platform/webcrypto.js';
import { aeadEncrypt } from '../sealing/aead.js';
import { MAX_SALT_LENGTH, MIN_SALT_LENGTH } from '../sealing/constants.js';
import { formatCreated } from '../sealing/created-time.js';
import { deriveSealingKey } from '../sealing/derive-sealing-key.js';
import { checkSealingKdfParams, type Argon2idKdfParams } from '../sealing/kdf-params.js';
import { assertPassphraseString, assertStrongPassphrase } from '../sealing/passphrase-checks.js';
import { assertValidKeyId } from '../utils/key-id.js';
import { keyFileAssociatedData } from './associated-data.js';
import { KEY_FILE_CREATED_PATTERN } from './parse-key-file.js';
import {
  DEFAULT_KEY_FILE_KDF_PARAMS,
  KEY_FILE_FORMAT,
  KEY_FILE_NONCE_LENGTH,
  KEY_FILE_SALT_LENGTH,
  KEY_FILE_VERSION,
  MAX_KEY_VERSION,
  type KeyFileDocumentV1,
  type KeyFileMetadata,
} from './types.js';

/**
 * A passphrase-derived AES key with its salt and parameters, ready to seal any number of key
 * files. Deriving is the slow part (Argon2id), so the file store derives before it takes a lock
 * and seals, which is fast, while holding it.
 */
export interface KeyFileKey {
  readonly key: Uint8Array;
  readonly salt: Uint8Array;
  readonly kdfParams: Argon2idKdfParams;
  /** Wipes the key. */
  dispose(): void;
}

/**
 * Derives the key-file key from a passphrase (spec/key-file-v1.md §4). `purpose` is `create`
 * (floors and ceilings) for anything kept; `read` only for low-cost test vectors.
 *
 * @example
 * const kfk = await deriveKeyFileKey('correct horse battery staple');
 */
export async function deriveKeyFileKey(
  passphrase: string,
  kdfParams: Partial<Argon2idKdfParams> = {},
  purpose: KdfPurpose = 'create',
  salt: Uint8Array = randomBytes(KEY_FILE_SALT_LENGTH),
): Promise<KeyFileKey> {
  assertPassphraseString(passphrase);
  if (!isBytes(salt) || salt.length < MIN_SALT_LENGTH || salt.length > MAX_SALT_LENGTH) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      `salt must be ${MIN_SALT_LENGTH}-${MAX_SALT_LENGTH} bytes`,
    );
  }
  const params = checkSealingKdfParams(
    'argon2id',
    { ...DEFAULT_KEY_FILE_KDF_PARAMS, ...kdfParams },
    purpose,
  ) as Argon2idKdfParams;
  const key = await deriveSealingKey('argon2id', params, passphrase, salt, purpose);
  return { key, salt, kdfParams: params, dispose: () => wipe(key) };
}

/** What one key file says besides the secret. */
export interface SealKeyFileInput {
  keyId: string;
  keyVersion: number;
  keyPair: Ed25519KeyPair;
  created?: Date | string;
  metadata?: KeyFileMetadata;
  /** Test vectors only. Default 12 random bytes; never reuse a nonce with one key. */
  nonce?: Uint8Array;
}

/**
 * Encrypts the seed under a derived key with the header as associated data and returns the key
 * file text (spec/key-file-v1.md §3, §5). Fast: no KDF work.
 *
 * @example
 * const text = await sealKeyFile(kfk, { keyId: 'app', keyVersion: 2, keyPair });
 */
export async function sealKeyFile(kfk: KeyFileKey, input: SealKeyFileInput): Promise<string> {
  assertValidKeyId(input.keyId);
  const { keyVersion } = input;
  if (!Number.isSafeInteger(keyVersion) || keyVersion < 1 || keyVersion > MAX_KEY_VERSION) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      `keyVersion must be an integer from 1 to ${MAX_KEY_VERSION}`,
    );
  }
  const created = formatCreated(input.created);
  if (!KEY_FILE_CREATED_PATTERN.test(created)) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      'created must be an RFC 3339 UTC time ending in Z',
    );
  }
  const metadata = input.metadata;
  if (
    metadata !== undefined &&
    (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
  ) {
    throw new ValidationError('INVALID_ARGUMENT', 'metadata must be a plain object');
  }
  await assertKeyPair(input.keyPair);
  const nonce = input.nonce ?? randomBytes(KEY_FILE_NONCE_LENGTH);
  const { publicKey, privateKey } = input.keyPair;
  const aad = keyFileAssociatedData({ keyId: input.keyId, keyVersion, created, publicKey });
  const ciphertext = await aeadEncrypt('aes-gcm', kfk.key, nonce, privateKey, aad);
  const doc: KeyFileDocumentV1 = {
    format: KEY_FILE_FORMAT,
    version: KEY_FILE_VERSION,
    key_id: input.keyId,
    key_version: keyVersion,
    algorithm: 'Ed25519',
    public_key: bytesToBase64(publicKey),
    created,
    kdf: 'argon2id',
    kdf_params: kfk.kdfParams,
    encryption: 'aes-gcm',
    salt: bytesToBase64(kfk.salt),
    nonce: bytesToBase64(nonce),
    ciphertext: bytesToBase64(ciphertext),
  };
  if (metadata !== undefined) doc.metadata = metadata;
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The input of {@link encodeKeyFile}. */
export interface EncodeKeyFileInput extends SealKeyFileInput {
  passphrase: string;
  /** Argon2id cost; default m=65536 KiB, t=3, p=1. Must clear the floors. */
  kdfParams?: Partial<Argon2idKdfParams>;
}

/**
 * Encrypts one key version as a key file v1 (spec/key-file-v1.md): Argon2id over the
 * passphrase, AES-256-GCM over the seed, the header bound as associated data. Pure: returns the
 * text; writing it is the store's job.
 *
 * Errors: WEAK_PASSPHRASE, INVALID_KEY_ID, KDF_PARAMS_UNSAFE, INVALID_PRIVATE_KEY,
 * INTEGRITY_CHECK_FAILED for a mismatched pair, INVALID_ARGUMENT.
 *
 * @example
 * const text = await encodeKeyFile({ keyId: 'app', keyVersion: 1, keyPair, passphrase });
 */
export async function encodeKeyFile(input: EncodeKeyFileInput): Promise<string> {
  if (typeof input !== 'object' || input === null) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      'input must be { keyId, keyVersion, keyPair, passphrase }',
    );
  }
  assertValidKeyId(input.keyId);
  assertStrongPassphrase(input.passphrase);
  const kfk = await deriveKeyFileKey(input.passphrase, input.kdfParams);
  try {
    return await sealKeyFile(kfk, input);
  } finally {
    kfk.dispose();
  }
}
