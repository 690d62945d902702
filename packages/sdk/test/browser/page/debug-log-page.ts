// The page of debug-log.test.ts: an SDK operation, with debug logging left to the document's
// switch, localStorage.setItem('datafold-debug', 'true').
import { keyPairFromSeed } from '../../../src/keys/key-pair-from-seed.js';
import { createMemoryKeyStorage } from '../../../src/storage/memory-storage.js';

(globalThis as Record<string, unknown>).storeAKey = async () => {
  const storage = createMemoryKeyStorage({
    kdfParams: { memory: 19456, iterations: 2, parallelism: 1 },
  });
  await storage.storeKeyPair(
    'app',
    await keyPairFromSeed(new Uint8Array(32).fill(1)),
    'correct horse battery staple',
  );
};
(globalThis as Record<string, unknown>).debugPageReady = true;
