import { describe, expect, it } from 'vitest';

import { bytesToHex } from '../../src/encoding/hex.js';
import { isDataFoldError } from '../../src/errors/datafold-error.js';
import { keyPairFromSeed } from '../../src/keys/key-pair-from-seed.js';
import { createKdfWorker, type KdfProgress } from '../../src/workers/kdf-worker.js';
import { deriveSealingKey } from '../../src/sealing/derive-sealing-key.js';

const PASSPHRASE = 'correct horse battery staple';
const CHEAP = { memory: 19456, iterations: 2, parallelism: 1 };

// Node 20 has no global Worker: these run the inline fallback. The Worker path runs in Chromium
// (test/browser/kdf-worker.test.ts).
describe('createKdfWorker without Web Workers (inline fallback)', () => {
  it('runs backups and KDFs inline, reporting phases', async () => {
    const events: KdfProgress[] = [];
    const kdf = createKdfWorker({ onProgress: (p) => events.push(p) });
    expect(kdf.offMainThread).toBe(false);
    const pair = await keyPairFromSeed(new Uint8Array(32).fill(4));
    const backup = await kdf.createBackup(pair, PASSPHRASE, { keyId: 'app', kdfParams: CHEAP });
    const restored = await kdf.restoreBackup(backup, PASSPHRASE);
    expect(bytesToHex(restored.keyPair.publicKey)).toBe(bytesToHex(pair.publicKey));
    expect(events.filter((e) => e.operation === 'createBackup').map((e) => e.phase)).toEqual([
      'queued',
      'started',
      'done',
    ]);
    expect(events.every((e) => !e.offMainThread && e.elapsedMs >= 0)).toBe(true);

    const salt = new Uint8Array(16).fill(1);
    const params = { memory: 19456, iterations: 2, parallelism: 1 };
    expect(bytesToHex(await kdf.deriveKey('argon2id', params, PASSPHRASE, salt))).toBe(
      bytesToHex(await deriveSealingKey('argon2id', params, PASSPHRASE, salt, 'create')),
    );
    kdf.terminate();
  });

  it('keeps error codes, and refuses to start without a worker when told to', async () => {
    const kdf = createKdfWorker();
    const pair = await keyPairFromSeed(new Uint8Array(32).fill(4));
    const backup = await kdf.createBackup(pair, PASSPHRASE, { keyId: 'app', kdfParams: CHEAP });
    const error = await kdf.restoreBackup(backup, 'wrong passphrase!').catch((e: unknown) => e);
    expect(isDataFoldError(error, 'DECRYPTION_FAILED')).toBe(true);
    expect(() => createKdfWorker({ fallbackInline: false })).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_PLATFORM' }),
    );
  });
});
