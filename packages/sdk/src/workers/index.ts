export {
  createKdfWorker,
  type KdfProgress,
  type KdfWorker,
  type KdfWorkerOptions,
} from './kdf-worker.js';
