#!/usr/bin/env node
// Generates vectors/key-file/key-file-v1.json from the built SDK (packages/sdk/dist) with fixed
// seed, passphrase, salt, nonce and time, so the output is reproducible. Run `npm run build`,
// then `node vectors/key-file/generate.mjs`. The TypeScript suite regenerates in memory and fails
// on any difference from the committed file.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const OUTPUT = fileURLToPath(new URL('./key-file-v1.json', import.meta.url));

// RFC 8032 §7.1 TEST 1 and TEST 2 seeds.
const SEED_HEX = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const OTHER_SEED_HEX = '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb';
const PASSPHRASE = 'correct horse battery staple';
const CREATED = '2026-01-02T03:04:05Z';
const seq = (length, start) => Uint8Array.from({ length }, (_, i) => (start + i) & 0xff);
const SALT = seq(32, 0x80);
const NONCE = seq(12, 0xa0);
// Below the write floors, within the read ceilings (spec/key-file-v1.md §4).
const CHEAP = { memory: 256, iterations: 1, parallelism: 1 };
const REQUIRED = ['format', 'version', 'key_id', 'key_version', 'algorithm', 'public_key', 'created', 'kdf', 'kdf_params', 'encryption', 'salt', 'nonce', 'ciphertext'];

/**
 * Builds every case. `sdk` supplies deriveKeyFileKey, sealKeyFile, keyFileAssociatedData,
 * aeadEncrypt, keyPairFromSeed, bytesToHex, hexToBytes, bytesToBase64 and base64ToBytes.
 */
export async function buildKeyFileVectors(sdk) {
  const pair = await sdk.keyPairFromSeed(sdk.hexToBytes(SEED_HEX));
  const other = await sdk.keyPairFromSeed(sdk.hexToBytes(OTHER_SEED_HEX));
  const ok = { outcome: 'ok', seed_hex: sdk.bytesToHex(pair.privateKey), public_key_hex: sdk.bytesToHex(pair.publicKey) };
  const error = (code, field) => (field === undefined ? { outcome: 'error', code } : { outcome: 'error', code, field });
  const inputs = (kdfParams, extra = {}) => ({
    seed_hex: SEED_HEX,
    passphrase: PASSPHRASE,
    kdf_params: kdfParams,
    salt_hex: sdk.bytesToHex(SALT),
    nonce_hex: sdk.bytesToHex(NONCE),
    created: CREATED,
    ...extra,
  });
  const write = async (kdfParams, over = {}) => {
    const kfk = await sdk.deriveKeyFileKey(PASSPHRASE, kdfParams, 'read', SALT);
    try {
      const text = await sdk.sealKeyFile(kfk, { keyId: 'vector-key', keyVersion: 1, keyPair: pair, created: CREATED, nonce: NONCE, ...over });
      return JSON.parse(text);
    } finally {
      kfk.dispose();
    }
  };
  const flip = (b64, index) => {
    const bytes = sdk.base64ToBytes(b64);
    bytes[index] ^= 0x01;
    return sdk.bytesToBase64(bytes);
  };

  const cases = [];
  const add = (name, description, body) => cases.push({ name, description, passphrase: PASSPHRASE, ...body });

  const base = await write(CHEAP);
  add('argon2id-aes-gcm', 'A key file (low-cost Argon2id): restores the RFC 8032 TEST 1 key pair.', {
    inputs: inputs(CHEAP, { key_id: 'vector-key', key_version: 1 }),
    key_file: base,
    expected: ok,
  });
  add('defaults', 'The writing defaults: Argon2id m=65536 t=3 p=1.', {
    inputs: inputs({ memory: 65536, iterations: 3, parallelism: 1 }, { key_id: 'vector-key', key_version: 1 }),
    key_file: await write({ memory: 65536, iterations: 3, parallelism: 1 }),
    expected: ok,
  });
  const withMetadata = await write(CHEAP, { keyId: 'app.signing_key-2', keyVersion: 42, metadata: { name: 'Signing key', tags: ['prod', 'ci'] } });
  add('version-42-with-metadata', 'Key id with dot, underscore and hyphen, key version 42, metadata present.', {
    inputs: inputs(CHEAP, { key_id: 'app.signing_key-2', key_version: 42 }),
    key_file: withMetadata,
    expected: ok,
  });
  add('metadata-changed-still-reads', 'metadata is not bound (spec/key-file-v1.md §5): changing it changes nothing else.', {
    key_file: { ...withMetadata, metadata: { name: 'Renamed' } },
    expected: ok,
  });
  add('unknown-members-ignored', 'Unknown members are ignored.', { key_file: { ...base, future: { x: 1 } }, expected: ok });
  add('wrong-passphrase', 'A wrong passphrase: DECRYPTION_FAILED.', {
    passphrase: 'correct horse battery stapler',
    key_file: base,
    expected: error('DECRYPTION_FAILED'),
  });
  for (const [field, index] of [['ciphertext', 0], ['ciphertext', 47], ['nonce', 3], ['salt', 9]]) {
    add(`flipped-${field}-byte-${index}`, `Byte ${index} of ${field} flipped: DECRYPTION_FAILED.`, {
      key_file: { ...base, [field]: flip(base[field], index) },
      expected: error('DECRYPTION_FAILED'),
    });
  }
  const bound = [
    ['key-id', { key_id: 'other-key' }],
    ['key-version', { key_version: 2 }],
    ['created', { created: '2026-01-02T03:04:06Z' }],
    ['public-key', { public_key: sdk.bytesToBase64(other.publicKey) }],
  ];
  for (const [name, change] of bound) {
    add(`changed-header-${name}`, `Bound header member changed (${Object.keys(change)[0]}): the associated data differs, DECRYPTION_FAILED.`, {
      key_file: { ...base, ...change },
      expected: error('DECRYPTION_FAILED'),
    });
  }
  add('truncated-ciphertext', 'Ciphertext one byte short: STORAGE_CORRUPTED naming ciphertext.', {
    key_file: { ...base, ciphertext: sdk.bytesToBase64(sdk.base64ToBytes(base.ciphertext).slice(0, 47)) },
    expected: error('STORAGE_CORRUPTED', 'ciphertext'),
  });
  add('version-2', 'Format version 2: STORAGE_CORRUPTED naming the version.', {
    key_file: { ...base, version: 2 },
    expected: error('STORAGE_CORRUPTED', 'version'),
  });
  add('foreign-format', 'A JSON file that is not a key file: STORAGE_CORRUPTED naming format.', {
    key_file: { ...base, format: 'something-else' },
    expected: error('STORAGE_CORRUPTED', 'format'),
  });
  add('invalid-key-id', 'A key id that would leave the directory: STORAGE_CORRUPTED naming key_id.', {
    key_file: { ...base, key_id: '../escape' },
    expected: error('STORAGE_CORRUPTED', 'key_id'),
  });
  add('not-json', 'Not JSON: STORAGE_CORRUPTED.', { key_file_text: '{"format": "datafold-key-file",', expected: error('STORAGE_CORRUPTED') });
  for (const field of REQUIRED) {
    const doc = { ...base };
    delete doc[field];
    add(`missing-${field.replace('_', '-')}`, `Required member ${field} missing: STORAGE_CORRUPTED naming it.`, {
      key_file: doc,
      expected: error('STORAGE_CORRUPTED', field),
    });
  }
  add('unsafe-memory', 'Argon2id memory 4 GiB: KDF_PARAMS_UNSAFE before any work.', {
    key_file: { ...base, kdf_params: { memory: 4194304, iterations: 1, parallelism: 1 } },
    expected: error('KDF_PARAMS_UNSAFE'),
  });
  add('unsafe-work', 'Argon2id memory x iterations over 2^20 KiB: KDF_PARAMS_UNSAFE before any work.', {
    key_file: { ...base, kdf_params: { memory: 262144, iterations: 8, parallelism: 1 } },
    expected: error('KDF_PARAMS_UNSAFE'),
  });

  // A writer bug: the header's public key is another key's, sealed consistently with it.
  const kfk = await sdk.deriveKeyFileKey(PASSPHRASE, CHEAP, 'read', SALT);
  try {
    const header = { keyId: 'vector-key', keyVersion: 1, created: CREATED, publicKey: other.publicKey };
    const sealed = await sdk.aeadEncrypt('aes-gcm', kfk.key, NONCE, pair.privateKey, sdk.keyFileAssociatedData(header));
    add('integrity-public-key-mismatch', 'The header (bound, authentic) names another key\u2019s public key: INTEGRITY_CHECK_FAILED.', {
      key_file: { ...base, public_key: sdk.bytesToBase64(other.publicKey), ciphertext: sdk.bytesToBase64(sealed) },
      expected: error('INTEGRITY_CHECK_FAILED'),
    });
  } finally {
    kfk.dispose();
  }
  return cases.map((c) => ({ suite: 'key-file-v1', ...c }));
}

