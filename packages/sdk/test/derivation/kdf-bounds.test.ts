import { describe, expect, it } from 'vitest';
import {
  ARGON2ID_MAX_MEMORY_KIB,
  ARGON2ID_MIN_ITERATIONS,
  ARGON2ID_MIN_MEMORY_KIB,
  PBKDF2_MIN_ITERATIONS,
  SCRYPT_MIN_N,
  SCRYPT_MIN_R,
  assertKdfParamsSafe,
} from '../../src/derivation/kdf-bounds.js';
import type { KdfPurpose, PasswordKdf } from '../../src/derivation/kdf-params.js';
import { expectCodedError } from './expect-coded-error.js';

const ARGON2ID_DEFAULT = { memory: 65536, iterations: 3, parallelism: 1 };
const DATAFOLD_LEGACY_SCRYPT = { n: 32768, r: 8, p: 1 };
const PBKDF2_FLOOR = { iterations: 100_000, hash: 'SHA-256' };

async function unsafe(kdf: PasswordKdf, params: unknown, purpose: KdfPurpose, parameter: string) {
  const error = await expectCodedError(
    () => assertKdfParamsSafe(kdf, params, purpose),
    'KDF_PARAMS_UNSAFE',
  );
  expect(error.details).toMatchObject({ kdf, parameter, purpose });
  // The message names the parameter and the bound.
  expect(error.message).toContain(parameter);
  expect(error.message).toContain(String(error.details.limit));
  return error;
}

describe('the documented floors', () => {
  it('are the numbers spec/derivation-v1.md states', () => {
    expect([ARGON2ID_MIN_MEMORY_KIB, ARGON2ID_MIN_ITERATIONS]).toEqual([19456, 2]);
    expect([SCRYPT_MIN_N, SCRYPT_MIN_R]).toEqual([32768, 8]);
    expect(PBKDF2_MIN_ITERATIONS).toBe(100_000);
    expect(ARGON2ID_MAX_MEMORY_KIB).toBe(1024 * 1024);
  });

  it('accept the defaults, the floors themselves, and existing DataFold scrypt backups', () => {
    for (const purpose of ['create', 'read'] as const) {
      expect(assertKdfParamsSafe('argon2id', ARGON2ID_DEFAULT, purpose)).toEqual(ARGON2ID_DEFAULT);
      expect(
        assertKdfParamsSafe('argon2id', { memory: 19456, iterations: 2, parallelism: 1 }, purpose),
      ).toEqual({ memory: 19456, iterations: 2, parallelism: 1 });
      expect(assertKdfParamsSafe('scrypt', DATAFOLD_LEGACY_SCRYPT, purpose)).toEqual(
        DATAFOLD_LEGACY_SCRYPT,
      );
      expect(assertKdfParamsSafe('pbkdf2', PBKDF2_FLOOR, purpose)).toEqual(PBKDF2_FLOOR);
    }
  });

  it('refuse weaker parameters when creating, naming the parameter and the floor', async () => {
    await unsafe('argon2id', { ...ARGON2ID_DEFAULT, memory: 19455 }, 'create', 'memory');
    await unsafe('argon2id', { ...ARGON2ID_DEFAULT, iterations: 1 }, 'create', 'iterations');
    await unsafe('scrypt', { ...DATAFOLD_LEGACY_SCRYPT, n: 16384 }, 'create', 'n');
    await unsafe('scrypt', { ...DATAFOLD_LEGACY_SCRYPT, r: 7 }, 'create', 'r');
    const error = await unsafe(
      'pbkdf2',
      { ...PBKDF2_FLOOR, iterations: 99_999 },
      'create',
      'iterations',
    );
    expect(error.message).toContain('100000');
    expect(error.details).toMatchObject({ bound: 'minimum', limit: 100000, actual: 99999 });
  });

  it('do not apply when reading, so backups made with older settings still open', () => {
    expect(assertKdfParamsSafe('pbkdf2', { iterations: 10_000 }, 'read')).toEqual({
      iterations: 10_000,
      hash: 'SHA-256',
    });
    expect(assertKdfParamsSafe('scrypt', { n: 16384, r: 8, p: 1 }, 'read')).toEqual({
      n: 16384,
      r: 8,
      p: 1,
    });
    expect(
      assertKdfParamsSafe('argon2id', { memory: 4096, iterations: 1, parallelism: 1 }, 'read'),
    ).toEqual({ memory: 4096, iterations: 1, parallelism: 1 });
  });
});

