import type { IdbSchema } from '../indexeddb/idb-requests.js';

// The non-extractable store's database (spec/indexeddb-storage-v1.md §7): a database of its own,
// so the passphrase store's schema (and every SDK version that opens it at version 1) is untouched.

/** Default database name. */
export const CRYPTOKEY_DB_NAME = 'datafold-cryptokeys';
/** The one object store: one record per key, keyed by `key_id`. */
export const CRYPTOKEYS_STORE = 'cryptokeys';
/** Schema version of the database; raised only by a change of object stores or key paths. */
export const CRYPTOKEY_SCHEMA_VERSION = 1;

/** The schema openDatabase creates. */
export const CRYPTOKEY_SCHEMA: IdbSchema = {
  version: CRYPTOKEY_SCHEMA_VERSION,
  upgrade(db) {
    if (!db.objectStoreNames.contains(CRYPTOKEYS_STORE)) {
      db.createObjectStore(CRYPTOKEYS_STORE, { keyPath: 'key_id' });
    }
  },
};
