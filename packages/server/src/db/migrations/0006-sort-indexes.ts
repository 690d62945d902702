import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Migration 6: the indexes behind the admin listing's sorts (repositories/registration-sort.ts),
 * so a page in any order is an index walk from its cursor and never a sort.
 *
 * - `registrations_key_name_page_idx` (key_name, registration_id): by key name. On PostgreSQL the
 *   name is indexed under `COLLATE "C"` (code point order), the order SQLite's BINARY gives, so
 *   both engines list the same rows in the same order.
 * - `registrations_last_used_page_idx` (last_used, registered_at, registration_id): by last use,
 *   and its null slice is "never used" in registration order.
 *
 * The other sorts walk indexes that exist (0001: page and status page; 0002: client page). This
 * migration reads nothing of 0005 and would apply the same before or after it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create index registrations_key_name_page_idx
      on registrations (key_name collate "C", registration_id)`.execute(db);
  } else {
    await db.schema
      .createIndex('registrations_key_name_page_idx')
      .on('registrations')
      .columns(['key_name', 'registration_id'])
      .execute();
  }
  await db.schema
    .createIndex('registrations_last_used_page_idx')
    .on('registrations')
    .columns(['last_used', 'registered_at', 'registration_id'])
    .execute();
}