describe('the ceilings, applied to what is read and to what is created', () => {
  for (const purpose of ['create', 'read'] as const) {
    it(`refuse more than 1 GiB of memory (${purpose})`, async () => {
      await unsafe(
        'argon2id',
        { memory: 2 ** 20 + 1, iterations: 2, parallelism: 1 },
        purpose,
        'memory',
      );
      // 128 × 2^21 × 8 bytes = 2 GiB.
      await unsafe('scrypt', { n: 2 ** 21, r: 8, p: 1 }, purpose, '128 × n × r');
      await unsafe('scrypt', { n: 2 ** 15, r: 300, p: 1 }, purpose, '128 × n × r');
    });
    it(`refuse work that would take more than a few seconds (${purpose})`, async () => {
      await unsafe(
        'argon2id',
        { memory: 2 ** 20, iterations: 2, parallelism: 1 },
        purpose,
        'memory × iterations',
      );
      await unsafe(
        'argon2id',
        { memory: 65536, iterations: 10_000, parallelism: 1 },
        purpose,
        'memory × iterations',
      );
      await unsafe('scrypt', { n: 2 ** 15, r: 8, p: 64 }, purpose, 'n × r × p');
      await unsafe(
        'pbkdf2',
        { iterations: 5_000_001 },
        purpose,
        'iterations × blocks × hash weight',
      );
      await unsafe(
        'pbkdf2',
        { iterations: 2_600_000, hash: 'SHA-512' },
        purpose,
        'iterations × blocks × hash weight',
      );
      await unsafe(
        'pbkdf2',
        { iterations: 1_000_000, length: 200 },
        purpose,
        'iterations × blocks × hash weight',
      );
      await unsafe(
        'argon2id',
        { memory: 65536, iterations: 3, parallelism: 65 },
        purpose,
        'parallelism',
      );
    });
  }

  it('accept the largest parameters inside them', () => {
    expect(
      assertKdfParamsSafe('argon2id', { memory: 2 ** 20, iterations: 1, parallelism: 4 }, 'read'),
    ).toBeTruthy();
    expect(assertKdfParamsSafe('scrypt', { n: 2 ** 19, r: 8, p: 1 }, 'read')).toBeTruthy();
    expect(assertKdfParamsSafe('pbkdf2', { iterations: 5_000_000 }, 'read')).toBeTruthy();
  });

  it('refuse the structurally impossible whatever the purpose (RFC 9106 §3.1, RFC 7914 §2)', async () => {
    await unsafe('argon2id', { memory: 16, iterations: 1, parallelism: 4 }, 'read', 'memory');
    await unsafe(
      'argon2id',
      { memory: 65536, iterations: 0, parallelism: 1 },
      'read',
      'iterations',
    );
    await unsafe(
      'argon2id',
      { memory: 65536, iterations: 3, parallelism: 0 },
      'read',
      'parallelism',
    );
    await unsafe('scrypt', { n: 2 ** 15, r: 0, p: 1 }, 'read', 'r');
    await unsafe('scrypt', { n: 2 ** 15, r: 8, p: 0 }, 'read', 'p');
    await unsafe('pbkdf2', { iterations: 0 }, 'read', 'iterations');
    await unsafe('pbkdf2', { iterations: -5 }, 'read', 'iterations');
  });
});

describe('malformed parameters', () => {
  it('refuse a non-integer or missing parameter with INVALID_ARGUMENT naming it', async () => {
    for (const [kdf, params, name] of [
      ['argon2id', { memory: '65536', iterations: 3, parallelism: 1 }, 'memory'],
      ['argon2id', { memory: 65536, parallelism: 1 }, 'iterations'],
      ['scrypt', { n: 32768.5, r: 8, p: 1 }, 'n'],
      ['scrypt', { N: 32768, r: 8, p: 1 }, 'n'],
      ['pbkdf2', { iterations: 1e300 }, 'iterations'],
    ] as const) {
      const error = await expectCodedError(
        () => assertKdfParamsSafe(kdf, params, 'read'),
        'INVALID_ARGUMENT',
      );
      expect(error.message).toContain(name);
    }
  });
  it('refuse an scrypt N that is not a power of two', async () => {
    await expectCodedError(
      () => assertKdfParamsSafe('scrypt', { n: 30000, r: 8, p: 1 }, 'read'),
      'INVALID_ARGUMENT',
    );
  });
  it('refuse a params value that is not an object, and an unknown purpose', async () => {
    for (const params of [null, 'x', [1, 2], undefined]) {
      await expectCodedError(
        () => assertKdfParamsSafe('scrypt', params, 'read'),
        'INVALID_ARGUMENT',
      );
    }
    await expectCodedError(
      () => assertKdfParamsSafe('scrypt', DATAFOLD_LEGACY_SCRYPT, 'write' as KdfPurpose),
      'INVALID_ARGUMENT',
    );
  });
  it('refuse an unknown KDF or PBKDF2 hash with UNSUPPORTED_ALGORITHM', async () => {
    await expectCodedError(
      () => assertKdfParamsSafe('bcrypt' as PasswordKdf, {}, 'read'),
      'UNSUPPORTED_ALGORITHM',
    );
    await expectCodedError(
      () => assertKdfParamsSafe('pbkdf2', { iterations: 100_000, hash: 'SHA-1' }, 'read'),
      'UNSUPPORTED_ALGORITHM',
    );
  });
  it('normalize hash spellings and drop fields they do not know', () => {
    expect(
      assertKdfParamsSafe('pbkdf2', { iterations: 100_000, hash: 'sha512', extra: 1 }, 'read'),
    ).toEqual({
      iterations: 100_000,
      hash: 'SHA-512',
    });
  });
});
