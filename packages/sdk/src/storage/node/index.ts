import { enableNativeArgon2id, preferNativeArgon2id } from './native-argon2.js';

export { createFileKeyStorage } from './file-key-storage.js';
export type {
  FileKeyStorage,
  FileKeyStorageOptions,
  KeyFileProblem,
  KeyVersionInfo,
  StoreKeyVersionOptions,
} from './file-key-storage-types.js';
export { parseVersionFileName, pointerFileName, versionFileName } from './key-directory.js';
export { withKeyLock, type KeyLockOptions } from './key-lock.js';
export {
  createStorage,
  type ManagedFileKeyStorage,
  type NodeStorageOptions,
} from './create-storage.js';
export { enableNativeArgon2id };

// Key files are Argon2id-bound: in Node, use the native implementation where it loads. Lazily:
// the addon is loaded by the first derivation, not by this import (no top-level await either, so
// the entry can be bundled as CommonJS, as the CLI is, for a faster start).
preferNativeArgon2id();
