import { assertStrongPassphrase } from '../../sealing/passphrase-checks.js';
import { wipe } from '../../encoding/bytes.js';
import type { Ed25519KeyPair } from '../../keys/types.js';
import { assertValidKeyId } from '../../utils/key-id.js';
import { debugLog } from '../../utils/debug-log.js';
import type { KeyMetadata, StoredKeyInfo } from '../key-storage.js';
import {
  assertExpectations,
  assertKeyVersion,
  assertMetadata,
  createKeyQueue,
  keyNotFound,
} from '../version-checks.js';
import type { KeyVersionInfo, VersionedKeyStorage } from '../versioned-key-storage.js';
import {
  currentVersionOf,
  nextVersion,
  planAddVersion,
  type AddVersionRequest,
} from '../versioned-store-core.js';
import {
  checkRecord,
  deriveRecordKey,
  openRecord,
  sealRecord,
  type IdbKeyRecord,
} from './idb-record.js';
import {
  deleteVersion,
  isVersionTaken,
  readKey as readKeyRecords,
  relabelVersion,
  setCurrent,
  stateOf,
  touchAccessTime,
  writeVersion,
  type KeyPointer,
} from './idb-key-operations.js';
import {
  KEYS_STORE,
  noIndexedDB,
  notSupported,
  openDatabase,
  request,
  transaction,
  versionRange,
  VERSIONS_STORE,
} from './idb-requests.js';

/** Options of {@link createIndexedDBKeyStorage}. */
export interface IndexedDBKeyStorageOptions {
  /** Database name (default `datafold-keys`): one per application or user profile. */
  dbName?: string;
  /** PBKDF2-HMAC-SHA-256 iterations for keys written (default 600,000; at least 100,000). */
  pbkdf2Iterations?: number;
  /** The IndexedDB factory (default globalThis.indexedDB). */
  indexedDB?: IDBFactory;
}

/** The IndexedDB store: versioned, plus clean-up and closing. */
export interface IndexedDBKeyStorage extends VersionedKeyStorage {
  readonly kind: 'indexeddb';
  readonly dbName: string;
  /** Deletes every key; returns how many there were. */
  clearAllKeys(): Promise<number>;
  /** Closes the database connection; the next call reopens it. */
  close(): void;
}

/**
 * Keys in the browser's IndexedDB (spec/indexeddb-storage-v1.md): each version a record
 * encrypted with AES-256-GCM under a PBKDF2-HMAC-SHA-256 key (WebCrypto, so the KDF runs off the
 * page's main thread), and a pointer record naming the current version. A version and its
 * pointer are written in one transaction, so a page closed mid-rotation leaves the old or the new
 * version current. Origin isolation is the browser's.
 *
 * Errors: those of VersionedKeyStorage, STORAGE_QUOTA_EXCEEDED, INDEXEDDB_NOT_SUPPORTED (no
 * IndexedDB or the browser refuses it), STORAGE_CORRUPTED, STORAGE_UNAVAILABLE.
 *
 * @example
 * const storage = await createIndexedDBKeyStorage({ dbName: 'my-app-keys' });
 * await storage.storeKeyPair('app', keyPair, 'correct horse battery staple', { name: 'App' });
 */
