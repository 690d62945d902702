// The versioned stores the rotation suites run over: memory, and key files in a fresh directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

import { isDataFoldError } from '../../../src/errors/datafold-error.js';
import { createMemoryKeyStorage } from '../../../src/storage/memory-storage.js';
import { createFileKeyStorage } from '../../../src/storage/node/file-key-storage.js';
import type { VersionedKeyStorage } from '../../../src/storage/versioned-key-storage.js';

export const PASSPHRASE = 'correct horse battery staple';
/** Argon2id at its floors: tests need the real format, not its production cost. */
export const CHEAP = { memory: 19456, iterations: 2, parallelism: 1 };

export interface StoreFixture {
  storage: VersionedKeyStorage;
  dispose(): Promise<void>;
}

export const STORES: Record<string, () => Promise<StoreFixture>> = {
  memory: () =>
    Promise.resolve({
      storage: createMemoryKeyStorage({ kdfParams: CHEAP }),
      dispose: () => Promise.resolve(),
    }),
  file: async () => {
    const root = await mkdtemp(join(tmpdir(), 'datafold-rotation-'));
    return {
      storage: createFileKeyStorage({ directory: join(root, 'keys'), kdfParams: CHEAP }),
      dispose: () => rm(root, { recursive: true, force: true }),
    };
  },
};

export async function expectCode(work: Promise<unknown>, code: string): Promise<Error> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isDataFoldError(error), `expected ${code}, got ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe(code);
  return error as Error;
}
