import { sql, type Kysely } from 'kysely';

/**
 * Migration 1: registrations, statement nonces, the hash-chained audit log and admin tokens.
 * Forward only: a later change is a new numbered migration, never an edit of this one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('registrations')
    .addColumn('registration_id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('key_name', 'text')
    .addColumn('metadata', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('last_used', 'text')
    .addColumn('status_changed_at', 'text')
    .addColumn('status_reason', 'text')
    .addColumn('replaced_by', 'text')
    .addColumn('proof_verified', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // WIRE-PROTOCOL.md register check 7: the duplicate-key lookup is an index, never a scan.
  await db.schema
    .createIndex('registrations_public_key_uq')
    .unique()
    .on('registrations')
    .column('public_key')
    .execute();
  // At most one active key per client, enforced by the database even across instances.
  await db.schema
    .createIndex('registrations_active_client_uq')
    .unique()
    .on('registrations')
    .column('client_id')
    .where(sql.ref('status'), '=', 'active')
    .execute();
  await db.schema
    .createIndex('registrations_client_idx')
    .on('registrations')
    .columns(['client_id', 'registered_at'])
    .execute();
  await db.schema
    .createIndex('registrations_page_idx')
    .on('registrations')
    .columns(['registered_at', 'registration_id'])
    .execute();
  await db.schema
    .createIndex('registrations_status_page_idx')
    .on('registrations')
    .columns(['status', 'registered_at', 'registration_id'])
    .execute();

  await db.schema
    .createTable('statement_nonces')
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('statement_nonces_pk', ['client_id', 'nonce'])
    .execute();
  await db.schema
    .createIndex('statement_nonces_expiry_idx')
    .on('statement_nonces')
    .column('expires_at')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into audit_head (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(db);

  await db.schema
    .createTable('admin_tokens')
    .addColumn('token_id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
