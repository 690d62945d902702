// The page of version-numbering.test.ts: the IndexedDB store never gives a deleted version's
// number to another key (spec/key-file-v1.md §2, §9), also from a pointer record written before
// it recorded the highest version. Each step answers { ok, value } or the coded error.
import { isDataFoldError } from '../../../src/errors/datafold-error.js';
import { keyPairFromSeed } from '../../../src/keys/key-pair-from-seed.js';
import { KeyRotationManager } from '../../../src/rotation/key-rotation-manager.js';
import { createIndexedDBKeyStorage } from '../../../src/storage/indexeddb/indexeddb-key-storage.js';
import { KEYS_STORE } from '../../../src/storage/indexeddb/idb-requests.js';

const PASSPHRASE = 'correct horse battery staple';
const ITERATIONS = 100_000;

type Result = { ok: true; value: unknown } | { ok: false; code: string; message: string };

async function wrap(work: () => Promise<unknown>): Promise<Result> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (isDataFoldError(error)) return { ok: false, code: error.code, message: error.message };
    return { ok: false, code: 'UNCODED', message: String(error) };
  }
}

const pair = (n: number) => keyPairFromSeed(new Uint8Array(32).fill(n));

/** Rewrites a key's pointer record as a store from before `highest` left it. */
async function dropHighest(dbName: string, keyId: string): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(dbName);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new Error(String(req.error)));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction([KEYS_STORE], 'readwrite');
      const keys = tx.objectStore(KEYS_STORE);
      const get = keys.get(keyId);
      get.onsuccess = () => {
        const old = { ...(get.result as Record<string, unknown>) };
        delete old.highest;
        keys.put(old);
      };
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(new Error(String(tx.error)));
    });
  } finally {
    db.close();
  }
}

const steps = {
  /** 1,2,3, current 2, (optionally forget `highest`), delete 3, add: the version numbers. */
  async deleteTopThenAdd(args: { db: string; oldPointer: boolean }) {
    const storage = await createIndexedDBKeyStorage({
      dbName: args.db,
      pbkdf2Iterations: ITERATIONS,
    });
    try {
      const added: number[] = [];
      for (const n of [1, 2, 3])
        added.push(await storage.storeKeyVersion('app', await pair(n), PASSPHRASE));
      await storage.setCurrentVersion('app', 2);
      if (args.oldPointer) {
        storage.close();
        await dropHighest(args.db, 'app');
      }
      const current = await storage.getCurrentVersion('app');
      await storage.deleteKeyVersion('app', 3);
      added.push(await storage.storeKeyVersion('app', await pair(4), PASSPHRASE));
      added.push(
        await storage.storeKeyVersion('app', await pair(5), PASSPHRASE, { makeCurrent: false }),
      );
      await storage.deleteKeyVersion('app', 5);
      added.push(await storage.storeKeyVersion('app', await pair(6), PASSPHRASE));
      const versions = (await storage.listVersions('app')).map((v) => v.version);
      await storage.deleteKey('app');
      const again = await storage.storeKeyVersion('app', await pair(7), PASSPHRASE);
      return { added, current, versions, again };
    } finally {
      storage.close();
    }
  },

  /** Rotate, rotate, make 2 current, delete 3, rotate by `method`: what the rotation wrote. */
  async rotateAfterDeletedTop(args: { db: string; method: 'regenerate' | 'derive' }) {
    const storage = await createIndexedDBKeyStorage({
      dbName: args.db,
      pbkdf2Iterations: ITERATIONS,
    });
    try {
      const manager = new KeyRotationManager(storage);
      await manager.createVersionedKeyPair('app', await pair(1), PASSPHRASE);
      await manager.rotateKey('app', PASSPHRASE);
      await manager.rotateKey('app', PASSPHRASE);
      await storage.setCurrentVersion('app', 2);
      await storage.deleteKeyVersion('app', 3);
      const next = await storage.getNextVersion('app');
      const result = await manager.rotateKey('app', PASSPHRASE, { method: args.method });
      const versions = (await storage.listVersions('app')).map((v) => [v.version, v.current]);
      return {
        next,
        previousVersion: result.previousVersion,
        newVersion: result.newVersion,
        derivationVersion: result.record.derivationVersion ?? null,
        versions,
      };
    } finally {
      storage.close();
    }
  },
};

const exposed = Object.fromEntries(
  Object.entries(steps).map(([name, run]) => [
    name,
    (args: never) => wrap(() => (run as (a: never) => Promise<unknown>)(args)),
  ]),
);
Object.assign(globalThis, { numbering: exposed, numberingReady: true });
