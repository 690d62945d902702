import { describe, expect, it } from 'vitest';

import { keyPairFromSeed } from '../../src/keys/key-pair-from-seed.js';
import { createMemoryKeyStorage } from '../../src/storage/memory-storage.js';

// The memory store numbers versions as the key directory does (spec/key-file-v1.md §2, §9):
// one past the highest ever assigned, so a deleted top version's number is never reused.

const PASSPHRASE = 'correct horse battery staple';
const CHEAP = { memory: 19456, iterations: 2, parallelism: 1 };
const pair = (n: number) => keyPairFromSeed(new Uint8Array(32).fill(n));

describe('memory store version numbering', () => {
  it('1,2,3, current 2, delete 3: the next version is 4, not 3', async () => {
    const storage = createMemoryKeyStorage({ kdfParams: CHEAP });
    for (const n of [1, 2, 3]) {
      expect(await storage.storeKeyVersion('app', await pair(n), PASSPHRASE)).toBe(n);
    }
    await storage.setCurrentVersion('app', 2);
    expect(await storage.deleteKeyVersion('app', 3)).toBe(true);
    expect(await storage.storeKeyVersion('app', await pair(4), PASSPHRASE)).toBe(4);
    expect((await storage.listVersions('app')).map((v) => v.version)).toEqual([1, 2, 4]);
    expect(await storage.retrieveKeyVersion('app', 4, PASSPHRASE)).toEqual(await pair(4));
  });

  it('keeps the number of a version added without becoming current, and across a replacement', async () => {
    const storage = createMemoryKeyStorage({ kdfParams: CHEAP });
    await storage.storeKeyVersion('app', await pair(1), PASSPHRASE);
    const added = await storage.storeKeyVersion('app', await pair(2), PASSPHRASE, {
      makeCurrent: false,
    });
    expect(added).toBe(2);
    await storage.deleteKeyVersion('app', 2);
    await storage.storeKeyPair('app', await pair(3), PASSPHRASE);
    expect(await storage.getCurrentVersion('app')).toBe(3);
    expect((await storage.listVersions('app')).map((v) => v.version)).toEqual([3]);
  });

  it('starts a key deleted whole again at 1', async () => {
    const storage = createMemoryKeyStorage({ kdfParams: CHEAP });
    await storage.storeKeyVersion('app', await pair(1), PASSPHRASE);
    await storage.storeKeyVersion('app', await pair(2), PASSPHRASE);
    expect(await storage.deleteKey('app')).toBe(true);
    expect(await storage.storeKeyVersion('app', await pair(3), PASSPHRASE)).toBe(1);
  });
});
