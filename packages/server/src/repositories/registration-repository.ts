import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { ClientChangeTracker } from '../cache/client-change-tracker.js';
import type { VerifyLookupCache } from '../cache/verify-lookup-cache.js';
import { CompiledOnce } from '../db/compiled-query.js';
import { DeferredInserts } from '../db/deferred-inserts.js';
import type { Database, RegistrationStatus, RegistrationsTable } from '../db/schema.js';
import type { BatchLoader, WriteBatcher } from '../db/write-batcher.js';

/** A stored registration, as the repositories hand it to the domain. */
export type RegistrationRow = Selectable<RegistrationsTable>;

/** What verify needs, fetched by one indexed query. */
export interface VerifyLookup {
  registration_id: string;
  public_key: string;
  status: RegistrationStatus;
  /** The decoded key, kept with a cached lookup so a cache hit decodes nothing. */
  publicKeyBytes?: Buffer;
}

type Db = Kysely<Database> | Transaction<Database>;

/** Rows of one `last_used` update statement (two parameters each). */
const LAST_USED_ROWS_PER_STATEMENT = 500;

/** A registration about to be written: what register checks 6 and 7 look up for it. */
export interface ConflictProbe {
  clientId: string;
  publicKey: string;
}

/**
 * What a batch transaction knows of the conflicts its registrations could meet: the probes
 * preloaded together, with the rows the transaction itself has written or ended since.
 */
interface KnownConflicts {
  clients: Set<string>;
  keys: Set<string>;
  activeClients: Set<string>;
  takenKeys: Set<string>;
}

/** Every column of a registration, in the order of the compiled insert's parameters. */
const COLUMNS: readonly (keyof RegistrationRow)[] = [
  'registration_id',
  'client_id',
  'public_key',
  'user_id',
  'key_name',
  'metadata',
  'status',
  'registered_at',
  'last_used',
  'status_changed_at',
  'status_reason',
  'replaced_by',
  'proof_verified',
];

/**
 * What the registration cache keeps per client: its current registration (active, else newest),
 * for verify (the lookup fields, the decoded key) and for status (`row`, the whole registration).
 */
export interface CachedRegistration extends VerifyLookup {
  /**
   * The registration as read; null once its `last_used` may have moved since (a flush here or on
   * another instance), so status reads it again while verify keeps using the key.
   */
  row: RegistrationRow | null;
}

const cachedRegistration = (row: RegistrationRow): CachedRegistration => ({
  registration_id: row.registration_id,
  public_key: row.public_key,
  status: row.status,
  publicKeyBytes: Buffer.from(row.public_key, 'hex'),
  row,
});

/** Whether a cached entry can answer status (see CachedRegistration.row). */
const servesStatus = (entry: CachedRegistration) => entry.row !== null;
/** Every cached entry answers verify. */
const servesVerify = () => true;

/**
 * All SQL about registrations. A client's "current" registration is its active one, else its
 * newest: that is what status and verify report (a revoked client answers 403, not 404).
 *
 * @example
 * const repo = new RegistrationRepository(db);
 * const row = await repo.findCurrent('client_1');
 */
export class RegistrationRepository {
  private readonly activeQuery;
  private readonly newestQuery;
  private readonly conflictsQuery;
  private readonly insertQuery;
  /** Registrations held back until their transaction's commit (see `deferInserts`). */
  private deferred: DeferredInserts<RegistrationRow> | null = null;
  private readonly known = new WeakMap<object, KnownConflicts>();

  /**
   * Loads register checks 6 and 7 for every registration of a batch in one statement, so each
   * registration's `findConflicts` is answered from memory.
   */
  readonly conflictsLoader: BatchLoader<ConflictProbe> = {
    preload: (trx, probes) => this.preloadConflicts(trx, probes),
  };

