import { describe, expect, it } from 'vitest';

import { base64ToBytes } from '../../src/encoding/base64.js';
import { bytesToUtf8 } from '../../src/encoding/utf8.js';
import { isDataFoldError } from '../../src/errors/datafold-error.js';
import { keyFileAssociatedData } from '../../src/key-file/associated-data.js';
import { decodeKeyFile } from '../../src/key-file/decode-key-file.js';
import { encodeKeyFile } from '../../src/key-file/encode-key-file.js';
import { parseKeyFile } from '../../src/key-file/parse-key-file.js';
import { keyPairFromSeed } from '../../src/keys/key-pair-from-seed.js';

const PASSPHRASE = 'correct horse battery staple';
const FLOOR = { memory: 19456, iterations: 2, parallelism: 1 };
const pair = await keyPairFromSeed(new Uint8Array(32).fill(8));

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isDataFoldError(error), `expected ${code}, got ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe(code);
}

describe('key file v1', () => {
  it('encodes the documented header and decodes back to the key pair', async () => {
    const text = await encodeKeyFile({
      keyId: 'app',
      keyVersion: 3,
      keyPair: pair,
      passphrase: PASSPHRASE,
      kdfParams: FLOOR,
      created: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
      metadata: { name: 'App' },
    });
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(doc).toMatchObject({
      format: 'datafold-key-file',
      version: 1,
      key_id: 'app',
      key_version: 3,
      algorithm: 'Ed25519',
      created: '2026-01-02T03:04:05Z',
      kdf: 'argon2id',
      kdf_params: FLOOR,
      encryption: 'aes-gcm',
      metadata: { name: 'App' },
    });
    expect(base64ToBytes(doc['ciphertext'] as string)).toHaveLength(48);
    expect(base64ToBytes(doc['nonce'] as string)).toHaveLength(12);
    const header = parseKeyFile(text);
    expect(header.publicKey).toEqual(pair.publicKey);
    const decoded = await decodeKeyFile(text, PASSPHRASE);
    expect(decoded.keyPair).toEqual(pair);
    expect(decoded.header.keyVersion).toBe(3);
  });

  it('binds exactly the documented header lines as associated data', () => {
    const aad = keyFileAssociatedData({
      keyId: 'app',
      keyVersion: 3,
      created: '2026-01-02T03:04:05Z',
      publicKey: new Uint8Array(32),
    });
    expect(bytesToUtf8(aad)).toBe(
      'datafold-key-file/v1\nkey_id=app\nkey_version=3\ncreated=2026-01-02T03:04:05Z\n' +
        'public_key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n',
    );
  });

  it('refuses weak passphrases, bad ids, sub-floor costs and mismatched pairs when writing', async () => {
    const base = {
      keyId: 'app',
      keyVersion: 1,
      keyPair: pair,
      passphrase: PASSPHRASE,
      kdfParams: FLOOR,
    };
    await expectCode(encodeKeyFile({ ...base, passphrase: '1234567' }), 'WEAK_PASSPHRASE');
    await expectCode(encodeKeyFile({ ...base, keyId: '../up' }), 'INVALID_KEY_ID');
    await expectCode(encodeKeyFile({ ...base, kdfParams: { memory: 1024 } }), 'KDF_PARAMS_UNSAFE');
    await expectCode(encodeKeyFile({ ...base, keyVersion: 0 }), 'INVALID_ARGUMENT');
    const other = await keyPairFromSeed(new Uint8Array(32).fill(9));
    await expectCode(
      encodeKeyFile({
        ...base,
        keyPair: { privateKey: pair.privateKey, publicKey: other.publicKey },
      }),
      'INTEGRITY_CHECK_FAILED',
    );
  });

  it('answers malformed files with STORAGE_CORRUPTED and a wrong passphrase with DECRYPTION_FAILED', async () => {
    const text = await encodeKeyFile({
      keyId: 'app',
      keyVersion: 1,
      keyPair: pair,
      passphrase: PASSPHRASE,
      kdfParams: FLOOR,
    });
    await expectCode(decodeKeyFile(text, 'wrong passphrase'), 'DECRYPTION_FAILED');
    await expectCode(decodeKeyFile('nope', PASSPHRASE), 'STORAGE_CORRUPTED');
    await expectCode(decodeKeyFile(new Uint8Array([0xff, 0xfe]), PASSPHRASE), 'STORAGE_CORRUPTED');
    await expectCode(decodeKeyFile('x'.repeat(70_000), PASSPHRASE), 'STORAGE_CORRUPTED');
    const doc = JSON.parse(text) as Record<string, unknown>;
    await expectCode(
      decodeKeyFile(JSON.stringify({ ...doc, created: '2026-01-02 03:04:05' }), PASSPHRASE),
      'STORAGE_CORRUPTED',
    );
  });
});
