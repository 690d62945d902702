import { startPostgresCluster, type PostgresCluster } from '@datafold/test-support';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate-to-latest.js';
import type { Database } from '../../src/db/schema.js';
import { sortOrder } from '../../src/repositories/registration-sort.js';
import {
  SortedRegistrationListing,
  type SortedPosition,
} from '../../src/repositories/sorted-registration-listing.js';
import { planWalk } from '../../src/repositories/sorted-registration-walk.js';
import {
  expectedOrder,
  filterCases,
  fixtureRows,
  insertRows,
  pageThrough,
  SORT_VALUES,
} from './sorted-listing-fixture.js';

// The same sorts and filters as sorted-listing.test.ts on PostgreSQL: the same rows in the same
// order as SQLite (client ids and key names compared under COLLATE "C"), and every page an index
// scan from its cursor with no Sort node and no sequential scan.
const now = Date.now();
const cases = filterCases(now);
let cluster: PostgresCluster;

interface Opened {
  pool: pg.Pool;
  db: Kysely<Database>;
  issued: CompiledQuery[];
}

async function open(count: number): Promise<Opened> {
  const pool = new pg.Pool({ connectionString: await cluster.createDatabase(), max: 2 });
  const issued: CompiledQuery[] = [];
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') issued.push(event.query);
    },
  });
  await migrateToLatest(db);
  await insertRows(db, fixtureRows(count, now));
  await sql`analyze`.execute(db);
  return { pool, db, issued };
}

beforeAll(async () => {
  cluster = await startPostgresCluster();
}, 120_000);

afterAll(() => {
  cluster?.stop();
});

describe('sorted listing: every row once, in order (PostgreSQL)', () => {
  const rows = fixtureRows(2000, now);
  let small: Opened;
  beforeAll(async () => {
    small = await open(2000);
  }, 120_000);
  afterAll(() => small?.db.destroy());

  for (const sort of SORT_VALUES) {
    it(`sort=${sort}, with each filter, across pages and scan windows`, async () => {
      const windowed = new SortedRegistrationListing(small.db, 'postgres', 97);
      for (const [, filters] of cases) {
        expect(await pageThrough(windowed, sort, filters, 37)).toEqual(
          expectedOrder(rows, sort, filters),
        );
      }
    }, 60_000);
  }
});

describe('sorted listing PostgreSQL query plans at 200,000 registrations', () => {
  let big: Opened;
  let listing: SortedRegistrationListing;
  beforeAll(async () => {
    big = await open(200_000);
    listing = new SortedRegistrationListing(big.db, 'postgres');
  }, 180_000);
  afterAll(() => big?.db.destroy());

  const plansOf = async (run: () => Promise<unknown>) => {
    big.issued.length = 0;
    await run();
    const plans: string[] = [];
    for (const q of [...big.issued]) {
      const result = await big.pool.query<{ 'QUERY PLAN': string }>(`explain ${q.sql}`, [
        ...q.parameters,
      ]);
      plans.push(result.rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
    return plans;
  };

  for (const sort of SORT_VALUES) {
    it(`sort=${sort}: every filter is an index scan from a deep cursor, never a sort`, async () => {
      for (const [name, filters] of cases) {
        let position: SortedPosition | null = null;
        for (let i = 0; i < 3; i++) {
          const page = await listing.page({ sort, ...filters, position, limit: 200 });
          if (!page.nextCursor) break;
          const parts = JSON.parse(
            Buffer.from(page.nextCursor, 'base64url').toString(),
          ) as string[];
          position = { sort, phase: parts[2] as 'value' | 'null', after: parts.slice(3) };
        }
        const plans = await plansOf(() => listing.page({ sort, ...filters, position, limit: 50 }));
        expect(plans.length).toBeGreaterThan(0);
        const index = planWalk(
          sortOrder(sort)!,
          filters,
          position?.phase ?? 'value',
          'postgres',
          (name) => name as never,
        ).index;
        for (const plan of plans) expect(plan, `${sort} ${name}`).not.toMatch(/Seq Scan|Sort/);
        expect(
          plans.some((p) => new RegExp(`Index (Only )?Scan (Backward )?using ${index}\\b`).test(p)),
          `${sort} ${name}: ${plans.join('\n---\n')}`,
        ).toBe(true);
      }
    }, 60_000);
  }
});
