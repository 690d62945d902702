export {
  IDB_DEFAULT_PBKDF2_ITERATIONS,
  IDB_RECORD_FORMAT,
  type IdbKeyRecord,
} from './idb-record.js';
export {
  createIndexedDBKeyStorage,
  type IndexedDBKeyStorage,
  type IndexedDBKeyStorageOptions,
} from './indexeddb-key-storage.js';
