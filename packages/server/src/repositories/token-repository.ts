import type { Kysely, Selectable, Transaction } from 'kysely';
import { CompiledOnce } from '../db/compiled-query.js';
import type { AdminTokensTable, Database } from '../db/schema.js';

/** A stored admin token: its id, role and the SHA-256 of the secret, never the secret. */
export type AdminTokenRow = Selectable<AdminTokensTable>;

/** Where a token stands at a given time. */
export type AdminTokenStatus = 'active' | 'expired' | 'revoked';

type Db = Kysely<Database> | Transaction<Database>;

/** One page of the listing, oldest first, filtered by status as of `now`. */
export interface TokenPageQuery {
  status: AdminTokenStatus | null;
  now: string;
  /** The `[created_at, token_id]` of the last row of the previous page. */
  after: readonly [string, string] | null;
  limit: number;
}

/**
 * Admin and auditor tokens. Only a hash is stored, so a copy of the database grants nothing.
 * Rows are never deleted: a revoked token keeps its role and label for the audit log's sake.
 *
 * @example
 * const row = await tokens.findByHash(sha256Hex(presented));
 */
export class TokenRepository {
  /** Every admin request looks its token up: compiled once, not built per request. */
  private readonly byHash;

  constructor(private readonly db: Kysely<Database>) {
    this.byHash = new CompiledOnce<AdminTokenRow>(db, (db, p) =>
      db.selectFrom('admin_tokens').selectAll().where('token_hash', '=', p('tokenHash')),
    );
  }

  async insert(trx: Db, row: AdminTokenRow): Promise<void> {
    await trx.insertInto('admin_tokens').values(row).execute();
  }

  async findByHash(tokenHash: string): Promise<AdminTokenRow | undefined> {
    return (await this.byHash.run(this.db, { tokenHash })).rows[0];
  }

  async findById(tokenId: string, db: Db = this.db): Promise<AdminTokenRow | undefined> {
    return db
      .selectFrom('admin_tokens')
      .selectAll()
      .where('token_id', '=', tokenId)
      .executeTakeFirst();
  }

  /** Up to `limit + 1` rows from `after` (one more tells whether another page follows). */
  async page(query: TokenPageQuery): Promise<AdminTokenRow[]> {
    let q = this.db.selectFrom('admin_tokens').selectAll();
    const { status, now, after } = query;
    if (status === 'revoked') q = q.where('revoked_at', 'is not', null);
    if (status === 'expired') {
      q = q.where('revoked_at', 'is', null).where('expires_at', '<=', now);
    }
    if (status === 'active') {
      q = q
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]));
    }
    if (after) {
      q = q.where((eb) =>
        eb(eb.refTuple('created_at', 'token_id'), '>', eb.tuple(after[0], after[1])),
      );
    }
    return q
      .orderBy('created_at')
      .orderBy('token_id')
      .limit(query.limit + 1)
      .execute();
  }

  /**
   * Every token `tokenId` made, and every token those made, not yet revoked: what revoking it
   * must revoke too. The tree is walked one generation per query.
   */
  async liveDescendants(trx: Db, tokenId: string): Promise<AdminTokenRow[]> {
    const found: AdminTokenRow[] = [];
    let generation = [tokenId];
    while (generation.length > 0) {
      const children = await trx
        .selectFrom('admin_tokens')
        .selectAll()
        .where('parent_token_id', 'in', generation)
        .execute();
      found.push(...children.filter((c) => c.revoked_at === null));
      generation = children.map((c) => c.token_id);
    }
    return found;
  }

  /** Marks the tokens revoked at `at`; those already revoked keep their time. */
  async revoke(trx: Db, tokenIds: readonly string[], at: string): Promise<void> {
    if (tokenIds.length === 0) return;
    await trx
      .updateTable('admin_tokens')
      .set({ revoked_at: at })
      .where('token_id', 'in', tokenIds)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Sets each token's `last_used` unless the stored one is later (another instance's). */
  async updateLastUsed(trx: Db, entries: ReadonlyMap<string, string>): Promise<void> {
    for (const [tokenId, at] of entries) {
      await trx
        .updateTable('admin_tokens')
        .set({ last_used: at })
        .where('token_id', '=', tokenId)
        .where((eb) => eb.or([eb('last_used', 'is', null), eb('last_used', '<', at)]))
        .execute();
    }
  }
}
