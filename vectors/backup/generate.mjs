#!/usr/bin/env node
// Generates vectors/backup/backup-v1.json from the built SDK (packages/sdk/dist): every case is
// written with fixed seed, passphrase, salt, nonce and time, so the output is byte-for-byte
// reproducible. Run `npm run build` first, then `node vectors/backup/generate.mjs`.
// The TypeScript suite calls buildBackupVectors() with the SDK sources and fails on any
// difference from the committed file.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const OUTPUT = fileURLToPath(new URL('./backup-v1.json', import.meta.url));

// RFC 8032 §7.1 TEST 1: a seed whose public key anyone can check.
const SEED_HEX = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const OTHER_SEED_HEX = '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb';
const PASSPHRASE = 'correct horse battery staple';
const CREATED = '2026-01-02T03:04:05Z';
const seq = (length, start) => Uint8Array.from({ length }, (_, i) => (start + i) & 0xff);
const SALT = seq(32, 0x00);
const NONCES = { 'xchacha20-poly1305': seq(24, 0x40), 'chacha20-poly1305': seq(12, 0x60), 'aes-gcm': seq(12, 0x70) };

// Low-cost parameters: below the write floors, within the read ceilings (spec/backup-v1.md §4.5).
const CHEAP = {
  argon2id: { memory: 256, iterations: 1, parallelism: 1 },
  scrypt: { n: 1024, r: 8, p: 1 },
  pbkdf2: { iterations: 1000, hash: 'SHA-256' },
};
const CIPHERS = ['xchacha20-poly1305', 'chacha20-poly1305', 'aes-gcm'];
const REQUIRED = ['version', 'key_id', 'algorithm', 'kdf', 'kdf_params', 'encryption', 'salt', 'nonce', 'ciphertext', 'created'];

/**
 * Builds every case. `sdk` supplies sealBackup, keyPairFromSeed, bytesToHex, hexToBytes,
 * bytesToBase64, base64ToBytes and utf8ToBytes, from dist or from the sources.
 */
