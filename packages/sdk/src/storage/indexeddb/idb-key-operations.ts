import { assertExpectedVersion, keyAlreadyExists } from '../version-checks.js';
import type { IdbKeyRecord } from './idb-record.js';
import {
  idbError,
  KEYS_STORE,
  request,
  transaction,
  versionRange,
  VERSIONS_STORE,
} from './idb-requests.js';

// The transactions of the IndexedDB store (spec/indexeddb-storage-v1.md §2, §4), each one unit
// that commits or leaves nothing; the store composes them.

/** The pointer record of one key. */
export interface KeyPointer {
  key_id: string;
  current: number;
  /**
   * The highest version ever assigned (absent in records written before it existed): deleted
   * versions keep their numbers, as in spec/key-file-v1.md §2 and §8.
   */
  highest?: number;
  last_accessed: string | null;
}

/**
 * The highest version ever assigned to a key: its records, the pointer's current version and its
 * `highest`; the next version is one more.
 *
 * @example
 * const next = highestAssigned(pointer, versions.map((v) => v.key_version)) + 1;
 */
export function highestAssigned(pointer: KeyPointer | undefined, versions: readonly number[]) {
  return Math.max(0, ...versions, pointer?.current ?? 0, pointer?.highest ?? 0);
}

/** How a write treats what is there: refuse, replace older versions, swing the pointer. */
export interface WriteMode {
  overwrite: boolean;
  replace: boolean;
  makeCurrent: boolean;
  /** Abort unless the pointer still names this version (a conditional rotation). */
  expectedCurrentVersion?: number | undefined;
}

/**
 * A key's pointer and every version record, read in one snapshot.
 *
 * @example
 * const { pointer, versions } = await readKey(db, 'app');
 */
export function readKey(
  db: IDBDatabase,
  keyId: string,
): Promise<{ pointer: KeyPointer | undefined; versions: IdbKeyRecord[] }> {
  return transaction(db, [KEYS_STORE, VERSIONS_STORE], 'readonly', 'read a key', async (tx) => {
    const [pointer, versions] = await Promise.all([
      request(
        tx.objectStore(KEYS_STORE).get(keyId) as IDBRequest<KeyPointer | undefined>,
        'read a key',
      ),
      request(
        tx.objectStore(VERSIONS_STORE).getAll(versionRange(keyId)) as IDBRequest<IdbKeyRecord[]>,
        'read a key',
      ),
    ]);
    return { pointer, versions };
  });
}

/**
 * Adds one sealed version and, per `mode`, swings the pointer and drops older versions, all in
 * one transaction (§4). `add` fails with ConstraintError when another tab took the number.
 *
 * @example
 * await writeVersion(db, record, olderVersions, { overwrite: true, replace: false, makeCurrent: true });
 */
export function writeVersion(
  db: IDBDatabase,
  record: IdbKeyRecord,
  older: readonly number[],
  mode: WriteMode,
): Promise<void> {
  const keyId = record.key_id;
  return transaction(db, [KEYS_STORE, VERSIONS_STORE], 'readwrite', 'store a key', async (tx) => {
    const keys = tx.objectStore(KEYS_STORE);
    const store = tx.objectStore(VERSIONS_STORE);
    const now = await request(keys.get(keyId) as IDBRequest<KeyPointer | undefined>, 'store a key');
    if (now !== undefined && !mode.overwrite) throw keyAlreadyExists(keyId);
    // Checked in the transaction: another tab may have swung the pointer since the caller read it.
    const { expectedCurrentVersion } = mode;
    assertExpectedVersion(keyId, { expectedCurrentVersion }, record.key_version, now?.current);
    if ((now?.highest ?? 0) >= record.key_version) {
      // Another tab assigned this number (and maybe deleted it) since we read: renumber.
      throw idbError({ name: 'ConstraintError' }, 'store a key');
    }
    await request(store.add(record), 'store a key');
    if (mode.replace) {
      for (const version of older) await request(store.delete([keyId, version]), 'store a key');
    }
    // Written even when the version does not become current, to record its number.
    const pointer: KeyPointer = {
      key_id: keyId,
      current: mode.makeCurrent || now === undefined ? record.key_version : now.current,
      highest: Math.max(highestAssigned(now, older), record.key_version),
      last_accessed: now?.last_accessed ?? null,
    };
    await request(keys.put(pointer), 'store a key');
  });
}

/** True when a write failed only because another writer took the version number. */
export function isVersionTaken(error: unknown): boolean {
  const cause = (error as { cause?: { name?: unknown } } | null)?.cause;
  return cause?.name === 'ConstraintError';
}

/**
 * Records a successful decryption's time; best effort (a full disk must not fail a read).
 *
 * @example
 * await touchAccessTime(db, 'app');
 */
export async function touchAccessTime(db: IDBDatabase, keyId: string): Promise<void> {
  await transaction(db, [KEYS_STORE], 'readwrite', 'record the access time', async (tx) => {
    const keys = tx.objectStore(KEYS_STORE);
    const now = await request(keys.get(keyId) as IDBRequest<KeyPointer | undefined>, 'read a key');
    if (now !== undefined) {
      await request(
        keys.put({ ...now, last_accessed: new Date().toISOString() }),
        'record the access time',
      );
    }
  }).catch(() => undefined);
}
