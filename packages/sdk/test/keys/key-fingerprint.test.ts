import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUTPUT, renderFingerprintVectors } from '../../../../vectors/fingerprint/generate.mjs';
import { formatKey } from '../../src/formats/format-key.js';
import { hexToBytes } from '../../src/encoding/hex.js';
import * as sdk from '../../src/index.js';
import { runFingerprintVectors } from '../vectors/fingerprint-vectors.js';

const file = JSON.parse(readFileSync(OUTPUT, 'utf8')) as {
  cases: { name: string; public_key_hex: string; fingerprint: string }[];
};
const first = file.cases[0]!;

describe('vectors/fingerprint', () => {
  it('regenerate from generate.mjs to exactly the committed file', () => {
    expect(renderFingerprintVectors()).toBe(readFileSync(OUTPUT, 'utf8'));
  });

  const results = runFingerprintVectors(sdk, file);
  it('has cases for every RFC 8032 test key', () => {
    expect(file.cases.filter((c) => c.name.startsWith('RFC 8032')).length).toBe(5);
  });
  it.each(results.map((r) => [r.name, r] as const))('%s', (_name, result) => {
    expect(result.detail ?? '').toBe('');
    expect(result.ok).toBe(true);
  });
});

describe('keyFingerprint', () => {
  const bytes = hexToBytes(first.public_key_hex);

  it('reads a public PEM and a public JWK, as object and as text', () => {
    const pem = formatKey(bytes, 'pem', { keyType: 'public' });
    const jwkText = formatKey(bytes, 'jwk', { keyType: 'public' });
    expect(sdk.keyFingerprint(pem)).toBe(first.fingerprint);
    expect(sdk.keyFingerprint(JSON.parse(jwkText) as sdk.Ed25519Jwk)).toBe(first.fingerprint);
    expect(sdk.keyFingerprint(jwkText)).toBe(first.fingerprint);
    expect(sdk.keyFingerprint(`  ${first.public_key_hex}\n`)).toBe(first.fingerprint);
  });

  it('refuses a private PEM rather than fingerprinting its seed', () => {
    const seed = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
    const pem = formatKey(seed, 'pem', { keyType: 'private' });
    expect(() => sdk.keyFingerprint(pem)).toThrow(
      expect.objectContaining({ code: 'INVALID_KEY_FORMAT' }),
    );
  });

  it('refuses text of no key shape', () => {
    for (const text of ['', 'not a key', first.public_key_hex.slice(2), first.fingerprint]) {
      expect(() => sdk.keyFingerprint(text), text).toThrow(
        expect.objectContaining({ code: 'INVALID_KEY_FORMAT' }),
      );
    }
  });

  it('does not use WebCrypto', () => {
    const subtle = Object.getOwnPropertyDescriptor(globalThis.crypto, 'subtle');
    Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined, configurable: true });
    try {
      expect(sdk.keyFingerprint(bytes)).toBe(first.fingerprint);
    } finally {
      if (subtle) Object.defineProperty(globalThis.crypto, 'subtle', subtle);
    }
  });

  it('leaves a short fingerprint as it is', () => {
    expect(sdk.shortKeyFingerprint('SHA256:abc')).toBe('SHA256:abc');
  });
});
