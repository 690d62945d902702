export {
  createFileKeyStorage,
  type FileKeyStorage,
  type FileKeyStorageOptions,
  type KeyFileProblem,
  type KeyVersionInfo,
  type StoreKeyVersionOptions,
} from './file-key-storage.js';
export { parseVersionFileName, pointerFileName, versionFileName } from './key-directory.js';
export type { KeyLockOptions } from './key-lock.js';
