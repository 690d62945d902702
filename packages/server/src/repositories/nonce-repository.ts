import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * The replay store for signed statements (spec/http-statements.md §5): a nonce is accepted once
 * per client. Rows outlive the ±5 minute acceptance window and are then purged, because a
 * statement that old is refused by its timestamp anyway.
 *
 * @example
 * if (!(await nonces.consume(trx, clientId, nonce, expiresAt))) throw replay();
 */
export class NonceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Records the nonce; false when this client already used it. */
  async consume(
    db: Kysely<Database> | Transaction<Database>,
    clientId: string,
    nonce: string,
    expiresAt: string,
  ): Promise<boolean> {
    const result = await db
      .insertInto('statement_nonces')
      .values({ client_id: clientId, nonce, expires_at: expiresAt })
      .onConflict((oc) => oc.columns(['client_id', 'nonce']).doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  /** Whether this client already used the nonce (read under the audit lock, before any write). */
  async isUsed(
    db: Kysely<Database> | Transaction<Database>,
    clientId: string,
    nonce: string,
  ): Promise<boolean> {
    const row = await db
      .selectFrom('statement_nonces')
      .select('nonce')
      .where('client_id', '=', clientId)
      .where('nonce', '=', nonce)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Deletes nonces whose statements can no longer pass the timestamp check. */
  async purgeExpired(now: string): Promise<number> {
    const result = await this.db
      .deleteFrom('statement_nonces')
      .where('expires_at', '<', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
