import type { Argon2idKdfParams } from '../../sealing/kdf-params.js';
import type { StoredKeyInfo } from '../key-storage.js';
import type {
  KeyVersionInfo,
  StoreKeyVersionOptions,
  VersionedKeyStorage,
} from '../versioned-key-storage.js';
import type { KeyLockOptions } from './key-lock.js';

// Defined beside the interface every versioned store shares; re-exported for existing importers.
export type { KeyVersionInfo, StoreKeyVersionOptions };

/** Options of {@link createFileKeyStorage}. */
export interface FileKeyStorageOptions extends KeyLockOptions {
  /** The key directory; default `~/.datafold/keys`. Created 0700 if missing. */
  directory?: string;
  /** Argon2id cost for keys written; default m=65536 KiB t=3 p=1 (floors apply). */
  kdfParams?: Partial<Argon2idKdfParams>;
}

/** A file the store could not read, as {@link FileKeyStorage.inspect} reports it. */
export interface KeyFileProblem {
  file: string;
  code: string;
  message: string;
}

/** The key-file-v1 store: a {@link VersionedKeyStorage} the CLI shares, plus its directory. */
export interface FileKeyStorage extends VersionedKeyStorage {
  readonly directory: string;
  /** Every key that reads, and every key file that does not, naming the file. */
  inspect(): Promise<{ keys: StoredKeyInfo[]; problems: KeyFileProblem[] }>;
}
