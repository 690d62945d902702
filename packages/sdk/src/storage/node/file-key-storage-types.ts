import type { Argon2idKdfParams } from '../../backup/types.js';
import type { Ed25519KeyPair } from '../../keys/types.js';
import type { KeyMetadata, KeyStorage, StoredKeyInfo } from '../key-storage.js';
import type { KeyLockOptions } from './key-lock.js';

/** Options of {@link createFileKeyStorage}. */
export interface FileKeyStorageOptions extends KeyLockOptions {
  /** The key directory; default `~/.datafold/keys`. Created 0700 if missing. */
  directory?: string;
  /** Argon2id cost for keys written; default m=65536 KiB t=3 p=1 (floors apply). */
  kdfParams?: Partial<Argon2idKdfParams>;
}

/** One stored version of a key, as {@link FileKeyStorage.listVersions} reports it. */
export interface KeyVersionInfo {
  version: number;
  created: string;
  publicKey: Uint8Array;
  current: boolean;
  metadata: KeyMetadata;
}

/** A file the store could not read, as {@link FileKeyStorage.inspect} reports it. */
export interface KeyFileProblem {
  file: string;
  code: string;
  message: string;
}

/** Options of {@link FileKeyStorage.storeKeyVersion}. */
export interface StoreKeyVersionOptions {
  metadata?: KeyMetadata;
  /** Make the new version current (default true). */
  makeCurrent?: boolean;
}

/** The key-file-v1 store: KeyStorage plus the versions the CLI and rotation need. */
export interface FileKeyStorage extends KeyStorage {
  readonly directory: string;
  /** Adds the next version of `keyId` (1 for a new key) and returns its number. */
  storeKeyVersion(
    keyId: string,
    keyPair: Ed25519KeyPair,
    passphrase: string,
    options?: StoreKeyVersionOptions,
  ): Promise<number>;
  retrieveKeyVersion(keyId: string, version: number, passphrase: string): Promise<Ed25519KeyPair>;
  listVersions(keyId: string): Promise<KeyVersionInfo[]>;
  getCurrentVersion(keyId: string): Promise<number>;
  setCurrentVersion(keyId: string, version: number): Promise<void>;
  /** Deletes one version; the current version cannot be deleted (INVALID_ARGUMENT). */
  deleteKeyVersion(keyId: string, version: number): Promise<boolean>;
  /** Every key that reads, and every key file that does not, naming the file. */
  inspect(): Promise<{ keys: StoredKeyInfo[]; problems: KeyFileProblem[] }>;
}
