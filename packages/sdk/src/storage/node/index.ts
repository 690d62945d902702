export { createFileKeyStorage } from './file-key-storage.js';
export type {
  FileKeyStorage,
  FileKeyStorageOptions,
  KeyFileProblem,
  KeyVersionInfo,
  StoreKeyVersionOptions,
} from './file-key-storage-types.js';
export { parseVersionFileName, pointerFileName, versionFileName } from './key-directory.js';
export type { KeyLockOptions } from './key-lock.js';
export {
  createStorage,
  type ManagedFileKeyStorage,
  type NodeStorageOptions,
} from './create-storage.js';