  /**
   * `cache` keeps each client's current registration in memory for verify and status; `changes`
   * carries every write to a client's registrations (and to their `last_used`) to the caches of
   * this and every other instance (client-change-tracker.ts). Without them (tests, tools) every
   * lookup reads the database.
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cache: VerifyLookupCache<CachedRegistration> | null = null,
    private readonly changes: ClientChangeTracker | null = null,
  ) {
    // Compiled once: verify and status are the hot paths, and building a query per request costs
    // more than running it. "Active, else newest" is two point queries, each served by an index
    // without a sort (one ORDER BY a CASE expression would need a sort): the active key through
    // the partial unique index (its predicate is a literal, so the planner can match it to the
    // index whatever the parameters), else the newest through (client_id, registered_at).
    this.activeQuery = new CompiledOnce<RegistrationRow>(db, (db, p) =>
      db
        .selectFrom('registrations')
        .selectAll()
        .where('client_id', '=', p('clientId'))
        .where('status', '=', sql.lit('active')),
    );
    this.newestQuery = new CompiledOnce<RegistrationRow>(db, (db, p) =>
      db
        .selectFrom('registrations')
        .selectAll()
        .where('client_id', '=', p('clientId'))
        .orderBy('registered_at', 'desc')
        .limit(1),
    );
    // The registration write path, compiled once too (parameters: client id, 'active', key).
    this.conflictsQuery = db
      .selectFrom('registrations')
      .select(['client_id', 'status', 'public_key'])
      .where((eb) =>
        eb.or([
          eb.and([eb('client_id', '=', ''), eb('status', '=', 'active')]),
          eb('public_key', '=', ''),
        ]),
      )
      .compile();
    this.insertQuery = db
      .insertInto('registrations')
      .values(Object.fromEntries(COLUMNS.map((c) => [c, null])) as unknown as RegistrationRow)
      .compile();
  }

  /**
   * From now on `insert` holds rows back and writes them together when their transaction is about
   * to commit, which `batcher` must be the one to run (its before-commit hook does the writing).
   */
  deferInserts(batcher: WriteBatcher): void {
    const deferred = new DeferredInserts<RegistrationRow>((trx, rows) =>
      trx.insertInto('registrations').values(rows).execute(),
    );
    batcher.beforeCommit((trx) => deferred.flush(trx));
    this.deferred = deferred;
  }

  /** Writes the rows `db` holds back, before a statement that must see them. */
  private async settle(db: Db): Promise<void> {
    if (this.deferred && db !== this.db) await this.deferred.flush(db as Transaction<Database>);
  }

  private async preloadConflicts(
    trx: Transaction<Database>,
    probes: readonly ConflictProbe[],
  ): Promise<void> {
    await this.settle(trx);
    const clients = new Set(probes.map((p) => p.clientId));
    const keys = new Set(probes.map((p) => p.publicKey));
    // Every registration of the batch's clients, not only their active ones: with the status in
    // the condition SQLite plans an IN list of two or more clients as a walk of the status index
    // (every active key: 190 ms a batch at 1,000,000 registrations) instead of a search of the
    // client index per client. A client has few registrations, and the status is read below.
    const rows = await trx
      .selectFrom('registrations')
      .select(['client_id', 'status', 'public_key'])
      .where((eb) =>
        eb.or([eb('client_id', 'in', [...clients]), eb('public_key', 'in', [...keys])]),
      )
      .execute();
    const known: KnownConflicts = {
      clients,
      keys,
      activeClients: new Set(rows.filter((r) => r.status === 'active').map((r) => r.client_id)),
      takenKeys: new Set(rows.map((r) => r.public_key)),
    };
    for (const row of this.deferred?.rows(trx) ?? []) this.remember(known, row);
    this.known.set(trx, known);
  }

  /** Adds a row this transaction writes to what it knows. */
  private remember(known: KnownConflicts, row: RegistrationRow): void {
    if (row.status === 'active') known.activeClients.add(row.client_id);
    known.takenKeys.add(row.public_key);
  }

  /** The key and status verify checks, or undefined for an unknown client. */
  async findForVerify(clientId: string): Promise<VerifyLookup | undefined> {
    return this.findCached(clientId, servesVerify);
  }

  /**
   * The client's current registration for the status route: from the cache verify uses, so a
   * revocation or rotation reaches status exactly when it reaches verify. Its `last_used` is the
   * stored one as of the read; the caller adds what the last-used buffer holds (status answers
   * the newer of the two, as before the cache).
   */
  async findCurrentCached(clientId: string): Promise<RegistrationRow | undefined> {
    return (await this.findCached(clientId, servesStatus))?.row ?? undefined;
  }

  /** The cached entry when it serves the caller, else a read of the database that is cached. */
  private async findCached(
    clientId: string,
    serves: (entry: CachedRegistration) => boolean,
  ): Promise<CachedRegistration | undefined> {
    const cached = this.cache?.get(clientId, serves);
    if (cached && serves(cached)) return cached;
    const token = this.cache?.readStarted() ?? 0;
    const row = await this.findCurrent(clientId);
    if (!row) return undefined;
    const entry = cachedRegistration(row);
    this.cache?.set(clientId, entry, token);
    return entry;
  }