export async function createIndexedDBKeyStorage(
  options: IndexedDBKeyStorageOptions = {},
): Promise<IndexedDBKeyStorage> {
  const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (factory === undefined || factory === null) throw noIndexedDB();
  const dbName = options.dbName ?? 'datafold-keys';
  if (typeof dbName !== 'string' || dbName.length === 0 || dbName.length > 200) {
    throw notSupported('dbName must be 1-200 characters');
  }
  // Fail now, not at the first store: private modes refuse at open.
  let db: IDBDatabase | undefined = await openDatabase(factory, dbName);
  const queue = createKeyQueue();
  const iterations = options.pbkdf2Iterations;
  const database = async () => {
    if (db === undefined) db = await openDatabase(factory, dbName);
    return db;
  };

  const readKey = async (keyId: string) => readKeyRecords(await database(), keyId);

  async function addVersion(
    keyId: string,
    keyPair: Ed25519KeyPair,
    passphrase: string,
    metadata: KeyMetadata | undefined,
    write: AddVersionRequest,
  ): Promise<number> {
    assertValidKeyId(keyId);
    assertStrongPassphrase(passphrase);
    assertMetadata(metadata);
    assertExpectations(write.expect ?? {});
    const sealing = await deriveRecordKey(passphrase, iterations);
    try {
      return await queue(keyId, async () => {
        // Another tab may write the same key: the transaction refuses a number taken since this
        // snapshot, and we renumber (a conditional write then fails as a conflict instead).
        for (let attempt = 0; ; attempt++) {
          const { pointer, versions } = await readKey(keyId);
          const numbers = versions.map((v) => v.key_version);
          const { version } = planAddVersion(keyId, stateOf(pointer, numbers), write);
          const record = await sealRecord(sealing, keyId, version, keyPair, metadata);
          try {
            await writeVersion(await database(), record, write);
            debugLog('storage.version-written', { store: 'indexeddb', dbName, keyId, version });
            return version;
          } catch (error) {
            if (isVersionTaken(error) && attempt < 5) continue;
            throw error;
          }
        }
      });
    } finally {
      wipe(sealing.key);
    }
  }

  async function decrypt(keyId: string, version: number | undefined, passphrase: string) {
    assertValidKeyId(keyId);
    if (version !== undefined) assertKeyVersion(version);
    const { pointer, versions } = await readKey(keyId);
    if (pointer === undefined && versions.length === 0) throw keyNotFound(keyId);
    const wanted =
      version ??
      currentVersionOf(
        stateOf(
          pointer,
          versions.map((v) => v.key_version),
        ),
      )!;
    const record = versions.find((v) => v.key_version === wanted);
    if (record === undefined) throw keyNotFound(keyId, wanted);
    debugLog('storage.read', { store: 'indexeddb', keyId, version: wanted });
    const keyPair = await openRecord(record, keyId, passphrase);
    // Only a successful decryption writes, and only the access time: a wrong passphrase changes nothing.
    if (pointer !== undefined) await touchAccessTime(await database(), keyId);
    return keyPair;
  }

  const storage: IndexedDBKeyStorage = {
    kind: 'indexeddb',
    dbName,

    async storeKeyPair(keyId, keyPair, passphrase, metadata?, storeOptions = {}) {
      await addVersion(keyId, keyPair, passphrase, metadata, {
        overwrite: storeOptions.overwrite ?? true,
        replace: true,
        makeCurrent: true,
      });
    },

    storeKeyVersion(keyId, keyPair, passphrase, versionOptions = {}) {
      return addVersion(keyId, keyPair, passphrase, versionOptions.metadata, {
        overwrite: true,
        replace: false,
        makeCurrent: versionOptions.makeCurrent ?? true,
        expect: versionOptions,
      });
    },

    retrieveKeyPair: (keyId, passphrase) => decrypt(keyId, undefined, passphrase),
    retrieveKeyVersion: (keyId, version, passphrase) => decrypt(keyId, version, passphrase),

    async listKeys() {
      const [pointers, records] = await transaction(
        await database(),
        [KEYS_STORE, VERSIONS_STORE],
        'readonly',
        'list keys',
        (tx) =>
          Promise.all([
            request(tx.objectStore(KEYS_STORE).getAll() as IDBRequest<KeyPointer[]>, 'list keys'),
            request(
              tx.objectStore(VERSIONS_STORE).getAll() as IDBRequest<IdbKeyRecord[]>,
              'list keys',
            ),
          ]),
      );
      const out: StoredKeyInfo[] = [];
      for (const pointer of pointers) {
        const record = records.find(
          (r) => r.key_id === pointer.key_id && r.key_version === pointer.current,
        );
        if (record === undefined) continue;
        const checked = checkRecord(record, pointer.key_id);
        out.push({
          keyId: pointer.key_id,
          publicKey: checked.publicKey,
          created: checked.created,
          metadata: { ...checked.metadata },
          version: pointer.current,
          lastAccessed: pointer.last_accessed,
        });
      }
      return out.sort((a, b) => (a.keyId < b.keyId ? -1 : 1));
    },

    async listVersions(keyId) {
      assertValidKeyId(keyId);
      const { pointer, versions } = await readKey(keyId);
      if (versions.length === 0) throw keyNotFound(keyId);
      const current = currentVersionOf(
        stateOf(
          pointer,
          versions.map((v) => v.key_version),
        ),
      );
      return versions
        .sort((a, b) => a.key_version - b.key_version)
        .map((record): KeyVersionInfo => {
          const checked = checkRecord(record, keyId);
          return {
            version: record.key_version,
            created: checked.created,
            publicKey: checked.publicKey,
            current: record.key_version === current,
            metadata: { ...checked.metadata },
          };
        });
    },

    async getCurrentVersion(keyId) {
      assertValidKeyId(keyId);
      const { pointer, versions } = await readKey(keyId);
      if (pointer === undefined) throw keyNotFound(keyId);
      if (!versions.some((v) => v.key_version === pointer.current))
        throw keyNotFound(keyId, pointer.current);
      return pointer.current;
    },

    async setCurrentVersion(keyId, version) {
      assertValidKeyId(keyId);
      assertKeyVersion(version);
      await queue(keyId, async () => setCurrent(await database(), keyId, version));
      debugLog('storage.current-set', { store: 'indexeddb', keyId, version });
    },

    async deleteKeyVersion(keyId, version) {
      assertValidKeyId(keyId);
      assertKeyVersion(version);
      const deleted = await queue(keyId, async () =>
        deleteVersion(await database(), keyId, version),
      );
      if (deleted) debugLog('storage.version-deleted', { store: 'indexeddb', keyId, version });
      return deleted;
    },

    async getNextVersion(keyId) {
      assertValidKeyId(keyId);
      const { pointer, versions } = await readKey(keyId);
      return nextVersion(
        keyId,
        stateOf(
          pointer,
          versions.map((v) => v.key_version),
        ),
      );
    },

    async setVersionMetadata(keyId, version, metadata) {
      assertValidKeyId(keyId);
      assertKeyVersion(version);
      assertMetadata(metadata);
      await queue(keyId, async () =>
        relabelVersion(await database(), keyId, version, metadata ?? {}),
      );
    },

    async deleteKey(keyId) {
      assertValidKeyId(keyId);
      return queue(keyId, async () =>
        transaction(
          await database(),
          [KEYS_STORE, VERSIONS_STORE],
          'readwrite',
          'delete a key',
          async (tx) => {
            const keys = tx.objectStore(KEYS_STORE);
            const existed =
              (await request(
                tx.objectStore(VERSIONS_STORE).count(versionRange(keyId)),
                'delete a key',
              )) > 0 || (await request(keys.count(keyId), 'delete a key')) > 0;
            await request(
              tx.objectStore(VERSIONS_STORE).delete(versionRange(keyId)),
              'delete a key',
            );
            await request(keys.delete(keyId), 'delete a key');
            return existed;
          },
        ),
      );
    },

    async hasKey(keyId) {
      assertValidKeyId(keyId);
      const { pointer, versions } = await readKey(keyId);
      return pointer !== undefined || versions.length > 0;
    },

    async clearAllKeys() {
      return transaction(
        await database(),
        [KEYS_STORE, VERSIONS_STORE],
        'readwrite',
        'clear all keys',
        async (tx) => {
          const keys = tx.objectStore(KEYS_STORE);
          const count = await request(keys.count(), 'clear all keys');
          await request(keys.clear(), 'clear all keys');
          await request(tx.objectStore(VERSIONS_STORE).clear(), 'clear all keys');
          return count;
        },
      );
    },

    close() {
      db?.close();
      db = undefined;
    },
  };
  return storage;
}
