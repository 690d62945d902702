// A missing hash-wasm (a broken install) must say what is missing, not blame free memory.
// The package cannot be uninstalled under a running suite, so its import is made to fail.
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.doUnmock('hash-wasm');
  vi.resetModules();
});

describe('loadHashWasm', () => {
  it('turns a failed import into UNSUPPORTED_PLATFORM naming the package, for scrypt and Argon2id', async () => {
    vi.resetModules();
    vi.doMock('hash-wasm', () => {
      throw new Error('Cannot find module hash-wasm');
    });
    const { scrypt } = await import('../../src/derivation/scrypt.js');
    const { argon2id, useArgon2idEngine } = await import('../../src/derivation/argon2id.js');
    useArgon2idEngine(undefined);
    const salt = new Uint8Array(16);
    const expected = expect.objectContaining({
      code: 'UNSUPPORTED_PLATFORM',
      message: expect.stringContaining('hash-wasm') as unknown,
    }) as unknown;
    await expect(
      scrypt(new Uint8Array(8), salt, { n: 16, r: 1, p: 1, length: 32 }),
    ).rejects.toEqual(expected);
    await expect(
      argon2id(new Uint8Array(8), salt, { memory: 64, iterations: 1, parallelism: 1, length: 32 }),
    ).rejects.toEqual(expected);
  });
});
