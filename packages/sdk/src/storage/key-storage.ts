import type { Ed25519KeyPair } from '../keys/types.js';

/** Free-form labels kept beside a key; unauthenticated, never secret. */
export interface KeyMetadata {
  name?: string;
  description?: string;
  tags?: string[];
  [key: string]: unknown;
}

/** What a store tells about a key without its passphrase. */
export interface StoredKeyInfo {
  keyId: string;
  publicKey: Uint8Array;
  /** RFC 3339 time the current version was stored. */
  created: string;
  metadata: KeyMetadata;
  /** The current version, for stores that keep versions (1 otherwise). */
  version: number;
  /**
   * RFC 3339 time the key was last decrypted through this store, where the store records it
   * (memory, IndexedDB); null when never, absent where not recorded (key files are never written
   * on read).
   */
  lastAccessed?: string | null;
}

/** Options of {@link KeyStorage.storeKeyPair}. */
export interface StoreKeyPairOptions {
  /**
   * Replace a key already stored under the id (default true). With false the store refuses with
   * KEY_ALREADY_EXISTS, checked atomically where the platform allows.
   */
  overwrite?: boolean;
}

/**
 * The storage contract every DataFold key store meets: in memory, IndexedDB, key files on disk.
 * Private keys are kept encrypted under the passphrase; a wrong passphrase is DECRYPTION_FAILED
 * and changes nothing. Key ids follow `validateKeyId` (1-100 of `A-Z a-z 0-9 . _ -`, no leading
 * dot) everywhere, so a key moves between stores unchanged.
 *
 * Errors every implementation uses: INVALID_KEY_ID, WEAK_PASSPHRASE (on store), KEY_NOT_FOUND,
 * KEY_ALREADY_EXISTS (with `overwrite: false`), DECRYPTION_FAILED.
 *
 * @example
 * await storage.storeKeyPair('app-key', keyPair, 'correct horse battery staple', { name: 'App' });
 * const pair = await storage.retrieveKeyPair('app-key', 'correct horse battery staple');
 */
export interface KeyStorage {
  storeKeyPair(
    keyId: string,
    keyPair: Ed25519KeyPair,
    passphrase: string,
    metadata?: KeyMetadata,
    options?: StoreKeyPairOptions,
  ): Promise<void>;
  retrieveKeyPair(keyId: string, passphrase: string): Promise<Ed25519KeyPair>;
  listKeys(): Promise<StoredKeyInfo[]>;
  /** Deletes every version of the key; false when there was none. */
  deleteKey(keyId: string): Promise<boolean>;
  hasKey(keyId: string): Promise<boolean>;
}
