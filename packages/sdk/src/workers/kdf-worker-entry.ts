// The module a KDF worker runs (new Worker(url, { type: 'module' })): Argon2id, scrypt and whole
// backup exports/imports, whose WebAssembly KDFs would otherwise hold the page's main thread for
// a second or more. Answers are posted back with the request's id; errors keep their code.
import { createBackup } from '../backup/create-backup.js';
import { deriveBackupKey } from '../backup/derive-backup-key.js';
import { restoreBackup } from '../backup/restore-backup.js';
import { DataFoldError } from '../errors/datafold-error.js';
import type { KdfWorkerRequest, KdfWorkerResponse } from './kdf-protocol.js';

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
      return deriveBackupKey(...request.args);
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
        error: {
          name: error instanceof Error ? error.name : 'Error',
          code: error instanceof DataFoldError ? error.code : undefined,
          // DataFold messages never hold secrets; anything else is replaced, not forwarded.
          message: error instanceof DataFoldError ? error.message : 'the KDF worker failed',
          details: error instanceof DataFoldError ? { ...error.details } : {},
        },
      }),
  );
});
