import { describe, expect, it } from 'vitest';
import { randomNonce } from '../../src/http-signatures/nonce.js';
import { NONCE_PATTERN } from '../../src/http-signatures/profile.js';

describe('randomNonce (spec §2)', () => {
  it('gives 22 base64url characters (16 bytes), never the same twice, across pool refills', () => {
    const nonces = Array.from({ length: 1000 }, randomNonce);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(nonce).toMatch(NONCE_PATTERN);
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});
