import { ValidationError } from '../errors/datafold-error.js';
import {
  isCryptoOperation,
  runCryptoOperation,
  type CryptoRequest,
  type CryptoResponse,
} from './crypto-operations.js';
import { serializeError } from './worker-errors.js';

/** The worker's side of its channel: a Web Worker's global scope or Node's parentPort, adapted. */
export interface CryptoWorkerScope {
  postMessage(message: CryptoResponse): void;
  onRequest(listener: (request: CryptoRequest) => void): void;
}

/**
 * Answers crypto requests on `scope` until the worker ends: each request runs one operation of
 * CRYPTO_OPERATIONS and posts its result or its coded error back under the request's id.
 *
 * @example
 * serveCryptoOperations({ postMessage: (m) => self.postMessage(m),
 *   onRequest: (l) => self.addEventListener('message', (e) => l(e.data)) });
 */
export function serveCryptoOperations(scope: CryptoWorkerScope): void {
  scope.onRequest((request) => {
    const { id, op, args } = request;
    const work = isCryptoOperation(op)
      ? runCryptoOperation(op, Array.isArray(args) ? args : [])
      : Promise.reject(new ValidationError('INVALID_ARGUMENT', `unknown operation ${String(op)}`));
    work.then(
      (result) => scope.postMessage({ id, type: 'result', result }),
      (error: unknown) =>
        scope.postMessage({
          id,
          type: 'error',
          error: serializeError(error, 'the crypto worker failed'),
        }),
    );
  });
}
