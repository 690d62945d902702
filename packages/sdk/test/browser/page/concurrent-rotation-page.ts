// The page of concurrent-rotation.test.ts: rotations of one IndexedDB key run at once, from one
// page or from several tabs of the origin, and a check of what they left
// (spec/key-rotation-v1.md §2, §4). Each step answers { ok, value } or the coded error.
import { bytesToHex, hexToBytes } from '../../../src/encoding/hex.js';
import { isDataFoldError } from '../../../src/errors/datafold-error.js';
import { keyPairFromSeed } from '../../../src/keys/key-pair-from-seed.js';
import { KeyRotationManager } from '../../../src/rotation/key-rotation-manager.js';
import { deriveRotationKeyPair } from '../../../src/rotation/rotation-seed.js';
import type { RotationMethod } from '../../../src/rotation/types.js';
import { createIndexedDBKeyStorage } from '../../../src/storage/indexeddb/indexeddb-key-storage.js';
import { isVersionConflict } from '../../../src/storage/version-checks.js';

const PASSPHRASE = 'correct horse battery staple';
// The floor: rotations are slow enough to overlap, and the suite stays quick.
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

const open = (db: string) =>
  createIndexedDBKeyStorage({ dbName: db, pbkdf2Iterations: ITERATIONS });

interface RotateArgs {
  db: string;
  keyId: string;
  method: RotationMethod;
  count: number;
  /** One store (one connection, one queue) for all, or one per rotation, as separate tabs have. */
  separateStores: boolean;
  masterHex?: string;
}

const steps = {
  /** A fresh database holding version 1 of `keyId`, made from a fixed seed. */
  async setup({ db, keyId, seedByte }: { db: string; keyId: string; seedByte: number }) {
    const storage = await open(db);
    await storage.clearAllKeys();
    const original = await keyPairFromSeed(new Uint8Array(32).fill(seedByte));
    await new KeyRotationManager(storage).createVersionedKeyPair(keyId, original, PASSPHRASE);
    storage.close();
    return bytesToHex(original.publicKey);
  },

  /** `count` rotations at once (Promise.all); answers [previousVersion, newVersion] pairs. */
  async rotate({ db, keyId, method, count, separateStores, masterHex }: RotateArgs) {
    const shared = separateStores ? undefined : await open(db);
    const stores = await Promise.all(
      Array.from({ length: count }, async () => shared ?? (await open(db))),
    );
    try {
      const results = await Promise.all(
        stores.map((storage) =>
          new KeyRotationManager(storage).rotateKey(keyId, PASSPHRASE, {
            method,
            ...(masterHex === undefined ? {} : { masterKey: hexToBytes(masterHex) }),
          }),
        ),
      );
      return results.map((r) => [r.previousVersion, r.newVersion]);
    } finally {
      for (const storage of new Set(stores)) storage.close();
    }
  },

  /** What the store holds: versions, the current one, whether each derived version is the
   * derivation of its own number, distinct public keys, and the current version's history. */
  async inspect({
    db,
    keyId,
    method,
    masterHex,
  }: {
    db: string;
    keyId: string;
    method: RotationMethod;
    masterHex?: string;
  }) {
    const storage = await open(db);
    try {
      const manager = new KeyRotationManager(storage);
      const versions = await manager.listKeyVersions(keyId);
      const mismatched: number[] = [];
      const publicKeys = new Set<string>();
      let before = await storage.retrieveKeyVersion(keyId, 1, PASSPHRASE);
      publicKeys.add(bytesToHex(before.publicKey));
      for (const { version } of versions.slice(1)) {
        const stored = await storage.retrieveKeyVersion(keyId, version, PASSPHRASE);
        publicKeys.add(bytesToHex(stored.publicKey));
        if (method !== 'regenerate') {
          const again = await deriveRotationKeyPair(
            method === 'derive'
              ? { method, keyId, version, seed: before.privateKey }
              : { method, keyId, version, masterKey: hexToBytes(masterHex ?? '') },
          );
          if (bytesToHex(again.publicKey) !== bytesToHex(stored.publicKey))
            mismatched.push(version);
        }
        before = stored;
      }
      const history = await manager.getRotationHistory(keyId);
      return {
        versions: versions.map((v) => v.version),
        current: versions.filter((v) => v.current).map((v) => v.version),
        mismatched,
        distinctPublicKeys: publicKeys.size,
        history: history.map((h) => [h.version, h.fromVersion, h.method, h.derivationVersion]),
      };
    } finally {
      storage.close();
    }
  },

  /** The conditional write itself, across two connections: a stale expectation writes nothing. */
  async conditional({ db, keyId }: { db: string; keyId: string }) {
    const [first, second] = [await open(db), await open(db)];
    try {
      const next = await keyPairFromSeed(new Uint8Array(32).fill(3));
      const written = await first.storeKeyVersion(keyId, next, PASSPHRASE, {
        expectedVersion: 2,
        expectedCurrentVersion: 1,
      });
      // The second connection still expects what it would have read before that write.
      const outcomes = [];
      for (const expect of [{ expectedVersion: 2 }, { expectedCurrentVersion: 1 }]) {
        try {
          await second.storeKeyVersion(keyId, next, PASSPHRASE, expect);
          outcomes.push('written');
        } catch (error) {
          outcomes.push(
            isVersionConflict(error) ? 'conflict' : isDataFoldError(error) ? error.code : 'other',
          );
        }
      }
      const versions = (await second.listVersions(keyId)).map((v) => v.version);
      return { written, outcomes, versions };
    } finally {
      first.close();
      second.close();
    }
  },
};

const exposed = Object.fromEntries(
  Object.entries(steps).map(([name, run]) => [
    name,
    (args: never) => wrap(() => (run as (a: never) => Promise<unknown>)(args)),
  ]),
);
Object.assign(globalThis, { rotation: exposed, rotationReady: true });
