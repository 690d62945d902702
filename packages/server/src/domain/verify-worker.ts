import { createRequire } from 'node:module';
import { MessageChannel, Worker } from 'node:worker_threads';
import {
  CONTROL,
  CONTROL_LENGTH,
  INLINE_MESSAGE_BYTES,
  RING_SLOTS,
  SLOT_BYTES,
  VERIFY_WORKER_SOURCE,
  type VerifyWorkerData,
} from './verify-worker-source.js';

/** One signature check waiting for its verdict. */
export interface VerifyJob {
  signature: Uint8Array;
  message: Uint8Array;
  publicKey: Uint8Array;
  resolve: (ok: boolean) => void;
}

/** What a VerifyWorker tells its owner. */
export interface VerifyWorkerEvents {
  /** Verdicts came in and slots are free again. */
  drained(): void;
  /**
   * The thread is gone: `error` is null after `stop()` let it finish, else why it died.
   * `unfinished` are the jobs it took and did not verify, oldest first.
   */
  exited(error: Error | null, unfinished: VerifyJob[]): void;
}

const MASK = RING_SLOTS - 1;

/**
 * One verify thread and the ring it shares with the event loop (verify-worker-source.ts). The
 * event loop publishes each job the moment its request reaches the signature check, so the thread
 * verifies one request while the loop parses the next and answers the one before: the two
 * overlap instead of taking turns over batches.
 *
 * @example
 * const worker = new VerifyWorker({ drained: () => undefined, exited: () => undefined });
 * worker.submit({ signature, message, publicKey, resolve: (ok) => console.log(ok) });
 */
export class VerifyWorker {
  private readonly thread: Worker;
  private readonly control = new Int32Array(
    new SharedArrayBuffer(CONTROL_LENGTH * Int32Array.BYTES_PER_ELEMENT),
  );
  private readonly slots = Buffer.from(new SharedArrayBuffer(RING_SLOTS * SLOT_BYTES));
  private readonly verdicts = new Uint8Array(new SharedArrayBuffer(RING_SLOTS));
  private readonly payloads = new MessageChannel();
  /** The job in each slot, until its verdict is read. */
  private readonly jobs = new Array<VerifyJob | undefined>(RING_SLOTS);
  /** Sequence numbers (wrapping int32): jobs published, and jobs whose verdict was read. */
  private submitted = 0;
  private collected = 0;
  private stopping = false;
  private failure: Error | null = null;
  private gone = false;

  constructor(private readonly events: VerifyWorkerEvents) {
    const workerData: VerifyWorkerData = {
      sodiumPath: createRequire(import.meta.url).resolve('sodium-native'),
      control: this.control.buffer,
      slots: this.slots.buffer,
      verdicts: this.verdicts.buffer,
      payloads: this.payloads.port2,
    };
    this.thread = new Worker(VERIFY_WORKER_SOURCE, {
      eval: true,
      workerData,
      transferList: [this.payloads.port2],
    });
    // Neither keeps the process alive: a server that is done exits with jobs answered (close()).
    this.thread.unref();
    this.payloads.port1.unref();
    this.thread.on('message', () => {
      // Cleared before reading DONE: a verdict written after this read brings a new message.
      Atomics.store(this.control, CONTROL.WAKE, 0);
      this.collect();
      this.events.drained();
    });
    this.thread.on('error', (error) => (this.failure ??= error));
    this.thread.on('exit', (code) => this.exited(code));
  }

  get threadId(): number {
    return this.thread.threadId;
  }

  /** Jobs published and not yet answered. */
  get inFlight(): number {
    return (this.submitted - this.collected) | 0;
  }

  /**
   * Publishes the job to the thread; false when every slot is taken (the caller keeps it and
   * tries again on `drained`) or the thread is stopping or gone.
   */
  submit(job: VerifyJob): boolean {
    if (this.stopping || this.gone || this.inFlight === RING_SLOTS) return false;
    const slot = this.submitted & MASK;
    const at = slot * SLOT_BYTES;
    this.slots.set(job.signature, at);
    this.slots.set(job.publicKey, at + 64);
    this.slots.writeUInt32LE(job.message.length, at + 96);
    if (job.message.length <= INLINE_MESSAGE_BYTES) {
      this.slots.set(job.message, at + 100);
    } else {
      // Copied into a buffer of its own and transferred (a view's whole backing store would be
      // cloned), before the job is published, so the thread finds it when it reaches the slot.
      const copy = new Uint8Array(job.message);
      this.payloads.port1.postMessage(copy, [copy.buffer]);
    }
    this.jobs[slot] = job;
    this.submitted = (this.submitted + 1) | 0;
    Atomics.store(this.control, CONTROL.SUBMITTED, this.submitted);
    Atomics.notify(this.control, CONTROL.SUBMITTED);
    return true;
  }

  /** Asks the thread to verify every job it has, then exit (`exited` with a null error). */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    Atomics.store(this.control, CONTROL.STOP, 1);
    Atomics.notify(this.control, CONTROL.SUBMITTED);
  }

  /** Ends the thread at once; jobs without a verdict are reported to `exited`. */
  async terminate(): Promise<void> {
    await this.thread.terminate();
  }

  /** Resolves every job whose verdict is in. */
  private collect(): void {
    const done = Atomics.load(this.control, CONTROL.DONE);
    while (this.collected !== done) {
      const slot = this.collected & MASK;
      const job = this.jobs[slot]!;
      this.jobs[slot] = undefined;
      this.collected = (this.collected + 1) | 0;
      job.resolve(this.verdicts[slot] === 1);
    }
  }

  private exited(code: number): void {
    if (this.gone) return;
    this.gone = true;
    this.collect();
    const unfinished: VerifyJob[] = [];
    while (this.collected !== this.submitted) {
      const slot = this.collected & MASK;
      unfinished.push(this.jobs[slot]!);
      this.jobs[slot] = undefined;
      this.collected = (this.collected + 1) | 0;
    }
    this.payloads.port1.close();
    const clean = this.stopping && code === 0 && this.failure === null;
    this.events.exited(
      clean ? null : (this.failure ?? new Error(`verify thread exited with code ${code}`)),
      unfinished,
    );
  }
}
