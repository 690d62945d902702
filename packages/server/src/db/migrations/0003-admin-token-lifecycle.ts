import type { Kysely } from 'kysely';

/**
 * Migration 3: the admin token lifecycle (expiry, revocation, last use, who made a token).
 *
 * - `expires_at`: null never expires. Tokens made before this migration keep null: expiring them
 *   retroactively would lock every operator out on upgrade; `token list` shows them as never
 *   expiring so they can be replaced deliberately.
 * - `revoked_at`: revoked rows are kept, not deleted, so an `admin:<token id>` actor in the audit
 *   log always resolves to a role and a label.
 * - `last_used`: written behind (at most once a flush interval), never on the request path.
 * - `parent_token_id`: the token that made this one through the API; null for tokens an operator
 *   made on the host. Revoking a token revokes every token it made, as Vault's token tree does.
 *
 * Forward only, like every migration: a later change is a new number.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  for (const column of ['expires_at', 'revoked_at', 'last_used', 'parent_token_id']) {
    await db.schema.alterTable('admin_tokens').addColumn(column, 'text').execute();
  }
  // The listing pages by (created_at, token_id); revocation walks a token's children.
  await db.schema
    .createIndex('admin_tokens_page_idx')
    .on('admin_tokens')
    .columns(['created_at', 'token_id'])
    .execute();
  await db.schema
    .createIndex('admin_tokens_parent_idx')
    .on('admin_tokens')
    .column('parent_token_id')
    .execute();
}
