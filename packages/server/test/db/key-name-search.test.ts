import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { keyNameSearchCases } from './key-name-search-cases.js';

keyNameSearchCases('SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'datafold-name-search-'));
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: new SqliteDatabase(join(dir, 'search.sqlite')) }),
  });
  return Promise.resolve({
    db,
    dialect: 'sqlite',
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  });
});
