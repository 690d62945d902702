import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataFoldError } from '@datafold/js-sdk';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Driver } from 'kysely';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { attachSqliteHandle } from './direct-sqlite-reads.js';
import { createPostgresPool, type PoolErrorReporter } from './postgres-pool.js';
import type { Database } from './schema.js';

/** Which SQL engine is behind the repositories; a few statements differ (row locks). */
export type DialectName = 'sqlite' | 'postgres';

/** An open database: the Kysely handle, its dialect, and how to close it. */
export interface OpenDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Where the data lives, for logs: the SQLite file or the PostgreSQL host (no password). */
  location: string;
  /** Runs `select 1`; rejects when the database cannot answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** How a process opens the database. */
export interface OpenOptions {
  /**
   * `write` (default) takes the SQLite directory's one-process lock, naming `command` as its
   * holder; `read` opens SQLite read-only and takes no lock, for `audit verify` beside a server.
   */
  access?: 'write' | 'read';
  command?: string;
  /** Told about PostgreSQL connections lost outside a query (the process must not die of them). */
  onConnectionError?: PoolErrorReporter;
}

/**
 * Kysely prepares every statement anew; on SQLite preparing costs more than running a point
 * query, so the handle given to Kysely keeps prepared statements by their SQL text (our SQL is a
 * small fixed set; the cap only guards against surprises). better-sqlite3 statements are reusable.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return new Proxy(sqlite, {
    get(target, property, receiver) {
      if (property !== 'prepare') return Reflect.get(target, property, receiver) as unknown;
      return (source: string) => {
        let statement = cache.get(source);
        if (!statement) {
          statement = target.prepare(source);
          if (cache.size >= 1000) cache.clear();
          cache.set(source, statement);
        }
        return statement;
      };
    },
  });
}

/**
 * SQLite rolls a transaction back by itself after some errors (SQLITE_FULL, SQLITE_IOERR); Kysely
 * then sends ROLLBACK anyway, which fails with "no transaction is active" and replaces the real
 * error. Rolling back only what is still open keeps the disk-full error the caller must see.
 */
class SqliteDialectKeepingErrors extends SqliteDialect {
  constructor(private readonly sqlite: SqliteDatabase.Database) {
    super({ database: withStatementCache(sqlite) });
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection) => {
      if (this.sqlite.inTransaction) await rollback(connection);
    };
    return driver;
  }
}

async function ping(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}

/** The SQLite file inside the data directory. */
export const SQLITE_FILE = 'datafold.sqlite';

/** A PostgreSQL URL fit for logs and messages: the password replaced by `***`. */
export function maskDatabaseUrl(databaseUrl: string): string {
  try {
    const parsed = new URL(databaseUrl);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

function openPostgres(databaseUrl: string, options: OpenOptions): OpenDatabase {
  const { kysely } = createPostgresPool(
    databaseUrl,
    options.onConnectionError ?? (() => undefined),
  );
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: kysely }) });
  const parsed = new URL(databaseUrl);
  return {
    db,
    dialect: 'postgres',
    location: `postgres://${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`,
    ping: () => ping(db),
    close: () => db.destroy(),
  };
}

function openSqlite(dataDir: string, options: OpenOptions): OpenDatabase {
  const file = join(dataDir, SQLITE_FILE);
  let lock: DataDirLock | null = null;
  let sqlite: SqliteDatabase.Database;
  if (options.access === 'read') {
    if (!existsSync(file)) {
      throw new DataFoldError('FILE_NOT_FOUND', `no database in ${dataDir}: nothing to read`, {
        data_dir: dataDir,
      });
    }
    sqlite = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  } else {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    lock = acquireDataDirLock(dataDir, options.command ?? 'datafold-server');
    try {
      sqlite = new SqliteDatabase(file);
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = FULL');
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  // better-sqlite3 waits synchronously: the whole event loop stalls for this long at most while
  // another process (a backup, the sqlite3 shell) holds the write lock. Then SQLITE_BUSY, a 503.
  sqlite.pragma('busy_timeout = 1000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialectKeepingErrors(sqlite) });
  // Compiled reads on the request path run straight on the handle (direct-sqlite-reads.ts).
  attachSqliteHandle(db, sqlite);
  return {
    db,
    dialect: 'sqlite',
    location: file,
    ping: () => ping(db),
    async close() {
      try {
        await db.destroy();
      } finally {
        lock?.release();
      }
    },
  };
}

/**
 * Opens PostgreSQL when `databaseUrl` is set, else the embedded SQLite database in `dataDir`
 * (created 0700 when missing). SQLite runs in WAL mode with synchronous=FULL: a commit has
 * reached the disk before the server answers, so an acknowledged write survives a crash or a
 * power cut (sqlite.org/pragma.html#pragma_synchronous). A SQLite directory has one writing
 * process at a time (data-dir-lock.ts); a second gets DATA_DIR_LOCKED.
 *
 * @example
 * const { db, close } = openDatabase({ dataDir: './.datafold-data', databaseUrl: null });
 */
export function openDatabase(
  config: { dataDir: string; databaseUrl: string | null },
  options: OpenOptions = {},
): OpenDatabase {
  return config.databaseUrl
    ? openPostgres(config.databaseUrl, options)
    : openSqlite(config.dataDir, options);
}
