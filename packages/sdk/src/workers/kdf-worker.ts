import { createBackup } from '../backup/create-backup.js';
import { restoreBackup } from '../backup/restore-backup.js';
import { deriveSealingKey } from '../sealing/derive-sealing-key.js';
import type {
  BackupKdf,
  BackupKdfParams,
  CreateBackupOptions,
  RestoreBackupOptions,
  RestoredBackup,
} from '../backup/types.js';
import type { KdfPurpose } from '../derivation/kdf-params.js';
import { KeyDerivationError, PlatformError } from '../errors/datafold-error.js';
import type { Ed25519KeyPair } from '../keys/types.js';
import type { KdfWorkerRequest, KdfWorkerResponse } from './kdf-protocol.js';
import { reviveError } from './worker-errors.js';

/** A progress report: the phase, and how long the operation has run. */
export interface KdfProgress {
  operation: KdfWorkerRequest['op'];
  /** queued → started (the worker took it) → running (heartbeats) → done. */
  phase: 'queued' | 'started' | 'running' | 'done';
  elapsedMs: number;
  /** True when the work runs in a Worker; false on the inline fallback. */
  offMainThread: boolean;
}

/** Options of {@link createKdfWorker}. */
export interface KdfWorkerOptions {
  /**
   * The worker module: a URL of the built `kdf-worker-entry.js` (bundlers that understand
   * `new URL(..., import.meta.url)` find it by default), or a ready Worker.
   */
  worker?: URL | string | Worker;
  /** Called with each phase, and every `heartbeatMs` while the worker runs. */
  onProgress?: (progress: KdfProgress) => void;
  /** Heartbeat interval in ms (default 100). */
  heartbeatMs?: number;
  /** Run inline, yielding first, when no Worker can start (default true). */
  fallbackInline?: boolean;
}

/** Password KDFs and whole backups, off the page's main thread. */
export interface KdfWorker {
  /** True when a Worker runs the work; false on the inline fallback. */
  readonly offMainThread: boolean;
  deriveKey(
    kdf: BackupKdf,
    params: BackupKdfParams,
    passphrase: string,
    salt: Uint8Array,
    purpose?: KdfPurpose,
  ): Promise<Uint8Array>;
  createBackup(
    keyPair: Ed25519KeyPair,
    passphrase: string,
    options: CreateBackupOptions,
  ): Promise<string | Uint8Array>;
  restoreBackup(
    data: string | Uint8Array | Record<string, unknown>,
    passphrase: string,
    options?: RestoreBackupOptions,
  ): Promise<RestoredBackup>;
  /** Stops the worker; pending calls fail with KEY_DERIVATION_FAILED. */
  terminate(): void;
}

function startWorker(spec: KdfWorkerOptions['worker']): Worker | undefined {
  const WorkerClass = (globalThis as { Worker?: typeof Worker }).Worker;
  if (spec !== undefined && typeof spec === 'object' && !(spec instanceof URL)) return spec;
  if (typeof WorkerClass !== 'function') return undefined;
  try {
    return new WorkerClass(spec ?? new URL('./kdf-worker-entry.js', import.meta.url), {
      type: 'module',
    });
  } catch {
    return undefined;
  }
}

/**
 * Runs Argon2id, scrypt and PBKDF2, and whole backup exports and imports, in a module Web Worker,
 * so a KDF of a second or more never freezes the page; progress arrives as phases and heartbeats
 * (hash-wasm computes a KDF in one call, so no fraction is known). Where no Worker can start
 * (Node, old browsers, a blocked worker URL) it runs inline after yielding to the event loop once.
 *
 * Errors: those of deriveSealingKey, createBackup and restoreBackup, with their codes;
 * KEY_DERIVATION_FAILED when the worker dies.
 *
 * @example
 * const kdf = createKdfWorker({ onProgress: (p) => spinner.update(p.elapsedMs) });
 * const backup = await kdf.createBackup(keyPair, passphrase, { keyId: 'app' });
 * kdf.terminate();
 */
export function createKdfWorker(options: KdfWorkerOptions = {}): KdfWorker {
  const heartbeatMs = options.heartbeatMs ?? 100;
  let worker = startWorker(options.worker);
  if (worker === undefined && options.fallbackInline === false) {
    throw new PlatformError(
      'UNSUPPORTED_PLATFORM',
      'No Web Worker could start here; allow module workers or pass fallbackInline: true',
    );
  }
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve(v: unknown): void; reject(e: Error): void; started(): void }
  >();

  worker?.addEventListener('message', (event: MessageEvent<KdfWorkerResponse>) => {
    const message = event.data;
    const call = pending.get(message.id);
    if (call === undefined) return;
    if (message.type === 'started') return call.started();
    pending.delete(message.id);
    if (message.type === 'result') call.resolve(message.result);
    else
      call.reject(
        reviveError(message.error, (m) => new KeyDerivationError('KEY_DERIVATION_FAILED', m)),
      );
  });
  worker?.addEventListener('error', () =>
    fail('the KDF worker stopped with an error (is its URL served?)'),
  );

  function fail(reason: string) {
    for (const call of pending.values())
      call.reject(new KeyDerivationError('KEY_DERIVATION_FAILED', reason));
    pending.clear();
  }

  function progress(op: KdfProgress['operation'], phase: KdfProgress['phase'], started: number) {
    options.onProgress?.({
      operation: op,
      phase,
      elapsedMs: Math.round(performance.now() - started),
      offMainThread: worker !== undefined,
    });
  }

  async function call<T>(
    request: Omit<KdfWorkerRequest, 'id'>,
    inline: () => Promise<T>,
  ): Promise<T> {
    const started = performance.now();
    progress(request.op, 'queued', started);
    if (worker === undefined) {
      // Let the page paint its "working" state before the KDF holds the thread.
      await new Promise((resolve) => setTimeout(resolve, 0));
      progress(request.op, 'started', started);
      try {
        return await inline();
      } finally {
        progress(request.op, 'done', started);
      }
    }
    const id = nextId++;
    let timer: ReturnType<typeof setInterval> | undefined;
    try {
      return await new Promise<T>((resolve, reject) => {
        pending.set(id, {
          resolve: resolve,
          reject,
          started: () => {
            progress(request.op, 'started', started);
            timer = setInterval(() => progress(request.op, 'running', started), heartbeatMs);
          },
        });
        worker!.postMessage({ ...request, id });
      });
    } finally {
      if (timer !== undefined) clearInterval(timer);
      progress(request.op, 'done', started);
    }
  }

  return {
    get offMainThread() {
      return worker !== undefined;
    },
    deriveKey(kdf, params, passphrase, salt, purpose = 'create') {
      return call({ op: 'deriveKey', args: [kdf, params, passphrase, salt, purpose] }, () =>
        deriveSealingKey(kdf, params, passphrase, salt, purpose),
      );
    },
    createBackup(keyPair, passphrase, backupOptions) {
      return call({ op: 'createBackup', args: [keyPair, passphrase, backupOptions] }, () =>
        createBackup(keyPair, passphrase, backupOptions),
      );
    },
    restoreBackup(data, passphrase, restoreOptions = {}) {
      return call({ op: 'restoreBackup', args: [data, passphrase, restoreOptions] }, () =>
        restoreBackup(data, passphrase, restoreOptions),
      );
    },
    terminate() {
      worker?.terminate();
      worker = undefined;
      fail('the KDF worker was terminated');
    },
  };
}
