import { StorageError } from '../../errors/datafold-error.js';

/** Object store names and the schema version (spec/indexeddb-storage-v1.md §2). */
export const KEYS_STORE = 'keys';
export const VERSIONS_STORE = 'versions';
export const IDB_SCHEMA_VERSION = 1;

/**
 * A DOMException from IndexedDB as a coded error: QuotaExceededError is STORAGE_QUOTA_EXCEEDED
 * (the seed's advice: delete keys or ask the user for storage), everything else
 * STORAGE_UNAVAILABLE. The browser's message names no key material, but is kept only as `cause`.
 */
export function idbError(error: unknown, action: string): StorageError {
  if (error instanceof StorageError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'QuotaExceededError') {
    return new StorageError(
      'STORAGE_QUOTA_EXCEEDED',
      `The browser's storage quota for this site is exhausted while trying to ${action}: delete unused keys or free site storage`,
      { action },
      { cause: error },
    );
  }
  return new StorageError(
    'STORAGE_UNAVAILABLE',
    `IndexedDB failed to ${action}${typeof name === 'string' ? ` (${name})` : ''}`,
    { action },
    { cause: error },
  );
}

/** The result of one request. */
export function request<T>(req: IDBRequest<T>, action: string): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = (event) => {
      // Handled here; preventing default stops the error from also aborting silently elsewhere.
      event.preventDefault();
      reject(idbError(req.error, action));
    };
  });
}

/**
 * Runs `work` in one transaction and resolves with its value once the transaction has committed
 * (`complete`), rejecting if it aborts: only a committed transaction counts as written (§4).
 * `work` must issue its requests without awaiting anything but them, as IndexedDB commits a
 * transaction that has nothing pending.
 */
export function transaction<T>(
  db: IDBDatabase,
  stores: string[],
  mode: IDBTransactionMode,
  action: string,
  work: (tx: IDBTransaction) => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let tx: IDBTransaction;
    try {
      // 'strict' durability: `complete` fires after the data reached the disk, so a rotation
      // reported done survives a crash of the browser right after.
      tx = db.transaction(
        stores,
        mode,
        mode === 'readwrite' ? { durability: 'strict' } : undefined,
      );
    } catch (error) {
      reject(idbError(error, action));
      return;
    }
    let value: T;
    let failure: Error | undefined;
    tx.oncomplete = () => (failure === undefined ? resolve(value) : reject(failure));
    tx.onabort = () => reject(failure ?? idbError(tx.error, action));
    work(tx).then(
      (v) => {
        value = v;
      },
      (error: unknown) => {
        failure = error instanceof Error ? error : idbError(error, action);
        try {
          tx.abort();
        } catch {
          // Already finished: the failure is still reported by oncomplete/onabort.
        }
      },
    );
  });
}

/** A database's schema: its version and how to create its object stores. */
export interface IdbSchema {
  version: number;
  /** Runs in `upgradeneeded`: creates what is missing, never deletes. */
  upgrade(db: IDBDatabase): void;
}

/** The passphrase store's schema (spec/indexeddb-storage-v1.md §2). */
export const PASSPHRASE_STORE_SCHEMA: IdbSchema = {
  version: IDB_SCHEMA_VERSION,
  upgrade(db) {
    if (!db.objectStoreNames.contains(KEYS_STORE))
      db.createObjectStore(KEYS_STORE, { keyPath: 'key_id' });
    if (!db.objectStoreNames.contains(VERSIONS_STORE)) {
      db.createObjectStore(VERSIONS_STORE, { keyPath: ['key_id', 'key_version'] });
    }
  },
};

/**
 * Opens (creating or upgrading) a database of `schema` (default: the passphrase store's). A
 * browser that refuses IndexedDB (private modes, opaque origins, blocked storage) answers
 * INDEXEDDB_NOT_SUPPORTED, offering the memory store.
 */
export function openDatabase(
  factory: IDBFactory,
  name: string,
  schema: IdbSchema = PASSPHRASE_STORE_SCHEMA,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let req: IDBOpenDBRequest;
    try {
      req = factory.open(name, schema.version);
    } catch (error) {
      reject(notSupported(`opening "${name}" threw`, error));
      return;
    }
    req.onupgradeneeded = () => schema.upgrade(req.result);
    req.onsuccess = () => {
      const db = req.result;
      // Let another tab upgrade or delete the database instead of blocking it forever.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    req.onerror = (event) => {
      event.preventDefault();
      const name = req.error?.name;
      reject(
        name === 'QuotaExceededError'
          ? idbError(req.error, 'create the key database')
          : notSupported(`opening the database failed (${name ?? 'unknown error'})`, req.error),
      );
    };
    req.onblocked = () => undefined;
  });
}

/**
 * INDEXEDDB_NOT_SUPPORTED where there is no IndexedDB at all (Node, some workers): the persistent
 * store for Node is the key-file store of the node entry, so the message leads with it.
 */
export function noIndexedDB(): StorageError {
  return new StorageError(
    'INDEXEDDB_NOT_SUPPORTED',
    "There is no IndexedDB in this environment. In Node, keep keys in the key-file store (~/.datafold/keys, shared with the CLI): import { createStorage } from '@datafold/js-sdk/node'. Elsewhere, createStorage({ type: 'memory' }) keeps keys for this page or process only",
    { reason: 'no indexedDB in this environment', alternative: '@datafold/js-sdk/node' },
  );
}

/** INDEXEDDB_NOT_SUPPORTED for a browser that has IndexedDB but refuses it: the memory store. */
export function notSupported(reason: string, cause?: unknown): StorageError {
  return new StorageError(
    'INDEXEDDB_NOT_SUPPORTED',
    `IndexedDB is not available here (${reason}). Keys can be kept in memory for this page only: createStorage({ type: 'memory' }), or pass fallbackToMemory: true`,
    { reason, alternative: 'memory' },
    cause === undefined ? undefined : { cause },
  );
}

/** The key range of every version of one key. */
export function versionRange(keyId: string): IDBKeyRange {
  return IDBKeyRange.bound([keyId, 0], [keyId, Number.MAX_SAFE_INTEGER]);
}