  /** The client's active registration, else its newest; undefined for an unknown client. */
  async findCurrent(clientId: string, db: Db = this.db): Promise<RegistrationRow | undefined> {
    await this.settle(db);
    for (const query of [this.activeQuery, this.newestQuery]) {
      const { rows } = await query.run(db, { clientId });
      if (rows[0]) return rows[0];
    }
    return undefined;
  }

  async findActive(db: Db, clientId: string): Promise<RegistrationRow | undefined> {
    await this.settle(db);
    const { rows } = await this.activeQuery.run(db, { clientId });
    return rows[0];
  }

  /**
   * WIRE-PROTOCOL.md register checks 6 and 7 in one statement: does the client have an active
   * key, and is the public key registered anywhere? Both are index lookups (SQLite's OR
   * optimisation and PostgreSQL's bitmap OR use the two indexes), never a scan. Answered from
   * memory when the batch preloaded both (`conflictsLoader`).
   */
  async findConflicts(
    db: Db,
    clientId: string,
    publicKey: string,
  ): Promise<{ clientActive: boolean; keyTaken: boolean }> {
    const known = this.known.get(db);
    if (known?.clients.has(clientId) && known.keys.has(publicKey)) {
      return {
        clientActive: known.activeClients.has(clientId),
        keyTaken: known.takenKeys.has(publicKey),
      };
    }
    await this.settle(db);
    const { rows } = await db.executeQuery<
      Pick<RegistrationRow, 'client_id' | 'status' | 'public_key'>
    >({
      ...this.conflictsQuery,
      parameters: [clientId, 'active', publicKey],
    });
    return {
      clientActive: rows.some((r) => r.client_id === clientId && r.status === 'active'),
      keyTaken: rows.some((r) => r.public_key === publicKey),
    };
  }

  /** Whether this public key is registered under any client, in any status (an index probe). */
  async publicKeyExists(db: Db, publicKey: string): Promise<boolean> {
    await this.settle(db);
    const row = await db
      .selectFrom('registrations')
      .select('registration_id')
      .where('public_key', '=', publicKey)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Writes `row`, or holds it back until the commit (`deferInserts`). */
  async insert(db: Transaction<Database>, row: RegistrationRow): Promise<void> {
    this.changes?.record(db, row.client_id);
    const known = this.known.get(db);
    if (known) this.remember(known, row);
    if (this.deferred) {
      this.deferred.add(db, row);
      return;
    }
    await db.executeQuery({ ...this.insertQuery, parameters: COLUMNS.map((c) => row[c]) });
  }

  /** Moves one registration out of `active`; false when it was no longer active. */
  async endActive(
    db: Transaction<Database>,
    clientId: string,
    registrationId: string,
    change: {
      status: 'revoked' | 'superseded';
      at: string;
      reason: string | null;
      replacedBy: string | null;
    },
  ): Promise<boolean> {
    this.changes?.record(db, clientId);
    await this.settle(db);
    const result = await db
      .updateTable('registrations')
      .set({
        status: change.status,
        status_changed_at: change.at,
        status_reason: change.reason,
        replaced_by: change.replacedBy,
      })
      .where('registration_id', '=', registrationId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    const ended = result.numUpdatedRows > 0n;
    if (ended) this.known.get(db)?.activeClients.delete(clientId);
    return ended;
  }

  /**
   * Writes buffered `last_used` times; never moves one backwards. One statement per chunk of
   * rows (UPDATE ... FROM, SQLite 3.33+ and PostgreSQL): a flush after a busy second carries a
   * time for every key verified, and on PostgreSQL each statement is a round trip. Each row it
   * moves is recorded as a `last_used` change of its client, so no cache keeps showing the older
   * time.
   */
  async updateLastUsed(db: Db, entries: ReadonlyMap<string, string>): Promise<void> {
    await this.settle(db);
    const all = [...entries];
    for (let i = 0; i < all.length; i += LAST_USED_ROWS_PER_STATEMENT) {
      const times = all
        .slice(i, i + LAST_USED_ROWS_PER_STATEMENT)
        .map(([id, at], n) =>
          n === 0 ? sql`select ${id} as id, ${at} as at` : sql`select ${id}, ${at}`,
        );
      const { rows } = await sql<{ client_id: string }>`update registrations set last_used = t.at
        from (${sql.join(times, sql` union all `)}) as t
        where registrations.registration_id = t.id
          and (registrations.last_used is null or registrations.last_used < t.at)
        returning registrations.client_id`.execute(db);
      for (const { client_id } of rows) {
        this.changes?.recordLastUsed(db as Transaction<Database>, client_id);
      }
    }
  }

  /** Registrations per status, for the metrics. */
  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('registrations')
      .select(['status', (eb) => eb.fn.countAll<string | number>().as('n')])
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
