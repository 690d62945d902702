// Run as its own process by file-key-storage.test.ts: adds `count` versions to one key, racing
// the other workers, and prints the version numbers it got.
import { keyPairFromSeed } from '../../../../src/keys/key-pair-from-seed.js';
import { createFileKeyStorage } from '../../../../src/storage/node/file-key-storage.js';

const [directory, keyId, count] = process.argv.slice(2);
const storage = createFileKeyStorage({
  directory: directory!,
  kdfParams: { memory: 19456, iterations: 2, parallelism: 1 },
});
const got: number[] = [];
for (let i = 0; i < Number(count); i++) {
  const pair = await keyPairFromSeed(crypto.getRandomValues(new Uint8Array(32)));
  got.push(await storage.storeKeyVersion(keyId!, pair, 'correct horse battery staple'));
}
process.stdout.write(JSON.stringify(got));
