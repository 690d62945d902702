// Backup and recovery with @datafold/js-sdk: an encrypted backup v1 file (spec/backup-v1.md) that
// every DataFold face reads, restored after a simulated loss of the key store.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import {
  createBackup,
  createMemoryKeyStorage,
  exportKey,
  generateKeyPair,
  importKey,
  isDataFoldError,
  restoreBackup,
  validateBackupFormat,
} from '@datafold/js-sdk';

const backupPassphrase = 'a different, long backup passphrase';
// Argon2id at its floor keeps the example quick; omit kdfParams for the default (m=64 MiB, t=3).
const cheap = { memory: 19456, iterations: 2, parallelism: 1 };

// #region create
const keyPair = await generateKeyPair();
const backupText = await createBackup(keyPair, backupPassphrase, {
  keyId: 'laptop-key',
  kdf: 'argon2id', // or 'scrypt', 'pbkdf2'
  kdfParams: cheap,
  encryption: 'xchacha20-poly1305', // or 'chacha20-poly1305', 'aes-gcm'
});
await writeFile('laptop-key.backup.json', backupText, { mode: 0o600 });
// #endregion create

// #region restore
const text = await readFile('laptop-key.backup.json', 'utf8');
const check = validateBackupFormat(text); // structure only, no passphrase
assert.ok(check.valid, check.issues.join('; '));
const { keyPair: restored, metadata } = await restoreBackup(text, backupPassphrase);
assert.deepEqual(restored.publicKey, keyPair.publicKey);
console.log(`restored ${metadata.keyId} (${metadata.kdf} + ${metadata.encryption})`);
// #endregion restore

// #region wrong-passphrase
try {
  await restoreBackup(text, 'not the backup passphrase');
  assert.fail('a wrong passphrase must not decrypt');
} catch (error) {
  assert.ok(isDataFoldError(error, 'DECRYPTION_FAILED'));
}
// #endregion wrong-passphrase

// #region storage
// From a key store to a backup and back into another store, with its own passphrase.
const storePassphrase = 'correct horse battery staple';
const source = createMemoryKeyStorage({ kdfParams: cheap });
await source.storeKeyPair('app-key', keyPair, storePassphrase, { name: 'App' });
const { data } = await exportKey(source, 'app-key', backupPassphrase, {
  storagePassphrase: storePassphrase,
  kdfParams: cheap,
  includeMetadata: true,
});
const target = createMemoryKeyStorage({ kdfParams: cheap });
const imported = await importKey(target, data, backupPassphrase, {
  storagePassphrase: storePassphrase,
  overwriteExisting: false, // KEY_ALREADY_EXISTS rather than replacing a key
});
assert.equal(imported.keyId, 'app-key');
assert.equal((await target.listKeys())[0].metadata.name, 'App');
// #endregion storage
console.log('backed up and restored: ok');
