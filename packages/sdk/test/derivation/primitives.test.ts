// The raw KDFs: coded errors for bad arguments, the platform-failure path, and agreement between
// the two Argon2id engines.
import { describe, expect, it } from 'vitest';
import { argon2id } from '../../src/derivation/argon2id.js';
import type { HashName } from '../../src/derivation/hash-names.js';
import { normalizeHashName } from '../../src/derivation/hash-names.js';
import { hkdf } from '../../src/derivation/hkdf.js';
import { pbkdf2 } from '../../src/derivation/pbkdf2.js';
import { scrypt } from '../../src/derivation/scrypt.js';
import { bytesToHex } from '../../src/encoding/hex.js';
import { utf8ToBytes } from '../../src/encoding/utf8.js';
import { expectCodedError } from './expect-coded-error.js';

const key = new Uint8Array(32).fill(7);
const salt16 = new Uint8Array(16).fill(9);
const empty = new Uint8Array(0);
const asHash = (value: string) => value as HashName;
const asBytes = (value: unknown) => value as Uint8Array;

describe('hkdf', () => {
  it('refuses an unknown hash with UNSUPPORTED_ALGORITHM', async () => {
    const error = await expectCodedError(
      hkdf(asHash('SHA-1'), key, empty, empty, 32),
      'UNSUPPORTED_ALGORITHM',
    );
    expect(error.message).toContain('SHA-256, SHA-384, SHA-512');
  });
  it('refuses lengths outside 1..255 × HashLen (RFC 5869 §2.3)', async () => {
    await expectCodedError(hkdf('SHA-256', key, empty, empty, 0), 'INVALID_ARGUMENT');
    await expectCodedError(hkdf('SHA-256', key, empty, empty, 255 * 32 + 1), 'INVALID_ARGUMENT');
    await expectCodedError(hkdf('SHA-256', key, empty, empty, 1.5), 'INVALID_ARGUMENT');
    expect(await hkdf('SHA-256', key, empty, empty, 255 * 32)).toHaveLength(255 * 32);
    expect(await hkdf('SHA-512', key, empty, empty, 255 * 64)).toHaveLength(255 * 64);
  });
  it('refuses inputs that are not bytes, naming them', async () => {
    const error = await expectCodedError(
      hkdf('SHA-256', asBytes('key'), empty, empty, 32),
      'INVALID_ARGUMENT',
    );
    expect(error.message).toContain('ikm');
    await expectCodedError(hkdf('SHA-256', key, asBytes([1, 2]), empty, 32), 'INVALID_ARGUMENT');
    await expectCodedError(hkdf('SHA-256', key, empty, asBytes('info'), 32), 'INVALID_ARGUMENT');
  });
  it('gives the same output on the synchronous and the WebCrypto path', async () => {
    const { hkdf: nobleHkdf } = await import('@noble/hashes/hkdf.js');
    const { sha256 } = await import('@noble/hashes/sha2.js');
    // A large IKM goes through WebCrypto; a large info stays on noble (OpenSSL caps info at 1 KiB).
    const bigIkm = new Uint8Array(5000).fill(3);
    const bigInfo = new Uint8Array(5000).fill(4);
    for (const [ikm, info] of [
      [bigIkm, salt16],
      [key, bigInfo],
    ] as const) {
      const ours = await hkdf('SHA-256', ikm, salt16, info, 64);
      expect(bytesToHex(ours)).toBe(bytesToHex(nobleHkdf(sha256, ikm, salt16, info, 64)));
    }
  });
});

describe('hash names', () => {
  it('accepts the spellings other DataFold faces write and returns the WebCrypto one', () => {
    expect(normalizeHashName('sha256')).toBe('SHA-256');
    expect(normalizeHashName('SHA384')).toBe('SHA-384');
    expect(normalizeHashName('sha-512')).toBe('SHA-512');
  });
  it('refuses SHA-1, MD5 and non-strings', async () => {
    for (const bad of ['SHA-1', 'md5', 42, undefined]) {
      await expectCodedError(() => normalizeHashName(bad), 'UNSUPPORTED_ALGORITHM');
    }
  });
});

describe('pbkdf2', () => {
  it('has no floor of its own: one iteration works (the published vectors need it)', async () => {
    expect(await pbkdf2(utf8ToBytes('p'), salt16, 1, 32, 'SHA-256')).toHaveLength(32);
  });
  it('refuses zero or fractional iterations, bad lengths, bad hashes and non-bytes', async () => {
    await expectCodedError(pbkdf2(key, salt16, 0, 32, 'SHA-256'), 'INVALID_ARGUMENT');
    await expectCodedError(pbkdf2(key, salt16, 1.5, 32, 'SHA-256'), 'INVALID_ARGUMENT');
    await expectCodedError(pbkdf2(key, salt16, 1, 0, 'SHA-256'), 'INVALID_ARGUMENT');
    await expectCodedError(pbkdf2(key, salt16, 1, 1025, 'SHA-256'), 'INVALID_ARGUMENT');
    await expectCodedError(pbkdf2(key, salt16, 1, 32, asHash('SHA-1')), 'UNSUPPORTED_ALGORITHM');
    await expectCodedError(
      pbkdf2(asBytes('password'), salt16, 1, 32, 'SHA-256'),
      'INVALID_ARGUMENT',
    );
  });
});

