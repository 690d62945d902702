/**
 * `@datafold/js-sdk/worker`: the SDK's expensive work off the main thread. In browsers
 * CryptoWorker runs a module Web Worker; in Node the package's "node" condition loads
 * workers/node/index.ts, whose CryptoWorker runs in worker_threads.
 */
export {
  CryptoWorker,
  type CryptoWorkerOptions,
  type WorkerLike,
} from './workers/crypto-worker.js';
export {
  createKdfWorker,
  type KdfProgress,
  type KdfWorker,
  type KdfWorkerOptions,
} from './workers/kdf-worker.js';
