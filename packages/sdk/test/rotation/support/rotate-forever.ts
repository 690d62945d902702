// Run as its own process by rotation-crash.test.ts: rotates one key in a loop, printing each new
// version after the store returns, until the test kills it with SIGKILL mid-rotation.
import { KeyRotationManager } from '../../../src/rotation/key-rotation-manager.js';
import { createFileKeyStorage } from '../../../src/storage/node/file-key-storage.js';

const [directory, keyId] = process.argv.slice(2);
const storage = createFileKeyStorage({
  directory: directory!,
  kdfParams: { memory: 19456, iterations: 2, parallelism: 1 },
});
const manager = new KeyRotationManager(storage);
for (;;) {
  const { newVersion } = await manager.rotateKey(keyId!, 'correct horse battery staple', {
    reason: 'crash test',
    keepOldVersion: keepSome(),
  });
  process.stdout.write(`${newVersion}\n`);
}

function keepSome(): boolean {
  // Alternate between keeping and removing old versions, so kills land in clean-up too.
  return Math.random() < 0.5;
}
