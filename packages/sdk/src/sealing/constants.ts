/**
 * The sealing layer's sizes, shared by every format that seals a key under a passphrase: backup
 * v1 (spec/backup-v1.md §4-§5), key file v1 (spec/key-file-v1.md §3-§5) and IndexedDB records
 * (spec/indexeddb-storage-v1.md §3-§4). A format names which of these it allows; the numbers live
 * here once.
 */

/** The AEAD ciphers the sealing layer implements (spec/backup-v1.md §5 names all three). */
export type AeadCipher = 'xchacha20-poly1305' | 'chacha20-poly1305' | 'aes-gcm';

/**
 * Nonce length per cipher: 24 bytes for XChaCha20-Poly1305, 12 for ChaCha20-Poly1305
 * (RFC 8439 §2.8) and AES-GCM (NIST SP 800-38D §8.2: 96-bit IVs) (spec/backup-v1.md §5).
 *
 * @example
 * const nonce = randomBytes(NONCE_LENGTHS['xchacha20-poly1305']); // 24 bytes
 */
export const NONCE_LENGTHS: Readonly<Record<AeadCipher, number>> = {
  'xchacha20-poly1305': 24,
  'chacha20-poly1305': 12,
  'aes-gcm': 12,
};

/** Every cipher here appends a 16-byte tag (RFC 8439 §2.8, NIST SP 800-38D §5.2.1.2). */
export const AEAD_TAG_LENGTH = 16;

/** The symmetric key every cipher takes and every KDF here derives: 256 bits. */
export const SEALING_KEY_LENGTH = 32;

/** Salt lengths a reader accepts; writers use 32 (spec/backup-v1.md §4, key-file-v1.md §3). */
export const MIN_SALT_LENGTH = 16;
export const MAX_SALT_LENGTH = 64;
export const DEFAULT_SALT_LENGTH = 32;
