import { createPrivateKey, createPublicKey, sign as nodeSign } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { bytesToHex } from '../../src/encoding/hex.js';
import { keyPairFromSeed } from '../../src/keys/index.js';
import {
  forgetEd25519Key,
  getEd25519Backend,
  isEd25519BackendAvailable,
  sign,
  useEd25519Backend,
  verify,
  verifyBatch,
  type Ed25519BackendName,
} from '../../src/signatures/index.js';

const seedArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
const messageArb = fc.uint8Array({ maxLength: 300 });

function nodeSignature(seed: Uint8Array, message: Uint8Array): Uint8Array {
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return new Uint8Array(
    nodeSign(null, message, createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })),
  );
}

afterAll(() => useEd25519Backend('auto'));

describe('backend selection', () => {
  it('auto picks WebCrypto in Node 20, and both backends are available', async () => {
    useEd25519Backend('auto');
    expect(await getEd25519Backend()).toBe('webcrypto');
    expect(await isEd25519BackendAvailable('webcrypto')).toBe(true);
    expect(await isEd25519BackendAvailable('noble')).toBe(true);
  });

  it('refuses an unknown backend with INVALID_ARGUMENT', async () => {
    expect(() => useEd25519Backend('sodium' as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    await expect(isEd25519BackendAvailable('sodium' as never)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});

describe.each(['webcrypto', 'noble'] as Ed25519BackendName[])(
  'sign and verify on %s',
  (backend) => {
    it('selects the backend', async () => {
      useEd25519Backend(backend);
      expect(await getEd25519Backend()).toBe(backend);
    });

    it('signs exactly as node:crypto does and verifies its own signatures', async () => {
      useEd25519Backend(backend);
      await fc.assert(
        fc.asyncProperty(seedArb, messageArb, async (seed, message) => {
          const pair = await keyPairFromSeed(seed);
          const signature = await sign(message, pair.privateKey);
          expect(bytesToHex(signature)).toBe(bytesToHex(nodeSignature(seed, message)));
          expect(await verify(signature, message, pair.publicKey)).toBe(true);
        }),
        { numRuns: backend === 'noble' ? 15 : 60 },
      );
    });

    it('rejects a signature with any one bit flipped, and a changed message', async () => {
      useEd25519Backend(backend);
      const pair = await keyPairFromSeed(new Uint8Array(32).fill(9));
      const message = new TextEncoder().encode('flip me');
      const signature = await sign(message, pair.privateKey);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: 511 }), async (bit) => {
          const tampered = new Uint8Array(signature);
          tampered[bit >> 3]! ^= 1 << (bit & 7);
          expect(await verify(tampered, message, pair.publicKey)).toBe(false);
        }),
        { numRuns: backend === 'noble' ? 20 : 80 },
      );
      expect(await verify(signature, 'flip mE', pair.publicKey)).toBe(false);
      const other = await keyPairFromSeed(new Uint8Array(32).fill(10));
      expect(await verify(signature, message, other.publicKey)).toBe(false);
    });

    it('signs strings as UTF-8', async () => {
      useEd25519Backend(backend);
      const pair = await keyPairFromSeed(new Uint8Array(32).fill(1));
      const text = 'héllo, wörld ✓ 🔑';
      const fromString = await sign(text, pair.privateKey);
      expect(fromString).toEqual(await sign(new TextEncoder().encode(text), pair.privateKey));
      expect(await verify(fromString, text, pair.publicKey)).toBe(true);
    });

    it('sees through mutation of cached key arrays', async () => {
      useEd25519Backend(backend);
      const a = await keyPairFromSeed(new Uint8Array(32).fill(3));
      const b = await keyPairFromSeed(new Uint8Array(32).fill(4));
      const seed = new Uint8Array(a.privateKey);
      const sigA = await sign('m', seed);
      seed.set(b.privateKey); // same array object, new key
      expect(await sign('m', seed)).toEqual(await sign('m', b.privateKey));
      const publicKey = new Uint8Array(a.publicKey);
      expect(await verify(sigA, 'm', publicKey)).toBe(true);
      publicKey.set(b.publicKey);
      expect(await verify(sigA, 'm', publicKey)).toBe(false);
      forgetEd25519Key(seed);
      forgetEd25519Key();
      expect(await verify(sigA, 'm', a.publicKey)).toBe(true);
    });

    it('verifyBatch answers like verify, in order', async () => {
      useEd25519Backend(backend);
      const pair = await keyPairFromSeed(new Uint8Array(32).fill(5));
      const items = await Promise.all(
        Array.from({ length: 12 }, async (_, i) => {
          const message = `message ${i}`;
          const signature = await sign(message, pair.privateKey);
          if (i % 3 === 0) signature[40]! ^= 4;
          return { signature, message, publicKey: pair.publicKey };
        }),
      );
      const expected = await Promise.all(
        items.map((it) => verify(it.signature, it.message, it.publicKey)),
      );
      expect(await verifyBatch(items, { concurrency: 5 })).toEqual(expected);
      expect(expected.filter(Boolean)).toHaveLength(8);
      expect(await verifyBatch([])).toEqual([]);
    });
  },
);

describe('coded errors', () => {
  const seed = new Uint8Array(32).fill(7);
  const signature = new Uint8Array(64);
  const publicKey = new Uint8Array(32).fill(1);

  it('sign refuses a bad private key or message', async () => {
    await expect(sign('m', new Uint8Array(31))).rejects.toMatchObject({
      code: 'INVALID_PRIVATE_KEY',
    });
    const expanded = new Uint8Array(64).fill(0xab);
    const error = (await sign('m', expanded).then(
      () => new Error('no error'),
      (e: unknown) => e,
    )) as Error;
    expect(error).toMatchObject({ code: 'INVALID_PRIVATE_KEY' });
    expect(error.message).toContain('first 32 bytes');
    expect(error.message).not.toContain('abab');
    await expect(sign('m', 'seed' as never)).rejects.toMatchObject({ code: 'INVALID_PRIVATE_KEY' });
    await expect(sign(42 as never, seed)).rejects.toMatchObject({ code: 'INVALID_MESSAGE' });
  });

  it('verify refuses wrong types and lengths, and answers false otherwise', async () => {
    await expect(verify(new Uint8Array(63), 'm', publicKey)).rejects.toMatchObject({
      code: 'INVALID_SIGNATURE',
    });
    await expect(verify('sig' as never, 'm', publicKey)).rejects.toMatchObject({
      code: 'INVALID_SIGNATURE',
    });
    await expect(verify(signature, null as never, publicKey)).rejects.toMatchObject({
      code: 'INVALID_MESSAGE',
    });
    await expect(verify(signature, 'm', new Uint8Array(33))).rejects.toMatchObject({
      code: 'INVALID_PUBLIC_KEY',
    });
    await expect(verify(signature, 'm', [1, 2] as never)).rejects.toMatchObject({
      code: 'INVALID_PUBLIC_KEY',
    });
    expect(await verify(signature, 'm', new Uint8Array(32))).toBe(false); // small-order key: false, not an error
  });

  it('verifyBatch refuses bad items with their index, and a bad concurrency', async () => {
    const good = { signature, message: 'm', publicKey };
    await expect(verifyBatch('x' as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(verifyBatch([good, null as never])).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(verifyBatch([good, { ...good, signature: new Uint8Array(2) }])).rejects.toThrow(
      /items\[1\]\.signature/,
    );
    await expect(verifyBatch([{ ...good, publicKey: new Uint8Array(2) }])).rejects.toMatchObject({
      code: 'INVALID_PUBLIC_KEY',
    });
    await expect(verifyBatch([{ ...good, message: 5 as never }])).rejects.toMatchObject({
      code: 'INVALID_MESSAGE',
    });
    for (const concurrency of [0, 1.5, 2000]) {
      await expect(verifyBatch([good], { concurrency })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    }
  });

  it('node:crypto agrees that our public key encoding is right', async () => {
    const pair = await keyPairFromSeed(seed);
    const jwk = createPublicKey({
      key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), pair.publicKey]),
      format: 'der',
      type: 'spki',
    }).export({ format: 'jwk' });
    expect(jwk.x).toBe(Buffer.from(pair.publicKey).toString('base64url'));
  });
});
