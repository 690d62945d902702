import type { Ed25519KeyPair } from '../keys/types.js';

/**
 * The vocabulary of backup v1 (spec/backup-v1.md): algorithm names exactly as they appear in the
 * JSON, the per-KDF parameter objects, and the options and results of the backup functions.
 */

/** Passphrase KDFs a backup may name (spec/backup-v1.md §4). */
export type BackupKdf = 'argon2id' | 'scrypt' | 'pbkdf2';

/** AEAD ciphers a backup may name (spec/backup-v1.md §5). */
export type BackupCipher = 'xchacha20-poly1305' | 'chacha20-poly1305' | 'aes-gcm';

/** The two serialisations of one backup (spec/backup-v1.md §7). */
export type BackupFormat = 'json' | 'binary';

/** `kdf_params` for `argon2id`: memory in KiB, passes, lanes (RFC 9106 §3.1). */
export interface Argon2idKdfParams {
  memory: number;
  iterations: number;
  parallelism: number;
}

/** `kdf_params` for `scrypt`: cost N, block size r, parallelization p (RFC 7914 §2). */
export interface ScryptKdfParams {
  n: number;
  r: number;
  p: number;
}

/** `kdf_params` for `pbkdf2`: iterations and the HMAC hash (RFC 8018 §5.2). Only SHA-256. */
export interface Pbkdf2KdfParams {
  iterations: number;
  hash: 'SHA-256';
}

/** The parameters of any backup KDF. */
export type BackupKdfParams = Argon2idKdfParams | ScryptKdfParams | Pbkdf2KdfParams;

/** The JSON document of a backup, member names exactly as written (spec/backup-v1.md §3). */
export interface BackupDocumentV1 {
  version: 1;
  key_id: string;
  algorithm: 'Ed25519';
  kdf: BackupKdf;
  kdf_params: BackupKdfParams;
  encryption: BackupCipher;
  salt: string;
  nonce: string;
  ciphertext: string;
  created: string;
  public_key?: string;
  metadata?: Record<string, unknown>;
}

/** A backup after parsing: names checked, base64 decoded, parameters normalised. */
export interface ParsedBackup {
  version: 1;
  keyId: string;
  algorithm: 'Ed25519';
  kdf: BackupKdf;
  kdfParams: BackupKdfParams;
  encryption: BackupCipher;
  salt: Uint8Array;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
  created: string;
  publicKey?: Uint8Array;
  metadata?: Record<string, unknown>;
  /** How the backup arrived: `binary` for bytes, `json` for text or an object. */
  format: BackupFormat;
}

/** What a restore says about the backup, beside the key pair (seed: `BackupMetadata`). */
export interface BackupMetadata {
  version: 1;
  keyId: string;
  algorithm: 'Ed25519';
  kdf: BackupKdf;
  kdfParams: BackupKdfParams;
  encryption: BackupCipher;
  created: string;
  format: BackupFormat;
  /** The writer's optional, unauthenticated `metadata` member, if any. */
  metadata?: Record<string, unknown>;
}

/** Options of {@link createBackup}. */
export interface CreateBackupOptions {
  /** The label written as `key_id`. Required. */
  keyId: string;
  /** `json` (default) gives a string, `binary` gives UTF-8 bytes of the same document. */
  format?: BackupFormat;
  /** Default `argon2id`. */
  kdf?: BackupKdf;
  /** Default per KDF: see DEFAULT_KDF_PARAMS. Must clear the write floors. */
  kdfParams?: Partial<Argon2idKdfParams> | Partial<ScryptKdfParams> | Partial<Pbkdf2KdfParams>;
  /** Shorthand for `kdfParams.iterations` (seed: `kdfIterations`), for argon2id and pbkdf2. */
  kdfIterations?: number;
  /** Default `xchacha20-poly1305`. */
  encryption?: BackupCipher;
  /** Written as the optional `metadata` member; unauthenticated (spec/backup-v1.md §3.2). */
  metadata?: Record<string, unknown>;
  /** Also write the optional `public_key` member (default true). */
  includePublicKey?: boolean;
  /** Fixed salt (16-64 bytes): for test vectors only. Default 32 random bytes. */
  salt?: Uint8Array;
  /** Fixed nonce: for test vectors only, never reuse one. Default random. */
  nonce?: Uint8Array;
  /** Fixed `created` time: for test vectors. Default now. */
  created?: Date | string;
}

/** Options of {@link restoreBackup}. */
export interface RestoreBackupOptions {
  /** Check that the public key inside matches the seed (default true). */
  verifyIntegrity?: boolean;
}

/** The answer of {@link restoreBackup}. */
export interface RestoredBackup {
  keyPair: Ed25519KeyPair;
  metadata: BackupMetadata;
}
