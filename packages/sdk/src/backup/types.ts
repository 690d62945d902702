import type { PasswordKdf } from '../derivation/kdf-params.js';
import type { Ed25519KeyPair } from '../keys/types.js';
import type { AeadCipher } from '../sealing/constants.js';
import type {
  Argon2idKdfParams,
  Pbkdf2KdfParams,
  ScryptKdfParams,
  SealingKdfParams,
} from '../sealing/kdf-params.js';

/**
 * The vocabulary of backup v1 (spec/backup-v1.md): algorithm names exactly as they appear in the
 * JSON and the options and results of the backup functions. The algorithm and parameter types are
 * the sealing layer's, under the names backups have always used.
 */

/**
 * Passphrase KDFs a backup may name (spec/backup-v1.md §4).
 *
 * @example
 * const kdf: BackupKdf = 'scrypt';
 */
export type BackupKdf = PasswordKdf;

/**
 * AEAD ciphers a backup may name (spec/backup-v1.md §5).
 *
 * @example
 * const encryption: BackupCipher = 'xchacha20-poly1305';
 */
export type BackupCipher = AeadCipher;

/** The two serialisations of one backup (spec/backup-v1.md §7). */
export type BackupFormat = 'json' | 'binary';

/**
 * The parameters of any backup KDF (spec/backup-v1.md §4).
 *
 * @example
 * const params: BackupKdfParams = DEFAULT_KDF_PARAMS.scrypt;
 */
export type BackupKdfParams = SealingKdfParams;

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
