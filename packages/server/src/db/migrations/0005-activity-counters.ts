import type { Kysely } from 'kysely';

/**
 * Migration 5: per-minute activity counters, the overview's charts (server README, "Activity").
 *
 * - `activity_counts`: how many verifications, registrations, rotations and revocations ended
 *   `ok` or `failed` in each minute. `bucket_minute` is the minute's start as whole minutes since
 *   1970-01-01T00:00Z (UTC), an integer so that a window's buckets are one integer division in
 *   SQL on SQLite and PostgreSQL alike.
 * - `activity_client_failures`: failures per client id per minute, for "top clients by failures";
 *   each instance writes at most a bounded number of client ids per minute (activity-limits.ts).
 *
 * Every instance adds its own counts with `count = count + excluded.count`, so the rows are the
 * sum over all instances whatever the order of their writes. The primary keys start with the
 * minute: a window's read and the purge of old minutes are range scans.
 *
 * Forward only, like every migration: a later change is a new number.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('activity_counts')
    .addColumn('bucket_minute', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_counts_pk', ['bucket_minute', 'kind', 'outcome'])
    .execute();
  await db.schema
    .createTable('activity_client_failures')
    .addColumn('bucket_minute', 'integer', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_client_failures_pk', ['bucket_minute', 'client_id'])
    .execute();
}