/** The committed file: the cases with a header, as stable JSON. */
export function renderKeyFileVectors(cases) {
  const file = {
    description:
      'Key file v1 vectors (spec/key-file-v1.md). Each case gives the key file (key_file: the JSON object, to be serialised with JSON.stringify or any JSON writer; key_file_text: raw text), the passphrase, and the expected outcome: ok with seed_hex and public_key_hex, or error with the registry code (and field: the member the error message must name). inputs, where present, are what the writer was given. Most cases use low-cost Argon2id parameters, below the write floors: readers apply only the ceilings.',
    source: 'Generated by vectors/key-file/generate.mjs from @datafold/js-sdk. Seeds are RFC 8032 §7.1 TEST 1 and TEST 2.',
    spec: 'spec/key-file-v1.md',
    cases,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The SDK functions the generator needs, from the build. */
export async function loadBuiltSdk() {
  const dist = new URL('../../packages/sdk/dist/', import.meta.url);
  const load = (path) => import(new URL(path, dist).href);
  const [encode, aad, aead, pair, hex, b64] = await Promise.all([
    load('key-file/encode-key-file.js'),
    load('key-file/associated-data.js'),
    load('sealing/aead.js'),
    load('keys/key-pair-from-seed.js'),
    load('encoding/hex.js'),
    load('encoding/base64.js'),
  ]);
  return {
    deriveKeyFileKey: encode.deriveKeyFileKey,
    sealKeyFile: encode.sealKeyFile,
    keyFileAssociatedData: aad.keyFileAssociatedData,
    aeadEncrypt: aead.aeadEncrypt,
    keyPairFromSeed: pair.keyPairFromSeed,
    bytesToHex: hex.bytesToHex,
    hexToBytes: hex.hexToBytes,
    bytesToBase64: b64.bytesToBase64,
    base64ToBytes: b64.base64ToBytes,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = renderKeyFileVectors(await buildKeyFileVectors(await loadBuiltSdk()));
  const before = await readFile(OUTPUT, 'utf8').catch(() => '');
  await writeFile(OUTPUT, text);
  console.log(`${OUTPUT}: ${before === text ? 'unchanged' : 'written'}`);
}
