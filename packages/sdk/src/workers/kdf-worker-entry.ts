// The module a KDF worker runs (new Worker(url, { type: 'module' })): Argon2id, scrypt and whole
// backup exports/imports, whose WebAssembly KDFs would otherwise hold the page's main thread for
// a second or more. Answers are posted back with the request's id; errors keep their code.
import { createBackup } from '../backup/create-backup.js';
import { restoreBackup } from '../backup/restore-backup.js';
import { deriveSealingKey } from '../sealing/derive-sealing-key.js';
import type { KdfWorkerRequest, KdfWorkerResponse } from './kdf-protocol.js';
import { serializeError } from './worker-errors.js';

const scope = globalThis as unknown as {
  postMessage(message: KdfWorkerResponse): void;
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<KdfWorkerRequest>) => void,
  ): void;
};

async function run(request: KdfWorkerRequest): Promise<unknown> {
  switch (request.op) {
    case 'deriveKey':
      return deriveSealingKey(...request.args);
    case 'createBackup':
      return createBackup(...request.args);
    case 'restoreBackup':
      return restoreBackup(...request.args);
  }
}

scope.addEventListener('message', (event) => {
  const request = event.data;
  scope.postMessage({ id: request.id, type: 'started' });
  run(request).then(
    (result) => scope.postMessage({ id: request.id, type: 'result', result }),
    (error: unknown) =>
      scope.postMessage({
        id: request.id,
        type: 'error',
        error: serializeError(error, 'the KDF worker failed'),
      }),
  );
});
