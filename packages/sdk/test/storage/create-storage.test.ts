import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { exportKey, importKey } from '../../src/backup/index.js';
import { isDataFoldError } from '../../src/errors/datafold-error.js';
import { keyPairFromSeed } from '../../src/keys/key-pair-from-seed.js';
import { createStorage, isStorageSupported } from '../../src/storage/create-storage.js';
import { createStorage as createNodeStorage } from '../../src/storage/node/create-storage.js';

const PASSPHRASE = 'correct horse battery staple';
const CHEAP = { memory: 19456, iterations: 2, parallelism: 1 };
const pair = await keyPairFromSeed(new Uint8Array(32).fill(5));

async function expectCode(work: Promise<unknown>, code: string) {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isDataFoldError(error), `expected ${code}, got ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe(code);
  return error as { details: Record<string, unknown>; message: string };
}

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'datafold-create-storage-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('createStorage (core entry) in Node', () => {
  it('says why IndexedDB storage is not supported here, and points to the Node key-file store', async () => {
    const support = isStorageSupported();
    expect(support).toMatchObject({ supported: false, recommended: 'memory' });
    expect(support.reasons).toContain('IndexedDB not available');
    const error = await expectCode(createStorage(), 'INDEXEDDB_NOT_SUPPORTED');
    expect(error.details.alternative).toBe('@datafold/js-sdk/node');
    expect(error.message).toContain("import { createStorage } from '@datafold/js-sdk/node'");
    expect(error.message).toMatch(/type: 'memory'/);
    // What the hint says works: the node entry's createStorage is the persistent key-file store.
    const persistent = await createNodeStorage({ directory: join(root, 'keys'), kdfParams: CHEAP });
    expect(persistent.kind).toBe('file');
    const fallback = await createStorage({ fallbackToMemory: true, kdfParams: CHEAP });
    expect(fallback.kind).toBe('memory');
  });

  it('gives the memory store on request, with listKeys metadata and lastAccessed', async () => {
    const storage = await createStorage({ type: 'memory', kdfParams: CHEAP });
    await storage.storeKeyPair('app', pair, PASSPHRASE, {
      name: 'App',
      description: 'Primary key',
      tags: ['prod'],
    });
    expect((await storage.listKeys())[0]).toMatchObject({
      keyId: 'app',
      metadata: { name: 'App', description: 'Primary key', tags: ['prod'] },
      lastAccessed: null,
      version: 1,
    });
    await expectCode(storage.retrieveKeyPair('app', 'wrong passphrase'), 'DECRYPTION_FAILED');
    expect((await storage.listKeys())[0]!.lastAccessed).toBeNull();
    await storage.retrieveKeyPair('app', PASSPHRASE);
    expect((await storage.listKeys())[0]!.lastAccessed).toMatch(/Z$/);
    expect(await storage.clearAllKeys()).toBe(1);
    expect(await storage.listKeys()).toEqual([]);
  });

  it('refuses the file store and unknown types with coded errors', async () => {
    await expectCode(createStorage({ type: 'file' as 'memory' }), 'UNSUPPORTED_PLATFORM');
    await expectCode(createStorage({ type: 'cloud' as 'memory' }), 'INVALID_ARGUMENT');
  });
});

describe('createStorage from @datafold/js-sdk/node', () => {
  it('gives the key-file store shared with the CLI, with clearAllKeys', async () => {
    const directory = join(root, 'keys');
    const storage = await createNodeStorage({ directory, kdfParams: CHEAP });
    expect(storage.kind).toBe('file');
    await storage.storeKeyPair('a', pair, PASSPHRASE, { name: 'A' });
    await storage.storeKeyVersion(
      'a',
      await keyPairFromSeed(new Uint8Array(32).fill(6)),
      PASSPHRASE,
    );
    expect(await storage.getCurrentVersion('a')).toBe(2);
    const again = await createNodeStorage({ directory, kdfParams: CHEAP });
    expect((await again.listKeys()).map((k) => [k.keyId, k.version])).toEqual([['a', 2]]);
    expect(await again.clearAllKeys()).toBe(1);
    expect(await storage.hasKey('a')).toBe(false);
  });

  it('moves keys between stores through backups; overwriteExisting: false refuses to replace', async () => {
    const files = await createNodeStorage({ directory: join(root, 'k'), kdfParams: CHEAP });
    const memory = await createNodeStorage({ type: 'memory', kdfParams: CHEAP });
    await files.storeKeyPair('app', pair, PASSPHRASE, { name: 'App' });
    const { data } = await exportKey(files, 'app', PASSPHRASE, {
      includeMetadata: true,
      kdf: 'pbkdf2',
      kdfParams: { iterations: 100_000, hash: 'SHA-256' },
    });
    const imported = await importKey(memory, data, PASSPHRASE);
    expect(imported.keyId).toBe('app');
    expect((await memory.listKeys())[0]!.metadata).toMatchObject({ name: 'App' });
    await expectCode(
      importKey(memory, data, PASSPHRASE, { overwriteExisting: false }),
      'KEY_ALREADY_EXISTS',
    );
    const replaced = await importKey(memory, data, PASSPHRASE, { overwriteExisting: true });
    expect(replaced.overwritten).toBe(true);
  });

  it('refuses IndexedDB and unknown types', async () => {
    await expectCode(createNodeStorage({ type: 'indexeddb' as 'file' }), 'INDEXEDDB_NOT_SUPPORTED');
    await expectCode(createNodeStorage({ type: 'cloud' as 'file' }), 'INVALID_ARGUMENT');
  });
});
