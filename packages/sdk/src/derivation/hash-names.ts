import { KeyDerivationError } from '../errors/datafold-error.js';

/** The hash functions HKDF and PBKDF2 accept, spelled as WebCrypto spells them. */
export type HashName = 'SHA-256' | 'SHA-384' | 'SHA-512';

/** Output length in bytes of each supported hash (FIPS 180-4 §1). */
export const HASH_OUTPUT_LENGTHS: Readonly<Record<HashName, number>> = {
  'SHA-256': 32,
  'SHA-384': 48,
  'SHA-512': 64,
};

// Other DataFold faces (the Python SDK, older clients) write `SHA256` or `sha256`; all name the
// same function, so each spelling maps to the WebCrypto one and files keep one canonical form.
const ALIASES: Readonly<Record<string, HashName>> = {
  'sha-256': 'SHA-256',
  sha256: 'SHA-256',
  'sha-384': 'SHA-384',
  sha384: 'SHA-384',
  'sha-512': 'SHA-512',
  sha512: 'SHA-512',
};

/**
 * The canonical name of a supported hash, accepting `SHA-256`, `SHA256` or `sha256` (and the same
 * for 384 and 512). Anything else is UNSUPPORTED_ALGORITHM.
 *
 * @example
 * normalizeHashName('sha256'); // 'SHA-256'
 */
export function normalizeHashName(hash: unknown, what = 'hash'): HashName {
  // Own properties only: `constructor` or `__proto__` must not resolve to Object's members.
  const key = typeof hash === 'string' ? hash.toLowerCase() : '';
  const name = Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
  if (name === undefined) {
    throw new KeyDerivationError(
      'UNSUPPORTED_ALGORITHM',
      `${what} must be one of SHA-256, SHA-384, SHA-512 (got ${describe(hash)})`,
      { parameter: what },
    );
  }
  return name;
}

/** A short description of a bad value for an error message: its type, or the string if short. */
export function describe(value: unknown): string {
  if (typeof value === 'string')
    return value.length <= 32 ? JSON.stringify(value) : 'a long string';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
