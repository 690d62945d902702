import { describe, expect, it } from 'vitest';
import { createBackup } from '../../src/backup/create-backup.js';
import { restoreBackup } from '../../src/backup/restore-backup.js';
import { validateBackupFormat } from '../../src/backup/validate-backup-format.js';
import { sealBackup } from '../../src/backup/seal-backup.js';
import { base64ToBytes, bytesToBase64 } from '../../src/encoding/base64.js';
import { bytesToUtf8 } from '../../src/encoding/utf8.js';
import { isDataFoldError } from '../../src/errors/datafold-error.js';
import { keyPairFromSeed } from '../../src/keys/key-pair-from-seed.js';
import type { BackupCipher, BackupKdf } from '../../src/backup/types.js';

const PASSPHRASE = 'correct horse battery staple';
const seed = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const keyPair = await keyPairFromSeed(seed);

// The cheapest parameters the write floors allow, so the matrix stays quick.
const FLOOR_PARAMS = {
  argon2id: { memory: 19456, iterations: 2, parallelism: 1 },
  scrypt: { n: 32768, r: 8, p: 1 },
  pbkdf2: { iterations: 100_000 },
} as const;
const CHEAP = { memory: 64, iterations: 1, parallelism: 1 };

async function expectCode(promise: Promise<unknown>, code: string): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isDataFoldError(error), `expected ${code}, got ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe(code);
  return error as Error;
}

/** A cheap backup document (read bounds), for tests that alter it. */
async function cheapDoc(encryption: BackupCipher = 'xchacha20-poly1305') {
  return sealBackup({
    seed: keyPair.privateKey,
    publicKey: keyPair.publicKey,
    passphrase: PASSPHRASE,
    keyId: 'test-key',
    kdf: 'argon2id',
    kdfParams: CHEAP,
    encryption,
    purpose: 'read',
    created: '2026-01-02T03:04:05Z',
    includePublicKey: true,
  });
}

describe('createBackup / restoreBackup', () => {
  const kdfs: BackupKdf[] = ['argon2id', 'scrypt', 'pbkdf2'];
  const ciphers: BackupCipher[] = ['xchacha20-poly1305', 'chacha20-poly1305', 'aes-gcm'];
  for (const kdf of kdfs) {
    for (const encryption of ciphers) {
      it(`round-trips with ${kdf} and ${encryption}`, async () => {
        const text = await createBackup(keyPair, PASSPHRASE, {
          keyId: 'my-key',
          kdf,
          kdfParams: FLOOR_PARAMS[kdf],
          encryption,
        });
        const doc = JSON.parse(text) as Record<string, unknown>;
        expect(doc).toMatchObject({
          version: 1,
          key_id: 'my-key',
          algorithm: 'Ed25519',
          kdf,
          encryption,
        });
        expect(base64ToBytes(doc['ciphertext'] as string)).toHaveLength(80);
        expect(base64ToBytes(doc['nonce'] as string)).toHaveLength(
          encryption === 'xchacha20-poly1305' ? 24 : 12,
        );
        expect(base64ToBytes(doc['salt'] as string)).toHaveLength(32);
        const { keyPair: restored, metadata } = await restoreBackup(text, PASSPHRASE);
        expect(restored.privateKey).toEqual(keyPair.privateKey);
        expect(restored.publicKey).toEqual(keyPair.publicKey);
        expect(metadata).toMatchObject({ keyId: 'my-key', kdf, encryption, format: 'json' });
      });
    }
  }

  it('writes the documented defaults: argon2id m=65536 t=3 p=1 with xchacha20-poly1305', async () => {
    const text = await createBackup(keyPair, PASSPHRASE, {
      keyId: 'k',
      created: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)),
    });
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(doc['kdf']).toBe('argon2id');
    expect(doc['kdf_params']).toEqual({ memory: 65536, iterations: 3, parallelism: 1 });
    expect(doc['encryption']).toBe('xchacha20-poly1305');
    expect(doc['created']).toBe('2026-01-02T03:04:05Z');
    expect(doc['public_key']).toBe(bytesToBase64(keyPair.publicKey));
    expect(Object.keys(doc).slice(0, 10)).toEqual([
      'version',
      'key_id',
      'algorithm',
      'kdf',
      'kdf_params',
      'encryption',
      'salt',
      'nonce',
      'ciphertext',
      'created',
    ]);
  });

  it('writes the binary form as the UTF-8 bytes of the compact JSON, and reads it back', async () => {
    const bytes = await createBackup(keyPair, PASSPHRASE, {
      keyId: 'k',
      format: 'binary',
      kdfParams: FLOOR_PARAMS.argon2id,
    });
    expect(bytes).toBeInstanceOf(Uint8Array);
    const text = bytesToUtf8(bytes);
    expect(text.startsWith('{"version":1,')).toBe(true);
    const { metadata } = await restoreBackup(bytes, PASSPHRASE);
    expect(metadata.format).toBe('binary');
    expect((await restoreBackup(text, PASSPHRASE)).metadata.format).toBe('json');
  });

  it('treats kdfIterations alone as PBKDF2 iterations, as the seed did', async () => {
    const text = await createBackup(keyPair, PASSPHRASE, { keyId: 'k', kdfIterations: 100000 });
    expect(JSON.parse(text)).toMatchObject({
      kdf: 'pbkdf2',
      kdf_params: { iterations: 100000, hash: 'SHA-256' },
    });
  });

  it('refuses weak passphrases, parameters below the floors, unknown algorithms and mismatched pairs', async () => {
    await expectCode(createBackup(keyPair, 'short', { keyId: 'k' }), 'WEAK_PASSPHRASE');
    await expectCode(createBackup(keyPair, 'password123', { keyId: 'k' }), 'WEAK_PASSPHRASE');
    await expectCode(
      createBackup(keyPair, PASSPHRASE, { keyId: 'k', kdfParams: { memory: 1024 } }),
      'KDF_PARAMS_UNSAFE',
    );
    await expectCode(
      createBackup(keyPair, PASSPHRASE, { keyId: 'k', kdf: 'pbkdf2', kdfIterations: 1000 }),
      'KDF_PARAMS_UNSAFE',
    );
    await expectCode(
      createBackup(keyPair, PASSPHRASE, { keyId: 'k', kdf: 'scrypt', kdfParams: { n: 1 << 14 } }),
      'KDF_PARAMS_UNSAFE',
    );
    await expectCode(
      createBackup(keyPair, PASSPHRASE, { keyId: 'k', kdf: 'bcrypt' as BackupKdf }),
      'UNSUPPORTED_ALGORITHM',
    );
    await expectCode(
      createBackup(keyPair, PASSPHRASE, { keyId: 'k', encryption: 'aes-cbc' as BackupCipher }),
      'UNSUPPORTED_ALGORITHM',
    );
    await expectCode(createBackup(keyPair, PASSPHRASE, { keyId: '' }), 'INVALID_KEY_ID');
    const other = await keyPairFromSeed(new Uint8Array(32).fill(9));
    await expectCode(
      createBackup({ privateKey: keyPair.privateKey, publicKey: other.publicKey }, PASSPHRASE, {
        keyId: 'k',
      }),
      'INTEGRITY_CHECK_FAILED',
    );
    await expectCode(
      createBackup({ privateKey: new Uint8Array(64), publicKey: keyPair.publicKey }, PASSPHRASE, {
        keyId: 'k',
      }),
      'INVALID_PRIVATE_KEY',
    );
  });

  it('never puts the passphrase or key material in an error message', async () => {
    const secret = 'Tr0ub4dor&3-unique-marker';
    const doc = await cheapDoc();
    const error = await expectCode(
      restoreBackup(doc as unknown as Record<string, unknown>, secret),
      'DECRYPTION_FAILED',
    );
    expect(error.message).not.toContain(secret);
    const weak = await expectCode(createBackup(keyPair, 'abc', { keyId: 'k' }), 'WEAK_PASSPHRASE');
    expect(weak.message).not.toContain('abc');
    expect(JSON.stringify(weak)).not.toContain(bytesToBase64(seed));
  });
});

describe('restoreBackup errors', () => {
  it('gives one opaque DECRYPTION_FAILED for a wrong passphrase and for each altered field', async () => {
    const doc = await cheapDoc();
    const wrong = await expectCode(
      restoreBackup(JSON.stringify(doc), 'wrong passphrase!'),
      'DECRYPTION_FAILED',
    );
    for (const field of ['ciphertext', 'nonce', 'salt'] as const) {
      const bytes = base64ToBytes(doc[field]);
      bytes[0] = bytes[0]! ^ 1;
      const altered = await expectCode(
        restoreBackup({ ...doc, [field]: bytesToBase64(bytes) }, PASSPHRASE),
        'DECRYPTION_FAILED',
      );
      expect(altered.message).toBe(wrong.message);
    }
  });

  it('names the missing member with INVALID_BACKUP_JSON', async () => {
    const doc = (await cheapDoc()) as unknown as Record<string, unknown>;
    for (const field of [
      'version',
      'key_id',
      'algorithm',
      'kdf',
      'kdf_params',
      'encryption',
      'salt',
      'nonce',
      'ciphertext',
      'created',
    ]) {
      const rest = { ...doc };
      delete rest[field];
      const error = await expectCode(restoreBackup(rest, PASSPHRASE), 'INVALID_BACKUP_JSON');
      expect(error.message).toContain(`"${field}"`);
    }
    await expectCode(restoreBackup('{"version":1', PASSPHRASE), 'INVALID_BACKUP_JSON');
    await expectCode(restoreBackup('[1,2]', PASSPHRASE), 'INVALID_BACKUP_JSON');
    await expectCode(
      restoreBackup({ ...doc, salt: 'not base64!' }, PASSPHRASE),
      'INVALID_BACKUP_JSON',
    );
    await expectCode(
      restoreBackup({ ...doc, nonce: bytesToBase64(new Uint8Array(12)) }, PASSPHRASE),
      'INVALID_BACKUP_JSON',
    );
    const ct = base64ToBytes(doc['ciphertext'] as string);
    await expectCode(
      restoreBackup({ ...doc, ciphertext: bytesToBase64(ct.slice(0, 79)) }, PASSPHRASE),
      'INVALID_BACKUP_JSON',
    );
  });

  it('refuses other versions, unknown algorithms and costly parameters before any work', async () => {
    const doc = (await cheapDoc()) as unknown as Record<string, unknown>;
    await expectCode(
      restoreBackup({ ...doc, version: 2 }, PASSPHRASE),
      'UNSUPPORTED_BACKUP_VERSION',
    );
    await expectCode(restoreBackup({ ...doc, kdf: 'bcrypt' }, PASSPHRASE), 'UNSUPPORTED_ALGORITHM');
    await expectCode(
      restoreBackup({ ...doc, algorithm: 'RSA' }, PASSPHRASE),
      'UNSUPPORTED_ALGORITHM',
    );
    await expectCode(
      restoreBackup(
        { ...doc, kdf_params: { memory: 4 * 1024 * 1024, iterations: 3, parallelism: 1 } },
        PASSPHRASE,
      ),
      'KDF_PARAMS_UNSAFE',
    );
    await expectCode(
      restoreBackup({ ...doc, kdf: 'scrypt', kdf_params: { n: 2 ** 20, r: 16, p: 1 } }, PASSPHRASE),
      'KDF_PARAMS_UNSAFE',
    );
    await expectCode(
      restoreBackup({ ...doc, kdf: 'pbkdf2', kdf_params: { iterations: 1e9 } }, PASSPHRASE),
      'KDF_PARAMS_UNSAFE',
    );
    await expectCode(
      restoreBackup({ ...doc, kdf: 'scrypt', kdf_params: { n: 1000, r: 8, p: 1 } }, PASSPHRASE),
      'INVALID_BACKUP_JSON',
    );
  });

  it('checks integrity: a public key that is not the seed’s fails unless verifyIntegrity is false', async () => {
    const other = await keyPairFromSeed(new Uint8Array(32).fill(7));
    const plaintext = new Uint8Array(64);
    plaintext.set(keyPair.privateKey);
    plaintext.set(other.publicKey, 32);
    const doc = await sealBackup({
      seed: keyPair.privateKey,
      publicKey: keyPair.publicKey,
      passphrase: PASSPHRASE,
      keyId: 'k',
      kdf: 'argon2id',
      kdfParams: CHEAP,
      encryption: 'aes-gcm',
      purpose: 'read',
      created: '2026-01-02T03:04:05Z',
      includePublicKey: false,
      plaintextOverride: plaintext,
    });
    await expectCode(restoreBackup({ ...doc }, PASSPHRASE), 'INTEGRITY_CHECK_FAILED');
    const unchecked = await restoreBackup({ ...doc }, PASSPHRASE, { verifyIntegrity: false });
    expect(unchecked.keyPair.publicKey).toEqual(other.publicKey);
    const good = await cheapDoc();
    await expectCode(
      restoreBackup({ ...good, public_key: bytesToBase64(other.publicKey) }, PASSPHRASE),
      'INTEGRITY_CHECK_FAILED',
    );
  });

  it('reads what existing clients wrote: pbkdf2 without hash, loose created, no public_key, unknown members', async () => {
    const doc = await sealBackup({
      seed: keyPair.privateKey,
      publicKey: keyPair.publicKey,
      passphrase: 'legacy',
      keyId: 'legacy key id with spaces',
      kdf: 'pbkdf2',
      kdfParams: { iterations: 1000, hash: 'SHA-256' },
      encryption: 'chacha20-poly1305',
      purpose: 'read',
      created: '2025-06-08T22:59:35.123456+00:00Z',
      includePublicKey: false,
    });
    const legacy = { ...doc, kdf_params: { iterations: 1000 }, extra: { anything: true } };
    const { keyPair: restored, metadata } = await restoreBackup(JSON.stringify(legacy), 'legacy');
    expect(restored.privateKey).toEqual(seed);
    expect(metadata.created).toBe('2025-06-08T22:59:35.123456+00:00Z');
  });
});

describe('validateBackupFormat', () => {
  it('accepts a good backup and lists every issue of a bad one, naming the members', async () => {
    const doc = (await cheapDoc()) as unknown as Record<string, unknown>;
    expect(validateBackupFormat(JSON.stringify(doc))).toEqual({
      valid: true,
      issues: [],
      details: [],
    });
    const rest = { ...doc };
    delete rest['salt'];
    delete rest['nonce'];
    const result = validateBackupFormat({ ...rest, ciphertext: 'xx' });
    expect(result.valid).toBe(false);
    expect(result.details.map((d) => d.field)).toEqual(['salt', 'nonce', 'ciphertext']);
    expect(result.issues[0]).toContain('"salt"');
    expect(validateBackupFormat('not json').issues).toEqual(['backup is not valid JSON']);
    expect(validateBackupFormat({ ...doc, version: 2 }).details[0]?.code).toBe(
      'UNSUPPORTED_BACKUP_VERSION',
    );
    expect(
      validateBackupFormat({
        ...doc,
        kdf_params: { memory: 2 ** 22, iterations: 1, parallelism: 1 },
      }).details[0]?.code,
    ).toBe('KDF_PARAMS_UNSAFE');
    expect(validateBackupFormat(42).valid).toBe(false);
  });
});
