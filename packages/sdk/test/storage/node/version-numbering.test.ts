import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { isDataFoldError } from '../../../src/errors/datafold-error.js';
import { keyPairFromSeed } from '../../../src/keys/key-pair-from-seed.js';
import { createFileKeyStorage } from '../../../src/storage/node/file-key-storage.js';
import type { FileKeyStorage } from '../../../src/storage/node/file-key-storage-types.js';

// Version numbers are never reused (spec/key-file-v1.md §2, §8-§9): the pointer records the
// highest version ever assigned, so deleting the top version does not free its number.

const PASSPHRASE = 'correct horse battery staple';
const CHEAP = { memory: 19456, iterations: 2, parallelism: 1 };
const pairs = await Promise.all(
  [1, 2, 3, 4, 5].map((n) => keyPairFromSeed(new Uint8Array(32).fill(n))),
);
const pair = (n: number) => pairs[n - 1]!;

let directory: string;
let storage: FileKeyStorage;

beforeEach(async () => {
  directory = join(await mkdtemp(join(tmpdir(), 'datafold-numbering-')), 'keys');
  storage = createFileKeyStorage({ directory, kdfParams: CHEAP });
});

afterEach(async () => {
  await rm(join(directory, '..'), { recursive: true, force: true });
});

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isDataFoldError(error), `expected ${code}, got ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe(code);
}

const pointer = async (keyId: string) =>
  JSON.parse(await readFile(join(directory, `${keyId}.current`), 'utf8')) as Record<
    string,
    unknown
  >;

/** Versions 1, 2, 3 with 2 current. */
async function threeVersionsTwoCurrent(keyId: string): Promise<void> {
  for (const n of [1, 2, 3])
    expect(await storage.storeKeyVersion(keyId, pair(n), PASSPHRASE)).toBe(n);
  await storage.setCurrentVersion(keyId, 2);
}

describe('key version numbering', () => {
  it('does not reuse a deleted top version: 1,2,3, current 2, delete 3, next is 4', async () => {
    await threeVersionsTwoCurrent('app');
    expect(await storage.deleteKeyVersion('app', 3)).toBe(true);
    expect(await pointer('app')).toEqual({
      format: 'datafold-key-current',
      version: 1,
      key_id: 'app',
      current: 2,
      highest: 3,
    });
    expect(await storage.storeKeyVersion('app', pair(4), PASSPHRASE)).toBe(4);
    expect(await storage.getCurrentVersion('app')).toBe(4);
    expect((await storage.listVersions('app')).map((v) => v.version)).toEqual([1, 2, 4]);
    expect(await storage.retrieveKeyVersion('app', 4, PASSPHRASE)).toEqual(pair(4));
    await expectCode(storage.retrieveKeyVersion('app', 3, PASSPHRASE), 'KEY_NOT_FOUND');
  });

  it('records a version added without becoming current, so its number survives its deletion', async () => {
    await storage.storeKeyVersion('app', pair(1), PASSPHRASE);
    expect(await storage.storeKeyVersion('app', pair(2), PASSPHRASE, { makeCurrent: false })).toBe(
      2,
    );
    expect(await pointer('app')).toMatchObject({ current: 1, highest: 2 });
    expect(await storage.getCurrentVersion('app')).toBe(1);
    await storage.deleteKeyVersion('app', 2);
    expect(await storage.storeKeyVersion('app', pair(3), PASSPHRASE, { makeCurrent: false })).toBe(
      3,
    );
    expect(await pointer('app')).toMatchObject({ current: 1, highest: 3 });
  });

  it('keeps the number when a replacement drops every older version', async () => {
    await threeVersionsTwoCurrent('app');
    await storage.storeKeyPair('app', pair(4), PASSPHRASE);
    expect(await readdir(directory)).toEqual(expect.arrayContaining(['app.v4.key']));
    expect(await pointer('app')).toMatchObject({ current: 4, highest: 4 });
  });

  it('reads an old-style pointer without the member, and upgrades it before deleting the top', async () => {
    await threeVersionsTwoCurrent('app');
    // As an older writer leaves it: no `highest`.
    await writeFile(
      join(directory, 'app.current'),
      `${JSON.stringify({ format: 'datafold-key-current', version: 1, key_id: 'app', current: 2 })}\n`,
      { mode: 0o600 },
    );
    expect(await storage.getCurrentVersion('app')).toBe(2);
    expect(await storage.retrieveKeyPair('app', PASSPHRASE)).toEqual(pair(2));
    await storage.deleteKeyVersion('app', 3);
    expect(await pointer('app')).toMatchObject({ current: 2, highest: 3 });
    expect(await storage.storeKeyVersion('app', pair(4), PASSPHRASE)).toBe(4);
  });

  it('numbers an old-style pointer with no deletion as before: one past the highest file', async () => {
    await storage.storeKeyVersion('app', pair(1), PASSPHRASE);
    await writeFile(
      join(directory, 'app.current'),
      JSON.stringify({ format: 'datafold-key-current', version: 1, key_id: 'app', current: 1 }),
      { mode: 0o600 },
    );
    expect(await storage.storeKeyVersion('app', pair(2), PASSPHRASE)).toBe(2);
  });

  it('honours a highest recorded by another writer and ignores members it does not know', async () => {
    await storage.storeKeyVersion('app', pair(1), PASSPHRASE);
    await writeFile(
      join(directory, 'app.current'),
      JSON.stringify({
        format: 'datafold-key-current',
        version: 1,
        key_id: 'app',
        current: 1,
        highest: 7,
        future_member: { any: 'thing' },
      }),
      { mode: 0o600 },
    );
    expect(await storage.getCurrentVersion('app')).toBe(1);
    expect(await storage.storeKeyVersion('app', pair(2), PASSPHRASE)).toBe(8);
  });

  it('refuses to number a version from a pointer whose highest is not a version, and repairs it', async () => {
    await storage.storeKeyVersion('app', pair(1), PASSPHRASE);
    for (const bad of ['7', 0, 1.5, -1, 1e9, null]) {
      await writeFile(
        join(directory, 'app.current'),
        JSON.stringify({
          format: 'datafold-key-current',
          version: 1,
          key_id: 'app',
          current: 1,
          highest: bad,
        }),
        { mode: 0o600 },
      );
      // Readers do not need it; writers refuse rather than guess a number.
      expect(await storage.getCurrentVersion('app')).toBe(1);
      await expectCode(storage.storeKeyVersion('app', pair(2), PASSPHRASE), 'STORAGE_CORRUPTED');
    }
    await storage.setCurrentVersion('app', 1);
    expect(await pointer('app')).toMatchObject({ current: 1, highest: 1 });
    expect(await storage.storeKeyVersion('app', pair(2), PASSPHRASE)).toBe(2);
  });

  it('lets a key deleted whole start again at 1 (the pointer goes with it)', async () => {
    await threeVersionsTwoCurrent('app');
    expect(await storage.deleteKey('app')).toBe(true);
    expect(await readdir(directory)).toEqual([]);
    expect(await storage.storeKeyVersion('app', pair(5), PASSPHRASE)).toBe(1);
  });
});
