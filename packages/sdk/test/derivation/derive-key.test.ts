import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DERIVATION_CONTEXTS } from '../../src/derivation/derivation-contexts.js';
import { DERIVE_KEY_DEFAULTS, deriveKey } from '../../src/derivation/derive-key.js';
import type { DeriveKeyOptions, DerivedKey } from '../../src/derivation/derived-key.js';
import { bytesToHex } from '../../src/encoding/hex.js';
import { utf8ToBytes } from '../../src/encoding/utf8.js';
import { expectCodedError } from './expect-coded-error.js';

const master = new Uint8Array(32).map((_, i) => i + 1);
const salt = new Uint8Array(16).fill(0x5a);
const options = (value: unknown) => value as DeriveKeyOptions;

// Cheapest parameters at each floor, so tests stay quick.
const CHEAP = {
  PBKDF2: { algorithm: 'PBKDF2', iterations: 100_000 },
  scrypt: { algorithm: 'scrypt', n: 2 ** 15, r: 8, p: 1 },
  argon2id: { algorithm: 'argon2id', memory: 19456, iterations: 2, parallelism: 1 },
} as const;

describe('deriveKey', () => {
  it('maps the context names to the datafold_..._v1 info strings', async () => {
    for (const [name, info] of Object.entries(DERIVATION_CONTEXTS)) {
      const byName = await deriveKey(master, { algorithm: 'HKDF', info: name, salt });
      const byString = await deriveKey(master, {
        algorithm: 'HKDF',
        info: utf8ToBytes(info),
        salt,
      });
      expect(byName.context).toBe(info);
      expect(byName.info).toEqual(utf8ToBytes(info));
      expect(bytesToHex(byName.key)).toBe(bytesToHex(byString.key));
    }
    expect(DERIVATION_CONTEXTS).toEqual({
      DATA_ENCRYPTION: 'datafold_data_encryption_v1',
      SIGNING: 'datafold_signing_v1',
      AUTHENTICATION: 'datafold_auth_v1',
    });
  });

  it('records every default it used, and a fresh random 32-byte salt', async () => {
    const a = await deriveKey(master, { algorithm: 'HKDF', info: 'SIGNING' });
    const b = await deriveKey(master, { algorithm: 'HKDF', info: 'SIGNING' });
    expect(a).toMatchObject({ algorithm: 'HKDF', hash: 'SHA-256', length: 32 });
    expect(a.salt).toHaveLength(32);
    expect(bytesToHex(a.salt)).not.toBe(bytesToHex(b.salt));
    expect(bytesToHex(a.key)).not.toBe(bytesToHex(b.key));

    const argon = await deriveKey('correct horse battery staple', { algorithm: 'argon2id', salt });
    expect(argon).toMatchObject({ ...DERIVE_KEY_DEFAULTS.argon2id, length: 32 });
    expect(argon).not.toHaveProperty('hash');
    expect(argon).not.toHaveProperty('info');
  });

  it('takes a password as a string (UTF-8) for the password KDFs', async () => {
    for (const cheap of Object.values(CHEAP)) {
      const fromString = await deriveKey('pässword', { ...cheap, salt });
      const fromBytes = await deriveKey(utf8ToBytes('pässword'), { ...cheap, salt });
      expect(bytesToHex(fromString.key)).toBe(bytesToHex(fromBytes.key));
    }
  });

  it('accepts algorithm names in any case and returns the canonical one', async () => {
    const derived = await deriveKey(master, options({ algorithm: 'hkdf', salt }));
    expect(derived.algorithm).toBe('HKDF');
  });

  it('keeps its own copies of the salt and info', async () => {
    const mySalt = new Uint8Array(salt);
    const info = utf8ToBytes('app');
    const derived = await deriveKey(master, { algorithm: 'HKDF', salt: mySalt, info });
    mySalt.fill(0);
    info.fill(0);
    expect(derived.salt).toEqual(salt);
    expect(derived.info).toEqual(utf8ToBytes('app'));
  });

  it('is reproducible from the parameters it returns (property)', async () => {
    const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max });
    const hash = fc.constantFrom('SHA-256', 'SHA-384', 'SHA-512');
    const length = fc.integer({ min: 16, max: 96 });
    const hkdf = fc.record({
      algorithm: fc.constant('HKDF'),
      info: fc.option(
        fc.oneof(fc.constantFrom('DATA_ENCRYPTION', 'SIGNING'), fc.string(), bytes(0, 40)),
        { nil: undefined },
      ),
      hash: fc.option(hash, { nil: undefined }),
      length: fc.option(length, { nil: undefined }),
      salt: fc.option(bytes(0, 48), { nil: undefined }),
    });
    const pbkdf2 = fc.record({
      algorithm: fc.constant('PBKDF2'),
      iterations: fc.integer({ min: 100_000, max: 110_000 }),
      hash: fc.option(hash, { nil: undefined }),
      length: fc.option(length, { nil: undefined }),
    });
    const scrypt = fc.record({
      algorithm: fc.constant('scrypt'),
      n: fc.constant(2 ** 15),
      r: fc.integer({ min: 8, max: 9 }),
      p: fc.constant(1),
      length: fc.option(length, { nil: undefined }),
    });
    const argon = fc.record({
      algorithm: fc.constant('argon2id'),
      memory: fc.integer({ min: 19456, max: 20480 }),
      iterations: fc.constant(2),
      parallelism: fc.integer({ min: 1, max: 2 }),
      length: fc.option(length, { nil: undefined }),
    });
    const algorithmOptions = fc.oneof(
      { arbitrary: hkdf, weight: 6 },
      { arbitrary: pbkdf2, weight: 2 },
      { arbitrary: scrypt, weight: 1 },
      { arbitrary: argon, weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(bytes(16, 64), algorithmOptions, async (key, opts) => {
        const clean = Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined));
        const first = await deriveKey(key, options(clean));
        // A DerivedKey is valid options: everything needed is in it.
        const again = await deriveKey(key, first);
        expect(bytesToHex(again.key)).toBe(bytesToHex(first.key));
        expect(first.key).toHaveLength(first.length);
        // `context` is the info as text, present only when info was given as text.
        const withoutContext = (d: DerivedKey) => ({ ...d, context: undefined });
        expect(withoutContext(again)).toEqual(withoutContext(first));
      }),
      { numRuns: 24 },
    );
  });
});

