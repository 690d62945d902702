// A desktop-style Node app: the user's key lives in the app's own key directory (key file v1,
// 0700/0600), is backed up on first launch, registered with the DataFold server, and used on
// every later launch to sign what the user approves. Run it twice: the second launch reopens the
// same key instead of making a new one.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createBackup, createServerIntegration, generateKeyPair, sign } from '@datafold/js-sdk';
import { createStorage } from '@datafold/js-sdk/node';

const APP_DIR = join(
  process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'),
  'example-desktop',
);
const KEY_ID = 'device-key';

// #region launch
async function launch({ passphrase, datafoldUrl }) {
  const storage = await createStorage({
    directory: join(APP_DIR, 'keys'), // the app's own store, created 0700
    kdfParams: { memory: 19456, iterations: 2 }, // the floor, to keep the example quick
  });
  const datafold = createServerIntegration({ baseUrl: datafoldUrl });

  if (!(await storage.hasKey(KEY_ID))) {
    // First launch: make the key, back it up where the user can find it, register it.
    const keyPair = await generateKeyPair();
    const backupPath = join(APP_DIR, 'device-key.backup.json');
    const backup = await createBackup(keyPair, passphrase, {
      keyId: KEY_ID,
      kdfParams: { memory: 19456, iterations: 2 },
    });
    await writeFile(backupPath, backup, { mode: 0o600, flag: 'wx' });
    const registration = await datafold.registerKeyPair(keyPair, { keyName: 'desktop' });
    await storage.storeKeyPair(KEY_ID, keyPair, passphrase, {
      name: 'This device',
      clientId: registration.clientId,
      server: datafoldUrl,
    });
    console.log(`first launch: registered as ${registration.clientId}, backup at ${backupPath}`);
  }

  // Every launch: unlock with the passphrase (DECRYPTION_FAILED if wrong) and check the server.
  const keyPair = await storage.retrieveKeyPair(KEY_ID, passphrase);
  const [info] = (await storage.listKeys()).filter((k) => k.keyId === KEY_ID);
  const clientId = String(info.metadata.clientId);
  const status = await datafold.checkRegistrationStatus(clientId);
  if (status.status !== 'active') throw new Error(`this device's key is ${status.status}`);

  return {
    clientId,
    async approve(document) {
      const signature = await sign(document, keyPair.privateKey);
      return datafold.verifySignature({ clientId, message: document, signature });
    },
  };
}
// #endregion launch

const options = {
  passphrase: process.env.DATAFOLD_PASSPHRASE ?? 'correct horse battery staple',
  datafoldUrl: process.env.DATAFOLD_SERVER_URL ?? 'http://localhost:9001',
};
const first = await launch(options);
assert.equal((await first.approve('purchase order 7 approved')).verified, true);
const second = await launch(options); // as if the app were started again
assert.equal(second.clientId, first.clientId);
const receipt = await second.approve('purchase order 8 approved');
assert.equal(receipt.verified, true);
console.log(`second launch: verified for ${receipt.clientId}`);
assert.ok(existsSync(join(APP_DIR, 'device-key.backup.json')));
console.log('desktop app: ok');
