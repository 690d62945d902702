/**
 * `@datafold/js-sdk/node`: the Node key-file store (spec/key-file-v1.md) and the native Argon2id
 * engine. Every export is named here.
 *
 * Importing this entry has one side effect, on purpose and documented: Argon2id prefers the
 * native `argon2` addon from then on (register-native-argon2.ts says how, and how to choose
 * otherwise). `enableNativeArgon2id()` is the explicit, eager form of the same switch.
 *
 * @example
 * import { createStorage, enableNativeArgon2id } from '@datafold/js-sdk/node';
 * const native = await enableNativeArgon2id(); // true where the addon loaded
 * const storage = await createStorage();       // ~/.datafold/keys
 */
import './register-native-argon2.js';
import '../../signatures/node/register-node-ed25519.js';
// Content-Digest hashed by node:crypto (a side effect: http-signatures/node/register-node-digests.ts).
import '../../http-signatures/node/register-node-digests.js';

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
export { enableNativeArgon2id } from './native-argon2.js';
