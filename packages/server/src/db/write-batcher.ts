import type { Kysely, Transaction } from 'kysely';
import { databaseFault } from './database-fault.js';
import type { Database } from './schema.js';

type Operation<T> = (trx: Transaction<Database>) => Promise<T>;

interface Pending {
  op: Operation<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Thrown inside a batch transaction to roll it back after an operation failed. */
class BatchAborted extends Error {}

/**
 * Group commit: state-changing operations that arrive while a commit is under way run together
 * in the next transaction and are answered only after that transaction has committed. With
 * synchronous=FULL one fsync then covers a whole batch, which is what lets SQLite acknowledge
 * thousands of durable registrations a second. Operations report expected refusals (409s) as
 * values; when one throws, the whole batch is rolled back and every operation is re-run alone in
 * its own transaction, so no caller ever sees another's failure or a partial write. When the
 * database itself failed (unreachable, full), re-running cannot help: the whole batch is refused
 * with that error at once, a 503 for each caller.
 *
 * @example
 * const row = await batcher.run(async (trx) => insertRegistration(trx, record));
 */
export class WriteBatcher {
  private queue: Pending[] = [];
  private flushing = false;
  private idle: Promise<void> = Promise.resolve();
  private readonly beforeCommitHooks: Array<(trx: Transaction<Database>) => Promise<void>> = [];
  private readonly afterTransactionHooks: Array<(trx: Transaction<Database>) => void> = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxBatch = 256,
    private readonly collectMs = 1,
  ) {}

  /** Runs `hook` at the end of every batch transaction, just before it commits. */
  beforeCommit(hook: (trx: Transaction<Database>) => Promise<void>): void {
    this.beforeCommitHooks.push(hook);
  }

  /**
   * Runs `hook` when a batch transaction has ended, committed or not, before any of its callers
   * hears the outcome.
   */
  afterTransaction(hook: (trx: Transaction<Database>) => void): void {
    this.afterTransactionHooks.push(hook);
  }

  /** Runs `op` in the next batch; resolves with its result once the batch has committed. */
  run<T>(op: Operation<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ op, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushing) this.idle = this.flushLoop();
    });
  }

  /** Resolves when every queued operation has been committed or rejected. */
  drain(): Promise<void> {
    return this.idle;
  }

  private async flushLoop(): Promise<void> {
    this.flushing = true;
    try {
      // Wait a moment so concurrent requests join the batch: without it, the first request of a
      // wave commits almost alone and each fsync (~1-2 ms) carries one or two writes. Like
      // PostgreSQL's commit_delay, this trades at most `collectMs` of latency for throughput.
      await new Promise<void>((r) =>
        this.collectMs > 0 ? setTimeout(r, this.collectMs) : setImmediate(r),
      );
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        if (!(await this.commit(batch)) && batch.length > 1) {
          for (const item of batch) await this.commit([item]);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Commits `batch` in one transaction; false when an operation threw and it was rolled back. */
  private async commit(batch: Pending[]): Promise<boolean> {
    const values: unknown[] = [];
    let failure: { error: unknown } | null = null;
    let transaction: Transaction<Database> | null = null;
    try {
      await this.db.transaction().execute(async (trx) => {
        transaction = trx;
        for (const item of batch) {
          try {
            values.push(await item.op(trx));
          } catch (error) {
            failure = { error };
            throw new BatchAborted();
          }
        }
        for (const hook of this.beforeCommitHooks) await hook(trx);
      });
    } catch (error) {
      const cause = failure ? (failure as { error: unknown }).error : error;
      if (batch.length === 1) {
        batch[0]!.reject(cause);
        return true;
      }
      if (failure && !databaseFault(cause)) return false; // re-run one by one
      // The database failed, or the commit itself did: nothing in the batch is known to be
      // durable, so nobody may hear success.
      for (const item of batch) item.reject(cause);
      return true;
    } finally {
      if (transaction) for (const hook of this.afterTransactionHooks) hook(transaction);
    }
    batch.forEach((item, i) => item.resolve(values[i]));
    return true;
  }
}
