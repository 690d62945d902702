import { ValidationError } from '../errors/datafold-error.js';
import { bytesToHex } from '../encoding/hex.js';
import { randomBytes } from '../platform/webcrypto.js';

/** Longest key id accepted anywhere (seed: "max 100 chars"). */
export const MAX_KEY_ID_LENGTH = 100;

// Letters, digits, dot, underscore and hyphen, not starting with a dot: a key id is also a file
// name in the Node and CLI stores, so nothing that could leave the key directory gets through.
const KEY_ID_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** The answer of {@link validateKeyId}. */
export interface KeyIdValidation {
  valid: boolean;
  reason?: string;
}

/**
 * Checks a key id: 1-100 characters from `A-Z a-z 0-9 . _ -`, not starting with a dot.
 *
 * @example
 * validateKeyId('app-key');   // { valid: true }
 * validateKeyId('../etc');    // { valid: false, reason: '...' }
 */
export function validateKeyId(keyId: unknown): KeyIdValidation {
  if (typeof keyId !== 'string') return { valid: false, reason: 'key id must be a string' };
  if (keyId.length === 0) return { valid: false, reason: 'key id is empty' };
  if (keyId.length > MAX_KEY_ID_LENGTH) {
    return {
      valid: false,
      reason: `key id is ${keyId.length} characters; at most ${MAX_KEY_ID_LENGTH} are allowed`,
    };
  }
  if (keyId.startsWith('.')) return { valid: false, reason: 'key id must not start with a dot' };
  if (!KEY_ID_PATTERN.test(keyId)) {
    return { valid: false, reason: 'key id may contain only letters, digits, ".", "_" and "-"' };
  }
  return { valid: true };
}

/** Throws INVALID_KEY_ID unless {@link validateKeyId} accepts `keyId`. */
export function assertValidKeyId(keyId: unknown): asserts keyId is string {
  const result = validateKeyId(keyId);
  if (!result.valid)
    throw new ValidationError('INVALID_KEY_ID', `Invalid key id: ${result.reason}`);
}

/**
 * A fresh random key id, `prefix-` followed by 16 random hex digits (64 bits: collisions are not a
 * practical concern for one user's keys).
 *
 * @example
 * generateKeyId();          // 'key-3f9a0c1d5e7b2a48'
 * generateKeyId('signing'); // 'signing-...'
 */
export function generateKeyId(prefix = 'key'): string {
  const id = `${prefix}-${bytesToHex(randomBytes(8))}`;
  assertValidKeyId(id);
  return id;
}
