import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveEd25519KeyPair } from '../../src/derivation/derive-ed25519-key-pair.js';
import { deriveKey } from '../../src/derivation/derive-key.js';
import { bytesToHex } from '../../src/encoding/hex.js';
import { utf8ToBytes } from '../../src/encoding/utf8.js';
import { expectCodedError } from './expect-coded-error.js';

const master = new Uint8Array(32).map((_, i) => 255 - i);

describe('deriveEd25519KeyPair', () => {
  it('is deterministic per master key and context, and differs between contexts', async () => {
    const a = await deriveEd25519KeyPair(master, 'SIGNING');
    const b = await deriveEd25519KeyPair(master, 'SIGNING');
    const c = await deriveEd25519KeyPair(master, 'AUTHENTICATION');
    expect(bytesToHex(a.publicKey)).toBe(bytesToHex(b.publicKey));
    expect(bytesToHex(a.privateKey)).toBe(bytesToHex(b.privateKey));
    expect(bytesToHex(a.publicKey)).not.toBe(bytesToHex(c.publicKey));
    expect(a.privateKey).toHaveLength(32);
    expect(a.publicKey).toHaveLength(32);
  });

  it('uses seed = HKDF-SHA-256(master, empty salt, context string, 32) (spec/derivation-v1.md §5)', async () => {
    const pair = await deriveEd25519KeyPair(master, 'SIGNING');
    const seed = await deriveKey(master, {
      algorithm: 'HKDF',
      salt: new Uint8Array(0),
      info: 'datafold_signing_v1',
    });
    expect(bytesToHex(pair.privateKey)).toBe(bytesToHex(seed.key));
    const bytesContext = await deriveEd25519KeyPair(master, utf8ToBytes('datafold_signing_v1'));
    expect(bytesToHex(bytesContext.publicKey)).toBe(bytesToHex(pair.publicKey));
  });

  it('gives a key pair OpenSSL signs and verifies with', async () => {
    const pair = await deriveEd25519KeyPair(master, 'my_service_v1');
    const pkcs8 = Buffer.concat([
      Buffer.from('302e020100300506032b657004220420', 'hex'),
      pair.privateKey,
    ]);
    const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
    expect(bytesToHex(spki.subarray(-32))).toBe(bytesToHex(pair.publicKey));
    const message = Buffer.from('derived keys sign');
    expect(
      verify(null, message, createPublicKey(privateKey), sign(null, message, privateKey)),
    ).toBe(true);
  });

  it('refuses a short or non-bytes master key and an empty or non-string context', async () => {
    await expectCodedError(deriveEd25519KeyPair(new Uint8Array(15), 'SIGNING'), 'INVALID_ARGUMENT');
    await expectCodedError(
      deriveEd25519KeyPair('seed' as unknown as Uint8Array, 'SIGNING'),
      'INVALID_ARGUMENT',
    );
    await expectCodedError(deriveEd25519KeyPair(master, ''), 'INVALID_ARGUMENT');
    await expectCodedError(deriveEd25519KeyPair(master, new Uint8Array(0)), 'INVALID_ARGUMENT');
    await expectCodedError(
      deriveEd25519KeyPair(master, 5 as unknown as string),
      'INVALID_ARGUMENT',
    );
  });
});
