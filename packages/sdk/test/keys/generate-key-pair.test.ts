import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../../src/encoding/hex.js';
import {
  assertValidPublicKey,
  generateKeyPair,
  generateMultipleKeyPairs,
  getPublicKey,
  getPublicKeySync,
  isValidPublicKey,
  keyPairFromSeed,
  MAX_KEY_PAIRS_PER_CALL,
} from '../../src/keys/index.js';
import { useEd25519Backend, verify, sign } from '../../src/signatures/index.js';

// RFC 8032 §7.1 TEST 1.
const SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'));

describe('generateKeyPair', () => {
  it('makes a 32-byte seed and a valid public key that sign and verify', async () => {
    const pair = await generateKeyPair();
    expect(pair.privateKey).toBeInstanceOf(Uint8Array);
    expect(pair.privateKey).toHaveLength(32);
    expect(pair.publicKey).toHaveLength(32);
    expect(isValidPublicKey(pair.publicKey)).toBe(true);
    expect(pair.publicKey).toEqual(await getPublicKey(pair.privateKey));
    expect(await verify(await sign('x', pair.privateKey), 'x', pair.publicKey)).toBe(true);
  });

  it('is deterministic with entropy, and copies it', async () => {
    const entropy = hex(SEED);
    const pair = await generateKeyPair({ entropy });
    expect(bytesToHex(pair.publicKey)).toBe(PUBLIC);
    expect(pair.privateKey).not.toBe(entropy);
    pair.privateKey.fill(0);
    expect(bytesToHex(entropy)).toBe(SEED);
    expect(await generateKeyPair({ entropy, validate: false })).toEqual(
      await generateKeyPair({ entropy }),
    );
  });

  it('gives fresh keys each call', async () => {
    const a = await generateKeyPair({ validate: false });
    const b = await generateKeyPair({ validate: false });
    expect(bytesToHex(a.privateKey)).not.toBe(bytesToHex(b.privateKey));
  });

  it.each(['webcrypto', 'noble'] as const)(
    'generates and derives on the %s backend',
    async (backend) => {
      useEd25519Backend(backend);
      try {
        const pair = await generateKeyPair({ entropy: hex(SEED) });
        expect(bytesToHex(pair.publicKey)).toBe(PUBLIC);
        expect(bytesToHex(await getPublicKey(hex(SEED)))).toBe(PUBLIC);
        const fresh = await generateKeyPair();
        expect(fresh.publicKey).toEqual(getPublicKeySync(fresh.privateKey));
        expect(isValidPublicKey(fresh.publicKey)).toBe(true);
        const signature = await sign('after generation', fresh.privateKey);
        useEd25519Backend(backend === 'noble' ? 'webcrypto' : 'noble');
        expect(await sign('after generation', fresh.privateKey)).toEqual(signature);
        expect(await verify(signature, 'after generation', fresh.publicKey)).toBe(true);
      } finally {
        useEd25519Backend('auto');
      }
    },
  );

  it('refuses entropy that is not exactly 32 bytes with INVALID_ENTROPY', async () => {
    for (const entropy of [
      new Uint8Array(31),
      new Uint8Array(33),
      new Uint8Array(0),
      'x'.repeat(32),
      [1, 2],
    ]) {
      await expect(generateKeyPair({ entropy: entropy as never })).rejects.toMatchObject({
        code: 'INVALID_ENTROPY',
      });
    }
    const error = (await generateKeyPair({ entropy: new Uint8Array(31).fill(0xcd) }).then(
      () => new Error('no error'),
      (e: unknown) => e,
    )) as Error;
    expect(error.message).toContain('31');
    expect(error.message).not.toMatch(/cdcd/i);
  });

  it('refuses malformed options with INVALID_ARGUMENT', async () => {
    await expect(generateKeyPair(null as never)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(generateKeyPair({ validate: 'yes' as never })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});

describe('generateMultipleKeyPairs', () => {
  it('makes count distinct pairs', async () => {
    const pairs = await generateMultipleKeyPairs(5, { validate: false });
    expect(pairs).toHaveLength(5);
    expect(new Set(pairs.map((p) => bytesToHex(p.privateKey))).size).toBe(5);
    expect(new Set(pairs.map((p) => bytesToHex(p.publicKey))).size).toBe(5);
  });

  it('refuses a count out of range or not an integer', async () => {
    for (const count of [
      0,
      -1,
      1.5,
      MAX_KEY_PAIRS_PER_CALL + 1,
      Number.NaN,
      Infinity,
      '3',
      undefined,
    ]) {
      await expect(generateMultipleKeyPairs(count as never)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    }
  });

  it('refuses entropy, which would repeat one pair', async () => {
    await expect(
      generateMultipleKeyPairs(2, { entropy: hex(SEED) } as never),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(
      generateMultipleKeyPairs(2, { entropy: new Uint8Array(3) } as never),
    ).rejects.toMatchObject({
      code: 'INVALID_ENTROPY',
    });
  });
});

describe('keyPairFromSeed and getPublicKey', () => {
  it('derive the RFC 8032 public key and copy the seed', async () => {
    const seed = hex(SEED);
    const pair = await keyPairFromSeed(seed);
    expect(bytesToHex(pair.publicKey)).toBe(PUBLIC);
    expect(pair.privateKey).toEqual(seed);
    expect(pair.privateKey).not.toBe(seed);
    expect(bytesToHex(getPublicKeySync(seed))).toBe(PUBLIC);
  });

  it('are deterministic', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), async (seed) => {
        expect(await keyPairFromSeed(seed)).toEqual(await keyPairFromSeed(seed));
      }),
      { numRuns: 20 },
    );
  });

  it('refuse anything but 32 bytes with INVALID_PRIVATE_KEY', async () => {
    for (const bad of [new Uint8Array(31), new Uint8Array(64), 'seed', null, undefined]) {
      await expect(keyPairFromSeed(bad as never)).rejects.toMatchObject({
        code: 'INVALID_PRIVATE_KEY',
      });
      await expect(getPublicKey(bad as never)).rejects.toMatchObject({
        code: 'INVALID_PRIVATE_KEY',
      });
      expect(() => getPublicKeySync(bad as never)).toThrow(
        expect.objectContaining({ code: 'INVALID_PRIVATE_KEY' }),
      );
    }
  });
});

describe('isValidPublicKey / assertValidPublicKey', () => {
  it('accept generated keys', async () => {
    const pair = await generateKeyPair({ validate: false });
    expect(isValidPublicKey(pair.publicKey)).toBe(true);
    expect(() => assertValidPublicKey(pair.publicKey)).not.toThrow();
  });

  it.each([
    ['not bytes', 'ab'.repeat(32), /Uint8Array/],
    ['31 bytes', new Uint8Array(31), /32 bytes, got 31/],
    ['y = 0 (order 4)', new Uint8Array(32), /small order/],
    ['the identity', hex('01'.padEnd(64, '0')), /small order/],
    ['y = p (non-canonical)', hex('ed' + 'ff'.repeat(30) + '7f'), /not canonical/],
    ['all bits set', new Uint8Array(32).fill(0xff), /not canonical/],
    ['y = 2, not on the curve', hex('02'.padEnd(64, '0')), /not a point/],
  ])('refuse %s with INVALID_PUBLIC_KEY', (_, key, message) => {
    expect(isValidPublicKey(key)).toBe(false);
    expect(() => assertValidPublicKey(key)).toThrow(
      expect.objectContaining({ code: 'INVALID_PUBLIC_KEY' }),
    );
    expect(() => assertValidPublicKey(key)).toThrow(message);
  });
});
