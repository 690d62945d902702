// '@datafold/js-sdk/node' has three side effects, and they are declared: importing the entry
// registers the lazy native Argon2id engine (register-native-argon2.ts), the node Ed25519
// backend (signatures/node/register-node-ed25519.ts) and node:crypto's Content-Digest hashes
// (http-signatures/node/register-node-digests.ts; both shared with /fastify and /express), and
// package.json names those modules under `sideEffects` so bundlers keep them.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as NativeArgon2 from '../../../src/storage/node/native-argon2.js';

const NATIVE_ARGON2 = '../../../src/storage/node/native-argon2.js';

afterEach(() => {
  vi.doUnmock(NATIVE_ARGON2);
  vi.resetModules();
});

describe('the /node entry', () => {
  it('registers the lazy native Argon2id engine when imported, once', async () => {
    vi.resetModules();
    const registered: string[] = [];
    vi.doMock(NATIVE_ARGON2, async (importOriginal) => ({
      ...(await importOriginal<typeof NativeArgon2>()),
      preferNativeArgon2id: () => registered.push('preferNativeArgon2id'),
    }));
    await import('../../../src/storage/node/index.js');
    await import('../../../src/storage/node/index.js');
    expect(registered).toEqual(['preferNativeArgon2id']);
  });

  it('declares those modules, and only the entry besides, as its side effects', () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
    ) as { sideEffects: string[] };
    expect(pkg.sideEffects).toEqual([
      './dist/index.node.js', // the main entry under Node registers the node backend and digests too
      './dist/storage/node/index.js',
      './dist/storage/node/register-native-argon2.js',
      './dist/signatures/node/register-node-ed25519.js',
      './dist/http-signatures/node/register-node-digests.js',
    ]);
  });
});
