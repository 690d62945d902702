import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { replayKeyParts, type ServerReplayStore } from './server-replay-store.js';

/**
 * Nonces in the database's `request_nonces` table (migration 4), for servers without Redis: one
 * statement per accepted signature, an insert that does nothing when the client already used the
 * nonce, so two instances on one PostgreSQL database (or two requests on one SQLite file) cannot
 * both accept it. A row left behind after its expiry, not yet purged, is taken over by the new
 * signature: the old one can no longer pass the freshness check.
 *
 * Rows are deleted by `purgeExpired`, which the server runs on its flush timer. Any database error
 * is thrown, and the verifier answers 503 REPLAY_STORE_UNAVAILABLE.
 *
 * @example
 * const store = new DatabaseReplayStore(database.db);
 * await store.remember('client-1\nAAECAwQFBgcICQoLDA0ODw', Date.now() + 330_000); // 'new'
 */
export class DatabaseReplayStore implements ServerReplayStore {
  readonly kind = 'database';

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  async remember(key: string, expiresAtMs: number): Promise<'new' | 'seen'> {
    const { clientId, nonce } = replayKeyParts(key);
    const now = new Date(this.now()).toISOString();
    const result = await this.db
      .insertInto('request_nonces')
      .values({ client_id: clientId, nonce, expires_at: new Date(expiresAtMs).toISOString() })
      .onConflict((oc) =>
        oc
          .columns(['client_id', 'nonce'])
          .doUpdateSet((eb) => ({ expires_at: eb.ref('excluded.expires_at') }))
          .where('request_nonces.expires_at', '<=', now),
      )
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n ? 'new' : 'seen';
  }

  async purgeExpired(): Promise<number> {
    const result = await this.db
      .deleteFrom('request_nonces')
      .where('expires_at', '<=', new Date(this.now()).toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
