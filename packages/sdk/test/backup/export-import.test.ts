import { describe, expect, it } from 'vitest';

import { exportKey } from '../../src/backup/export-key.js';
import { importKey } from '../../src/backup/import-key.js';
import { createBackup } from '../../src/backup/create-backup.js';
import { isDataFoldError } from '../../src/errors/datafold-error.js';
import { keyPairFromSeed } from '../../src/keys/key-pair-from-seed.js';
import { createMemoryKeyStorage } from '../../src/storage/memory-storage.js';

const PASSPHRASE = 'correct horse battery staple';
const CHEAP_STORE = { memory: 19456, iterations: 2, parallelism: 1 };
const BACKUP_KDF = { kdfParams: { memory: 19456, iterations: 2, parallelism: 1 } };
const pair = await keyPairFromSeed(new Uint8Array(32).fill(4));
const other = await keyPairFromSeed(new Uint8Array(32).fill(5));

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isDataFoldError(error), `expected ${code}, got ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe(code);
}

describe('memory storage', () => {
  it('meets the KeyStorage contract', async () => {
    const storage = createMemoryKeyStorage({ kdfParams: CHEAP_STORE });
    await storage.storeKeyPair('k', pair, PASSPHRASE, { name: 'K', tags: ['a'] });
    expect(await storage.retrieveKeyPair('k', PASSPHRASE)).toEqual(pair);
    await expectCode(storage.retrieveKeyPair('k', 'wrong passphrase'), 'DECRYPTION_FAILED');
    await expectCode(storage.retrieveKeyPair('nope', PASSPHRASE), 'KEY_NOT_FOUND');
    await expectCode(
      storage.storeKeyPair('k', other, PASSPHRASE, {}, { overwrite: false }),
      'KEY_ALREADY_EXISTS',
    );
    await expectCode(storage.storeKeyPair('../k', other, PASSPHRASE), 'INVALID_KEY_ID');
    await expectCode(storage.storeKeyPair('k2', other, 'weak'), 'WEAK_PASSPHRASE');
    await expectCode(storage.hasKey('a/b'), 'INVALID_KEY_ID');
    const list = await storage.listKeys();
    expect(list).toEqual([
      expect.objectContaining({ keyId: 'k', version: 1, metadata: { name: 'K', tags: ['a'] } }),
    ]);
    expect(await storage.deleteKey('k')).toBe(true);
    expect(await storage.hasKey('k')).toBe(false);
    expect(await storage.deleteKey('k')).toBe(false);
  });
});

describe('exportKey / importKey', () => {
  it('moves a key between stores through a backup, with its metadata', async () => {
    const from = createMemoryKeyStorage({ kdfParams: CHEAP_STORE });
    const to = createMemoryKeyStorage({ kdfParams: CHEAP_STORE });
    await from.storeKeyPair('my-key', pair, PASSPHRASE, { name: 'Mine' });
    const exported = await exportKey(from, 'my-key', PASSPHRASE, {
      format: 'json',
      includeMetadata: true,
      ...BACKUP_KDF,
    });
    expect(typeof exported.data).toBe('string');
    expect(JSON.parse(exported.data as string)).toMatchObject({
      key_id: 'my-key',
      metadata: { name: 'Mine' },
    });
    const imported = await importKey(to, exported.data, PASSPHRASE, {
      overwriteExisting: false,
      validateIntegrity: true,
    });
    expect(imported).toMatchObject({ keyId: 'my-key', overwritten: false });
    expect(await to.retrieveKeyPair('my-key', PASSPHRASE)).toEqual(pair);
    expect((await to.listKeys())[0]?.metadata).toEqual({ name: 'Mine' });
  });

  it('refuses to replace an existing key unless told to, before any KDF work', async () => {
    const storage = createMemoryKeyStorage({ kdfParams: CHEAP_STORE });
    await storage.storeKeyPair('my-key', other, PASSPHRASE);
    const backup = await createBackup(pair, PASSPHRASE, { keyId: 'my-key', ...BACKUP_KDF });
    await expectCode(importKey(storage, backup, 'even the wrong passphrase'), 'KEY_ALREADY_EXISTS');
    expect(await storage.retrieveKeyPair('my-key', PASSPHRASE)).toEqual(other);
    const result = await importKey(storage, backup, PASSPHRASE, { overwriteExisting: true });
    expect(result.overwritten).toBe(true);
    expect(await storage.retrieveKeyPair('my-key', PASSPHRASE)).toEqual(pair);
    await importKey(storage, backup, PASSPHRASE, {
      keyId: 'renamed',
      storagePassphrase: 'another good passphrase',
    });
    expect(await storage.retrieveKeyPair('renamed', 'another good passphrase')).toEqual(pair);
  });

  it('reports the coded errors of each step', async () => {
    const storage = createMemoryKeyStorage({ kdfParams: CHEAP_STORE });
    await expectCode(exportKey(storage, 'missing', PASSPHRASE), 'KEY_NOT_FOUND');
    await expectCode(exportKey(storage, '../x', PASSPHRASE), 'INVALID_KEY_ID');
    await storage.storeKeyPair('k', pair, PASSPHRASE);
    await expectCode(
      exportKey(storage, 'k', 'weak', { storagePassphrase: PASSPHRASE }),
      'WEAK_PASSPHRASE',
    );
    const backup = await createBackup(pair, PASSPHRASE, { keyId: 'not a valid id', ...BACKUP_KDF });
    await expectCode(importKey(storage, backup, PASSPHRASE), 'INVALID_KEY_ID');
    await expectCode(
      importKey(storage, backup, 'wrong passphrase', { keyId: 'fresh' }),
      'DECRYPTION_FAILED',
    );
    expect(await storage.hasKey('fresh')).toBe(false);
    await expectCode(
      importKey(storage, '{"version": 2}', PASSPHRASE),
      'UNSUPPORTED_BACKUP_VERSION',
    );
    await expectCode(exportKey({} as never, 'k', PASSPHRASE), 'INVALID_ARGUMENT');
  });
});
