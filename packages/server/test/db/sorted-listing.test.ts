import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate-to-latest.js';
import type { Database } from '../../src/db/schema.js';
import type { RegistrationRow } from '../../src/repositories/registration-repository.js';
import { sortOrder } from '../../src/repositories/registration-sort.js';
import { SortedRegistrationListing } from '../../src/repositories/sorted-registration-listing.js';
import { planWalk } from '../../src/repositories/sorted-registration-walk.js';
import {
  expectedOrder,
  filterCases,
  fixtureRows,
  insertRows,
  pageThrough,
  SORT_VALUES,
} from './sorted-listing-fixture.js';

// Every sort of the admin listing, with every filter, on SQLite: paging returns every row once in
// the stated order (small table, small scan window so windows are crossed), and each page is an
// index walk with no sort (EXPLAIN QUERY PLAN at 200,000 rows).
const now = Date.now();
const cases = filterCases(now);

interface Opened {
  dir: string;
  sqlite: SqliteDatabase.Database;
  db: Kysely<Database>;
  issued: CompiledQuery[];
}

async function open(rows: RegistrationRow[]): Promise<Opened> {
  const dir = mkdtempSync(join(tmpdir(), 'datafold-sorted-'));
  const sqlite = new SqliteDatabase(join(dir, 'sorted.sqlite'));
  const issued: CompiledQuery[] = [];
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === 'query') issued.push(event.query);
    },
  });
  await migrateToLatest(db);
  sqlite.exec('begin');
  await insertRows(db, rows);
  sqlite.exec('commit');
  sqlite.exec('analyze');
  return { dir, sqlite, db, issued };
}

async function close(opened: Opened | undefined): Promise<void> {
  await opened?.db.destroy();
  if (opened) rmSync(opened.dir, { recursive: true, force: true });
}

describe('sorted listing: every row once, in order (SQLite)', () => {
  const rows = fixtureRows(2000, now);
  let small: Opened;
  beforeAll(async () => {
    small = await open(rows);
  });
  afterAll(() => close(small));

  for (const sort of SORT_VALUES) {
    it(`sort=${sort}, with each filter, across pages and scan windows`, async () => {
      const windowed = new SortedRegistrationListing(small.db, 'sqlite', 97);
      const plain = new SortedRegistrationListing(small.db, 'sqlite');
      for (const [, filters] of cases) {
        const expected = expectedOrder(rows, sort, filters);
        expect(expected.length).toBeGreaterThan(0);
        expect(await pageThrough(windowed, sort, filters, 37)).toEqual(expected);
        expect(await pageThrough(plain, sort, filters, 500)).toEqual(expected);
      }
    });
  }
});

describe('sorted listing query plans at 200,000 registrations (no timings)', () => {
  let big: Opened;
  let listing: SortedRegistrationListing;
  beforeAll(async () => {
    big = await open(fixtureRows(200_000, now));
    listing = new SortedRegistrationListing(big.db, 'sqlite');
  }, 120_000);
  afterAll(() => close(big));

  const plansOf = async (run: () => Promise<unknown>) => {
    big.issued.length = 0;
    await run();
    expect(big.issued.length).toBeGreaterThan(0);
    return big.issued.map((q) =>
      (
        big.sqlite.prepare(`explain query plan ${q.sql}`).all(...q.parameters) as {
          detail: string;
        }[]
      )
        .map((r) => r.detail)
        .join(' | '),
    );
  };

  for (const sort of SORT_VALUES) {
    it(`sort=${sort}: every filter walks an index from a deep cursor, never a sort`, async () => {
      for (const [name, filters] of cases) {
        // Three pages in, so the plan is the one a cursor gets.
        let position = null;
        for (let i = 0; i < 3; i++) {
          const page = await listing.page({ sort, ...filters, position, limit: 200 });
          if (!page.nextCursor) break;
          position = JSON.parse(Buffer.from(page.nextCursor, 'base64url').toString()) as string[];
          position = { sort, phase: position[2] as 'value' | 'null', after: position.slice(3) };
        }
        const plans = await plansOf(() => listing.page({ sort, ...filters, position, limit: 50 }));
        const index = planWalk(
          sortOrder(sort)!,
          filters,
          position?.phase ?? 'value',
          'sqlite',
          (name) => name as never,
        ).index;
        for (const plan of plans) {
          expect(plan, `${sort} ${name}`).not.toMatch(
            /SCAN registrations(?! USING (COVERING )?INDEX)/,
          );
          expect(plan, `${sort} ${name}`).not.toMatch(/TEMP B-TREE/);
        }
        expect(
          plans.some((p) => p.includes(index)),
          `${sort} ${name}: ${plans.join(' / ')}`,
        ).toBe(true);
        // From a cursor the seek starts at the cursor (a row-value bound in the SEARCH), not at
        // another bound of the same column with a walk up to the cursor.
        if (position) {
          expect(
            plans.some((p) =>
              /SEARCH registrations USING INDEX \S+ \(.*\([a-z_,]+\)[<>]\(/.test(p),
            ),
            `${sort} ${name}: ${plans.join(' / ')}`,
          ).toBe(true);
        }
      }
    }, 60_000);
  }
});
