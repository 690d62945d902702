import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { isDataFoldError } from '../../../src/errors/datafold-error.js';
import { keyPairFromSeed } from '../../../src/keys/key-pair-from-seed.js';
import { createFileKeyStorage } from '../../../src/storage/node/file-key-storage.js';
import type { FileKeyStorage } from '../../../src/storage/node/file-key-storage-types.js';
import { withKeyLock } from '../../../src/storage/node/key-lock.js';

const PASSPHRASE = 'correct horse battery staple';
const CHEAP = { memory: 19456, iterations: 2, parallelism: 1 };
const pairA = await keyPairFromSeed(new Uint8Array(32).fill(1));
const pairB = await keyPairFromSeed(new Uint8Array(32).fill(2));

/** Bundles a worker in support/ into `dir`, to run as its own node process. */
async function bundleWorker(name: string, dir: string): Promise<string> {
  const outfile = join(dir, `${name}.mjs`);
  await build({
    entryPoints: [fileURLToPath(new URL(`./support/${name}.ts`, import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  return outfile;
}

let root: string;
let directory: string;
let storage: FileKeyStorage;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'datafold-keys-'));
  directory = join(root, 'keys');
  storage = createFileKeyStorage({ directory, kdfParams: CHEAP, timeoutMs: 20_000 });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isDataFoldError(error), `expected ${code}, got ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe(code);
}

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('createFileKeyStorage', () => {
  it('stores and retrieves a key in a 0700 directory as a 0600 key file with a pointer', async () => {
    await storage.storeKeyPair('app', pairA, PASSPHRASE, { name: 'App', tags: ['prod'] });
    expect(await mode(directory)).toBe(0o700);
    expect((await readdir(directory)).sort()).toEqual(['app.current', 'app.v1.key']);
    expect(await mode(join(directory, 'app.v1.key'))).toBe(0o600);
    expect(await mode(join(directory, 'app.current'))).toBe(0o600);
    const back = await storage.retrieveKeyPair('app', PASSPHRASE);
    expect(back).toEqual(pairA);
    expect(await storage.hasKey('app')).toBe(true);
    expect(await storage.hasKey('other')).toBe(false);
    const [info] = await storage.listKeys();
    expect(info).toMatchObject({
      keyId: 'app',
      version: 1,
      metadata: { name: 'App', tags: ['prod'] },
    });
    expect(info?.publicKey).toEqual(pairA.publicKey);
  });

  it('answers a wrong passphrase with DECRYPTION_FAILED and changes nothing', async () => {
    await storage.storeKeyPair('app', pairA, PASSPHRASE);
    const before = await readFile(join(directory, 'app.v1.key'), 'utf8');
    await expectCode(storage.retrieveKeyPair('app', 'not the passphrase'), 'DECRYPTION_FAILED');
    expect(await readFile(join(directory, 'app.v1.key'), 'utf8')).toBe(before);
    await expectCode(storage.retrieveKeyPair('missing', PASSPHRASE), 'KEY_NOT_FOUND');
  });

  it('refuses to replace with overwrite: false, and replaces (old version gone) otherwise', async () => {
    await storage.storeKeyPair('app', pairA, PASSPHRASE);
    await expectCode(
      storage.storeKeyPair('app', pairB, PASSPHRASE, undefined, { overwrite: false }),
      'KEY_ALREADY_EXISTS',
    );
    expect(await storage.retrieveKeyPair('app', PASSPHRASE)).toEqual(pairA);
    await storage.storeKeyPair('app', pairB, PASSPHRASE);
    expect((await readdir(directory)).sort()).toEqual(['app.current', 'app.v2.key']);
    expect(await storage.retrieveKeyPair('app', PASSPHRASE)).toEqual(pairB);
  });

  it('keeps versions: add, list, read an old one, swing the pointer, delete a non-current one', async () => {
    expect(await storage.storeKeyVersion('app', pairA, PASSPHRASE)).toBe(1);
    expect(await storage.storeKeyVersion('app', pairB, PASSPHRASE)).toBe(2);
    expect(await storage.getCurrentVersion('app')).toBe(2);
    const versions = await storage.listVersions('app');
    expect(versions.map((v) => [v.version, v.current])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(await storage.retrieveKeyVersion('app', 1, PASSPHRASE)).toEqual(pairA);
    await storage.setCurrentVersion('app', 1);
    expect(await storage.retrieveKeyPair('app', PASSPHRASE)).toEqual(pairA);
    await expectCode(storage.deleteKeyVersion('app', 1), 'INVALID_ARGUMENT');
    expect(await storage.deleteKeyVersion('app', 2)).toBe(true);
    await expectCode(storage.retrieveKeyVersion('app', 2, PASSPHRASE), 'KEY_NOT_FOUND');
    await expectCode(storage.setCurrentVersion('app', 5), 'KEY_NOT_FOUND');
    // Version 2 was deleted, but its number stays taken (spec/key-file-v1.md §9).
    expect(await storage.storeKeyVersion('app', pairB, PASSPHRASE, { makeCurrent: false })).toBe(3);
    expect(await storage.getCurrentVersion('app')).toBe(1);
    expect(await storage.deleteKey('app')).toBe(true);
    expect(await readdir(directory)).toEqual([]);
    expect(await storage.deleteKey('app')).toBe(false);
  });

  it('refuses key ids that could leave the directory, before touching the disk', async () => {
    for (const bad of [
      '../x',
      '../../etc/passwd',
      '/abs/path',
      'a/b',
      'a\\b',
      'a\0b',
      '',
      '.',
      '..',
      '.hidden',
      'x'.repeat(101),
      'ключ',
    ]) {
      await expectCode(storage.storeKeyPair(bad, pairA, PASSPHRASE), 'INVALID_KEY_ID');
      await expectCode(storage.retrieveKeyPair(bad, PASSPHRASE), 'INVALID_KEY_ID');
      await expectCode(storage.deleteKey(bad), 'INVALID_KEY_ID');
    }
    expect(await readdir(root)).toEqual([]);
  });

  it('refuses a directory or key file that others can read', async () => {
    await storage.storeKeyPair('app', pairA, PASSPHRASE);
    await chmod(join(directory, 'app.v1.key'), 0o644);
    await expectCode(storage.retrieveKeyPair('app', PASSPHRASE), 'PERMISSION_DENIED');
    await chmod(join(directory, 'app.v1.key'), 0o600);
    await chmod(directory, 0o755);
    const fresh = createFileKeyStorage({ directory, kdfParams: CHEAP });
    await expectCode(fresh.listKeys(), 'PERMISSION_DENIED');
  });

  it('refuses weak passphrases and a second key that differs only in case', async () => {
    await expectCode(storage.storeKeyPair('app', pairA, 'short'), 'WEAK_PASSPHRASE');
    await storage.storeKeyPair('App', pairA, PASSPHRASE);
    await expectCode(storage.storeKeyPair('app', pairB, PASSPHRASE), 'KEY_ALREADY_EXISTS');
  });

  it('survives crash leftovers: a missing pointer, a stray temp file, a dead holder’s lock', async () => {
    await storage.storeKeyVersion('app', pairA, PASSPHRASE);
    await storage.storeKeyVersion('app', pairB, PASSPHRASE, { makeCurrent: false });
    await rm(join(directory, 'app.current'));
    expect(await storage.getCurrentVersion('app')).toBe(2);
    await writeFile(join(directory, '.tmp-deadbeef'), 'half written', { mode: 0o600 });
    await writeFile(
      join(directory, 'app.lock'),
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        hostname: (await import('node:os')).hostname(),
        token: 'x',
      }),
      { mode: 0o600 },
    );
    expect(await storage.storeKeyVersion('app', pairA, PASSPHRASE)).toBe(3);
    expect((await readdir(directory)).filter((n) => n.endsWith('.lock'))).toEqual([]);
  });

  it('times out with STORAGE_LOCKED while a live process holds the lock', async () => {
    const impatient = createFileKeyStorage({ directory, kdfParams: CHEAP, timeoutMs: 200 });
    await storage.storeKeyPair('app', pairA, PASSPHRASE);
    await withKeyLock(directory, 'app', () =>
      expectCode(impatient.storeKeyVersion('app', pairB, PASSPHRASE), 'STORAGE_LOCKED'),
    );
    expect(await storage.getCurrentVersion('app')).toBe(1);
  });

  it('reports a corrupted or renamed key file by name and keeps the other keys working', async () => {
    await storage.storeKeyPair('good', pairA, PASSPHRASE);
    await storage.storeKeyPair('bad', pairB, PASSPHRASE);
    await writeFile(join(directory, 'bad.v1.key'), '{"not": "a key file"}', { mode: 0o600 });
    await writeFile(join(directory, 'notes.txt'), 'foreign file', { mode: 0o600 });
    const { keys, problems } = await storage.inspect();
    expect(keys.map((k) => k.keyId)).toEqual(['good']);
    expect(problems).toEqual([expect.objectContaining({ file: 'bad', code: 'STORAGE_CORRUPTED' })]);
    expect(problems[0]?.message).toContain('bad.v1.key');
    await expectCode(storage.retrieveKeyPair('bad', PASSPHRASE), 'STORAGE_CORRUPTED');
    // A file moved to another key's name is refused: the name and the bound header disagree.
    await rename(join(directory, 'good.v1.key'), join(directory, 'bad.v1.key'));
    await expectCode(storage.retrieveKeyPair('bad', PASSPHRASE), 'STORAGE_CORRUPTED');
  });

  it('loses no version when several processes rotate the same key at once', async () => {
    const bundleDir = await mkdtemp(join(tmpdir(), 'datafold-worker-'));
    const worker = await bundleWorker('rotate-worker', bundleDir);
    const run = () =>
      new Promise<number[]>((resolve, reject) => {
        const child = spawn(process.execPath, [worker, directory, 'shared', '4'], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('close', (code) =>
          code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(err)),
        );
      });
    try {
      const results = await Promise.all([run(), run(), run()]);
      const all = results.flat().sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect((await storage.listVersions('shared')).map((v) => v.version)).toEqual(all);
      expect(await storage.getCurrentVersion('shared')).toBeGreaterThanOrEqual(1);
    } finally {
      await rm(bundleDir, { recursive: true, force: true });
    }
  });

  it('readers taking no lock see a consistent key while another process replaces it', async () => {
    // Each replacement writes a version, moves the pointer and deletes the old version: a reader
    // between those steps must read again, not report a missing version or a corrupt pointer.
    await storage.storeKeyPair('moving', pairA, PASSPHRASE);
    const bundleDir = await mkdtemp(join(tmpdir(), 'datafold-worker-'));
    try {
      const worker = await bundleWorker('replace-worker', bundleDir);
      const child = spawn(process.execPath, [worker, directory, 'moving', '25'], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      let running = true;
      void exited.then(() => (running = false));
      let reads = 0;
      while (running) {
        const versions = await storage.listVersions('moving');
        expect(versions.filter((v) => v.current)).toHaveLength(1);
        const { keys, problems } = await storage.inspect();
        expect(problems).toEqual([]);
        expect(keys.map((k) => k.keyId)).toEqual(['moving']);
        expect(await storage.getCurrentVersion('moving')).toBeGreaterThanOrEqual(1);
        reads++;
      }
      expect(await exited, err).toBe(0);
      expect(reads).toBeGreaterThan(0);
      const pair = await storage.retrieveKeyPair('moving', PASSPHRASE);
      expect(pair.publicKey).toEqual((await storage.listVersions('moving'))[0]?.publicKey);
    } finally {
      await rm(bundleDir, { recursive: true, force: true });
    }
  });
});
