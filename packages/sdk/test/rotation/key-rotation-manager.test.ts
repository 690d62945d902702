import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { bytesToHex } from '../../src/encoding/hex.js';
import { keyPairFromSeed } from '../../src/keys/key-pair-from-seed.js';
import { KeyRotationManager } from '../../src/rotation/key-rotation-manager.js';
import { sign } from '../../src/signatures/sign.js';
import { verify } from '../../src/signatures/verify.js';
import type { VersionedKeyStorage } from '../../src/storage/versioned-key-storage.js';
import { expectCode, PASSPHRASE, STORES, type StoreFixture } from './support/stores.js';

const original = await keyPairFromSeed(new Uint8Array(32).fill(7));

describe.each(Object.keys(STORES))('KeyRotationManager over the %s store', (kind) => {
  let fixture: StoreFixture;
  let storage: VersionedKeyStorage;
  let clock: Date;
  let manager: KeyRotationManager;

  beforeEach(async () => {
    fixture = await STORES[kind]!();
    storage = fixture.storage;
    clock = new Date();
    manager = new KeyRotationManager(storage, { now: () => clock });
  });
  afterEach(() => fixture.dispose());

  it('creates version 1 with its policy and a creation record', async () => {
    const v1 = await manager.createVersionedKeyPair(
      'app',
      original,
      PASSPHRASE,
      { name: 'App key', tags: ['prod'] },
      { policy: { rotationIntervalDays: 90, maxVersions: 3, autoCleanup: true } },
    );
    expect(v1).toMatchObject({ keyId: 'app', version: 1, current: true });
    expect(v1.metadata).toMatchObject({ name: 'App key', tags: ['prod'] });
    expect(v1.rotation).toMatchObject({ version: 1, fromVersion: null, method: 'initial' });
    expect(bytesToHex(v1.publicKey)).toBe(bytesToHex(original.publicKey));
    // The same pair again adopts (idempotent); another pair under the id is refused.
    const again = await manager.createVersionedKeyPair('app', original, PASSPHRASE);
    expect(again).toMatchObject({ version: 1, rotation: v1.rotation });
    const other = await keyPairFromSeed(new Uint8Array(32).fill(8));
    const refused = await expectCode(
      manager.createVersionedKeyPair('app', other, PASSPHRASE),
      'KEY_ALREADY_EXISTS',
    );
    expect(refused.message).toContain('{ overwrite: true }');
  });

  it('adopts a key stored with the same pair, as version 1 with its labels kept', async () => {
    // The document's Quick Start: storeKeyPair, then createVersionedKeyPair with the same pair.
    await storage.storeKeyPair('my-key', original, PASSPHRASE, {
      name: 'My Application Key',
      description: 'Primary key for application operations',
    });
    const stored = (await storage.listVersions('my-key'))[0]!;
    const adopted = await manager.createVersionedKeyPair(
      'my-key',
      original,
      PASSPHRASE,
      {},
      { policy: { rotationIntervalDays: 30 } },
    );
    expect(adopted).toMatchObject({ keyId: 'my-key', version: 1, current: true });
    expect(adopted.metadata).toMatchObject({
      name: 'My Application Key',
      description: 'Primary key for application operations',
    });
    expect(adopted.rotation).toEqual({
      version: 1,
      fromVersion: null,
      at: stored.created,
      reason: 'adopted',
      method: 'initial',
    });
    expect((await manager.checkRotationDue('my-key')).policy).toEqual({ rotationIntervalDays: 30 });
    expect((await storage.listVersions('my-key')).map((v) => v.version)).toEqual([1]);
    expect(await storage.retrieveKeyPair('my-key', PASSPHRASE)).toEqual(original);
    const rotated = await manager.rotateKey('my-key', PASSPHRASE);
    expect(rotated).toMatchObject({ previousVersion: 1, newVersion: 2, oldVersionPreserved: true });
    expect((await manager.getRotationHistory('my-key')).map((r) => r.reason)).toEqual([
      'adopted',
      'manual',
    ]);
  });

  it('adopts only with a passphrase that opens the stored key; overwrite replaces another key', async () => {
    await storage.storeKeyPair('my-key', original, PASSPHRASE);
    await expectCode(
      manager.createVersionedKeyPair('my-key', original, 'another good passphrase'),
      'DECRYPTION_FAILED',
    );
    const other = await keyPairFromSeed(new Uint8Array(32).fill(8));
    const replaced = await manager.createVersionedKeyPair(
      'my-key',
      other,
      PASSPHRASE,
      {},
      {
        overwrite: true,
      },
    );
    expect(replaced).toMatchObject({ version: 2, rotation: { reason: 'created' } });
    expect((await storage.listVersions('my-key')).map((v) => v.version)).toEqual([2]);
  });

  it('rotates: new current version, old one kept and still verifying its signatures', async () => {
    await manager.createVersionedKeyPair('app', original, PASSPHRASE, { name: 'App key' });
    const oldSignature = await sign('signed by v1', original.privateKey);

    const result = await manager.rotateKey('app', PASSPHRASE, { reason: 'scheduled_rotation' });
    expect(result).toMatchObject({
      keyId: 'app',
      previousVersion: 1,
      newVersion: 2,
      method: 'regenerate',
      reason: 'scheduled_rotation',
      removedVersions: [],
    });
    expect(bytesToHex(result.publicKey)).not.toBe(bytesToHex(original.publicKey));
    expect(bytesToHex(result.previousPublicKey)).toBe(bytesToHex(original.publicKey));

    const current = await storage.retrieveKeyPair('app', PASSPHRASE);
    expect(bytesToHex(current.publicKey)).toBe(bytesToHex(result.publicKey));

    const versions = await manager.listKeyVersions('app');
    expect(versions.map((v) => [v.version, v.current])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(versions[1]!.metadata).toMatchObject({ name: 'App key' });
    expect(versions[1]!.rotation).toMatchObject({ fromVersion: 1, reason: 'scheduled_rotation' });

    const v1 = await manager.getKeyVersion('app', 1, PASSPHRASE);
    expect(await verify(oldSignature, 'signed by v1', v1!.publicKey)).toBe(true);
    expect(await verify(oldSignature, 'signed by v1', result.publicKey)).toBe(false);
    expect(await manager.findSigningVersion('app', 'signed by v1', oldSignature)).toBe(1);
    const newSignature = await sign('signed by v2', result.keyPair.privateKey);
    expect(await manager.findSigningVersion('app', 'signed by v2', newSignature)).toBe(2);
    expect(await manager.findSigningVersion('app', 'other text', newSignature)).toBeNull();
    expect(await manager.getKeyVersion('app', 9, PASSPHRASE)).toBeNull();
  });

  it('records every rotation with time, reason and method, carried into the current version', async () => {
    await manager.createVersionedKeyPair('app', original, PASSPHRASE);
    clock = new Date('2030-01-01T00:00:00.000Z');
    await manager.rotateKey('app', PASSPHRASE, { reason: 'scheduled_rotation' });
    clock = new Date('2030-02-01T00:00:00.000Z');
    await manager.rotateKey('app', PASSPHRASE, { reason: 'laptop lost', method: 'derive' });
    // Removing the old versions must not lose their records.
    await manager.cleanupOldVersions('app', PASSPHRASE, 1);
    const history = await manager.getRotationHistory('app');
    expect(history.map((r) => [r.version, r.fromVersion, r.reason, r.method, r.at])).toEqual([
      [1, null, 'created', 'initial', history[0]!.at],
      [2, 1, 'scheduled_rotation', 'regenerate', '2030-01-01T00:00:00.000Z'],
      [3, 2, 'laptop lost', 'derive', '2030-02-01T00:00:00.000Z'],
    ]);
  });

  it('keepOldVersion: false leaves only the new version', async () => {
    await manager.createVersionedKeyPair('app', original, PASSPHRASE);
    await manager.rotateKey('app', PASSPHRASE);
    const result = await manager.rotateKey('app', PASSPHRASE, { keepOldVersion: false });
    expect(result.removedVersions).toEqual([1, 2]);
    expect(result.oldVersionPreserved).toBe(false);
    expect((await manager.listKeyVersions('app')).map((v) => v.version)).toEqual([3]);
  });

  it('applies the policy: automatic clean-up to maxVersions after each rotation', async () => {
    await manager.createVersionedKeyPair(
      'app',
      original,
      PASSPHRASE,
      {},
      {
        policy: { maxVersions: 2, autoCleanup: true },
      },
    );
    await manager.rotateKey('app', PASSPHRASE);
    const third = await manager.rotateKey('app', PASSPHRASE);
    expect(third.removedVersions).toEqual([1]);
    expect((await manager.listKeyVersions('app')).map((v) => v.version)).toEqual([2, 3]);
  });

  it('cleanupOldVersions keeps the newest, never the current, and needs the passphrase', async () => {
    await manager.createVersionedKeyPair('app', original, PASSPHRASE);
    for (let i = 0; i < 3; i++) await manager.rotateKey('app', PASSPHRASE);
    await storage.setCurrentVersion('app', 2);
    await expectCode(
      manager.cleanupOldVersions('app', 'not the passphrase', 1),
      'DECRYPTION_FAILED',
    );
    expect(await manager.cleanupOldVersions('app', PASSPHRASE, 2)).toBe(2);
    expect((await manager.listKeyVersions('app')).map((v) => [v.version, v.current])).toEqual([
      [2, true],
      [4, false],
    ]);
    await expectCode(manager.cleanupOldVersions('app', PASSPHRASE, 0), 'INVALID_ARGUMENT');
  });

  it('checkRotationDue follows the stored policy, an explicit one, or the default', async () => {
    clock = new Date();
    await manager.createVersionedKeyPair(
      'app',
      original,
      PASSPHRASE,
      {},
      {
        policy: { rotationIntervalDays: 30 },
      },
    );
    const created = clock.getTime();
    clock = new Date(created + 29 * 86_400_000);
    expect(await manager.checkRotationDue('app')).toMatchObject({ due: false, currentVersion: 1 });
    clock = new Date(created + 30 * 86_400_000);
    const due = await manager.checkRotationDue('app');
    expect(due.due).toBe(true);
    expect(due.dueAt).toBe(new Date(created + 30 * 86_400_000).toISOString());
    expect((await manager.checkRotationDue('app', { rotationIntervalDays: 60 })).due).toBe(false);
    await manager.rotateKey('app', PASSPHRASE);
    expect((await manager.checkRotationDue('app')).due).toBe(false);

    await storage.storeKeyPair('plain', original, PASSPHRASE);
    expect(await manager.checkRotationDue('plain')).toMatchObject({ due: false, dueAt: null });
    const withDefault = new KeyRotationManager(storage, {
      now: () => new Date(created + 400 * 86_400_000),
      defaultPolicy: { rotationIntervalDays: 365 },
    });
    expect((await withDefault.checkRotationDue('plain')).due).toBe(true);
  });

  it('derive and rederive are deterministic (spec/key-rotation-v1.md §4)', async () => {
    const master = new Uint8Array(32).fill(9);
    await manager.createVersionedKeyPair('app', original, PASSPHRASE);
    const a = await manager.rotateKey('app', PASSPHRASE, { method: 'derive' });
    const b = await manager.rotateKey('app', PASSPHRASE, { method: 'rederive', masterKey: master });
    expect(a.record.derivationVersion).toBe(2);
    expect(b.record.derivationVersion).toBe(3);

    const other = (await STORES.memory!()).storage;
    const again = new KeyRotationManager(other);
    await again.createVersionedKeyPair('app', original, PASSPHRASE);
    const a2 = await again.rotateKey('app', PASSPHRASE, { method: 'derive' });
    const b2 = await again.rotateKey('app', PASSPHRASE, { method: 'rederive', masterKey: master });
    expect(bytesToHex(a2.publicKey)).toBe(bytesToHex(a.publicKey));
    expect(bytesToHex(b2.publicKey)).toBe(bytesToHex(b.publicKey));
  });

  it('returns fresh derived keys when asked', async () => {
    await manager.createVersionedKeyPair('app', original, PASSPHRASE);
    const r = await manager.rotateKey('app', PASSPHRASE, { rotateDerivedKeys: true });
    expect(Object.keys(r.derivedKeys!).sort()).toEqual([
      'AUTHENTICATION',
      'DATA_ENCRYPTION',
      'SIGNING',
    ]);
    expect(r.record.derivedContexts).toEqual(['DATA_ENCRYPTION', 'SIGNING', 'AUTHENTICATION']);
    expect(r.rotatedDerivedKeys).toEqual(['DATA_ENCRYPTION', 'SIGNING', 'AUTHENTICATION']);
    const s = await manager.rotateKey('app', PASSPHRASE, {
      rotateDerivedKeys: ['DATA_ENCRYPTION'],
    });
    expect(Object.keys(s.derivedKeys!)).toEqual(['DATA_ENCRYPTION']);
  });

  it('refuses bad input with coded errors and writes nothing on a wrong passphrase', async () => {
    await manager.createVersionedKeyPair('app', original, PASSPHRASE);
    await expectCode(manager.rotateKey('app', 'wrong passphrase!'), 'DECRYPTION_FAILED');
    expect((await manager.listKeyVersions('app')).length).toBe(1);
    await expectCode(manager.rotateKey('missing', PASSPHRASE), 'KEY_NOT_FOUND');
    await expectCode(manager.rotateKey('../x', PASSPHRASE), 'INVALID_KEY_ID');
    await expectCode(manager.rotateKey('app', PASSPHRASE, { reason: 'a\nb' }), 'INVALID_ARGUMENT');
    await expectCode(
      manager.rotateKey('app', PASSPHRASE, { reason: 'x'.repeat(257) }),
      'INVALID_ARGUMENT',
    );
    await expectCode(
      manager.rotateKey('app', PASSPHRASE, { method: 'sideways' as 'derive' }),
      'INVALID_ARGUMENT',
    );
    await expectCode(
      manager.rotateKey('app', PASSPHRASE, { method: 'rederive' }),
      'INVALID_ARGUMENT',
    );
    await expectCode(
      manager.rotateKey('app', PASSPHRASE, { method: 'rederive', masterKey: new Uint8Array(16) }),
      'INVALID_ARGUMENT',
    );
    await expectCode(
      manager.rotateKey('app', PASSPHRASE, { masterKey: new Uint8Array(32) }),
      'INVALID_ARGUMENT',
    );
    await expectCode(
      manager.checkRotationDue('app', { rotationIntervalDays: -1 }),
      'INVALID_ARGUMENT',
    );
    expect((await manager.listKeyVersions('app')).length).toBe(1);
    expect(() => new KeyRotationManager({} as VersionedKeyStorage)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('two concurrent rotations both keep their versions', async () => {
    await manager.createVersionedKeyPair('app', original, PASSPHRASE);
    const [a, b] = await Promise.all([
      manager.rotateKey('app', PASSPHRASE),
      manager.rotateKey('app', PASSPHRASE),
    ]);
    expect([a.newVersion, b.newVersion].sort()).toEqual([2, 3]);
    expect((await manager.listKeyVersions('app')).map((v) => v.version)).toEqual([1, 2, 3]);
  });
});
