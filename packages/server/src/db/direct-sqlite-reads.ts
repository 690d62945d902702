import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * The better-sqlite3 handle behind each Kysely instance that open-database.ts made for SQLite.
 * Only that root instance is here: a transaction, or a Kysely made elsewhere (tests, tools),
 * has no entry and goes through Kysely as before.
 */
const handles = new WeakMap<object, SqliteDatabase.Database>();

/**
 * Lets compiled read queries on `db` run straight on `sqlite` (see DirectSqliteRead). Called by
 * open-database.ts for the handle it gives Kysely.
 *
 * @example
 * attachSqliteHandle(db, sqlite);
 */
export function attachSqliteHandle(db: Kysely<Database>, sqlite: SqliteDatabase.Database): void {
  handles.set(db, sqlite);
}

/**
 * The better-sqlite3 handle behind `db`, when `db` is the root instance of an SQLite database
 * opened by open-database.ts; undefined otherwise (PostgreSQL, a transaction).
 *
 * @example
 * const sqlite = sqliteHandleOf(db); // undefined on PostgreSQL
 */
export function sqliteHandleOf(db: object): SqliteDatabase.Database | undefined {
  return handles.get(db);
}

/** Builds a row object from the values of one raw row, in the statement's column order. */
type RowOf<Row> = (values: readonly unknown[]) => Row;

/**
 * An object maker for these column names. Every row it makes gets its properties in the same
 * order, so rows share one hidden class and stay fast-mode objects; better-sqlite3's own row
 * objects are built key by key from C++ and cost about as much as the query itself. A name that
 * comes twice keeps its first place and its last value, as better-sqlite3's objects do.
 */
function rowMaker<Row>(names: readonly string[]): RowOf<Row> {
  const count = names.length;
  return (values) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) row[names[i]!] = values[i];
    return row as Row;
  };
}

/**
 * One compiled read query run as its own prepared better-sqlite3 statement in raw mode (arrays,
 * not objects), each row then made into an object by `rowMaker`: the same rows as Kysely's
 * execution of the same SQL, about half the cost at a page of 50 registrations. Kysely adds no
 * plugins or conversions on this path (our Kysely has none), so nothing else differs.
 *
 * It declines (null) inside a transaction: Kysely serialises the one SQLite connection with a
 * lock held for a whole transaction, and a read that bypassed it there would see the
 * transaction's uncommitted rows. Outside one, a statement runs whole before anything else, so
 * reading at once sees exactly the committed state a queued read would.
 *
 * @example
 * const read = DirectSqliteRead.of<RegistrationRow>(sqlite, 'select * from registrations where client_id = ?');
 * const rows = read?.all(['client_1']) ?? (await db.executeQuery(query)).rows;
 */
export class DirectSqliteRead<Row> {
  private constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly statement: SqliteDatabase.Statement<unknown[], unknown[]>,
    private readonly rowOf: RowOf<Row>,
  ) {}

  /** The read for `sql`, or null when `sql` is not a read-only statement returning rows. */
  static of<Row>(sqlite: SqliteDatabase.Database, sql: string): DirectSqliteRead<Row> | null {
    // A statement of its own: raw mode is a property of the statement, and the statements Kysely
    // shares by SQL text (open-database.ts) must keep returning objects.
    const statement = sqlite.prepare<unknown[], unknown[]>(sql);
    // `readonly` leaves out `update … returning` and the like: writes keep Kysely's lock.
    if (!statement.reader || !statement.readonly) return null;
    statement.raw(true);
    const names = statement.columns().map((column) => column.name);
    return new DirectSqliteRead(sqlite, statement, rowMaker<Row>(names));
  }

  /** The rows for these parameters; null inside a transaction (the caller goes through Kysely). */
  all(parameters: readonly unknown[]): Row[] | null {
    if (this.sqlite.inTransaction) return null;
    const values = this.statement.all(parameters);
    const rows = new Array<Row>(values.length);
    for (let i = 0; i < values.length; i++) rows[i] = this.rowOf(values[i]!);
    return rows;
  }
}
