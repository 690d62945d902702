/** Shortest passphrase accepted for protecting a key (seed: "min 8 chars"). */
export const MIN_PASSPHRASE_LENGTH = 8;
/** Longest passphrase accepted, so a KDF is never handed megabytes by mistake. */
export const MAX_PASSPHRASE_LENGTH = 1024;

/** The answer of {@link validatePassphrase}: valid when `issues` is empty. */
export interface PassphraseValidation {
  valid: boolean;
  issues: string[];
}

// The most common passwords of at least eight characters in public breach corpora. Short on
// purpose: this catches the obvious, it is no substitute for a long passphrase.
const COMMON_PASSWORDS = new Set([
  'password',
  'password1',
  'password123',
  'passw0rd',
  '12345678',
  '123456789',
  '1234567890',
  'qwertyuiop',
  'qwerty123',
  'iloveyou',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'welcome1',
  'letmein1',
  'trustno1',
  'superman',
  'changeme',
  'abc12345',
  '11111111',
  '00000000',
  'asdfghjkl',
  'secret123',
]);

function isSimpleSequence(text: string): boolean {
  if (text.length < 4) return false;
  const step = text.charCodeAt(1) - text.charCodeAt(0);
  if (Math.abs(step) !== 1) return false;
  for (let i = 2; i < text.length; i++) {
    if (text.charCodeAt(i) - text.charCodeAt(i - 1) !== step) return false;
  }
  return true;
}

/**
 * Lists the weaknesses of a passphrase. Length counts Unicode code points, so a passphrase in any
 * script is measured fairly.
 *
 * @example
 * validatePassphrase('hunter2');  // { valid: false, issues: ['shorter than 8 characters'] }
 * validatePassphrase('correct horse battery staple'); // { valid: true, issues: [] }
 */
export function validatePassphrase(passphrase: unknown): PassphraseValidation {
  if (typeof passphrase !== 'string')
    return { valid: false, issues: ['passphrase must be a string'] };
  const issues: string[] = [];
  const codePoints = [...passphrase];
  const lower = passphrase.toLowerCase();
  if (codePoints.length < MIN_PASSPHRASE_LENGTH)
    issues.push(`shorter than ${MIN_PASSPHRASE_LENGTH} characters`);
  if (codePoints.length > MAX_PASSPHRASE_LENGTH)
    issues.push(`longer than ${MAX_PASSPHRASE_LENGTH} characters`);
  if (passphrase.trim() !== passphrase)
    issues.push('starts or ends with white space, which is easy to lose when typing');
  if (codePoints.length > 1 && new Set(codePoints).size === 1)
    issues.push('a single repeated character');
  else if (COMMON_PASSWORDS.has(lower)) issues.push('a commonly used password');
  else if (isSimpleSequence(lower)) issues.push('a simple sequence of characters');
  else if (/^\d+$/.test(passphrase) && codePoints.length < 12)
    issues.push('digits only (use at least 12, or add letters)');
  return { valid: issues.length === 0, issues };
}
