import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { bytesToHex } from '../../src/encoding/hex.js';
import { keyPairFromSeed } from '../../src/keys/key-pair-from-seed.js';
import { KeyRotationManager } from '../../src/rotation/key-rotation-manager.js';
import { deriveRotationKeyPair } from '../../src/rotation/rotation-seed.js';
import type { RotationMethod } from '../../src/rotation/types.js';
import type { VersionedKeyStorage } from '../../src/storage/versioned-key-storage.js';
import { PASSPHRASE, STORES, type StoreFixture } from './support/stores.js';

// A rotation after the highest version was made non-current and deleted: the rotation targets
// the number the store assigns next (one past the highest ever assigned, spec/key-rotation-v1.md
// §4), not one past the highest file present, so the conditional write succeeds at once instead
// of conflicting until it gives up (STORAGE_LOCKED). The IndexedDB store runs the same case in
// Chromium (test/browser/version-numbering.test.ts), the CLI and Python in
// python/tests/test_rotation_after_deleted_top.py.

const original = await keyPairFromSeed(new Uint8Array(32).fill(9));
const master = new Uint8Array(32).fill(0x42);

describe.each(Object.keys(STORES))(
  'rotating after the top version is deleted (%s store)',
  (kind) => {
    let fixture: StoreFixture;
    let storage: VersionedKeyStorage;
    let manager: KeyRotationManager;

    beforeEach(async () => {
      fixture = await STORES[kind]!();
      storage = fixture.storage;
      manager = new KeyRotationManager(storage);
      await manager.createVersionedKeyPair('app', original, PASSPHRASE);
      await manager.rotateKey('app', PASSPHRASE); // 2
      await manager.rotateKey('app', PASSPHRASE); // 3
      await storage.setCurrentVersion('app', 2);
      expect(await storage.deleteKeyVersion('app', 3)).toBe(true);
    });
    afterEach(() => fixture.dispose());

    for (const method of ['regenerate', 'derive', 'rederive'] as RotationMethod[]) {
      it(`${method}: writes version 4 from version 2`, async () => {
        expect(await storage.getNextVersion('app')).toBe(4);
        const v2 = await storage.retrieveKeyVersion('app', 2, PASSPHRASE);
        const result = await manager.rotateKey('app', PASSPHRASE, {
          method,
          ...(method === 'rederive' ? { masterKey: master } : {}),
        });
        expect(result).toMatchObject({ previousVersion: 2, newVersion: 4 });
        expect(result.record).toMatchObject({ version: 4, fromVersion: 2 });
        expect((await storage.listVersions('app')).map((v) => [v.version, v.current])).toEqual([
          [1, false],
          [2, false],
          [4, true],
        ]);
        if (method !== 'regenerate') {
          // The seed is bound to the number it is stored as (§4).
          const expected = await deriveRotationKeyPair(
            method === 'derive'
              ? { method, keyId: 'app', version: 4, seed: v2.privateKey }
              : { method, keyId: 'app', version: 4, masterKey: master },
          );
          expect(bytesToHex(result.publicKey)).toBe(bytesToHex(expected.publicKey));
          expect(result.record.derivationVersion).toBe(4);
        }
        expect(await storage.retrieveKeyPair('app', PASSPHRASE)).toEqual(result.keyPair);
      });
    }
  },
);
