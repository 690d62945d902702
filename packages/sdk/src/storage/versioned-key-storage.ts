import type { Ed25519KeyPair } from '../keys/types.js';
import type { KeyMetadata, KeyStorage } from './key-storage.js';

/** One stored version of a key, as {@link VersionedKeyStorage.listVersions} reports it. */
export interface KeyVersionInfo {
  version: number;
  /** RFC 3339 UTC time the version was written. */
  created: string;
  publicKey: Uint8Array;
  /** True for the version the current pointer names. */
  current: boolean;
  /** The version's own labels (each version keeps its own copy; unauthenticated). */
  metadata: KeyMetadata;
}

/** Options of {@link VersionedKeyStorage.storeKeyVersion}. */
export interface StoreKeyVersionOptions {
  metadata?: KeyMetadata;
  /** Make the new version current (default true). */
  makeCurrent?: boolean;
  /**
   * Write only if the new version gets this number, i.e. no version was added since the caller
   * read the key. Checked while the store holds the key (lock, queue or transaction); on a
   * mismatch nothing is written and the call fails with STORAGE_LOCKED (`details.conflict`).
   * Needed when the key pair depends on its version number (spec/key-rotation-v1.md §4).
   */
  expectedVersion?: number;
  /** Likewise: write only if this version is still the current one. */
  expectedCurrentVersion?: number;
}

/**
 * A {@link KeyStorage} that keeps several versions of a key and a current-version pointer, as key
 * rotation needs (spec/key-rotation-v1.md §3). Versions are integers from 1, never reused while
 * the key exists. Every implementation writes a new version completely before the pointer moves
 * to it, and moves the pointer atomically, so an interruption leaves the old or the new version
 * current, never neither. `retrieveKeyPair` and `listKeys` speak of the current version.
 *
 * Implementations: `createMemoryKeyStorage`, the IndexedDB store of `createStorage`, and
 * `createFileKeyStorage` from `@datafold/js-sdk/node` (spec/key-file-v1.md §8). All three follow
 * the rules of one module, versioned-store-core.ts: how versions are numbered, which is current,
 * what a write, a deletion and a pointer swing change.
 *
 * Errors: those of KeyStorage, plus KEY_NOT_FOUND for a missing version and INVALID_ARGUMENT for
 * a version that is not an integer from 1 to 999999999 or for deleting the current version.
 *
 * @example
 * const v2 = await storage.storeKeyVersion('app', newPair, passphrase, { metadata: { name: 'App' } });
 * const old = await storage.retrieveKeyVersion('app', 1, passphrase);
 */
export interface VersionedKeyStorage extends KeyStorage {
  /** Adds the next version of `keyId` (1 for a new key) and returns its number. */
  storeKeyVersion(
    keyId: string,
    keyPair: Ed25519KeyPair,
    passphrase: string,
    options?: StoreKeyVersionOptions,
  ): Promise<number>;
  retrieveKeyVersion(keyId: string, version: number, passphrase: string): Promise<Ed25519KeyPair>;
  /** Every version, oldest first; KEY_NOT_FOUND when the key has none. */
  listVersions(keyId: string): Promise<KeyVersionInfo[]>;
  getCurrentVersion(keyId: string): Promise<number>;
  /** Swings the current pointer to an existing version, atomically. */
  setCurrentVersion(keyId: string, version: number): Promise<void>;
  /** Deletes one version; the current version cannot be deleted (INVALID_ARGUMENT). */
  deleteKeyVersion(keyId: string, version: number): Promise<boolean>;
  /**
   * The number the next version of `keyId` would take were nothing else written first: one past
   * the highest ever assigned (spec/key-file-v1.md §9), 1 for a key that does not exist. A
   * rotation binds this number into a derived seed and writes it with `expectedVersion`.
   */
  getNextVersion(keyId: string): Promise<number>;
  /**
   * Replaces one version's labels; the key, its number and its `created` stay as they are.
   * Labels are unauthenticated, so no passphrase is needed (spec/key-file-v1.md §5, §8).
   */
  setVersionMetadata(keyId: string, version: number, metadata: KeyMetadata): Promise<void>;
}

/**
 * True when `storage` has the version methods of {@link VersionedKeyStorage}.
 *
 * @example
 * if (!isVersionedKeyStorage(storage)) throw new Error('rotation needs a versioned store');
 */
export function isVersionedKeyStorage(storage: unknown): storage is VersionedKeyStorage {
  if (typeof storage !== 'object' || storage === null) return false;
  const s = storage as Record<string, unknown>;
  return [
    'storeKeyPair',
    'retrieveKeyPair',
    'listKeys',
    'deleteKey',
    'hasKey',
    'storeKeyVersion',
    'retrieveKeyVersion',
    'listVersions',
    'getCurrentVersion',
    'setCurrentVersion',
    'deleteKeyVersion',
    'getNextVersion',
    'setVersionMetadata',
  ].every((name) => typeof s[name] === 'function');
}
