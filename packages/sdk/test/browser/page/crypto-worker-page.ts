// The page of crypto-worker.test.ts: CryptoWorker in a module Web Worker, its answers beside the
// main entry's, and how often the page's own event loop ran during an Argon2id derivation.
import { deriveKey } from '../../../src/derivation/derive-key.js';
import { bytesToHex } from '../../../src/encoding/hex.js';
import { isDataFoldError } from '../../../src/errors/datafold-error.js';
import { keyPairFromSeed } from '../../../src/keys/key-pair-from-seed.js';
import { sign } from '../../../src/signatures/sign.js';
import { CryptoWorker } from '../../../src/workers/crypto-worker.js';

(globalThis as Record<string, unknown>).runCryptoWorker = async () => {
  const worker = new CryptoWorker();
  const offMainThread = worker.offMainThread;
  const generated = await worker.generateKeyPair();
  const pair = await keyPairFromSeed(new Uint8Array(32).fill(3));
  const signature = await worker.sign('Hello, DataFold!', pair.privateKey);
  const salt = new Uint8Array(16).fill(1);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  const derived = await worker.deriveKey('correct horse battery staple', {
    algorithm: 'argon2id',
    salt,
  });
  clearInterval(timer);
  const error = await worker.sign('x', new Uint8Array(3)).catch((e: unknown) => e);
  worker.terminate();
  return {
    offMainThread,
    afterTerminate: worker.offMainThread,
    generatedLength: generated.privateKey.length,
    sameSignature:
      bytesToHex(signature) === bytesToHex(await sign('Hello, DataFold!', pair.privateKey)),
    sameKey:
      bytesToHex(derived.key) ===
      bytesToHex(
        (await deriveKey('correct horse battery staple', { algorithm: 'argon2id', salt })).key,
      ),
    ticksDuringArgon2id: ticks,
    errorCode: isDataFoldError(error) ? `${error.name}:${error.code}` : String(error),
  };
};
(globalThis as Record<string, unknown>).cryptoWorkerReady = true;
