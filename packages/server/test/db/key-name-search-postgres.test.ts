import { startPostgresCluster, type PostgresCluster } from '@datafold/test-support';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../src/db/schema.js';
import { keyNameSearchCases } from './key-name-search-cases.js';

let cluster: PostgresCluster;

beforeAll(async () => {
  cluster = await startPostgresCluster();
}, 120_000);

afterAll(() => {
  cluster?.stop();
});

keyNameSearchCases('PostgreSQL', async () => {
  const pool = new pg.Pool({ connectionString: await cluster.createDatabase(), max: 2 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
});
