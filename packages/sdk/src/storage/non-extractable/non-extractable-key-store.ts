import { cryptoKeyWhereSeedNeeded } from '../../keys/crypto-key.js';
import type { Ed25519CryptoKeyPair } from '../../keys/types.js';
import { debugLog } from '../../utils/debug-log.js';
import { assertValidKeyId } from '../../utils/key-id.js';
import { notSupported, openDatabase, request, transaction } from '../indexeddb/idb-requests.js';
import type { KeyMetadata } from '../key-storage.js';
import { assertMetadata, keyAlreadyExists, keyNotFound } from '../version-checks.js';
import { CRYPTOKEY_DB_NAME, CRYPTOKEY_SCHEMA, CRYPTOKEYS_STORE } from './cryptokey-database.js';
import {
  checkCryptoKeyRecord,
  cryptoKeyRecord,
  type CheckedCryptoKeyRecord,
} from './cryptokey-record.js';
import { assertNonExtractableKeySupport } from './non-extractable-support.js';

/** Options of {@link createNonExtractableKeyStore}. */
export interface NonExtractableKeyStoreOptions {
  /** Database name (default `datafold-cryptokeys`): one per application or user profile. */
  dbName?: string;
  /** The IndexedDB factory (default globalThis.indexedDB). */
  indexedDB?: IDBFactory;
}

/** What the store tells about a key: no private half. */
export interface NonExtractableKeyInfo {
  keyId: string;
  /** 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
  /** The same, standard padded base64. */
  publicKeyBase64: string;
  /** RFC 3339 time the key was generated. */
  created: string;
  metadata: KeyMetadata;
}

/**
 * A stored key ready to sign: `privateKey` is a non-extractable Ed25519 CryptoKey. The object is
 * an {@link Ed25519CryptoKeyPair}, so it goes as it is to `registerKeyPair`, and its
 * `privateKey` to `signRequest` / `createSignedFetch` as `cryptoKey`.
 */
export interface NonExtractableKey extends NonExtractableKeyInfo, Ed25519CryptoKeyPair {}

/** Options of {@link NonExtractableKeyStore.generate}. */
export interface GenerateNonExtractableKeyOptions {
  /** Labels stored beside the key, readable by any script of the origin: never secrets. */
  metadata?: KeyMetadata;
}

/** The browser store of keys that script cannot read (spec/indexeddb-storage-v1.md §7). */
export interface NonExtractableKeyStore {
  readonly kind: 'non-extractable';
  readonly dbName: string;
  /**
   * Generates a key inside WebCrypto and stores it; KEY_ALREADY_EXISTS when the id is taken
   * (a key that cannot be backed up is never replaced silently: delete it first).
   */
  generate(keyId: string, options?: GenerateNonExtractableKeyOptions): Promise<NonExtractableKey>;
  /** The key, ready to sign; KEY_NOT_FOUND when absent. */
  get(keyId: string): Promise<NonExtractableKey>;
  /** Every key, without private halves, sorted by id. */
  list(): Promise<NonExtractableKeyInfo[]>;
  has(keyId: string): Promise<boolean>;
  /** Deletes a key for good (there is no backup); false when absent. */
  delete(keyId: string): Promise<boolean>;
  /**
   * Always fails: KEY_NOT_FOUND when absent, else KEY_NOT_EXTRACTABLE. There are no bytes to
   * give, so `exportKey` (backups) and anything else written against KeyStorage refuse with a code.
   */
  retrieveKeyPair(keyId: string, passphrase?: string): Promise<never>;
  /** Closes the database connection; the next call reopens it. */
  close(): void;
}

/** The public part of a checked record. */
function infoOf(record: CheckedCryptoKeyRecord): NonExtractableKeyInfo {
  return {
    keyId: record.key_id,
    publicKey: record.publicKey,
    publicKeyBase64: record.public_key,
    created: record.created,
    metadata: { ...record.metadata },
  };
}

function keyOf(record: CheckedCryptoKeyRecord): NonExtractableKey {
  return { ...infoOf(record), privateKey: record.private_key };
}

/**
 * Keys that script cannot steal (spec/indexeddb-storage-v1.md §7): each private key is generated
 * inside WebCrypto as a non-extractable Ed25519 CryptoKey and kept in IndexedDB by structured
 * clone, so its bytes are never in page memory or readable from storage. Signing needs no
 * passphrase: pass `key.privateKey` to signRequest / createSignedFetch as `cryptoKey`, or the key
 * to registerKeyPair. What it does not stop: script running in the page (XSS, an extension) can
 * still sign with the key while the page is open. Such a key cannot be backed up: losing the
 * browser profile loses it, so register a second key for recovery.
 *
 * Errors: INDEXEDDB_NOT_SUPPORTED (no IndexedDB, or the browser refuses it), WEBCRYPTO_NOT_AVAILABLE,
 * UNSUPPORTED_PLATFORM (no non-extractable Ed25519 in WebCrypto; use createStorage() instead),
 * KEY_ALREADY_EXISTS, KEY_NOT_FOUND, KEY_NOT_EXTRACTABLE, STORAGE_CORRUPTED,
 * STORAGE_QUOTA_EXCEEDED, STORAGE_UNAVAILABLE.
 *
 * @example
 * const store = await createNonExtractableKeyStore({ dbName: 'my-app-cryptokeys' });
 * const key = (await store.has('app')) ? await store.get('app') : await store.generate('app');
 * const signedFetch = createSignedFetch({ clientId: 'alice-browser', cryptoKey: key.privateKey });
 */
