import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { bytesToHex } from '../../src/encoding/hex.js';
import { keyPairFromSeed } from '../../src/keys/key-pair-from-seed.js';
import { KeyRotationManager } from '../../src/rotation/key-rotation-manager.js';
import { createFileKeyStorage } from '../../src/storage/node/file-key-storage.js';
import { CHEAP, PASSPHRASE } from './support/stores.js';

let root: string;
let worker: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'datafold-rotation-crash-'));
  worker = join(root, 'rotate-forever.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./support/rotate-forever.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: worker,
    logLevel: 'error',
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** Starts the rotating process and SIGKILLs it once it has printed `after` versions plus a delay. */
function rotateUntilKilled(directory: string, after: number, delayMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, directory, 'app'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let armed = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!armed && out.split('\n').filter(Boolean).length >= after) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code, signal) =>
      signal === 'SIGKILL'
        ? resolve(out.split('\n').filter(Boolean).map(Number))
        : reject(new Error(`worker ended with ${code}: ${err}`)),
    );
  });
}

describe('a rotation killed at any point (SIGKILL) over the key file store', () => {
  it('leaves the old or the new version current, readable, with its history', async () => {
    const directory = join(root, 'keys');
    const storage = createFileKeyStorage({ directory, kdfParams: CHEAP });
    const manager = new KeyRotationManager(storage);
    const first = await keyPairFromSeed(new Uint8Array(32).fill(3));
    await manager.createVersionedKeyPair('app', first, PASSPHRASE);

    // Kill points spread over the work of one rotation (two Argon2id runs, writes, clean-up).
    for (const delayMs of [0, 7, 23, 41, 67, 97, 131]) {
      const before = await storage.getCurrentVersion('app');
      const reported = await rotateUntilKilled(directory, 1, delayMs);
      const current = await storage.getCurrentVersion('app');
      const versions = await storage.listVersions('app');
      // The pointer names a version that exists, at least the last one reported done.
      expect(versions.some((v) => v.version === current && v.current)).toBe(true);
      expect(current).toBeGreaterThanOrEqual(Math.max(before, ...reported));
      const pair = await storage.retrieveKeyPair('app', PASSPHRASE);
      const info = versions.find((v) => v.current)!;
      expect(bytesToHex(pair.publicKey)).toBe(bytesToHex(info.publicKey));
      const history = await manager.getRotationHistory('app');
      expect(history[history.length - 1]!.version).toBe(current);
    }
    // And the key keeps rotating afterwards.
    const next = await manager.rotateKey('app', PASSPHRASE);
    expect(next.newVersion).toBeGreaterThan(next.previousVersion);
  });
});