export async function buildBackupVectors(sdk) {
  const pair = await sdk.keyPairFromSeed(sdk.hexToBytes(SEED_HEX));
  const other = await sdk.keyPairFromSeed(sdk.hexToBytes(OTHER_SEED_HEX));
  const seedHex = sdk.bytesToHex(pair.privateKey);
  const publicHex = sdk.bytesToHex(pair.publicKey);
  const ok = { outcome: 'ok', seed_hex: seedHex, public_key_hex: publicHex };
  const error = (code, field) => (field === undefined ? { outcome: 'error', code } : { outcome: 'error', code, field });
  const inputs = (kdf, kdfParams, encryption, extra = {}) => ({
    seed_hex: seedHex,
    passphrase: PASSPHRASE,
    kdf,
    kdf_params: kdfParams,
    encryption,
    salt_hex: sdk.bytesToHex(SALT),
    nonce_hex: sdk.bytesToHex(NONCES[encryption]),
    created: CREATED,
    ...extra,
  });
  const seal = (kdf, kdfParams, encryption, over = {}) =>
    sdk.sealBackup({
      seed: pair.privateKey,
      publicKey: pair.publicKey,
      passphrase: PASSPHRASE,
      keyId: 'vector-key',
      kdf,
      kdfParams,
      encryption,
      purpose: 'read',
      salt: SALT,
      nonce: NONCES[encryption],
      created: CREATED,
      includePublicKey: true,
      ...over,
    });
  const flip = (b64, index) => {
    const bytes = sdk.base64ToBytes(b64);
    const at = index < 0 ? bytes.length + index : index;
    bytes[at] ^= 0x01;
    return sdk.bytesToBase64(bytes);
  };

  const cases = [];
  const add = (name, description, body) => cases.push({ name, description, passphrase: PASSPHRASE, verify_integrity: true, ...body });

  for (const kdf of ['argon2id', 'scrypt', 'pbkdf2']) {
    for (const encryption of CIPHERS) {
      add(`${kdf}-${encryption}`, `${kdf} (low cost) with ${encryption}: restores the RFC 8032 TEST 1 key pair.`, {
        inputs: inputs(kdf, CHEAP[kdf], encryption),
        backup: await seal(kdf, CHEAP[kdf], encryption),
        expected: ok,
      });
    }
  }
  const base = await seal('argon2id', CHEAP.argon2id, 'xchacha20-poly1305');

  add('defaults-argon2id-xchacha20-poly1305', 'The writing defaults: argon2id m=65536 t=3 p=1 with xchacha20-poly1305.', {
    inputs: inputs('argon2id', { memory: 65536, iterations: 3, parallelism: 1 }, 'xchacha20-poly1305'),
    backup: await seal('argon2id', { memory: 65536, iterations: 3, parallelism: 1 }, 'xchacha20-poly1305'),
    expected: ok,
  });
  const legacy = await seal('scrypt', { n: 32768, r: 8, p: 1 }, 'chacha20-poly1305', {
    keyId: 'my-key',
    created: '2025-06-08T22:59:35.123456+00:00Z',
    includePublicKey: false,
  });
  add('compat-existing-client-scrypt-chacha20-poly1305', 'As existing DataFold clients write: scrypt N=32768 r=8 p=1, chacha20-poly1305 (12-byte nonce), 32-byte top-level salt, no associated data, no public_key, a non-RFC 3339 created. MUST import (spec/backup-v1.md §6.1).', {
    inputs: inputs('scrypt', { n: 32768, r: 8, p: 1 }, 'chacha20-poly1305', { created: legacy.created }),
    backup: legacy,
    expected: ok,
  });
  const legacyPbkdf2 = await seal('pbkdf2', { iterations: 100000, hash: 'SHA-256' }, 'aes-gcm', { includePublicKey: false });
  add('compat-pbkdf2-without-hash', 'pbkdf2 kdf_params without hash, as existing clients write: hash means SHA-256 (spec/backup-v1.md §4.4).', {
    inputs: inputs('pbkdf2', { iterations: 100000 }, 'aes-gcm'),
    backup: { ...legacyPbkdf2, kdf_params: { iterations: 100000 } },
    expected: ok,
  });
  add('binary-form', 'The binary form: UTF-8 bytes of the compact JSON document (spec/backup-v1.md §7), given here as hex.', {
    inputs: inputs('argon2id', CHEAP.argon2id, 'xchacha20-poly1305'),
    backup_binary_hex: sdk.bytesToHex(sdk.utf8ToBytes(JSON.stringify(base))),
    expected: ok,
  });
  add('unknown-members-ignored', 'Unknown members at the top level and in kdf_params are ignored; metadata is optional.', {
    backup: { ...base, kdf_params: { ...base.kdf_params, future: 1 }, comment: 'ignored', metadata: { name: 'Vector key', tags: ['test'] } },
    expected: ok,
  });
  const unicodePassphrase = 'pa\u0301ssphrase \u043a\u043b\u044e\u0447 \u{1f511}';
  const unicode = await seal('argon2id', CHEAP.argon2id, 'aes-gcm', { passphrase: unicodePassphrase });
  add('unicode-passphrase-utf8-unnormalised', 'The passphrase is its UTF-8 bytes as given, not normalised: here a decomposed á, Cyrillic and an emoji.', {
    passphrase: unicodePassphrase,
    inputs: inputs('argon2id', CHEAP.argon2id, 'aes-gcm', { passphrase: unicodePassphrase }),
    backup: unicode,
    expected: ok,
  });
  add('unicode-passphrase-nfc-differs', 'The same passphrase in NFC (composed á) is a different passphrase: DECRYPTION_FAILED.', {
    passphrase: unicodePassphrase.normalize('NFC'),
    backup: unicode,
    expected: error('DECRYPTION_FAILED'),
  });

  // Integrity: a plaintext whose public key is another key's.
  const mismatchedPlaintext = new Uint8Array(64);
  mismatchedPlaintext.set(pair.privateKey);
  mismatchedPlaintext.set(other.publicKey, 32);
  const mismatched = await seal('argon2id', CHEAP.argon2id, 'xchacha20-poly1305', { includePublicKey: false, plaintextOverride: mismatchedPlaintext });
  add('integrity-public-key-mismatch', 'The encrypted public key is not the seed\u2019s: INTEGRITY_CHECK_FAILED.', {
    backup: mismatched,
    expected: error('INTEGRITY_CHECK_FAILED'),
  });
  add('integrity-check-disabled', 'The same backup with verify_integrity false restores, returning the public key as stored.', {
    verify_integrity: false,
    backup: mismatched,
    expected: { outcome: 'ok', seed_hex: seedHex, public_key_hex: sdk.bytesToHex(other.publicKey) },
  });
  add('integrity-public-key-member-mismatch', 'The clear public_key member names another key: INTEGRITY_CHECK_FAILED.', {
    backup: { ...base, public_key: sdk.bytesToBase64(other.publicKey) },
    expected: error('INTEGRITY_CHECK_FAILED'),
  });

  add('wrong-passphrase', 'A wrong passphrase: DECRYPTION_FAILED.', {
    passphrase: 'correct horse battery stapler',
    backup: base,
    expected: error('DECRYPTION_FAILED'),
  });
  for (const encryption of CIPHERS) {
    const doc = await seal('argon2id', CHEAP.argon2id, encryption);
    add(`flipped-ciphertext-first-byte-${encryption}`, `First ciphertext byte flipped (${encryption}): DECRYPTION_FAILED.`, {
      backup: { ...doc, ciphertext: flip(doc.ciphertext, 0) },
      expected: error('DECRYPTION_FAILED'),
    });
  }
  add('flipped-tag-last-byte', 'Last byte (of the tag) flipped: DECRYPTION_FAILED.', {
    backup: { ...base, ciphertext: flip(base.ciphertext, -1) },
    expected: error('DECRYPTION_FAILED'),
  });
  add('flipped-nonce', 'One nonce byte flipped: DECRYPTION_FAILED.', {
    backup: { ...base, nonce: flip(base.nonce, 5) },
    expected: error('DECRYPTION_FAILED'),
  });
  add('flipped-salt', 'One salt byte flipped: DECRYPTION_FAILED.', {
    backup: { ...base, salt: flip(base.salt, 7) },
    expected: error('DECRYPTION_FAILED'),
  });
  add('changed-kdf-params', 'argon2id iterations changed from 1 to 2: a different key, DECRYPTION_FAILED.', {
    backup: { ...base, kdf_params: { ...base.kdf_params, iterations: 2 } },
    expected: error('DECRYPTION_FAILED'),
  });
  add('truncated-ciphertext', 'Ciphertext one byte short (79 bytes): INVALID_BACKUP_JSON naming ciphertext.', {
    backup: { ...base, ciphertext: sdk.bytesToBase64(sdk.base64ToBytes(base.ciphertext).slice(0, 79)) },
    expected: error('INVALID_BACKUP_JSON', 'ciphertext'),
  });
  add('version-2', 'Format version 2: UNSUPPORTED_BACKUP_VERSION.', {
    backup: { ...base, version: 2 },
    expected: error('UNSUPPORTED_BACKUP_VERSION'),
  });
  add('version-string', 'version given as the string "1": INVALID_BACKUP_JSON naming version.', {
    backup: { ...base, version: '1' },
    expected: error('INVALID_BACKUP_JSON', 'version'),
  });
  for (const field of REQUIRED) {
    const doc = { ...base };
    delete doc[field];
    add(`missing-${field.replace('_', '-')}`, `Required member ${field} missing: INVALID_BACKUP_JSON naming it.`, {
      backup: doc,
      expected: error('INVALID_BACKUP_JSON', field),
    });
  }
  add('missing-kdf-param-memory', 'kdf_params.memory missing for argon2id: INVALID_BACKUP_JSON naming it.', {
    backup: { ...base, kdf_params: { iterations: 1, parallelism: 1 } },
    expected: error('INVALID_BACKUP_JSON', 'kdf_params.memory'),
  });
  add('not-json', 'Not JSON at all: INVALID_BACKUP_JSON.', { backup_text: '{"version": 1, "key_id": ', expected: error('INVALID_BACKUP_JSON') });
  add('json-array', 'A JSON array, not an object: INVALID_BACKUP_JSON.', { backup_text: '[1]', expected: error('INVALID_BACKUP_JSON') });
  add('salt-unpadded-base64', 'salt without its base64 padding: INVALID_BACKUP_JSON naming salt.', {
    backup: { ...base, salt: base.salt.replace(/=+$/, '') },
    expected: error('INVALID_BACKUP_JSON', 'salt'),
  });
  add('salt-too-short', 'A 15-byte salt: INVALID_BACKUP_JSON naming salt.', {
    backup: { ...base, salt: sdk.bytesToBase64(seq(15, 0)) },
    expected: error('INVALID_BACKUP_JSON', 'salt'),
  });
  add('nonce-wrong-length', 'A 12-byte nonce for xchacha20-poly1305: INVALID_BACKUP_JSON naming nonce.', {
    backup: { ...base, nonce: sdk.bytesToBase64(seq(12, 0)) },
    expected: error('INVALID_BACKUP_JSON', 'nonce'),
  });
  add('scrypt-n-not-power-of-two', 'scrypt n = 1000: INVALID_BACKUP_JSON naming kdf_params.', {
    backup: { ...base, kdf: 'scrypt', kdf_params: { n: 1000, r: 8, p: 1 } },
    expected: error('INVALID_BACKUP_JSON', 'kdf_params'),
  });
  const unsafe = [
    ['unsafe-argon2id-memory', 'argon2id memory 4 GiB', 'argon2id', { memory: 4194304, iterations: 1, parallelism: 1 }],
    ['unsafe-argon2id-work', 'argon2id memory x iterations over 2^20 KiB', 'argon2id', { memory: 524288, iterations: 3, parallelism: 1 }],
    ['unsafe-argon2id-parallelism', 'argon2id parallelism 65', 'argon2id', { memory: 65536, iterations: 1, parallelism: 65 }],
    ['unsafe-scrypt-memory', 'scrypt 128 x n x r = 2 GiB', 'scrypt', { n: 1048576, r: 16, p: 1 }],
    ['unsafe-scrypt-work', 'scrypt n x r x p over 2^22', 'scrypt', { n: 65536, r: 8, p: 16 }],
    ['unsafe-pbkdf2-iterations', 'pbkdf2 10 million iterations', 'pbkdf2', { iterations: 10000000, hash: 'SHA-256' }],
  ];
  for (const [name, what, kdf, kdfParams] of unsafe) {
    add(name, `${what}: KDF_PARAMS_UNSAFE before any work (a reader that starts deriving will take minutes or gigabytes).`, {
      backup: { ...base, kdf, kdf_params: kdfParams },
      expected: error('KDF_PARAMS_UNSAFE'),
    });
  }
  const unsupported = [
    ['unsupported-kdf', { kdf: 'bcrypt' }],
    ['unsupported-encryption', { encryption: 'aes-cbc' }],
    ['unsupported-algorithm', { algorithm: 'RSA' }],
    ['unsupported-pbkdf2-hash', { kdf: 'pbkdf2', kdf_params: { iterations: 1000, hash: 'SHA-1' } }],
  ];
  for (const [name, change] of unsupported) {
    add(name, `${JSON.stringify(change)}: UNSUPPORTED_ALGORITHM.`, { backup: { ...base, ...change }, expected: error('UNSUPPORTED_ALGORITHM') });
  }
  return cases.map((c) => ({ suite: 'backup-v1', ...c }));
}

