// `@datafold/js-sdk/worker` in Node (the package's "node" export condition): CryptoWorker runs in
// a worker_threads worker. Same names and types as the browser entry (../../worker.ts).
export { NodeCryptoWorker as CryptoWorker } from './node-crypto-worker.js';
export type { CryptoWorkerOptions, WorkerLike } from '../crypto-worker.js';
export {
  createKdfWorker,
  type KdfProgress,
  type KdfWorker,
  type KdfWorkerOptions,
} from '../kdf-worker.js';
