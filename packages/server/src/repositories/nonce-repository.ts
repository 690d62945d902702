import type { Kysely, Transaction } from 'kysely';
import { DeferredInserts } from '../db/deferred-inserts.js';
import type { Database, StatementNoncesTable } from '../db/schema.js';
import type { BatchLoader, WriteBatcher } from '../db/write-batcher.js';

/** A nonce a change of a batch will check and spend. */
export interface NonceProbe {
  clientId: string;
  nonce: string;
}

/** The nonces a batch transaction preloaded, and which of them are spent (in the table or by it). */
interface KnownNonces {
  probed: Set<string>;
  used: Set<string>;
}

const keyOf = (clientId: string, nonce: string) => JSON.stringify([clientId, nonce]);

/**
 * The replay store for signed statements (spec/http-statements.md §5): a nonce is accepted once
 * per client. Rows outlive the ±5 minute acceptance window and are then purged, because a
 * statement that old is refused by its timestamp anyway.
 *
 * @example
 * if (!(await nonces.consume(trx, clientId, nonce, expiresAt))) throw replay();
 */
export class NonceRepository {
  /** Nonces spent and held back until their transaction's commit (see `deferInserts`). */
  private deferred: DeferredInserts<StatementNoncesTable> | null = null;
  private readonly known = new WeakMap<object, KnownNonces>();

  /** Reads whether each nonce of a batch is spent, in one statement for the whole batch. */
  readonly usedLoader: BatchLoader<NonceProbe> = {
    preload: (trx, probes) => this.preloadUsed(trx, probes),
  };

  constructor(private readonly db: Kysely<Database>) {}

  /**
   * From now on a nonce spent in a transaction whose batch preloaded it is written when that
   * transaction is about to commit, which `batcher` must be the one to run.
   */
  deferInserts(batcher: WriteBatcher): void {
    const deferred = new DeferredInserts<StatementNoncesTable>((trx, rows) =>
      trx.insertInto('statement_nonces').values(rows).execute(),
    );
    batcher.beforeCommit((trx) => deferred.flush(trx));
    this.deferred = deferred;
  }

  private async preloadUsed(trx: Transaction<Database>, probes: NonceProbe[]): Promise<void> {
    // A superset (every pair of these clients and nonces), narrowed to the probes below.
    const rows = await trx
      .selectFrom('statement_nonces')
      .select(['client_id', 'nonce'])
      .where('client_id', 'in', [...new Set(probes.map((p) => p.clientId))])
      .where('nonce', 'in', [...new Set(probes.map((p) => p.nonce))])
      .execute();
    const probed = new Set(probes.map((p) => keyOf(p.clientId, p.nonce)));
    const used = new Set(rows.map((r) => keyOf(r.client_id, r.nonce)));
    for (const row of this.deferred?.rows(trx) ?? []) used.add(keyOf(row.client_id, row.nonce));
    this.known.set(trx, { probed, used });
  }

  /** Records the nonce; false when this client already used it. */
  async consume(
    db: Kysely<Database> | Transaction<Database>,
    clientId: string,
    nonce: string,
    expiresAt: string,
  ): Promise<boolean> {
    const key = keyOf(clientId, nonce);
    const known = this.known.get(db);
    if (known?.probed.has(key) && this.deferred) {
      if (known.used.has(key)) return false;
      known.used.add(key);
      this.deferred.add(db as Transaction<Database>, {
        client_id: clientId,
        nonce,
        expires_at: expiresAt,
      });
      return true;
    }
    const result = await db
      .insertInto('statement_nonces')
      .values({ client_id: clientId, nonce, expires_at: expiresAt })
      .onConflict((oc) => oc.columns(['client_id', 'nonce']).doNothing())
      .executeTakeFirst();
    const inserted = (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
    if (inserted) known?.used.add(key);
    return inserted;
  }

  /** Whether this client already used the nonce (read under the audit lock, before any write). */
  async isUsed(
    db: Kysely<Database> | Transaction<Database>,
    clientId: string,
    nonce: string,
  ): Promise<boolean> {
    const key = keyOf(clientId, nonce);
    const known = this.known.get(db);
    if (known?.probed.has(key)) return known.used.has(key);
    if (known?.used.has(key)) return true;
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
