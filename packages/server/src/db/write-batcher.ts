import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.js';

type Operation<T> = (trx: Transaction<Database>) => Promise<T>;

interface Pending {
  op: Operation<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: state-changing operations that arrive while a commit is under way run together
 * in the next transaction, each inside its own savepoint, and are answered only after that
 * transaction has committed. With synchronous=FULL one fsync then covers a whole batch, which is
 * what lets SQLite acknowledge thousands of durable registrations a second; an operation that
 * throws is rolled back to its savepoint alone and its caller gets the error.
 *
 * @example
 * const row = await batcher.run(async (trx) => insertRegistration(trx, record));
 */
export class WriteBatcher {
  private queue: Pending[] = [];
  private flushing = false;
  private idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxBatch = 256,
  ) {}

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
      // Let the requests already parsed in this turn of the event loop join the first batch.
      await new Promise<void>((r) => setImmediate(r));
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        await this.commit(batch);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const item of batch) {
          await sql`savepoint df_op`.execute(trx);
          try {
            const value = await item.op(trx);
            await sql`release savepoint df_op`.execute(trx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await sql`rollback to savepoint df_op`.execute(trx);
            await sql`release savepoint df_op`.execute(trx);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed: nothing in the batch is durable, so nobody may hear success.
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }
}
