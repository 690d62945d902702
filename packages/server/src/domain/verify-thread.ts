import { verifyEd25519 } from './ed25519.js';
import { VerifyWorker, type VerifyJob } from './verify-worker.js';

/** How a VerifyThread reports trouble, and how soon it starts a new thread after one dies. */
export interface VerifyThreadOptions {
  /** The thread died: its jobs are verified on the event loop until a new one starts. */
  failed?: (error: Error) => void;
  /** A new thread took over after a failure. */
  restarted?: () => void;
  /** Wait before the first restart; doubled while threads keep dying young (default 100 ms). */
  restartDelayMs?: number;
  /** The longest wait between restarts (default 30 s). */
  maxRestartDelayMs?: number;
  /** How long close() lets the thread finish its jobs before ending it (default 5 s). */
  closeTimeoutMs?: number;
}

/** A thread that lived this long before dying resets the restart delay. */
const HEALTHY_LIFETIME_MS = 30_000;

/**
 * Ed25519 verification on a second thread, pipelined with the event loop: each request is handed
 * to the thread the moment it reaches the signature check (VerifyWorker's shared ring), so the
 * loop keeps parsing and answering HTTP while the other core verifies, and on two cores the
 * process uses both. Every job gets its own verdict from the same libsodium call as the event
 * loop's (spec/ed25519-verification.md).
 *
 * The thread holds no state. If it dies, the jobs it had not verified and every later one are
 * verified on the event loop, `failed` is called, and a new thread starts after a delay that grows
 * while threads keep dying young. close() lets the thread finish what it has, then stops it.
 *
 * @example
 * const thread = new VerifyThread({ failed: (err) => log.error({ err }, 'verify thread failed') });
 * const ok = await thread.verify(signature, message, publicKey);
 * await thread.close();
 */
export class VerifyThread {
  private worker: VerifyWorker | null = null;
  /** Jobs waiting for a free slot, oldest first (only when more than the ring's are in flight). */
  private backlog: VerifyJob[] = [];
  private closed = false;
  private startedAt = 0;
  private restartDelay: number;
  private restartTimer: NodeJS.Timeout | null = null;
  private finishClose: (() => void) | null = null;

  constructor(private readonly options: VerifyThreadOptions = {}) {
    this.restartDelay = options.restartDelayMs ?? 100;
    this.start();
  }

  /** True when the signature verifies (RFC 8032 §5.1.7, libsodium's strict checks). */
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): Promise<boolean> {
    if (signature.length !== 64 || publicKey.length !== 32) return Promise.resolve(false);
    const worker = this.worker;
    if (!worker) return Promise.resolve(verifyEd25519(signature, message, publicKey));
    return new Promise((resolve) => {
      const job = { signature, message, publicKey, resolve };
      // Behind any backlog, so jobs reach the thread in the order they came.
      if (this.backlog.length === 0 && worker.submit(job)) return;
      this.backlog.push(job);
    });
  }

  /** The running thread's id (worker_threads), or null while jobs are verified on the event loop. */
  get threadId(): number | null {
    return this.worker?.threadId ?? null;
  }

  /**
   * Lets the thread verify every job it has and stops it; jobs still waiting for a slot, and
   * every later one, are verified on the event loop.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const worker = this.worker;
    this.worker = null;
    this.runHere(this.takeBacklog());
    if (!worker) return;
    await new Promise<void>((resolve) => {
      // Not unref'd: shutdown waits here until the thread has answered its jobs.
      const timer = setTimeout(() => void worker.terminate(), this.options.closeTimeoutMs ?? 5000);
      this.finishClose = () => {
        clearTimeout(timer);
        resolve();
      };
      worker.stop();
    });
  }

  private start(): void {
    this.restartTimer = null;
    this.startedAt = Date.now();
    const worker: VerifyWorker = new VerifyWorker({
      drained: () => this.submitBacklog(worker),
      exited: (error, unfinished) => this.exited(worker, error, unfinished),
    });
    this.worker = worker;
  }

  private submitBacklog(worker: VerifyWorker): void {
    let sent = 0;
    while (sent < this.backlog.length && worker.submit(this.backlog[sent]!)) sent++;
    if (sent > 0) this.backlog.splice(0, sent);
  }

  private takeBacklog(): VerifyJob[] {
    const jobs = this.backlog;
    this.backlog = [];
    return jobs;
  }

  private exited(worker: VerifyWorker, error: Error | null, unfinished: VerifyJob[]): void {
    this.runHere(unfinished);
    if (this.closed) {
      this.finishClose?.();
      return;
    }
    if (this.worker !== worker) return;
    this.worker = null;
    this.runHere(this.takeBacklog());
    this.options.failed?.(error ?? new Error('verify thread stopped'));
    const young = Date.now() - this.startedAt < HEALTHY_LIFETIME_MS;
    const delay = young ? this.restartDelay : (this.options.restartDelayMs ?? 100);
    this.restartDelay = Math.min(delay * 2, this.options.maxRestartDelayMs ?? 30_000);
    this.restartTimer = setTimeout(() => {
      this.start();
      this.options.restarted?.();
    }, delay);
    this.restartTimer.unref();
  }

  private runHere(jobs: VerifyJob[]): void {
    for (const job of jobs) job.resolve(verifyEd25519(job.signature, job.message, job.publicKey));
  }
}
