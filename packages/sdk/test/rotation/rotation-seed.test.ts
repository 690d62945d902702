import { createPrivateKey, createPublicKey, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { bytesToHex } from '../../src/encoding/hex.js';
import { deriveRotationKeyPair } from '../../src/rotation/rotation-seed.js';
import { expectCode } from './support/stores.js';

// An independent computation of spec/key-rotation-v1.md §4 with node:crypto: HKDF-SHA-256, empty
// salt, the four-line info, then the RFC 8032 public key through OpenSSL's PKCS#8 import.
function expected(method: string, ikm: Uint8Array, keyId: string, version: number) {
  const info = `datafold-key-rotation-v1\nmethod=${method}\nkey_id=${keyId}\nversion=${version}\n`;
  const seed = new Uint8Array(hkdfSync('sha256', ikm, new Uint8Array(0), info, 32));
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const spki = createPublicKey(
    createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }),
  ).export({ format: 'der', type: 'spki' });
  return { seed: bytesToHex(seed), publicKey: bytesToHex(spki.subarray(12)) };
}

describe('deriveRotationKeyPair', () => {
  const seed = new Uint8Array(32).map((_, i) => i);
  const master = new Uint8Array(48).fill(0xab);

  it.each([1, 2, 999_999_999])(
    'derive and rederive match HKDF-SHA-256 with the spec info (v%i)',
    async (version) => {
      const d = await deriveRotationKeyPair({
        method: 'derive',
        keyId: 'app.key_1',
        version,
        seed,
      });
      expect({ seed: bytesToHex(d.privateKey), publicKey: bytesToHex(d.publicKey) }).toEqual(
        expected('derive', seed, 'app.key_1', version),
      );
      const r = await deriveRotationKeyPair({
        method: 'rederive',
        keyId: 'app.key_1',
        version,
        masterKey: master,
      });
      expect({ seed: bytesToHex(r.privateKey), publicKey: bytesToHex(r.publicKey) }).toEqual(
        expected('rederive', master, 'app.key_1', version),
      );
    },
  );

  it('binds method, key id and version: each changes the key', async () => {
    const keys = await Promise.all([
      deriveRotationKeyPair({ method: 'derive', keyId: 'a', version: 2, seed }),
      deriveRotationKeyPair({ method: 'derive', keyId: 'b', version: 2, seed }),
      deriveRotationKeyPair({ method: 'derive', keyId: 'a', version: 3, seed }),
      deriveRotationKeyPair({ method: 'rederive', keyId: 'a', version: 2, masterKey: seed }),
    ]);
    expect(new Set(keys.map((k) => bytesToHex(k.publicKey))).size).toBe(4);
  });

  it('refuses wrong input with coded errors', async () => {
    await expectCode(
      deriveRotationKeyPair({ method: 'derive', keyId: 'a', version: 2, seed: new Uint8Array(31) }),
      'INVALID_ARGUMENT',
    );
    await expectCode(
      deriveRotationKeyPair({
        method: 'rederive',
        keyId: 'a',
        version: 2,
        masterKey: new Uint8Array(31),
      }),
      'INVALID_ARGUMENT',
    );
    await expectCode(
      deriveRotationKeyPair({ method: 'derive', keyId: 'a', version: 0, seed }),
      'INVALID_ARGUMENT',
    );
    await expectCode(
      deriveRotationKeyPair({ method: 'derive', keyId: 'a/b', version: 2, seed }),
      'INVALID_KEY_ID',
    );
    await expectCode(
      deriveRotationKeyPair({ method: 'regenerate', keyId: 'a', version: 2 } as never),
      'INVALID_ARGUMENT',
    );
  });
});
