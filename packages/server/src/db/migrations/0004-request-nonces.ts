import type { Kysely } from 'kysely';

/**
 * Migration 4: the replay store of signed requests (spec/http-message-signatures-v1.md §3.1) when
 * no Redis is configured. One row per accepted `keyid` + `nonce`, kept until the signature could no
 * longer pass the freshness check (`expires_at`, RFC 3339 UTC text like every timestamp here),
 * then purged. The primary key makes "insert if absent" one statement on SQLite and PostgreSQL,
 * so two instances on one database cannot both accept the same nonce.
 *
 * A table of its own, not `statement_nonces`: statements and requests are different protocols
 * with different windows, and a nonce of one must not spend a nonce of the other.
 *
 * Forward only, like every migration: a later change is a new number.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('request_nonces')
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('request_nonces_pk', ['client_id', 'nonce'])
    .execute();
  // The purge deletes by expiry.
  await db.schema
    .createIndex('request_nonces_expiry_idx')
    .on('request_nonces')
    .column('expires_at')
    .execute();
}
