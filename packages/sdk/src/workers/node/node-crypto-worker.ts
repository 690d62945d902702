/// <reference types="node" />
import { Worker } from 'node:worker_threads';

import { CryptoWorker, type CryptoWorkerOptions, type WorkerLike } from '../crypto-worker.js';

/** A worker_threads worker with the surface of a Web Worker, as CryptoWorker drives it. */
function adapt(worker: Worker): WorkerLike {
  return {
    postMessage: (message) => worker.postMessage(message),
    addEventListener: (type: 'message' | 'error', listener: (event: { data: unknown }) => void) => {
      if (type === 'message') worker.on('message', (data: unknown) => listener({ data }));
      else {
        worker.on('error', (error: unknown) => listener({ data: error }));
        // A worker that exits without an error event (killed, out of memory) fails calls too.
        worker.on('exit', (code) => {
          if (code !== 0) listener({ data: code });
        });
      }
    },
    terminate: () => worker.terminate(),
    ref: () => worker.ref(),
    unref: () => worker.unref(),
  };
}

/**
 * The CryptoWorker of `@datafold/js-sdk/worker` in Node: the same class, run in a
 * `worker_threads` worker (Node has no Web Worker), which is unreferenced while idle so it never
 * keeps a process alive. `options.worker` may still be a URL or path of another entry script.
 *
 * @example
 * import { CryptoWorker } from '@datafold/js-sdk/worker';
 * const worker = new CryptoWorker();
 * const { key } = await worker.deriveKey(password, { algorithm: 'argon2id', salt });
 */
export class NodeCryptoWorker extends CryptoWorker {
  constructor(options: CryptoWorkerOptions = {}) {
    super(options);
  }

  protected override startWorker(spec: CryptoWorkerOptions['worker']): WorkerLike | undefined {
    if (spec !== undefined && typeof spec === 'object' && !(spec instanceof URL)) return spec;
    try {
      return adapt(new Worker(spec ?? new URL('./crypto-worker-node-entry.js', import.meta.url)));
    } catch {
      return undefined;
    }
  }
}
