import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Migration 2: indexes that keep the admin listings fast at millions of rows.
 *
 * - `registrations_client_page_idx` (client_id, registered_at, registration_id): the client-id
 *   prefix search walks it from a cursor, a range seek plus `limit` rows. On PostgreSQL the
 *   client id is indexed under `COLLATE "C"` (code point order), so the prefix range
 *   `>= x AND < successor(x)` means "starts with x" whatever the database's own collation is;
 *   SQLite compares text bytewise (BINARY) already.
 * - `audit_log_client_seq_idx` (client_id, seq) and `audit_log_action_seq_idx` (action, seq): the
 *   audit log filtered by client or by action, oldest or newest first, is a range of one index
 *   instead of a walk of the whole log between matches.
 *
 * Forward only, like every migration: a later change is a new number.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) {
    await sql`create index registrations_client_page_idx
      on registrations (client_id collate "C", registered_at, registration_id)`.execute(db);
  } else {
    await db.schema
      .createIndex('registrations_client_page_idx')
      .on('registrations')
      .columns(['client_id', 'registered_at', 'registration_id'])
      .execute();
  }
  await db.schema
    .createIndex('audit_log_client_seq_idx')
    .on('audit_log')
    .columns(['client_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('audit_log_action_seq_idx')
    .on('audit_log')
    .columns(['action', 'seq'])
    .execute();
}
