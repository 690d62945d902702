import { AEAD_TAG_LENGTH } from '../sealing/constants.js';
import type { Argon2idKdfParams, Pbkdf2KdfParams, ScryptKdfParams } from '../sealing/kdf-params.js';
import type { BackupCipher, BackupKdf } from './types.js';

/** The only format version this SDK reads and writes (spec/backup-v1.md §2). */
export const BACKUP_VERSION = 1;

/** Bytes of the plaintext: the 32-byte seed then the 32-byte public key (spec/backup-v1.md §6). */
export const BACKUP_PLAINTEXT_LENGTH = 64;

/** `ciphertext` is always the 64-byte plaintext plus the tag. */
export const BACKUP_CIPHERTEXT_LENGTH = BACKUP_PLAINTEXT_LENGTH + AEAD_TAG_LENGTH;

export const BACKUP_KDFS: readonly BackupKdf[] = ['argon2id', 'scrypt', 'pbkdf2'];
export const BACKUP_CIPHERS: readonly BackupCipher[] = [
  'xchacha20-poly1305',
  'chacha20-poly1305',
  'aes-gcm',
];

export const DEFAULT_KDF: BackupKdf = 'argon2id';
export const DEFAULT_CIPHER: BackupCipher = 'xchacha20-poly1305';

/** Parameters written when the caller names a KDF but not its parameters (spec/backup-v1.md §4). */
export const DEFAULT_KDF_PARAMS: {
  readonly argon2id: Readonly<Argon2idKdfParams>;
  readonly scrypt: Readonly<ScryptKdfParams>;
  readonly pbkdf2: Readonly<Pbkdf2KdfParams>;
} = {
  argon2id: { memory: 65536, iterations: 3, parallelism: 1 },
  scrypt: { n: 32768, r: 8, p: 1 },
  pbkdf2: { iterations: 600_000, hash: 'SHA-256' },
};

/** Longest `key_id` a reader accepts, so a hostile file cannot hand us megabytes of label. */
export const MAX_BACKUP_KEY_ID_LENGTH = 256;

/** Largest backup document read, in bytes or UTF-16 units: real ones are well under 2 KiB. */
export const MAX_BACKUP_SIZE = 64 * 1024;
