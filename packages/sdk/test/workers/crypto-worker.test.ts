import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// The package entry, as users import it: in Node its "node" condition runs worker_threads.
import { CryptoWorker } from '@datafold/js-sdk/worker';
import { Ed25519KeyError } from '@datafold/js-sdk';
import { afterEach, describe, expect, it } from 'vitest';

import { bytesToHex } from '../../src/encoding/hex.js';
import { deriveKey } from '../../src/derivation/derive-key.js';
import { keyPairFromSeed } from '../../src/keys/key-pair-from-seed.js';
import { sign } from '../../src/signatures/sign.js';

// CryptoWorker in Node (a worker_threads worker); Chromium runs the Web Worker variant
// (test/browser/crypto-worker.test.ts). Needs `npm run build`: the worker runs the built SDK.

const workers: CryptoWorker[] = [];
const start = () => {
  const worker = new CryptoWorker();
  workers.push(worker);
  return worker;
};
afterEach(() => {
  for (const w of workers.splice(0)) w.terminate();
});

/** Counts how often the main thread's event loop ran while `work` was pending. */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ value: T; ticks: number }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  try {
    return { value: await work(), ticks };
  } finally {
    clearInterval(timer);
  }
}

describe('CryptoWorker from @datafold/js-sdk/worker in Node', () => {
  it('generates, signs, verifies and derives in a worker thread with the main entry results', async () => {
    const worker = start();
    expect(worker.offMainThread).toBe(true);
    const generated = await worker.generateKeyPair();
    expect(generated.privateKey).toHaveLength(32);
    const pair = await keyPairFromSeed(new Uint8Array(32).fill(3));
    const signature = await worker.sign('Hello, DataFold!', pair.privateKey);
    expect(bytesToHex(signature)).toBe(bytesToHex(await sign('Hello, DataFold!', pair.privateKey)));
    expect(await worker.verify(signature, 'Hello, DataFold!', pair.publicKey)).toBe(true);
    expect(await worker.verify(signature, 'tampered', pair.publicKey)).toBe(false);
    const salt = new Uint8Array(16).fill(9);
    const options = { algorithm: 'HKDF', info: 'DATA_ENCRYPTION', salt } as const;
    expect(bytesToHex((await worker.deriveKey(pair.privateKey, options)).key)).toBe(
      bytesToHex((await deriveKey(pair.privateKey, options)).key),
    );
    expect(await worker.generateMultipleKeyPairs(3)).toHaveLength(3);
  });

  it('runs Argon2id while the main thread keeps running', async () => {
    const worker = start();
    const salt = new Uint8Array(16).fill(1);
    const { value, ticks } = await ticksDuring(() =>
      worker.deriveKey('correct horse battery staple', { algorithm: 'argon2id', salt }),
    );
    expect(ticks).toBeGreaterThan(0);
    expect(bytesToHex(value.key)).toBe(
      bytesToHex(
        (await deriveKey('correct horse battery staple', { algorithm: 'argon2id', salt })).key,
      ),
    );
  });

  it('keeps error classes and codes; a terminated worker refuses calls', async () => {
    const worker = start();
    const error = await worker.sign('x', new Uint8Array(3)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Ed25519KeyError);
    expect(error).toMatchObject({ code: 'INVALID_PRIVATE_KEY' });
    const pending = worker.deriveKey('correct horse battery staple', {
      algorithm: 'argon2id',
      salt: new Uint8Array(16),
    });
    worker.terminate();
    await expect(pending).rejects.toMatchObject({ code: 'UNSUPPORTED_PLATFORM' });
    await expect(worker.generateKeyPair()).rejects.toMatchObject({ code: 'UNSUPPORTED_PLATFORM' });
  });

  it("runs the document's Worker Threads snippet as written, and the process ends by itself", async () => {
    const snippet = fileURLToPath(new URL('../document/worker-threads.mjs', import.meta.url));
    const { stderr } = await promisify(execFile)(process.execPath, [snippet], { timeout: 60_000 });
    expect(stderr).toBe('');
  });
});
