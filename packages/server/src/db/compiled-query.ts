import type SqliteDatabase from 'better-sqlite3';
import type { CompiledQuery, Compilable, Kysely, QueryResult, Transaction } from 'kysely';
import { DirectSqliteRead, sqliteHandleOf } from './direct-sqlite-reads.js';
import type { Database } from './schema.js';

/** Marks a value the query receives when it runs; the marker never reaches the database. */
const MARK = '\u0000datafold-param:';

/** Stands for the named value in a query being compiled, wherever a value may go. */
export type Param = <T = string>(name: string) => T;

type Slot = { name: string } | { value: unknown };

/**
 * A query built and compiled once, run many times with new values. Building a Kysely query costs
 * more than running a point query on SQLite, so queries on a per-request path are compiled when
 * their owner is made and only bound per request. The builder writes `p('name')` where a value
 * goes; constants stay constants (`sql.lit` for those a partial index must see in the SQL text).
 *
 * On SQLite a read run on the database it was compiled for (not a transaction) skips Kysely's
 * execution and better-sqlite3's row objects (direct-sqlite-reads.ts): same rows, half the cost.
 *
 * @example
 * const byClient = new CompiledOnce(db, (db, p) =>
 *   db.selectFrom('registrations').selectAll().where('client_id', '=', p('clientId')));
 * const { rows } = await byClient.run(db, { clientId: 'client_1' });
 */
export class CompiledOnce<Row, Names extends string = string> {
  private readonly query: CompiledQuery<Row>;
  private readonly slots: Slot[];
  /** The SQLite handle behind `root`, when it has one. */
  private readonly sqlite: SqliteDatabase.Database | undefined;
  /** Prepared on first run: undefined until then, null when the statement is no plain read. */
  private direct: DirectSqliteRead<Row> | null | undefined;

  constructor(
    private readonly root: Kysely<Database>,
    build: (db: Kysely<Database>, p: Param) => Compilable<Row>,
  ) {
    const p: Param = <T>(name: string) => `${MARK}${name}` as T;
    this.query = build(root, p).compile();
    this.sqlite = sqliteHandleOf(root);
    this.slots = this.query.parameters.map((value) =>
      typeof value === 'string' && value.startsWith(MARK)
        ? { name: value.slice(MARK.length) }
        : { value },
    );
  }

  /** The SQL text, for query-plan checks. */
  get sql(): string {
    return this.query.sql;
  }

  /** The compiled query with `values` bound, as Kysely's `executeQuery` takes it. */
  bind(values: Readonly<Record<Names, unknown>>): CompiledQuery<Row> {
    const parameters = this.slots.map((slot) =>
      'name' in slot ? values[slot.name as Names] : slot.value,
    );
    return { ...this.query, parameters };
  }

  /** Runs the query with `values` bound, on its database or on a transaction. */
  async run(
    db: Kysely<Database> | Transaction<Database>,
    values: Readonly<Record<Names, unknown>>,
  ): Promise<QueryResult<Row>> {
    const bound = this.bind(values);
    if (db === this.root && this.sqlite) {
      if (this.direct === undefined) this.direct = DirectSqliteRead.of<Row>(this.sqlite, bound.sql);
      const rows = this.direct?.all(bound.parameters);
      if (rows) return { rows };
    }
    return db.executeQuery(bound);
  }
}

/**
 * Queries of many shapes (which filters, which phase, cursor or not), each compiled the first
 * time its shape is asked for and only bound afterwards: building a query costs about as much as
 * running one of the listing's.
 *
 * @example
 * const queries = new CompiledQueries(db);
 * const rows = queries.get<RegistrationRow>(`${shape}:rows`, (db, p) => db.selectFrom(...));
 */
export class CompiledQueries {
  private readonly byShape = new Map<string, CompiledOnce<unknown>>();

  constructor(private readonly db: Kysely<Database>) {}

  /** The query of shape `key`, built by `build` the first time it is asked for. */
  get<Row>(
    key: string,
    build: (db: Kysely<Database>, p: Param) => Compilable<Row>,
  ): CompiledOnce<Row> {
    let query = this.byShape.get(key) as CompiledOnce<Row> | undefined;
    if (!query) {
      query = new CompiledOnce<Row>(this.db, build);
      this.byShape.set(key, query);
    }
    return query;
  }
}
