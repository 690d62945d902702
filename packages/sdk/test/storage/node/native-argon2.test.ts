// The native Argon2id engine that '@datafold/js-sdk/node' enables must give exactly what the
// WebAssembly default and the published vectors give.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argon2id, useArgon2idEngine } from '../../../src/derivation/argon2id.js';
import { deriveEd25519KeyPair } from '../../../src/derivation/derive-ed25519-key-pair.js';
import { deriveKey } from '../../../src/derivation/derive-key.js';
import { hkdf } from '../../../src/derivation/hkdf.js';
import { pbkdf2 } from '../../../src/derivation/pbkdf2.js';
import { scrypt } from '../../../src/derivation/scrypt.js';
import {
  enableNativeArgon2id,
  preferNativeArgon2id,
} from '../../../src/storage/node/native-argon2.js';
import { loadKdfVectors } from '../../derivation/load-kdf-vectors.js';
import { runKdfVectors } from '../../vectors/kdf-vectors.js';

let enabled = false;
beforeAll(async () => {
  enabled = await enableNativeArgon2id();
});
afterAll(() => useArgon2idEngine(undefined));

describe('native Argon2id engine', () => {
  it('loads here (the addon ships prebuilt binaries)', () => {
    expect(enabled).toBe(true);
  });

  it('passes every Argon2id vector', async () => {
    const results = await runKdfVectors(
      { hkdf, pbkdf2, scrypt, argon2id, deriveKey, deriveEd25519KeyPair },
      { argon2id: loadKdfVectors().argon2id },
    );
    expect(results.length).toBeGreaterThan(5);
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it('agrees with the WebAssembly engine on random inputs, with and without a secret', async () => {
    for (let i = 0; i < 4; i++) {
      const password = crypto.getRandomValues(new Uint8Array(1 + i * 7));
      const salt = crypto.getRandomValues(new Uint8Array(16));
      const params = {
        memory: 64 + 32 * i,
        iterations: 1 + i,
        parallelism: 1 + (i % 2),
        length: 16 + 8 * i,
        ...(i % 2 === 1 ? { secret: crypto.getRandomValues(new Uint8Array(8)) } : {}),
      };
      const native = await argon2id(password, salt, params);
      useArgon2idEngine(undefined);
      const wasm = await argon2id(password, salt, params);
      await enableNativeArgon2id();
      expect(native).toEqual(wasm);
    }
  });

  it('the lazy engine the node entry registers passes every Argon2id vector too', async () => {
    preferNativeArgon2id();
    try {
      const results = await runKdfVectors(
        { hkdf, pbkdf2, scrypt, argon2id, deriveKey, deriveEd25519KeyPair },
        { argon2id: loadKdfVectors().argon2id },
      );
      expect(results.length).toBeGreaterThan(5);
      expect(results.filter((r) => !r.ok)).toEqual([]);
    } finally {
      await enableNativeArgon2id();
    }
  });

  it('refuses an engine that is not a function', () => {
    expect(() => useArgon2idEngine(42 as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
