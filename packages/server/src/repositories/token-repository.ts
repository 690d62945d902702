import type { Kysely, Selectable } from 'kysely';
import type { AdminTokensTable, Database } from '../db/schema.js';

/** A stored admin token: its id, role and the SHA-256 of the secret, never the secret. */
export type AdminTokenRow = Selectable<AdminTokensTable>;

/**
 * Admin and auditor tokens. Only a hash is stored, so a copy of the database grants nothing.
 *
 * @example
 * const row = await tokens.findByHash(sha256Hex(presented));
 */
export class TokenRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: AdminTokenRow): Promise<void> {
    await this.db.insertInto('admin_tokens').values(row).execute();
  }

  async findByHash(tokenHash: string): Promise<AdminTokenRow | undefined> {
    return this.db
      .selectFrom('admin_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
  }
}
