/// <reference types="node" />
// The script a Node CryptoWorker runs in a worker_threads worker: the browser entry's loop
// (serve-crypto-operations.ts) on parentPort.
import { parentPort } from 'node:worker_threads';

import type { CryptoRequest } from '../crypto-operations.js';
import { serveCryptoOperations } from '../serve-crypto-operations.js';

const port = parentPort;
if (port !== null) {
  serveCryptoOperations({
    postMessage: (message) => port.postMessage(message),
    onRequest: (listener) => port.on('message', (request: CryptoRequest) => listener(request)),
  });
}
