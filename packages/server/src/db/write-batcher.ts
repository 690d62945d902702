import type { Kysely, Transaction } from 'kysely';
import { databaseFault } from './database-fault.js';
import type { Database } from './schema.js';

type Operation<T> = (trx: Transaction<Database>) => Promise<T>;

/**
 * Reads a whole batch's operations need, done in one statement at the start of the batch
 * transaction instead of one per operation: `preload` receives the items of every operation of
 * the batch that named this loader, in their order, and keeps what it read for the operations
 * (keyed by the transaction).
 */
export interface BatchLoader<I> {
  preload(trx: Transaction<Database>, items: I[]): Promise<void>;
}

/** What an operation asks to be read for it before the batch's operations run. */
export interface Preload<I = unknown> {
  loader: BatchLoader<I>;
  item: I;
}

interface Pending {
  op: Operation<unknown>;
  preload: Preload | null;
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
 * with that error at once, a 503 for each caller. An operation may name a `Preload`: the reads
 * of all operations of a batch are then done together before any of them runs, which on
 * PostgreSQL saves a round trip per operation (see BatchLoader).
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

  /**
   * Runs `op` in the next batch, after `preload` (if any) was read for the whole batch; resolves
   * with its result once the batch has committed.
   */
  run<T, I>(op: Operation<T>, preload: Preload<I> | null = null): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        op,
        preload,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
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
        // A step that fails for a reason of its own (not the database's) aborts the batch, which
        // is then re-run one operation at a time so the failure reaches only its own caller.
        const step = async <R>(run: () => Promise<R>): Promise<R> => {
          try {
            return await run();
          } catch (error) {
            failure = { error };
            throw new BatchAborted();
          }
        };
        await step(() =>
          preloadAll(
            trx,
            batch.map((item) => item.preload),
          ),
        );
        for (const item of batch) values.push(await step(() => item.op(trx)));
        // Deferred writes run here: a constraint they break is one operation's, like the above.
        for (const hook of this.beforeCommitHooks) await step(() => hook(trx));
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

/** Preload items grouped by loader, each group in the order given. */
function byLoader(preloads: Iterable<Preload | null>): Map<BatchLoader<unknown>, unknown[]> {
  const groups = new Map<BatchLoader<unknown>, unknown[]>();
  for (const preload of preloads) {
    if (!preload) continue;
    const items = groups.get(preload.loader);
    if (items) items.push(preload.item);
    else groups.set(preload.loader, [preload.item]);
  }
  return groups;
}

/** Runs every loader once with its items: a loader that gathers its operations' own preloads. */
export async function preloadAll(
  trx: Transaction<Database>,
  preloads: Iterable<Preload | null>,
): Promise<void> {
  for (const [loader, items] of byLoader(preloads)) await loader.preload(trx, items);
}
