// The module a browser CryptoWorker runs (new Worker(url, { type: 'module' })): key generation,
// signing, verification and KDFs, answered by id (serve-crypto-operations.ts).
import type { CryptoRequest, CryptoResponse } from './crypto-operations.js';
import { serveCryptoOperations } from './serve-crypto-operations.js';

const scope = globalThis as unknown as {
  postMessage(message: CryptoResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<CryptoRequest>) => void): void;
};

serveCryptoOperations({
  postMessage: (message) => scope.postMessage(message),
  onRequest: (listener) => scope.addEventListener('message', (event) => listener(event.data)),
});
