// The node backend's first calls, made while its library loads, and its known-answer gate:
// arguments are snapshotted at the call, and a library that does not reproduce RFC 8032 TEST 1
// never signs (the portable backend does, with identical signatures).
import { describe, expect, it } from 'vitest';
import { createNobleBackend } from '../../src/signatures/noble-backend.js';
import type { NativeEd25519 } from '../../src/signatures/node/native-ed25519.js';
import { createNodeBackend } from '../../src/signatures/node/node-backend.js';
import { createOpenSslEd25519 } from '../../src/signatures/node/openssl-ed25519.js';
import { loadSodiumEd25519 } from '../../src/signatures/node/sodium-ed25519.js';

const noble = createNobleBackend();
const message = new TextEncoder().encode('first call');

describe.each([
  ['libsodium', loadSodiumEd25519],
  ['OpenSSL', () => Promise.resolve(null)],
])('the node backend on %s, before and after loading', (_, load) => {
  it('signs with the seed as it was at the call, even if the caller reuses its array', async () => {
    const backend = createNodeBackend(() => noble, load);
    const seed = new Uint8Array(32).fill(5);
    const expected = await noble.sign(new Uint8Array(seed), message);
    const pending = backend.sign(seed, message);
    expect(pending).toBeInstanceOf(Promise); // the first call waits for the library
    seed.fill(6);
    expect(await pending).toEqual(expected);
    expect(seed).toEqual(new Uint8Array(32).fill(6)); // the caller's array is not wiped
    // Loaded now: later calls answer values.
    const now = backend.sign(seed, message);
    expect(now).toBeInstanceOf(Uint8Array);
    expect(now).toEqual(await noble.sign(seed, message));
  });

  it('generates through the library once loaded, without a promise', async () => {
    const backend = createNodeBackend(() => noble, load);
    const first = await backend.generate();
    const second = backend.generate();
    expect(second).not.toBeInstanceOf(Promise);
    for (const pair of [first, await second]) {
      expect(await noble.publicKey(pair.privateKey)).toEqual(pair.publicKey);
    }
  });
});

describe('a native library that fails the known answer', () => {
  const broken = (): NativeEd25519 => {
    const real = createOpenSslEd25519();
    return { ...real, sign: (seed, msg) => real.sign(seed, msg).map((b) => b ^ 1) };
  };

  it('never signs: the portable backend does, and verification stays native', async () => {
    let verified = 0;
    const library = broken();
    const counting: NativeEd25519 = {
      ...library,
      verify: (...args) => (verified++, library.verify(...args)),
    };
    const backend = createNodeBackend(
      () => noble,
      () => Promise.resolve(counting),
    );
    const seed = new Uint8Array(32).fill(8);
    const signature = await backend.sign(seed, message);
    expect(signature).toEqual(await noble.sign(seed, message));
    const publicKey = await noble.publicKey(seed);
    expect(await backend.verify(signature, message, publicKey)).toBe(true);
    expect(verified).toBe(1);
  });
});
