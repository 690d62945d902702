// vectors/fingerprint and the keyFingerprint tests again, with the SHA-256 the Node entries
// register (node:crypto, platform/sha256-base64.ts): the same suite, imported, not copied.
import '../../src/http-signatures/node/register-node-digests.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { expect, it } from 'vitest';
import { bytesToBase64 } from '../../src/encoding/base64.js';
import { sha256Base64 } from '../../src/platform/sha256-base64.js';

it('hashes as the pure JavaScript SHA-256 does, at and around block boundaries', () => {
  for (const length of [0, 1, 51, 55, 56, 63, 64, 65, 1000]) {
    const data = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
    expect(sha256Base64(data), `${length} bytes`).toBe(bytesToBase64(sha256(data)));
  }
});

await import('./key-fingerprint.test.js');
