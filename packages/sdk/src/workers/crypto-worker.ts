import type {
  BackupKdf,
  BackupKdfParams,
  CreateBackupOptions,
  RestoreBackupOptions,
  RestoredBackup,
} from '../backup/types.js';
import type { KdfPurpose } from '../derivation/kdf-params.js';
import type { DeriveKeyOptions, DerivedKey } from '../derivation/derived-key.js';
import { PlatformError } from '../errors/datafold-error.js';
import type { KeyGenerationOptions } from '../keys/generate-key-pair.js';
import type { Ed25519KeyPair } from '../keys/types.js';
import {
  runCryptoOperation,
  type CryptoOperation,
  type CryptoResponse,
} from './crypto-operations.js';
import { reviveError } from './worker-errors.js';

/** What a CryptoWorker needs of a worker: a Web Worker, or Node's worker_threads adapted. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'error', listener: (event: unknown) => void): void;
  terminate(): unknown;
  /** Node: keep the process alive while calls are pending, not otherwise. */
  ref?(): void;
  unref?(): void;
}

/** Options of the {@link CryptoWorker} constructor. */
export interface CryptoWorkerOptions {
  /**
   * The worker: a URL of the built `crypto-worker-entry.js` (default: beside this module, where
   * the package ships it), or a worker already started.
   */
  worker?: URL | string | WorkerLike;
  /** Run inline, after yielding once, where no worker can start (default true). */
  fallbackInline?: boolean;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * The SDK's expensive operations off the main thread: key generation, signing and verification,
 * and every KDF (HKDF, PBKDF2, scrypt, Argon2id) and whole backups. In a browser it runs a module
 * Web Worker; from `@datafold/js-sdk/worker` in Node, a `worker_threads` worker that does not keep
 * the process alive when idle. Results are exactly those of the main entry's functions (the
 * worker runs them). Where no worker can start it runs inline after yielding to the event loop
 * (`offMainThread` says which).
 *
 * Errors: those of the functions it runs, with their codes and classes; UNSUPPORTED_PLATFORM when
 * the worker dies or was terminated.
 *
 * @example
 * import { CryptoWorker } from '@datafold/js-sdk/worker';
 * const worker = new CryptoWorker();
 * const keyPair = await worker.generateKeyPair();
 * const signature = await worker.sign('Hello, DataFold!', keyPair.privateKey);
 * worker.terminate();
 */
