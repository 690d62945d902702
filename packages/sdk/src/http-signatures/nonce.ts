import { bytesToBase64Url } from '../encoding/base64.js';
import { randomBytes } from '../platform/webcrypto.js';
import { NONCE_BYTES } from './profile.js';

// Nonces are public, so random bytes are drawn 256 nonces at a time: one call to the platform's
// CSPRNG per 256 signatures instead of one each, which is measurable next to a native Ed25519
// signature (bench/sdk-request-signing.mjs). Every nonce still uses bytes no other nonce uses.
const POOL_NONCES = 256;
let pool: Uint8Array = new Uint8Array(0);
let offset = 0;

/**
 * A fresh nonce as our signers send it (spec §2): 16 random bytes as base64url without padding,
 * 22 characters.
 *
 * @example
 * randomNonce(); // 'Xq3kP0bQ9c1yT2w8LmN4ZA'
 */
export function randomNonce(): string {
  if (offset + NONCE_BYTES > pool.length) {
    pool = randomBytes(NONCE_BYTES * POOL_NONCES);
    offset = 0;
  }
  const nonce = bytesToBase64Url(pool.subarray(offset, offset + NONCE_BYTES));
  pool.fill(0, offset, offset + NONCE_BYTES);
  offset += NONCE_BYTES;
  return nonce;
}
