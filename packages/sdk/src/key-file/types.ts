import { PRIVATE_KEY_LENGTH } from '../keys/types.js';
import { AEAD_TAG_LENGTH, DEFAULT_SALT_LENGTH, NONCE_LENGTHS } from '../sealing/constants.js';
import type { Argon2idKdfParams } from '../sealing/kdf-params.js';

/** The value of `format` that marks a DataFold key file (spec/key-file-v1.md §3). */
export const KEY_FILE_FORMAT = 'datafold-key-file';
/** The only key file version this SDK reads and writes. */
export const KEY_FILE_VERSION = 1;
/** AES-256-GCM nonce length (NIST SP 800-38D §8.2: 96-bit IVs). */
export const KEY_FILE_NONCE_LENGTH = NONCE_LENGTHS['aes-gcm'];
/** Salt length writers use; readers accept MIN_SALT_LENGTH-MAX_SALT_LENGTH (16-64) bytes. */
export const KEY_FILE_SALT_LENGTH = DEFAULT_SALT_LENGTH;
/** The 32-byte seed plus the 16-byte GCM tag: 48 bytes (spec/key-file-v1.md §3). */
export const KEY_FILE_CIPHERTEXT_LENGTH = PRIVATE_KEY_LENGTH + AEAD_TAG_LENGTH;
/** Highest key version: nine decimal digits keep file names short and sortable. */
export const MAX_KEY_VERSION = 999_999_999;
/** Largest key file read, so a stray big file in the directory is refused before parsing. */
export const MAX_KEY_FILE_SIZE = 64 * 1024;

/** Argon2id defaults for key files, as for backups (RFC 9106 §4 second recommendation). */
export const DEFAULT_KEY_FILE_KDF_PARAMS: Readonly<Argon2idKdfParams> = {
  memory: 65536,
  iterations: 3,
  parallelism: 1,
};

/** Free-form, unauthenticated labels kept beside a key (name, description, tags, ...). */
export interface KeyFileMetadata {
  name?: string;
  description?: string;
  tags?: string[];
  [key: string]: unknown;
}

/** Everything in a key file except the secret, decoded (spec/key-file-v1.md §3). */
export interface KeyFileHeader {
  keyId: string;
  /** The key's version: 1 for a new key, +1 per rotation. */
  keyVersion: number;
  created: string;
  publicKey: Uint8Array;
  kdf: 'argon2id';
  kdfParams: Argon2idKdfParams;
  encryption: 'aes-gcm';
  salt: Uint8Array;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
  metadata?: KeyFileMetadata;
}

/** The JSON document of a key file, member names as written. */
export interface KeyFileDocumentV1 {
  format: typeof KEY_FILE_FORMAT;
  version: 1;
  key_id: string;
  key_version: number;
  algorithm: 'Ed25519';
  public_key: string;
  created: string;
  kdf: 'argon2id';
  kdf_params: Argon2idKdfParams;
  encryption: 'aes-gcm';
  salt: string;
  nonce: string;
  ciphertext: string;
  metadata?: KeyFileMetadata;
}