/** The committed file: the cases with a header, as stable JSON. */
export function renderBackupVectors(cases) {
  const file = {
    description:
      'Backup v1 vectors (spec/backup-v1.md). Each case gives the backup (backup: the JSON object; backup_text: raw text; backup_binary_hex: the binary form), the passphrase to restore it with, verify_integrity, and the expected outcome: ok with seed_hex and public_key_hex, or error with the registry code (and field: the member the error message must name). inputs, where present, are what the writer was given; salt and nonce are fixed so output is reproducible. Most cases use low-cost KDF parameters, below the write floors: readers apply only the ceilings.',
    source: 'Generated by vectors/backup/generate.mjs from @datafold/js-sdk. Seeds are RFC 8032 §7.1 TEST 1 and TEST 2.',
    spec: 'spec/backup-v1.md',
    cases,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The SDK functions the generator needs, from the build. */
export async function loadBuiltSdk() {
  const dist = new URL('../../packages/sdk/dist/', import.meta.url);
  const load = (path) => import(new URL(path, dist).href);
  const [seal, pair, hex, b64, utf8] = await Promise.all([
    load('backup/seal-backup.js'),
    load('keys/key-pair-from-seed.js'),
    load('encoding/hex.js'),
    load('encoding/base64.js'),
    load('encoding/utf8.js'),
  ]);
  return {
    sealBackup: seal.sealBackup,
    keyPairFromSeed: pair.keyPairFromSeed,
    bytesToHex: hex.bytesToHex,
    hexToBytes: hex.hexToBytes,
    bytesToBase64: b64.bytesToBase64,
    base64ToBytes: b64.base64ToBytes,
    utf8ToBytes: utf8.utf8ToBytes,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = renderBackupVectors(await buildBackupVectors(await loadBuiltSdk()));
  const before = await readFile(OUTPUT, 'utf8').catch(() => '');
  await writeFile(OUTPUT, text);
  console.log(`${OUTPUT}: ${before === text ? 'unchanged' : 'written'}`);
}
