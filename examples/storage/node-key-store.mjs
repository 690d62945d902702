// Secure key storage in Node: the key-file v1 store the CLI shares (~/.datafold/keys, directory
// 0700, files 0600, Argon2id + AES-256-GCM), versions and rotation, and what a wrong passphrase
// gets. The browser's IndexedDB store has the same interface (see web-app/public/app.js).
import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  generateKeyPair,
  isDataFoldError,
  KeyRotationManager,
  sign,
  verify,
} from '@datafold/js-sdk';
import { createStorage } from '@datafold/js-sdk/node';

const passphrase = process.env.DATAFOLD_PASSPHRASE ?? 'correct horse battery staple';

// #region open
const storage = await createStorage({
  directory: join(homedir(), '.datafold', 'keys'), // the default, shared with datafold_cli
  // The Argon2id floor (OWASP minimum) keeps this example fast; the default is m=65536 KiB, t=3.
  kdfParams: { memory: 19456, iterations: 2, parallelism: 1 },
});
// #endregion open

// #region store
const keyPair = await generateKeyPair();
await storage.storeKeyPair('service-key', keyPair, passphrase, {
  name: 'Billing service',
  tags: ['production'],
});
for (const info of await storage.listKeys()) {
  console.log(info.keyId, `v${info.version}`, info.metadata.name); // no passphrase needed
}
const loaded = await storage.retrieveKeyPair('service-key', passphrase);
assert.deepEqual(loaded.publicKey, keyPair.publicKey);
// #endregion store

// #region wrong-passphrase
try {
  await storage.retrieveKeyPair('service-key', 'not the passphrase');
  assert.fail('a wrong passphrase must not decrypt');
} catch (error) {
  // One opaque code for a wrong passphrase and a tampered file alike.
  assert.ok(isDataFoldError(error, 'DECRYPTION_FAILED'));
}
// #endregion wrong-passphrase

// #region rotate
const manager = new KeyRotationManager(storage, { defaultPolicy: { rotationIntervalDays: 90 } });
await manager.createVersionedKeyPair('signing-key', await generateKeyPair(), passphrase, {
  name: 'Release signing',
});
const before = await storage.retrieveKeyPair('signing-key', passphrase);
const signedBefore = await sign('release 1.0', before.privateKey);

const rotated = await manager.rotateKey('signing-key', passphrase, {
  reason: 'scheduled_rotation',
});
console.log(`signing-key: v${rotated.previousVersion} -> v${rotated.newVersion}`);
// Old versions are kept (keepOldVersion defaults to true) and still verify what they signed.
const v1 = await storage.retrieveKeyVersion('signing-key', 1, passphrase);
assert.ok(await verify(signedBefore, 'release 1.0', v1.publicKey));
console.log('rotation due?', (await manager.checkRotationDue('signing-key')).due);
// #endregion rotate

await storage.deleteKey('service-key');
await storage.deleteKey('signing-key');
console.log('stored, retrieved, rotated: ok');
