// A non-extractable CryptoKey where the 32-byte seed is needed is KEY_NOT_EXTRACTABLE, on every
// path: backups, passphrase stores, byte signing. Node's WebCrypto makes such keys as browsers do.
import { describe, expect, it } from 'vitest';
import { createBackup } from '../../src/backup/create-backup.js';
import { isDataFoldError } from '../../src/errors/datafold-error.js';
import { sign } from '../../src/signatures/sign.js';
import { createMemoryKeyStorage } from '../../src/storage/memory-storage.js';

const PASSPHRASE = 'correct horse battery staple';

async function cryptoKeyPair(extractable: boolean) {
  const pair = await crypto.subtle.generateKey('Ed25519', extractable, ['sign', 'verify']);
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey };
}

async function errorOf(work: () => Promise<unknown>) {
  const error = await work().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isDataFoldError(error), String(error)).toBe(true);
  return error as { code: string; httpStatus: number; message: string; fix: string };
}

describe('KEY_NOT_EXTRACTABLE', () => {
  it('refuses to back up, store or byte-sign a non-extractable key, as a 400 with a fix', async () => {
    const pair = await cryptoKeyPair(false);
    const backup = await errorOf(() => createBackup(pair as never, PASSPHRASE, { keyId: 'k' }));
    expect(backup).toMatchObject({ code: 'KEY_NOT_EXTRACTABLE', httpStatus: 400 });
    expect(backup.message).toMatch(/cannot be backed up/);
    expect(backup.fix).toMatch(/register a second key/);

    const storage = createMemoryKeyStorage({ kdfParams: { memory: 19456, iterations: 2 } });
    const stored = await errorOf(() => storage.storeKeyPair('k', pair as never, PASSPHRASE));
    expect(stored.code).toBe('KEY_NOT_EXTRACTABLE');

    const signed = await errorOf(() => sign('hello', pair.privateKey as never));
    expect(signed.code).toBe('KEY_NOT_EXTRACTABLE');
    expect(signed.message).toMatch(/signRequest/);
  });

  it('an extractable CryptoKey is INVALID_PRIVATE_KEY: its seed could be exported first', async () => {
    const pair = await cryptoKeyPair(true);
    expect((await errorOf(() => sign('hello', pair.privateKey as never))).code).toBe(
      'INVALID_PRIVATE_KEY',
    );
  });
});
