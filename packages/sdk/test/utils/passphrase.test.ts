import { describe, expect, it } from 'vitest';
import { validatePassphrase } from '../../src/utils/passphrase.js';

describe('validatePassphrase', () => {
  it.each(['correct horse battery staple', 'SecurePass123!', 'Zx9#mK2$', 'пароль-надёжный-42'])(
    'accepts %j',
    (p) => {
      expect(validatePassphrase(p)).toEqual({ valid: true, issues: [] });
    },
  );

  it.each([
    ['hunter2', 'shorter than 8 characters'],
    ['password', 'a commonly used password'],
    ['PassWord123', 'a commonly used password'],
    ['aaaaaaaaaaaa', 'a single repeated character'],
    ['abcdefghij', 'a simple sequence of characters'],
    ['98765432', 'a simple sequence of characters'],
    ['40298173', 'digits only (use at least 12, or add letters)'],
    [' leading space', 'starts or ends with white space, which is easy to lose when typing'],
    ['x'.repeat(1025), 'a single repeated character'],
  ])('lists the weakness of %j', (p, issue) => {
    const result = validatePassphrase(p);
    expect(result.valid).toBe(false);
    expect(result.issues).toContain(issue);
  });

  it('counts code points, not UTF-16 units', () => {
    // Seven astral characters are 14 UTF-16 units but only seven characters.
    expect(validatePassphrase('🔑🔒🗝🔐🛡🧩🎲').issues).toContain('shorter than 8 characters');
  });

  it('refuses a non-string without throwing', () => {
    expect(validatePassphrase(undefined)).toEqual({
      valid: false,
      issues: ['passphrase must be a string'],
    });
  });

  it('never echoes the passphrase in an issue', () => {
    const secret = 'abcdefghijk';
    for (const issue of validatePassphrase(secret).issues) expect(issue).not.toContain(secret);
  });
});
