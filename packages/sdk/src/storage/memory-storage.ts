import type { Argon2idKdfParams } from '../backup/types.js';
import { StorageError } from '../errors/datafold-error.js';
import { decodeKeyFile } from '../key-file/decode-key-file.js';
import { encodeKeyFile } from '../key-file/encode-key-file.js';
import { parseKeyFile } from '../key-file/parse-key-file.js';
import type { Ed25519KeyPair } from '../keys/types.js';
import { assertValidKeyId } from '../utils/key-id.js';
import type { KeyMetadata, KeyStorage, StoreKeyPairOptions, StoredKeyInfo } from './key-storage.js';

/** Options of {@link createMemoryKeyStorage}. */
export interface MemoryKeyStorageOptions {
  /** Argon2id cost for each stored key; default m=65536 KiB t=3 p=1, floors apply. */
  kdfParams?: Partial<Argon2idKdfParams>;
}

/**
 * A KeyStorage that lives in memory: for tests, and for browsers without IndexedDB (private
 * modes). Keys are still held as key file v1 text, encrypted under the passphrase, so the
 * semantics (wrong passphrase, metadata, listing) are those of the persistent stores; nothing
 * survives the page or process.
 *
 * @example
 * const storage = createMemoryKeyStorage();
 * await storage.storeKeyPair('k', keyPair, 'correct horse battery staple');
 */
export function createMemoryKeyStorage(options: MemoryKeyStorageOptions = {}): KeyStorage {
  const files = new Map<string, string>();

  // Map operations are synchronous, so a check-then-set in one turn is atomic; `settle` keeps the
  // contract that every method reports errors as a rejected promise, never a synchronous throw.
  function settle<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  return {
    async storeKeyPair(
      keyId: string,
      keyPair: Ed25519KeyPair,
      passphrase: string,
      metadata?: KeyMetadata,
      storeOptions: StoreKeyPairOptions = {},
    ): Promise<void> {
      assertValidKeyId(keyId);
      const text = await encodeKeyFile({
        keyId,
        keyVersion: 1,
        keyPair,
        passphrase,
        ...(metadata === undefined ? {} : { metadata }),
        ...(options.kdfParams === undefined ? {} : { kdfParams: options.kdfParams }),
      });
      if (storeOptions.overwrite === false && files.has(keyId)) {
        throw new StorageError('KEY_ALREADY_EXISTS', `A key is already stored under "${keyId}"`);
      }
      files.set(keyId, text);
    },

    async retrieveKeyPair(keyId: string, passphrase: string): Promise<Ed25519KeyPair> {
      assertValidKeyId(keyId);
      const text = files.get(keyId);
      if (text === undefined) {
        throw new StorageError('KEY_NOT_FOUND', `No key is stored under "${keyId}"`);
      }
      return (await decodeKeyFile(text, passphrase)).keyPair;
    },

    listKeys(): Promise<StoredKeyInfo[]> {
      return settle(() =>
        [...files.values()].map((text) => {
          const header = parseKeyFile(text);
          return {
            keyId: header.keyId,
            publicKey: header.publicKey,
            created: header.created,
            metadata: { ...header.metadata },
            version: header.keyVersion,
          };
        }),
      );
    },

    deleteKey(keyId: string): Promise<boolean> {
      return settle(() => {
        assertValidKeyId(keyId);
        return files.delete(keyId);
      });
    },

    hasKey(keyId: string): Promise<boolean> {
      return settle(() => {
        assertValidKeyId(keyId);
        return files.has(keyId);
      });
    },
  };
}