describe('scrypt', () => {
  const ok = { n: 16, r: 1, p: 1, length: 32 };
  it('refuses N that is not a power of two above 1 (RFC 7914 §2)', async () => {
    for (const n of [0, 1, 3, 1000, 2.5]) {
      const error = await expectCodedError(scrypt(key, salt16, { ...ok, n }), 'INVALID_ARGUMENT');
      expect(error.message).toMatch(/\bn\b/);
    }
  });
  it('refuses r or p below 1, p × r ≥ 2^30, a missing params object and bad lengths', async () => {
    await expectCodedError(scrypt(key, salt16, { ...ok, r: 0 }), 'INVALID_ARGUMENT');
    await expectCodedError(scrypt(key, salt16, { ...ok, p: 0 }), 'INVALID_ARGUMENT');
    await expectCodedError(
      scrypt(key, salt16, { ...ok, r: 2 ** 15, p: 2 ** 15 }),
      'INVALID_ARGUMENT',
    );
    await expectCodedError(scrypt(key, salt16, { ...ok, length: 0 }), 'INVALID_ARGUMENT');
    await expectCodedError(scrypt(key, salt16, null as unknown as typeof ok), 'INVALID_ARGUMENT');
  });
  it('turns a platform failure (memory it cannot get) into KEY_DERIVATION_FAILED', async () => {
    const error = await expectCodedError(
      scrypt(key, salt16, { n: 2 ** 31, r: 8, p: 1, length: 32 }),
      'KEY_DERIVATION_FAILED',
    );
    expect(error.cause).toBeInstanceOf(Error);
  });
});

describe('argon2id', () => {
  const ok = { memory: 64, iterations: 1, parallelism: 1, length: 32 };
  it('refuses a salt under 8 bytes, m < 8p, T < 4, p = 0 (RFC 9106 §3.1)', async () => {
    const error = await expectCodedError(argon2id(key, new Uint8Array(7), ok), 'INVALID_ARGUMENT');
    expect(error.message).toContain('salt');
    await expectCodedError(argon2id(key, salt16, { ...ok, parallelism: 9 }), 'INVALID_ARGUMENT');
    await expectCodedError(argon2id(key, salt16, { ...ok, length: 3 }), 'INVALID_ARGUMENT');
    await expectCodedError(argon2id(key, salt16, { ...ok, parallelism: 0 }), 'INVALID_ARGUMENT');
    await expectCodedError(argon2id(key, salt16, { ...ok, iterations: 0 }), 'INVALID_ARGUMENT');
  });
  it('refuses a secret or associated data that are not bytes', async () => {
    await expectCodedError(
      argon2id(key, salt16, { ...ok, secret: asBytes('s') }),
      'INVALID_ARGUMENT',
    );
    await expectCodedError(
      argon2id(key, salt16, { ...ok, associatedData: asBytes(1) }),
      'INVALID_ARGUMENT',
    );
  });
  it('gives the same tag from both engines, with and without a secret', async () => {
    const secret = new Uint8Array(16).fill(5);
    for (const extra of [{}, { secret }]) {
      const wasm = await argon2id(key, salt16, { ...ok, ...extra });
      const pureJs = await argon2id(key, salt16, { ...ok, ...extra, associatedData: empty });
      expect(bytesToHex(wasm)).toBe(bytesToHex(pureJs));
    }
  });
  it('accepts an empty password (RFC 9106 §3.1), which hash-wasm and the C CLI refuse', async () => {
    const tag = await argon2id(empty, utf8ToBytes('somesalt'), { ...ok, iterations: 2 });
    // OpenSSL 3.2's Argon2id through pyca/cryptography: Argon2id(salt=b'somesalt', length=32,
    // iterations=2, lanes=1, memory_cost=64).derive(b'').
    expect(bytesToHex(tag)).toBe(
      'afa6822311a2d66fe5c27f3ccda2840f8ff25cd6e77c98f3d7bc15b8c0463a03',
    );
  });
  it('turns a platform failure (memory it cannot get) into KEY_DERIVATION_FAILED', async () => {
    await expectCodedError(
      argon2id(key, salt16, { ...ok, memory: 2 ** 32 - 1 }),
      'KEY_DERIVATION_FAILED',
    );
  });
});
