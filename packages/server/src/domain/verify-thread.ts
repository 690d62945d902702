import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { verifyEd25519 } from './ed25519.js';

/**
 * The worker's code, run as a script (`eval`), so it needs no build step of its own and runs the
 * same under the compiled server and the TypeScript tests. A batch is one transferred buffer of
 * jobs: signature (64 bytes), public key (32), message length (u32 LE), message; the answer is
 * one byte per job.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const sodium = require(workerData.sodiumPath);
parentPort.on('message', ({ id, count, buffer }) => {
  const bytes = Buffer.from(buffer);
  const results = new Uint8Array(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const signature = bytes.subarray(at, at + 64);
    const publicKey = bytes.subarray(at + 64, at + 96);
    const length = bytes.readUInt32LE(at + 96);
    const message = bytes.subarray(at + 100, at + 100 + length);
    at += 100 + length;
    results[i] = sodium.crypto_sign_verify_detached(signature, message, publicKey) ? 1 : 0;
  }
  parentPort.postMessage({ id, results }, [results.buffer]);
});
`;

interface Job {
  signature: Uint8Array;
  message: Uint8Array;
  publicKey: Uint8Array;
  resolve: (ok: boolean) => void;
}

/**
 * Ed25519 verification on a second thread, so the event loop parses and answers HTTP while the
 * other core checks signatures: verify throughput approaches the slower of the two instead of
 * their sum. Requests that arrive in the same turn of the event loop travel as one batch in one
 * transferred buffer. The thread holds no state; if it fails or exits, its jobs and all later
 * ones are verified on the event loop, with the same libsodium call (spec/ed25519-verification.md).
 *
 * @example
 * const thread = new VerifyThread();
 * const ok = await thread.verify(signature, message, publicKey);
 * await thread.close();
 */
export class VerifyThread {
  private worker: Worker | null;
  private queue: Job[] = [];
  private readonly inflight = new Map<number, Job[]>();
  private nextId = 1;
  private scheduled = false;

  constructor(private readonly onFailure: (error: unknown) => void = () => undefined) {
    const sodiumPath = createRequire(import.meta.url).resolve('sodium-native');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sodiumPath } });
    this.worker.unref();
    this.worker.on('message', ({ id, results }: { id: number; results: Uint8Array }) => {
      const jobs = this.inflight.get(id);
      this.inflight.delete(id);
      jobs?.forEach((job, i) => job.resolve(results[i] === 1));
    });
    const fail = (error: unknown) => {
      if (!this.worker) return;
      this.worker = null;
      this.onFailure(error);
      for (const jobs of this.inflight.values()) this.runHere(jobs);
      this.inflight.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`verify thread exited with code ${code}`)));
  }

  /** True when the signature verifies (RFC 8032 §5.1.7, libsodium's strict checks). */
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): Promise<boolean> {
    if (signature.length !== 64 || publicKey.length !== 32) return Promise.resolve(false);
    if (!this.worker) return Promise.resolve(verifyEd25519(signature, message, publicKey));
    return new Promise((resolve) => {
      this.queue.push({ signature, message, publicKey, resolve });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the poll phase: every request parsed in this turn joins the batch.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const jobs = this.queue;
    this.queue = [];
    if (!this.worker) {
      this.runHere(jobs);
      return;
    }
    let size = 0;
    for (const job of jobs) size += 100 + job.message.length;
    // Its own ArrayBuffer (not Buffer's shared pool), so it is transferred, not copied.
    const buffer = new ArrayBuffer(size);
    const bytes = Buffer.from(buffer);
    let at = 0;
    for (const job of jobs) {
      bytes.set(job.signature, at);
      bytes.set(job.publicKey, at + 64);
      bytes.writeUInt32LE(job.message.length, at + 96);
      bytes.set(job.message, at + 100);
      at += 100 + job.message.length;
    }
    const id = this.nextId++;
    this.inflight.set(id, jobs);
    this.worker.postMessage({ id, count: jobs.length, buffer }, [buffer]);
  }

  private runHere(jobs: Job[]): void {
    for (const job of jobs) job.resolve(verifyEd25519(job.signature, job.message, job.publicKey));
  }

  /** Stops the thread; jobs still in flight are verified here first. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    for (const jobs of this.inflight.values()) this.runHere(jobs);
    this.inflight.clear();
    this.runHere(this.queue);
    this.queue = [];
    await worker.terminate();
  }
}
