import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
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

async function ping(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}

/** The SQLite file inside the data directory. */
export const SQLITE_FILE = 'datafold.sqlite';

/**
 * Opens PostgreSQL when `databaseUrl` is set, else the embedded SQLite database in `dataDir`
 * (created 0700 when missing). SQLite runs in WAL mode with synchronous=FULL: a commit has
 * reached the disk before the server answers, so an acknowledged write survives a crash or a
 * power cut (sqlite.org/pragma.html#pragma_synchronous).
 *
 * @example
 * const { db, close } = openDatabase({ dataDir: './.datafold-data', databaseUrl: null });
 */
export function openDatabase(options: {
  dataDir: string;
  databaseUrl: string | null;
}): OpenDatabase {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // A dropped idle connection must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const parsed = new URL(options.databaseUrl);
    return {
      db,
      dialect: 'postgres',
      location: `postgres://${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`,
      ping: () => ping(db),
      close: () => db.destroy(),
    };
  }
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const file = join(options.dataDir, SQLITE_FILE);
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return { db, dialect: 'sqlite', location: file, ping: () => ping(db), close: () => db.destroy() };
}
