import { describe, expect, it } from 'vitest';
import { assertValidKeyId, generateKeyId, validateKeyId } from '../../src/utils/key-id.js';

describe('validateKeyId', () => {
  it.each(['a', 'app-key', 'my_key.v2', 'A'.repeat(100), 'key-0123456789abcdef'])(
    'accepts %s',
    (id) => {
      expect(validateKeyId(id)).toEqual({ valid: true });
    },
  );

  it.each([
    ['', 'empty'],
    ['A'.repeat(101), 'at most 100'],
    ['../etc/passwd', 'dot'],
    ['/abs', 'only letters'],
    ['a/b', 'only letters'],
    ['a\\b', 'only letters'],
    ['nul\0byte', 'only letters'],
    ['.hidden', 'dot'],
    ['..', 'dot'],
    ['space key', 'only letters'],
    ['ключ', 'only letters'],
  ])('refuses %j (%s)', (id, reason) => {
    const result = validateKeyId(id);
    expect(result.valid).toBe(false);
    expect(result.reason).toContain(reason);
    expect(() => assertValidKeyId(id)).toThrow(expect.objectContaining({ code: 'INVALID_KEY_ID' }));
  });

  it('refuses non-strings', () => {
    expect(validateKeyId(42)).toEqual({ valid: false, reason: 'key id must be a string' });
  });
});

describe('generateKeyId', () => {
  it('makes valid, distinct ids with the prefix', () => {
    const ids = new Set(Array.from({ length: 200 }, () => generateKeyId('signing')));
    expect(ids.size).toBe(200);
    for (const id of ids) {
      expect(id).toMatch(/^signing-[0-9a-f]{16}$/);
      expect(validateKeyId(id).valid).toBe(true);
    }
    expect(generateKeyId()).toMatch(/^key-[0-9a-f]{16}$/);
  });

  it('refuses a prefix that would make an invalid id', () => {
    expect(() => generateKeyId('../x')).toThrow(
      expect.objectContaining({ code: 'INVALID_KEY_ID' }),
    );
  });
});