export async function createNonExtractableKeyStore(
  options: NonExtractableKeyStoreOptions = {},
): Promise<NonExtractableKeyStore> {
  const { indexedDB: factory, subtle } = await assertNonExtractableKeySupport(
    options.indexedDB === undefined ? {} : { indexedDB: options.indexedDB },
  );
  const dbName = options.dbName ?? CRYPTOKEY_DB_NAME;
  if (typeof dbName !== 'string' || dbName.length === 0 || dbName.length > 200) {
    throw notSupported('dbName must be 1-200 characters');
  }
  // Fail now, not at the first key: private modes refuse at open.
  let db: IDBDatabase | undefined = await openDatabase(factory, dbName, CRYPTOKEY_SCHEMA);
  const database = async () => (db ??= await openDatabase(factory, dbName, CRYPTOKEY_SCHEMA));

  async function read(keyId: string): Promise<CheckedCryptoKeyRecord | undefined> {
    assertValidKeyId(keyId);
    const record = await transaction(
      await database(),
      [CRYPTOKEYS_STORE],
      'readonly',
      'read a key',
      (tx) =>
        request(tx.objectStore(CRYPTOKEYS_STORE).get(keyId) as IDBRequest<unknown>, 'read a key'),
    );
    return record === undefined ? undefined : checkCryptoKeyRecord(record, keyId);
  }

  async function get(keyId: string): Promise<NonExtractableKey> {
    const record = await read(keyId);
    if (record === undefined) throw keyNotFound(keyId);
    return keyOf(record);
  }

  return {
    kind: 'non-extractable',
    dbName,

    async generate(keyId, generateOptions = {}) {
      assertValidKeyId(keyId);
      const { metadata } = generateOptions;
      assertMetadata(metadata);
      // extractable: false applies to the private key; the public key is always exportable.
      const pair = await subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
      const publicKey = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
      const record = cryptoKeyRecord(keyId, pair.privateKey, publicKey, metadata);
      await transaction(
        await database(),
        [CRYPTOKEYS_STORE],
        'readwrite',
        'store a key',
        async (tx) => {
          const store = tx.objectStore(CRYPTOKEYS_STORE);
          if ((await request(store.count(keyId), 'store a key')) > 0) throw keyAlreadyExists(keyId);
          await request(store.add(record), 'store a key');
        },
      );
      debugLog('storage.key-generated', { store: 'non-extractable', dbName, keyId });
      return keyOf(checkCryptoKeyRecord(record, keyId));
    },

    get,

    async list() {
      const records = await transaction(
        await database(),
        [CRYPTOKEYS_STORE],
        'readonly',
        'list keys',
        (tx) => request(tx.objectStore(CRYPTOKEYS_STORE).getAll(), 'list keys'),
      );
      return (records as Array<{ key_id?: unknown }>)
        .map((r) => infoOf(checkCryptoKeyRecord(r, String(r?.key_id))))
        .sort((a, b) => (a.keyId < b.keyId ? -1 : 1));
    },

    async has(keyId) {
      assertValidKeyId(keyId);
      const count = await transaction(
        await database(),
        [CRYPTOKEYS_STORE],
        'readonly',
        'read a key',
        (tx) => request(tx.objectStore(CRYPTOKEYS_STORE).count(keyId), 'read a key'),
      );
      return count > 0;
    },

    async delete(keyId) {
      assertValidKeyId(keyId);
      const deleted = await transaction(
        await database(),
        [CRYPTOKEYS_STORE],
        'readwrite',
        'delete a key',
        async (tx) => {
          const store = tx.objectStore(CRYPTOKEYS_STORE);
          const existed = (await request(store.count(keyId), 'delete a key')) > 0;
          await request(store.delete(keyId), 'delete a key');
          return existed;
        },
      );
      if (deleted) debugLog('storage.key-deleted', { store: 'non-extractable', keyId });
      return deleted;
    },

    async retrieveKeyPair(keyId) {
      const key = await get(keyId);
      throw cryptoKeyWhereSeedNeeded(key.privateKey, `key "${keyId}"`);
    },

    close() {
      db?.close();
      db = undefined;
    },
  };
}
