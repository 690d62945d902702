// Step 2 of the migration: a Node program imports the browser's backup into the key-file store,
// ~/.datafold/keys, the same directory datafold_cli uses.
//   node node-import.mjs BACKUP_FILE
import { readFile } from 'node:fs/promises';
import { importKey } from '@datafold/js-sdk';
import { createStorage } from '@datafold/js-sdk/node';

const [backupFile] = process.argv.slice(2);

// #region import
const storage = await createStorage({ kdfParams: { memory: 19456, iterations: 2 } }); // ~/.datafold/keys
const { keyId, publicKey } = await importKey(
  storage,
  await readFile(backupFile, 'utf8'),
  process.env.DATAFOLD_BACKUP_PASSPHRASE, // the backup's passphrase
  { storagePassphrase: process.env.DATAFOLD_PASSPHRASE, overwriteExisting: false },
);
// #endregion import
console.log(`node: imported ${keyId} ${Buffer.from(publicKey).toString('hex')}`);