export class CryptoWorker {
  #worker: WorkerLike | undefined;
  #terminated = false;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  constructor(options: CryptoWorkerOptions = {}) {
    this.#worker = this.startWorker(options.worker);
    if (this.#worker === undefined && options.fallbackInline === false) {
      throw new PlatformError(
        'UNSUPPORTED_PLATFORM',
        'No worker could start here; allow module workers or pass fallbackInline: true',
      );
    }
    this.#worker?.unref?.();
    this.#worker?.addEventListener('message', (event) => this.#answer(event.data));
    this.#worker?.addEventListener('error', () =>
      this.#failAll('the crypto worker stopped with an error (is its module served?)'),
    );
  }

  /** True when a worker runs the calls; false on the inline fallback. */
  get offMainThread(): boolean {
    return this.#worker !== undefined;
  }

  /** {@link generateKeyPair}, in the worker. */
  generateKeyPair(options?: KeyGenerationOptions): Promise<Ed25519KeyPair> {
    return this.#call('generateKeyPair', options === undefined ? [] : [options]);
  }

  /** {@link generateMultipleKeyPairs}, in the worker. */
  generateMultipleKeyPairs(
    count: number,
    options?: Omit<KeyGenerationOptions, 'entropy'>,
  ): Promise<Ed25519KeyPair[]> {
    return this.#call(
      'generateMultipleKeyPairs',
      options === undefined ? [count] : [count, options],
    );
  }

  /** {@link sign}, in the worker. */
  sign(message: string | Uint8Array, privateKey: Uint8Array): Promise<Uint8Array> {
    return this.#call('sign', [message, privateKey]);
  }

  /** {@link verify} (strict RFC 8032), in the worker. */
  verify(
    signature: Uint8Array,
    message: string | Uint8Array,
    publicKey: Uint8Array,
  ): Promise<boolean> {
    return this.#call('verify', [signature, message, publicKey]);
  }

  /** {@link deriveKey} (HKDF, PBKDF2, scrypt, Argon2id), in the worker. */
  deriveKey(masterKey: Uint8Array | string, options: DeriveKeyOptions): Promise<DerivedKey> {
    return this.#call('deriveKey', [masterKey, options]);
  }

  /** The key of a backup or key file from its passphrase (spec/backup-v1.md §4), in the worker. */
  deriveBackupKey(
    kdf: BackupKdf,
    params: BackupKdfParams,
    passphrase: string,
    salt: Uint8Array,
    purpose: KdfPurpose = 'create',
  ): Promise<Uint8Array> {
    return this.#call('deriveBackupKey', [kdf, params, passphrase, salt, purpose]);
  }

  /** {@link createBackup}, in the worker. */
  createBackup(
    keyPair: Ed25519KeyPair,
    passphrase: string,
    options: CreateBackupOptions,
  ): Promise<string | Uint8Array> {
    return this.#call('createBackup', [keyPair, passphrase, options]);
  }

  /** {@link restoreBackup}, in the worker. */
  restoreBackup(
    data: string | Uint8Array | Record<string, unknown>,
    passphrase: string,
    options: RestoreBackupOptions = {},
  ): Promise<RestoredBackup> {
    return this.#call('restoreBackup', [data, passphrase, options]);
  }

  /** Stops the worker; pending and later calls fail with UNSUPPORTED_PLATFORM. */
  terminate(): void {
    this.#terminated = true;
    void this.#worker?.terminate();
    this.#worker = undefined;
    this.#failAll('the crypto worker was terminated');
  }

  /**
   * Starts the default worker, or adopts the one given; undefined where none can start. The
   * browser's is a module Web Worker beside this file; the Node entry overrides this.
   */
  protected startWorker(spec: CryptoWorkerOptions['worker']): WorkerLike | undefined {
    if (spec !== undefined && typeof spec === 'object' && !(spec instanceof URL)) return spec;
    const WorkerClass = (globalThis as { Worker?: typeof Worker }).Worker;
    if (typeof WorkerClass !== 'function') return undefined;
    try {
      return new WorkerClass(spec ?? new URL('./crypto-worker-entry.js', import.meta.url), {
        type: 'module',
      });
    } catch {
      return undefined;
    }
  }

  async #call<T>(op: CryptoOperation, args: unknown[]): Promise<T> {
    if (this.#terminated) {
      throw new PlatformError('UNSUPPORTED_PLATFORM', 'the crypto worker was terminated');
    }
    const worker = this.#worker;
    if (worker === undefined) {
      // Let the page paint before the work holds the thread.
      await new Promise((resolve) => setTimeout(resolve, 0));
      return (await runCryptoOperation(op, args)) as T;
    }
    const id = this.#nextId++;
    if (this.#pending.size === 0) worker.ref?.();
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve, reject });
      worker.postMessage({ id, op, args });
    });
  }

  #answer(data: unknown): void {
    const message = data as CryptoResponse;
    const call = this.#pending.get(message.id);
    if (call === undefined) return;
    this.#pending.delete(message.id);
    if (this.#pending.size === 0) this.#worker?.unref?.();
    if (message.type === 'result') call.resolve(message.result);
    else
      call.reject(reviveError(message.error, (m) => new PlatformError('UNSUPPORTED_PLATFORM', m)));
  }

  #failAll(reason: string): void {
    for (const call of this.#pending.values()) {
      call.reject(new PlatformError('UNSUPPORTED_PLATFORM', reason));
    }
    this.#pending.clear();
  }
}
