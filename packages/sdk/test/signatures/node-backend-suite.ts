// The 'node' backend pinned to the same vectors and policy as the others: every Ed25519 vector
// file, agreement with WebCrypto and noble case by case, random and tampered signatures. Run once
// per native verifier (node-backend-sodium.test.ts, node-backend-openssl.test.ts).
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { bytesToHex as toHex } from '../../src/encoding/hex.js';
import {
  generateKeyPair,
  getPublicKey,
  isValidPublicKey,
  keyPairFromSeed,
} from '../../src/keys/index.js';
import {
  forgetEd25519Key,
  getEd25519Backend,
  isEd25519BackendAvailable,
  sign,
  useEd25519Backend,
  verify,
  verifyBatch,
} from '../../src/signatures/index.js';
import { runEd25519Vectors } from '../vectors/ed25519-vectors.js';
import { loadEd25519Vectors } from './load-vectors.js';
import { sdk } from './sdk-namespace.js';

/** Registers the suite's tests for the node backend as registered now, named by `verifier`. */
export async function describeNodeBackend(verifier: string): Promise<void> {
  afterAll(() => useEd25519Backend('auto'));

  const vectors = loadEd25519Vectors();
  const results = await runEd25519Vectors(sdk, vectors, ['node', 'webcrypto', 'noble']);

  describe(`the node backend (${verifier}) on the Ed25519 vectors`, () => {
    it('is registered, and what auto picks', async () => {
      expect(await isEd25519BackendAvailable('node')).toBe(true);
      useEd25519Backend('auto');
      expect(await getEd25519Backend()).toBe('node');
    });

    it('ran every case of every file on node, and compared it with webcrypto and noble', () => {
      const suites = new Set(results.map((r) => r.suite));
      for (const suite of ['backend/node', 'rfc8032/node', 'edge-cases/node', 'backends-agree']) {
        expect(suites).toContain(suite);
      }
      expect(results.filter((r) => r.suite === 'edge-cases/node')).toHaveLength(
        vectors.edgeCases.cases.length + 1,
      );
      expect(results.filter((r) => r.suite === 'backends-agree')).toHaveLength(
        2 * vectors.edgeCases.cases.length,
      );
    });

    it.each(results.map((r) => [`${r.suite}: ${r.name}`, r] as const))('%s', (_, result) => {
      expect(result.detail ?? '').toBe('');
      expect(result.ok).toBe(true);
    });
  });

  describe(`the node backend (${verifier}) against the portable ones`, () => {
    const seedArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
    const messageArb = fc.uint8Array({ maxLength: 300 });

    async function verifyOn(
      backend: 'node' | 'webcrypto' | 'noble',
      signature: Uint8Array,
      message: Uint8Array,
      publicKey: Uint8Array,
    ): Promise<boolean> {
      useEd25519Backend(backend);
      return verify(signature, message, publicKey);
    }

    it('accepts its own signatures and agrees on every tampered one', async () => {
      await fc.assert(
        fc.asyncProperty(
          seedArb,
          messageArb,
          fc.nat(63),
          fc.integer({ min: 1, max: 255 }),
          async (seed, message, at, flip) => {
            useEd25519Backend('node');
            const pair = await keyPairFromSeed(seed);
            const signature = await sign(message, pair.privateKey);
            expect(await verify(signature, message, pair.publicKey)).toBe(true);
            const tampered = signature.slice();
            tampered[at]! ^= flip;
            const answers = await Promise.all(
              (['node', 'webcrypto', 'noble'] as const).map((b) =>
                verifyOn(b, tampered, message, pair.publicKey),
              ),
            );
            expect(new Set(answers).size).toBe(1);
          },
        ),
        { numRuns: 40 },
      );
    });

    it('signs byte for byte as the portable backends do, and derives the same public keys', async () => {
      await fc.assert(
        fc.asyncProperty(seedArb, messageArb, async (seed, message) => {
          const answers = [];
          for (const backend of ['node', 'webcrypto', 'noble'] as const) {
            useEd25519Backend(backend);
            const signature = await sign(message, seed);
            answers.push(`${toHex(signature)}/${toHex(await getPublicKey(seed))}`);
          }
          expect(new Set(answers).size).toBe(1);
        }),
        { numRuns: 25 },
      );
    });

    it('generates pairs whose keys agree with the portable backends', async () => {
      useEd25519Backend('node');
      const pair = await generateKeyPair({ validate: false });
      expect(pair.privateKey).toBeInstanceOf(Uint8Array);
      expect(Buffer.isBuffer(pair.privateKey) || Buffer.isBuffer(pair.publicKey)).toBe(false);
      expect(isValidPublicKey(pair.publicKey)).toBe(true);
      const signature = await sign('fresh', pair.privateKey);
      expect(Buffer.isBuffer(signature)).toBe(false);
      for (const backend of ['webcrypto', 'noble'] as const) {
        useEd25519Backend(backend);
        expect(await getPublicKey(pair.privateKey)).toEqual(pair.publicKey);
        expect(await sign('fresh', pair.privateKey)).toEqual(signature);
        expect(await verify(signature, 'fresh', pair.publicKey)).toBe(true);
      }
      useEd25519Backend('node');
      expect((await generateKeyPair()).publicKey).toHaveLength(32); // with the round trip
    });

    it('signs with the bytes the array holds now, never a cached key of old bytes', async () => {
      useEd25519Backend('node');
      const seed = new Uint8Array(32).fill(11);
      const first = await sign('m', seed);
      seed[0]! ^= 1; // same array, other key
      const second = await sign('m', seed);
      expect(second).not.toEqual(first);
      useEd25519Backend('noble');
      expect(await sign('m', seed)).toEqual(second);
      useEd25519Backend('node');
      forgetEd25519Key(seed);
      expect(await sign('m', seed)).toEqual(second);
      forgetEd25519Key();
      expect(await sign('m', seed)).toEqual(second);
    });

    it('answers from its key cache per value, and never from a forgotten or mutated array', async () => {
      useEd25519Backend('node');
      const pair = await keyPairFromSeed(new Uint8Array(32).fill(9));
      const signature = await sign('m', pair.privateKey);
      expect(await verify(signature, 'm', new Uint8Array(pair.publicKey))).toBe(true);
      const key = new Uint8Array(pair.publicKey);
      expect(await verify(signature, 'm', key)).toBe(true);
      key[0]! ^= 1; // same array, other bytes: must not hit the cached KeyObject
      expect(await verify(signature, 'm', key)).toBe(false);
      forgetEd25519Key(key);
      forgetEd25519Key();
      expect(await verify(signature, 'm', pair.publicKey)).toBe(true);
    });

    it('verifyBatch on node agrees with verify', async () => {
      useEd25519Backend('node');
      const pair = await keyPairFromSeed(new Uint8Array(32).fill(3));
      const good = await sign('a', pair.privateKey);
      const bad = good.slice();
      bad[5]! ^= 4;
      expect(
        await verifyBatch([
          { signature: good, message: 'a', publicKey: pair.publicKey },
          { signature: bad, message: 'a', publicKey: pair.publicKey },
        ]),
      ).toEqual([true, false]);
    });
  });
}
