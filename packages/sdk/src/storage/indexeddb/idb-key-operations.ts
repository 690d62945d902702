import {
  planAddVersion,
  planDeleteVersion,
  planSetCurrent,
  type AddVersionRequest,
  type KeyVersionState,
} from '../versioned-store-core.js';
import { keyNotFound } from '../version-checks.js';
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
// that commits or leaves nothing. What each writes is planned by the versioned-store core from
// the state read inside the same transaction, so the rules are the memory and key-file stores'.

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

/** A key's pointer and the versions present, as the versioned-store core reads them. */
export function stateOf(
  pointer: KeyPointer | undefined,
  versions: readonly number[],
): KeyVersionState {
  return { versions, pointer: pointer?.current, highest: pointer?.highest };
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

/** The pointer and the version numbers, read inside a running transaction. */
async function readState(
  tx: IDBTransaction,
  keyId: string,
  action: string,
): Promise<{ pointer: KeyPointer | undefined; state: KeyVersionState }> {
  const [pointer, keys] = await Promise.all([
    request(tx.objectStore(KEYS_STORE).get(keyId) as IDBRequest<KeyPointer | undefined>, action),
    request(tx.objectStore(VERSIONS_STORE).getAllKeys(versionRange(keyId)), action),
  ]);
  const versions = keys.map((k) => (k as [string, number])[1]);
  return { pointer, state: stateOf(pointer, versions) };
}

/**
 * Adds one sealed version and, per the core's plan, swings the pointer and drops older versions,
 * all in one transaction (§4). The record was sealed for the number the caller planned from an
 * earlier snapshot; if another tab has taken that number since, this fails with ConstraintError
 * ({@link isVersionTaken}) and the caller renumbers. A conditional write's expectations are
 * checked here, against the state the transaction sees.
 *
 * @example
 * await writeVersion(db, record, { overwrite: true, replace: false, makeCurrent: true });
 */
export function writeVersion(
  db: IDBDatabase,
  record: IdbKeyRecord,
  write: AddVersionRequest,
): Promise<void> {
  const keyId = record.key_id;
  return transaction(db, [KEYS_STORE, VERSIONS_STORE], 'readwrite', 'store a key', async (tx) => {
    const { pointer, state } = await readState(tx, keyId, 'store a key');
    const plan = planAddVersion(keyId, state, write);
    if (plan.version !== record.key_version) {
      throw idbError({ name: 'ConstraintError' }, 'store a key');
    }
    const store = tx.objectStore(VERSIONS_STORE);
    await request(store.add(record), 'store a key');
    for (const version of plan.remove) {
      if (version !== plan.version) await request(store.delete([keyId, version]), 'store a key');
    }
    // Written even when the version does not become current, to record its number.
    const next: KeyPointer = {
      key_id: keyId,
      current: plan.current,
      highest: plan.highest,
      last_accessed: pointer?.last_accessed ?? null,
    };
    await request(tx.objectStore(KEYS_STORE).put(next), 'store a key');
  });
}

/**
 * Swings a key's pointer to an existing version in one transaction.
 *
 * @example
 * await setCurrent(db, 'app', 2);
 */
export function setCurrent(db: IDBDatabase, keyId: string, version: number): Promise<void> {
  const action = 'set the current version';
  return transaction(db, [KEYS_STORE, VERSIONS_STORE], 'readwrite', action, async (tx) => {
    const { pointer, state } = await readState(tx, keyId, action);
    if (pointer === undefined) throw keyNotFound(keyId);
    const plan = planSetCurrent(keyId, state, version);
    await request(
      tx.objectStore(KEYS_STORE).put({ ...pointer, current: plan.current, highest: plan.highest }),
      action,
    );
  });
}

/**
 * Deletes one non-current version in one transaction, recording its number in the pointer first;
 * false when it is not there.
 *
 * @example
 * await deleteVersion(db, 'app', 1);
 */
export function deleteVersion(db: IDBDatabase, keyId: string, version: number): Promise<boolean> {
  const action = 'delete a key version';
  return transaction(db, [KEYS_STORE, VERSIONS_STORE], 'readwrite', action, async (tx) => {
    const { pointer, state } = await readState(tx, keyId, action);
    const plan = planDeleteVersion(keyId, state, version);
    if (plan === undefined) return false;
    if (pointer !== undefined && plan.rewritePointer) {
      await request(tx.objectStore(KEYS_STORE).put({ ...pointer, highest: plan.highest }), action);
    }
    await request(tx.objectStore(VERSIONS_STORE).delete([keyId, version]), action);
    return true;
  });
}

/**
 * Replaces one version's labels in one transaction; nothing else of the record changes
 * (spec/indexeddb-storage-v1.md §3: metadata is not bound to the ciphertext).
 *
 * @example
 * await relabelVersion(db, 'app', 1, { name: 'App key' });
 */
export function relabelVersion(
  db: IDBDatabase,
  keyId: string,
  version: number,
  metadata: Record<string, unknown>,
): Promise<void> {
  const action = 'relabel a key version';
  return transaction(db, [VERSIONS_STORE], 'readwrite', action, async (tx) => {
    const store = tx.objectStore(VERSIONS_STORE);
    const record = await request(
      store.get([keyId, version]) as IDBRequest<IdbKeyRecord | undefined>,
      action,
    );
    if (record === undefined) throw keyNotFound(keyId, version);
    const { metadata: _old, ...rest } = record;
    void _old;
    await request(
      store.put(Object.keys(metadata).length === 0 ? rest : { ...rest, metadata }),
      action,
    );
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
