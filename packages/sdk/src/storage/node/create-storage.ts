import type { Argon2idKdfParams } from '../../sealing/kdf-params.js';
import { StorageError, ValidationError } from '../../errors/datafold-error.js';
import type { ManagedKeyStorage } from '../create-storage.js';
import { createMemoryKeyStorage } from '../memory-storage.js';
import { createFileKeyStorage } from './file-key-storage.js';
import type { FileKeyStorage, FileKeyStorageOptions } from './file-key-storage-types.js';

/** Options of the Node {@link createStorage}. */
export interface NodeStorageOptions extends FileKeyStorageOptions {
  /** 'auto' (default) and 'file': the key directory shared with the CLI; 'memory' on request. */
  type?: 'auto' | 'file' | 'memory';
  /** Argon2id cost for keys written (both stores). */
  kdfParams?: Partial<Argon2idKdfParams>;
}

/** The key-file store with the managed-storage extras. */
export type ManagedFileKeyStorage = FileKeyStorage & ManagedKeyStorage & { readonly kind: 'file' };

/**
 * Node's createStorage: the key-file v1 directory (`~/.datafold/keys` unless `directory`), the
 * one the CLI uses, or the in-memory store on request. Same contract as the browser entry's
 * createStorage, so code written against ManagedKeyStorage runs on both.
 *
 * Errors: INDEXEDDB_NOT_SUPPORTED for type 'indexeddb' (Node has none), INVALID_ARGUMENT, and
 * those of the file store (PERMISSION_DENIED for a directory others can read, ...).
 *
 * @example
 * import { createStorage } from '@datafold/js-sdk/node';
 * const storage = await createStorage({ directory: '/srv/app/keys' });
 */
export function createStorage(options: NodeStorageOptions = {}): Promise<ManagedKeyStorage> {
  try {
    if (typeof options !== 'object' || options === null) {
      throw new ValidationError('INVALID_ARGUMENT', 'options must be an object');
    }
    const type = options.type ?? 'auto';
    if (type === ('indexeddb' as string)) {
      throw new StorageError(
        'INDEXEDDB_NOT_SUPPORTED',
        "Node has no IndexedDB: use type 'file' (the default) or 'memory'",
        { alternative: 'file' },
      );
    }
    if (type === 'memory') {
      return Promise.resolve(
        createMemoryKeyStorage(
          options.kdfParams === undefined ? {} : { kdfParams: options.kdfParams },
        ),
      );
    }
    if (type !== 'auto' && type !== 'file') {
      throw new ValidationError('INVALID_ARGUMENT', "type must be 'auto', 'file' or 'memory'");
    }
    const { type: _type, ...fileOptions } = options;
    void _type;
    const files = createFileKeyStorage(fileOptions);
    const managed: ManagedFileKeyStorage = {
      ...files,
      kind: 'file',
      async clearAllKeys() {
        let count = 0;
        for (const { keyId } of (await files.inspect()).keys) {
          if (await files.deleteKey(keyId)) count++;
        }
        return count;
      },
    };
    return Promise.resolve(managed);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
