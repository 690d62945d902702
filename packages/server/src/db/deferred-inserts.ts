import type { Transaction } from 'kysely';
import type { Database } from './schema.js';

/** The most rows one multi-row INSERT carries (well inside both engines' parameter limits). */
const ROWS_PER_STATEMENT = 200;

/**
 * Rows a transaction will insert, held back and written together just before it commits: on
 * PostgreSQL every statement is a round trip, so a batch of N changes written one row at a time
 * waits N times for the database while holding the audit head's lock. The owner keeps whatever a
 * later statement of the same transaction must see of these rows (its reads consult `rows`, its
 * other writes call `flush` first). Nothing is lost when a transaction is rolled back: its rows
 * die with it.
 *
 * @example
 * const deferred = new DeferredInserts((trx, rows) => trx.insertInto('audit_log').values(rows).execute());
 * deferred.add(trx, row); // ... later, in a before-commit hook:
 * await deferred.flush(trx);
 */
export class DeferredInserts<Row> {
  private readonly pending = new WeakMap<object, Row[]>();

  constructor(
    private readonly write: (trx: Transaction<Database>, rows: Row[]) => Promise<unknown>,
  ) {}

  add(trx: Transaction<Database>, row: Row): void {
    const rows = this.pending.get(trx);
    if (rows) rows.push(row);
    else this.pending.set(trx, [row]);
  }

  /** The rows `trx` has added and not yet written. */
  rows(trx: object): readonly Row[] {
    return this.pending.get(trx) ?? [];
  }

  /** Writes `trx`'s held rows, in the order they were added. */
  async flush(trx: Transaction<Database>): Promise<void> {
    const rows = this.pending.get(trx);
    if (!rows) return;
    this.pending.delete(trx);
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      await this.write(trx, rows.slice(i, i + ROWS_PER_STATEMENT));
    }
  }
}
