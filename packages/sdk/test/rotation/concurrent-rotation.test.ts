// Concurrent rotations of one key (spec/key-rotation-v1.md §2, §4): every rotation keeps its
// version, versions stay consecutive, and a derived version is the derivation of the version it
// is stored as, so deriving it again reproduces it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { bytesToHex } from '../../src/encoding/hex.js';
import { keyPairFromSeed } from '../../src/keys/key-pair-from-seed.js';
import { KeyRotationManager } from '../../src/rotation/key-rotation-manager.js';
import { deriveRotationKeyPair } from '../../src/rotation/rotation-seed.js';
import { isVersionConflict } from '../../src/storage/version-checks.js';
import type { VersionedKeyStorage } from '../../src/storage/versioned-key-storage.js';
import { expectCode, PASSPHRASE, STORES, type StoreFixture } from './support/stores.js';

const original = await keyPairFromSeed(new Uint8Array(32).fill(9));
const masterKey = new Uint8Array(32).fill(0x5a);

describe.each(Object.keys(STORES))('concurrent rotations over the %s store', (kind) => {
  let fixture: StoreFixture;
  let storage: VersionedKeyStorage;
  let manager: KeyRotationManager;

  beforeEach(async () => {
    fixture = await STORES[kind]!();
    storage = fixture.storage;
    manager = new KeyRotationManager(storage);
    await manager.createVersionedKeyPair('app', original, PASSPHRASE);
  });
  afterEach(() => fixture.dispose());

  it('derive: consecutive versions, each the derivation of its own number from its predecessor', async () => {
    const results = await Promise.all(
      [0, 1, 2].map(() => manager.rotateKey('app', PASSPHRASE, { method: 'derive' })),
    );
    expect(results.map((r) => r.newVersion).sort()).toEqual([2, 3, 4]);
    const versions = await manager.listKeyVersions('app');
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);
    expect(versions.find((v) => v.current)?.version).toBe(4);
    for (const r of results) {
      expect(r.record).toMatchObject({
        version: r.newVersion,
        fromVersion: r.newVersion - 1,
        derivationVersion: r.newVersion,
      });
      expect(r.previousVersion).toBe(r.newVersion - 1);
    }
    const publicKeys = new Set<string>();
    for (let version = 2; version <= 4; version++) {
      const before = await storage.retrieveKeyVersion('app', version - 1, PASSPHRASE);
      const stored = await storage.retrieveKeyVersion('app', version, PASSPHRASE);
      const again = await deriveRotationKeyPair({
        method: 'derive',
        keyId: 'app',
        version,
        seed: before.privateKey,
      });
      expect(bytesToHex(stored.privateKey)).toBe(bytesToHex(again.privateKey));
      publicKeys.add(bytesToHex(stored.publicKey));
    }
    // Two rotations from one seed to one number would have stored the same key twice.
    expect(publicKeys.size).toBe(3);
    // The current version's history holds every rotation, none lost to a concurrent one.
    const history = await manager.getRotationHistory('app');
    expect(history.map((h) => [h.version, h.fromVersion])).toEqual([
      [1, null],
      [2, 1],
      [3, 2],
      [4, 3],
    ]);
  });

  it('rederive: each version is the master derivation of the number it is stored as', async () => {
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        manager.rotateKey('app', PASSPHRASE, { method: 'rederive', masterKey: masterKey.slice() }),
      ),
    );
    expect(results.map((r) => r.newVersion).sort()).toEqual([2, 3, 4]);
    for (let version = 2; version <= 4; version++) {
      const stored = await storage.retrieveKeyVersion('app', version, PASSPHRASE);
      const again = await deriveRotationKeyPair({
        method: 'rederive',
        keyId: 'app',
        version,
        masterKey,
      });
      expect(bytesToHex(stored.publicKey)).toBe(bytesToHex(again.publicKey));
    }
    expect((await manager.getRotationHistory('app')).length).toBe(4);
  });

  it('regenerate: concurrent rotations keep every version and every history record', async () => {
    const results = await Promise.all([0, 1, 2].map(() => manager.rotateKey('app', PASSPHRASE)));
    expect(results.map((r) => r.newVersion).sort()).toEqual([2, 3, 4]);
    const history = await manager.getRotationHistory('app');
    expect(history.map((h) => h.version)).toEqual([1, 2, 3, 4]);
  });

  it('a conditional write refuses a moved version or pointer and writes nothing', async () => {
    const next = await keyPairFromSeed(new Uint8Array(32).fill(3));
    const stale = await expectCode(
      storage.storeKeyVersion('app', next, PASSPHRASE, { expectedVersion: 3 }),
      'STORAGE_LOCKED',
    );
    expect(isVersionConflict(stale)).toBe(true);
    expect(stale.message).toContain('version 2');
    const moved = await expectCode(
      storage.storeKeyVersion('app', next, PASSPHRASE, { expectedCurrentVersion: 2 }),
      'STORAGE_LOCKED',
    );
    expect(isVersionConflict(moved)).toBe(true);
    await expectCode(
      storage.storeKeyVersion('app', next, PASSPHRASE, { expectedVersion: 0 }),
      'INVALID_ARGUMENT',
    );
    expect((await storage.listVersions('app')).map((v) => v.version)).toEqual([1]);
    expect(
      await storage.storeKeyVersion('app', next, PASSPHRASE, {
        expectedVersion: 2,
        expectedCurrentVersion: 1,
      }),
    ).toBe(2);
    expect(isVersionConflict(new Error('STORAGE_LOCKED'))).toBe(false);
  });
});