describe('deriveKey refuses bad input with a coded error', () => {
  it('UNSUPPORTED_ALGORITHM for an unknown algorithm or hash', async () => {
    await expectCodedError(
      deriveKey(master, options({ algorithm: 'bcrypt' })),
      'UNSUPPORTED_ALGORITHM',
    );
    await expectCodedError(deriveKey(master, options({ algorithm: 42 })), 'UNSUPPORTED_ALGORITHM');
    for (const name of ['constructor', '__proto__', 'toString']) {
      await expectCodedError(
        deriveKey(master, options({ algorithm: name })),
        'UNSUPPORTED_ALGORITHM',
      );
      await expectCodedError(
        deriveKey(master, options({ algorithm: 'HKDF', hash: name })),
        'UNSUPPORTED_ALGORITHM',
      );
    }
    await expectCodedError(
      deriveKey(master, options({ algorithm: 'HKDF', hash: 'MD5' })),
      'UNSUPPORTED_ALGORITHM',
    );
    await expectCodedError(
      deriveKey(master, options({ ...CHEAP.PBKDF2, hash: 'SHA-1', salt })),
      'UNSUPPORTED_ALGORITHM',
    );
  });

  it('KDF_PARAMS_UNSAFE below the floors, naming the parameter', async () => {
    const cases: [DeriveKeyOptions, string][] = [
      [{ ...CHEAP.PBKDF2, iterations: 99_999, salt }, 'iterations'],
      [{ ...CHEAP.scrypt, n: 2 ** 14, salt }, 'n'],
      [{ ...CHEAP.scrypt, r: 4, salt }, 'r'],
      [{ ...CHEAP.argon2id, memory: 19455, salt }, 'memory'],
      [{ ...CHEAP.argon2id, iterations: 1, salt }, 'iterations'],
      [{ ...CHEAP.argon2id, memory: 2 ** 21, salt }, 'memory'],
      [{ ...CHEAP.PBKDF2, salt: new Uint8Array(15) }, 'salt'],
    ];
    for (const [opts, parameter] of cases) {
      const error = await expectCodedError(deriveKey('a passphrase', opts), 'KDF_PARAMS_UNSAFE');
      expect(error.details.parameter).toBe(parameter);
    }
  });

  it('INVALID_ARGUMENT for wrong types, lengths and options of another algorithm', async () => {
    const cases: [unknown, unknown][] = [
      [master, null],
      [master, 'HKDF'],
      ['a string', { algorithm: 'HKDF' }],
      [new Uint8Array(15), { algorithm: 'HKDF' }],
      [new Uint8Array(0), { ...CHEAP.PBKDF2 }],
      [[1, 2, 3], { ...CHEAP.PBKDF2 }],
      [master, { algorithm: 'HKDF', length: 15 }],
      [master, { algorithm: 'HKDF', length: 1025 }],
      [master, { algorithm: 'HKDF', length: 255 * 32 + 1 }],
      [master, { algorithm: 'HKDF', length: '32' }],
      [master, { algorithm: 'HKDF', salt: 'salt' }],
      [master, { algorithm: 'HKDF', info: 42 }],
      [master, { algorithm: 'HKDF', iterations: 100_000 }],
      [master, { algorithm: 'scrypt', hash: 'SHA-256' }],
      [master, { algorithm: 'argon2id', n: 32768 }],
      [master, { algorithm: 'PBKDF2', memory: 65536 }],
      [master, { algorithm: 'PBKDF2', info: 'SIGNING' }],
      [master, { ...CHEAP.scrypt, n: 30000, salt }],
      [master, { ...CHEAP.argon2id, memory: 19456.5, salt }],
    ];
    for (const [key, opts] of cases) {
      await expectCodedError(deriveKey(key as Uint8Array, options(opts)), 'INVALID_ARGUMENT');
    }
  });

  it('never puts the password or key material in a message', async () => {
    const password = 'hunter2-very-secret-passphrase';
    const secretHex = bytesToHex(master);
    const attempts: Promise<unknown>[] = [
      deriveKey(password, options({ ...CHEAP.PBKDF2, iterations: 5, salt })),
      deriveKey(password, options({ algorithm: 'HKDF' })),
      deriveKey(password, options({ ...CHEAP.argon2id, salt: new Uint8Array(4) })),
      deriveKey(master, options({ algorithm: 'nope' })),
      deriveKey(master, options({ algorithm: 'HKDF', info: { secret: password } })),
    ];
    for (const attempt of attempts) {
      const error = await attempt.then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error).toBeInstanceOf(Error);
      const text = `${error!.message} ${JSON.stringify(error)}`;
      expect(text).not.toContain(password);
      expect(text).not.toContain(secretHex);
    }
  });
});
