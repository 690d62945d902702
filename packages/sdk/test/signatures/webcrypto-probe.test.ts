// The known-answer checks that decide whether WebCrypto's Ed25519 is used, and the fallback to
// noble for private-key operations where the signing half fails. A platform that gets Ed25519
// wrong cannot be had here, so those cases wrap the real SubtleCrypto and break one method.
import { describe, expect, it } from 'vitest';
import { hexToBytes } from '../../src/encoding/hex.js';
import { createNobleBackend } from '../../src/signatures/noble-backend.js';
import { createWebCryptoBackend } from '../../src/signatures/webcrypto-backend.js';
import {
  webCryptoSignsKnownAnswer,
  webCryptoVerifiesKnownAnswer,
  withCheckedSigning,
} from '../../src/signatures/webcrypto-probe.js';

// RFC 8032 §7.1 TEST 2 (one-byte message 0x72): a vector other than the probe's own.
const SEED = hexToBytes('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb');
const PUBLIC = hexToBytes('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c');
const MESSAGE = hexToBytes('72');
const SIGNATURE = hexToBytes(
  '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
);

const real = globalThis.crypto.subtle;

/** The real SubtleCrypto with one method replaced. */
function brokenSubtle(method: 'sign' | 'verify', replacement: unknown): SubtleCrypto {
  return new Proxy(real, {
    get: (target, name) =>
      name === method
        ? replacement
        : (Reflect.get(target, name) as (...a: unknown[]) => unknown).bind(target),
  });
}

describe('WebCrypto known-answer checks', () => {
  it('pass on this platform', async () => {
    expect(await webCryptoVerifiesKnownAnswer(real)).toBe(true);
    expect(await webCryptoSignsKnownAnswer(real)).toBe(true);
  });

  it('fail a WebCrypto that accepts any signature', async () => {
    expect(
      await webCryptoVerifiesKnownAnswer(brokenSubtle('verify', () => Promise.resolve(true))),
    ).toBe(false);
  });

  it('fail a WebCrypto whose signatures differ from RFC 8032', async () => {
    const flipping = async (...args: Parameters<SubtleCrypto['sign']>) => {
      const signature = new Uint8Array(await real.sign(...args));
      signature[5]! ^= 0x40;
      return signature.buffer;
    };
    expect(await webCryptoSignsKnownAnswer(brokenSubtle('sign', flipping))).toBe(false);
  });

  it('fail where Ed25519 is missing, without throwing', async () => {
    const missing = () =>
      Promise.reject(new DOMException('Unrecognized algorithm name', 'NotSupportedError'));
    expect(await webCryptoVerifiesKnownAnswer(brokenSubtle('verify', missing))).toBe(false);
    expect(await webCryptoSignsKnownAnswer(brokenSubtle('sign', missing))).toBe(false);
  });
});

describe('withCheckedSigning', () => {
  it('signs natively once the signing check passes', async () => {
    const backend = withCheckedSigning(createWebCryptoBackend(real), real, () => {
      throw new Error('the fallback must not be used');
    });
    expect(await backend.sign(SEED, MESSAGE)).toEqual(SIGNATURE);
    expect(await backend.publicKey(SEED)).toEqual(PUBLIC);
    expect(await backend.verify(SIGNATURE, MESSAGE, PUBLIC)).toBe(true);
  });

  it('sends private-key operations to the fallback where signing is wrong, and still verifies natively', async () => {
    const subtle = brokenSubtle('sign', () => Promise.resolve(new Uint8Array(64).buffer));
    let fallbackUsed = 0;
    const noble = createNobleBackend();
    const backend = withCheckedSigning(createWebCryptoBackend(subtle), subtle, () => {
      fallbackUsed++;
      return noble;
    });
    expect(await backend.sign(SEED, MESSAGE)).toEqual(SIGNATURE);
    expect(await backend.sign(SEED, MESSAGE)).toEqual(SIGNATURE);
    expect(await backend.publicKey(SEED)).toEqual(PUBLIC);
    expect(fallbackUsed).toBe(1);
    expect(await backend.verify(SIGNATURE, MESSAGE, PUBLIC)).toBe(true);
    expect(backend.name).toBe('webcrypto');
  });

  it('signs what the caller passed even if the caller reuses its arrays during the first check', async () => {
    const backend = withCheckedSigning(createWebCryptoBackend(real), real, createNobleBackend);
    const seed = new Uint8Array(SEED);
    const message = new Uint8Array(MESSAGE);
    const pending = backend.sign(seed, message);
    seed.fill(0);
    message.fill(0);
    expect(await pending).toEqual(SIGNATURE);
  });
});
