// The page of kdf-worker.test.ts: a backup with the default Argon2id cost (64 MiB, t=3) through
// the KDF worker, while the page counts how often its own event loop got to run.
import { isDataFoldError } from '../../../src/errors/datafold-error.js';
import { generateKeyPair } from '../../../src/keys/generate-key-pair.js';
import { createKdfWorker, type KdfProgress } from '../../../src/workers/kdf-worker.js';

async function measure<T>(work: () => Promise<T>): Promise<{ value: T; ticks: number }> {
  let ticks = 0;
  let running = true;
  const tick = () => {
    ticks++;
    if (running) setTimeout(tick, 5);
  };
  setTimeout(tick, 5);
  try {
    return { value: await work(), ticks };
  } finally {
    running = false;
  }
}

(globalThis as Record<string, unknown>).runKdfWorker = async () => {
  const events: KdfProgress[] = [];
  const kdf = createKdfWorker({ onProgress: (p) => events.push(p), heartbeatMs: 50 });
  const pair = await generateKeyPair();
  const created = await measure(() =>
    kdf.createBackup(pair, 'correct horse battery staple', { keyId: 'app' }),
  );
  const wrong = await kdf.restoreBackup(created.value, 'not the passphrase').then(
    () => 'restored',
    (e: unknown) => (isDataFoldError(e) ? e.code : String(e)),
  );
  const restored = await kdf.restoreBackup(created.value, 'correct horse battery staple');
  kdf.terminate();
  return {
    offMainThread: events[0]?.offMainThread,
    phases: events.filter((e) => e.operation === 'createBackup').map((e) => e.phase),
    ticksDuringCreate: created.ticks,
    wrong,
    samePublicKey: restored.keyPair.publicKey.every((b, i) => b === pair.publicKey[i]),
  };
};
(globalThis as Record<string, unknown>).kdfReady = true;
