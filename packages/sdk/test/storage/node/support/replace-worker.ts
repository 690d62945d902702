// Run as its own process by file-key-storage.test.ts: replaces one key `count` times the way a
// rotation without --keep-old does (new version, pointer moved, old versions deleted).
import { keyPairFromSeed } from '../../../../src/keys/key-pair-from-seed.js';
import { createFileKeyStorage } from '../../../../src/storage/node/file-key-storage.js';

const [directory, keyId, count] = process.argv.slice(2);
const storage = createFileKeyStorage({
  directory: directory!,
  kdfParams: { memory: 19456, iterations: 2, parallelism: 1 },
});
for (let i = 0; i < Number(count); i++) {
  const pair = await keyPairFromSeed(crypto.getRandomValues(new Uint8Array(32)));
  await storage.storeKeyPair(keyId!, pair, 'correct horse battery staple', undefined, {
    overwrite: true,
  });
}
