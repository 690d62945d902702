// The document's "Worker Threads" snippet, verbatim; workers/crypto-worker.test.ts runs it with Node.
// Offload crypto operations to worker thread
import { CryptoWorker } from '@datafold/js-sdk/worker';

const worker = new CryptoWorker();
const keyPair = await worker.generateKeyPair();
