// Step 1 of the migration: the key lives in the browser. The page exports it as a backup v1 file
// (offered as a download). In a page `createStorage()` opens IndexedDB; Node has none, so this
// run uses the in-memory store, which has the same interface.
//   node browser-export.mjs BACKUP_FILE
import { writeFile } from 'node:fs/promises';
import {
  createServerIntegration,
  createStorage,
  exportKey,
  generateKeyPair,
} from '@datafold/js-sdk';

const [backupFile] = process.argv.slice(2);
const passphrase = process.env.DATAFOLD_PASSPHRASE ?? 'correct horse battery staple';
const backupPassphrase = process.env.DATAFOLD_BACKUP_PASSPHRASE ?? 'the backup passphrase';
const cheap = { memory: 19456, iterations: 2, parallelism: 1 }; // Argon2id floor: a quick example

// What the web app did when the user signed up: a key in the browser, registered.
const storage = await createStorage({ type: 'memory', kdfParams: cheap }); // a page: createStorage()
const keyPair = await generateKeyPair();
await storage.storeKeyPair('user-key', keyPair, passphrase, { name: 'Web login' });
const server = createServerIntegration({
  baseUrl: process.env.DATAFOLD_SERVER_URL ?? 'http://localhost:9001',
});
await server.registerKeyPair(keyPair, { clientId: 'migrating-user' });

// #region export
const { data } = await exportKey(storage, 'user-key', backupPassphrase, {
  storagePassphrase: passphrase, // unlocks the stored key; the backup gets its own passphrase
  kdfParams: cheap,
  includeMetadata: true,
});
// In a page: URL.createObjectURL(new Blob([data], { type: 'application/json' })) for a download.
await writeFile(backupFile, data, { mode: 0o600 });
// #endregion export
console.log(`browser: exported user-key to ${backupFile}`);
