import { sql, type Kysely, type Transaction } from 'kysely';
import type { ActivityRows } from '../activity/activity-recorder.js';
import type { ActivityRange } from '../activity/activity-windows.js';
import type { ActivityKind, ActivityOutcome, Database } from '../db/schema.js';

/** The most rows one multi-row INSERT carries (well inside both engines' parameter limits). */
const ROWS_PER_STATEMENT = 200;

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One bar's count of one series: `bucket` is the bar's index in the window. */
export interface ActivityCell {
  bucket: number;
  kind: ActivityKind;
  outcome: ActivityOutcome;
  count: number;
}

/** A client id and its failures in a window. */
export interface ClientFailures {
  client_id: string;
  failures: number;
}

/**
 * The activity counters (migration 5): additive upserts from every instance, the purge of old
 * minutes, and a window's bars and top failing clients, summed in SQL.
 *
 * @example
 * const repo = new ActivityRepository(db);
 * await repo.add(trx, { counts, clientFailures });
 */
export class ActivityRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Adds each row's count to the stored one (or stores it), one statement per 200 rows. Rows go
   * in primary-key order, so two instances adding to the same rows lock them in the same order
   * and wait for each other rather than deadlock.
   */
  async add(trx: Transaction<Database>, rows: ActivityRows): Promise<void> {
    const counts = [...rows.counts].sort(
      (a, b) =>
        a.bucket_minute - b.bucket_minute ||
        compareText(a.kind, b.kind) ||
        compareText(a.outcome, b.outcome),
    );
    const clientFailures = [...rows.clientFailures].sort(
      (a, b) => a.bucket_minute - b.bucket_minute || compareText(a.client_id, b.client_id),
    );
    for (let i = 0; i < counts.length; i += ROWS_PER_STATEMENT) {
      await trx
        .insertInto('activity_counts')
        .values(counts.slice(i, i + ROWS_PER_STATEMENT))
        .onConflict((oc) =>
          oc.columns(['bucket_minute', 'kind', 'outcome']).doUpdateSet((eb) => ({
            count: eb('activity_counts.count', '+', eb.ref('excluded.count')),
          })),
        )
        .execute();
    }
    for (let i = 0; i < clientFailures.length; i += ROWS_PER_STATEMENT) {
      await trx
        .insertInto('activity_client_failures')
        .values(clientFailures.slice(i, i + ROWS_PER_STATEMENT))
        .onConflict((oc) =>
          oc.columns(['bucket_minute', 'client_id']).doUpdateSet((eb) => ({
            count: eb('activity_client_failures.count', '+', eb.ref('excluded.count')),
          })),
        )
        .execute();
    }
  }

  /** Deletes the minutes before `beforeMinute` (a range of each primary key). */
  async prune(beforeMinute: number): Promise<void> {
    await this.db.deleteFrom('activity_counts').where('bucket_minute', '<', beforeMinute).execute();
    await this.db
      .deleteFrom('activity_client_failures')
      .where('bucket_minute', '<', beforeMinute)
      .execute();
  }

  /** The window's non-zero cells: counts summed per bar, kind and outcome. */
  async cells(range: ActivityRange): Promise<ActivityCell[]> {
    // Literals, not parameters: integers from our own window table, so both engines divide
    // integers (a bound JavaScript number may reach SQLite as a REAL).
    const bucket = sql<number>`(bucket_minute - ${sql.lit(range.fromMinute)}) / ${sql.lit(range.bucketMinutes)}`;
    const rows = await this.db
      .selectFrom('activity_counts')
      .select([
        bucket.as('bucket'),
        'kind',
        'outcome',
        (eb) => eb.fn.sum<number | string>('count').as('n'),
      ])
      .where('bucket_minute', '>=', range.fromMinute)
      .where('bucket_minute', '<', range.toMinute)
      .groupBy([bucket, 'kind', 'outcome'])
      .execute();
    return rows.map((r) => ({
      bucket: Number(r.bucket),
      kind: r.kind,
      outcome: r.outcome,
      count: Number(r.n),
    }));
  }

  /** The clients with the most failures in the window, most first (ties by client id). */
  async topFailingClients(range: ActivityRange, limit: number): Promise<ClientFailures[]> {
    const failures = sql<number | string>`sum(count)`;
    const rows = await this.db
      .selectFrom('activity_client_failures')
      .select(['client_id', failures.as('failures')])
      .where('bucket_minute', '>=', range.fromMinute)
      .where('bucket_minute', '<', range.toMinute)
      .groupBy('client_id')
      .orderBy(failures, 'desc')
      .orderBy('client_id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ client_id: r.client_id, failures: Number(r.failures) }));
  }
}
