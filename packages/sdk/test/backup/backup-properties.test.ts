import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { restoreBackup } from '../../src/backup/restore-backup.js';
import { sealBackup } from '../../src/backup/seal-backup.js';
import type { BackupCipher, BackupDocumentV1, BackupKdf } from '../../src/backup/types.js';
import { base64ToBytes, bytesToBase64 } from '../../src/encoding/base64.js';
import { isDataFoldError } from '../../src/errors/datafold-error.js';
import { decodeKeyFile } from '../../src/key-file/decode-key-file.js';
import { deriveKeyFileKey, sealKeyFile } from '../../src/key-file/encode-key-file.js';
import { keyPairFromSeed } from '../../src/keys/key-pair-from-seed.js';

// Low-cost parameters (read bounds) keep a hundred KDF runs to a second or two.
const CHEAP = {
  argon2id: { memory: 64, iterations: 1, parallelism: 1 },
  scrypt: { n: 16, r: 1, p: 1 },
  pbkdf2: { iterations: 10, hash: 'SHA-256' as const },
};
const KDFS: BackupKdf[] = ['argon2id', 'scrypt', 'pbkdf2'];
const CIPHERS: BackupCipher[] = ['xchacha20-poly1305', 'chacha20-poly1305', 'aes-gcm'];
const PASSPHRASE = 'correct horse battery staple';

async function seal(
  seed: Uint8Array,
  passphrase: string,
  kdf: BackupKdf,
  encryption: BackupCipher,
) {
  const pair = await keyPairFromSeed(seed);
  return sealBackup({
    seed: pair.privateKey,
    publicKey: pair.publicKey,
    passphrase,
    keyId: 'prop',
    kdf,
    kdfParams: CHEAP[kdf],
    encryption,
    purpose: 'read',
    created: '2026-01-02T03:04:05Z',
    includePublicKey: false,
  });
}

/** The outcome of a restore that must fail: its code, or 'SUCCEEDED' if it wrongly did not. */
async function failureCode(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'SUCCEEDED';
  } catch (error) {
    return isDataFoldError(error) ? error.code : `non-coded ${String(error)}`;
  }
}

function alter(b64: string, index: number, xor: number): string {
  const bytes = base64ToBytes(b64);
  bytes[index % bytes.length] = bytes[index % bytes.length]! ^ xor;
  return bytesToBase64(bytes);
}

describe('backup properties', () => {
  it('round-trips random keys and passphrases under every kdf and cipher', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.constantFrom(...KDFS),
        fc.constantFrom(...CIPHERS),
        async (seed, passphrase, kdf, encryption) => {
          const doc = await seal(seed, passphrase, kdf, encryption);
          const { keyPair } = await restoreBackup(JSON.stringify(doc), passphrase);
          expect(keyPair.privateKey).toEqual(seed);
          expect(keyPair.publicKey).toEqual((await keyPairFromSeed(seed)).publicKey);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('gives DECRYPTION_FAILED, never a key, for any single changed byte of ciphertext, nonce or salt', async () => {
    const seed = new Uint8Array(32).fill(0x5a);
    const docs = new Map<BackupCipher, BackupDocumentV1>();
    for (const encryption of CIPHERS)
      docs.set(encryption, await seal(seed, PASSPHRASE, 'argon2id', encryption));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CIPHERS),
        fc.constantFrom('ciphertext' as const, 'nonce' as const, 'salt' as const),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (encryption, field, index, xor) => {
          const doc = docs.get(encryption)!;
          const altered = { ...doc, [field]: alter(doc[field], index, xor) };
          expect(await failureCode(() => restoreBackup(altered, PASSPHRASE))).toBe(
            'DECRYPTION_FAILED',
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives DECRYPTION_FAILED for any single changed byte of a key file', async () => {
    const pair = await keyPairFromSeed(new Uint8Array(32).fill(0x33));
    const kfk = await deriveKeyFileKey(PASSPHRASE, { memory: 64, iterations: 1 }, 'read');
    const doc = JSON.parse(
      await sealKeyFile(kfk, { keyId: 'prop', keyVersion: 1, keyPair: pair }),
    ) as Record<string, string>;
    kfk.dispose();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('ciphertext', 'nonce', 'salt'),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (field, index, xor) => {
          const altered = { ...doc, [field]: alter(doc[field]!, index, xor) };
          expect(await failureCode(() => decodeKeyFile(JSON.stringify(altered), PASSPHRASE))).toBe(
            'DECRYPTION_FAILED',
          );
        },
      ),
      { numRuns: 80 },
    );
  });
});
