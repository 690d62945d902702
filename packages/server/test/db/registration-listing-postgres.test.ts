import { startPostgresCluster, type PostgresCluster } from '@datafold/test-support';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate-to-latest.js';
import type { Database } from '../../src/db/schema.js';
import { AdminReadRepository } from '../../src/repositories/admin-read-repository.js';
import {
  RegistrationListing,
  type RegistrationListQuery,
} from '../../src/repositories/registration-listing.js';

// The same listings as registration-listing.test.ts, planned by PostgreSQL over 200,000 rows:
// every page is an index scan from its cursor, never a sequential scan or a sort.
let cluster: PostgresCluster;
let pool: pg.Pool;
let db: Kysely<Database>;
let listing: RegistrationListing;
const issued: CompiledQuery[] = [];

beforeAll(async () => {
  cluster = await startPostgresCluster();
  pool = new pg.Pool({ connectionString: await cluster.createDatabase(), max: 2 });
  db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') issued.push(event.query);
    },
  });
  await migrateToLatest(db);
  await sql`insert into registrations
      (registration_id, client_id, public_key, key_name, status, registered_at, proof_verified)
    select '00000000-0000-4000-8000-' || lpad(i::text, 12, '0'), 'client-' || lpad(i::text, 6, '0'),
      md5(i::text) || md5((-i)::text), 'key-' || i,
      case when i % 10 = 0 then 'revoked' else 'active' end,
      to_char(timestamp '2026-01-01' + i * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 0
    from generate_series(0, 199999) as i`.execute(db);
  await sql`insert into audit_log
      (seq, occurred_at, actor, action, client_id, outcome, details, prev_hash, hash)
    select i, '2026-01-01T00:00:00.000Z', 'system',
      case when i % 100 = 0 then 'revoke' else 'register' end,
      'client-' || lpad((i % 50000)::text, 6, '0'), 'success', '{}', '', ''
    from generate_series(1, 200000) as i`.execute(db);
  await sql`analyze`.execute(db);
  listing = new RegistrationListing(db, 'postgres');
}, 120_000);

afterAll(async () => {
  await db?.destroy();
  cluster?.stop();
});

const page = (query: Partial<RegistrationListQuery>) =>
  listing.page({ status: null, search: null, cursor: null, limit: 50, ...query });

async function deep(query: Partial<RegistrationListQuery>): Promise<string | null> {
  let cursor: string | null = null;
  for (let i = 0; i < 3; i++) cursor = (await page({ ...query, limit: 500, cursor })).nextCursor;
  return cursor;
}

async function plansOf(run: () => Promise<unknown>): Promise<string[]> {
  issued.length = 0;
  await run();
  const plans: string[] = [];
  for (const q of [...issued]) {
    const result = await pool.query<{ 'QUERY PLAN': string }>(`explain ${q.sql}`, [
      ...q.parameters,
    ]);
    plans.push(result.rows.map((r) => r['QUERY PLAN']).join('\n'));
  }
  return plans;
}

function expectIndexed(plans: string[], index: string): void {
  expect(plans.length).toBeGreaterThan(0);
  for (const plan of plans) {
    expect(plan).not.toMatch(/Seq Scan|Sort/);
  }
  expect(
    plans.some((p) => new RegExp(`Index (Only )?Scan (Backward )?using ${index}\\b`).test(p)),
  ).toBe(true);
}

describe('PostgreSQL query plans at 200,000 registrations', () => {
  it('pages from a deep cursor through the page indexes', async () => {
    const cursor = await deep({});
    expectIndexed(await plansOf(() => page({ cursor })), 'registrations_page_idx');
    const byStatus = await deep({ status: 'revoked' });
    const plans = await plansOf(() => page({ status: 'revoked', cursor: byStatus }));
    expectIndexed(plans, 'registrations_status_page_idx');
  });

  it('searches a client id prefix through the "C"-collated prefix index', async () => {
    const cursor = await deep({ search: 'client-1' });
    const plans = await plansOf(() => page({ search: 'client-1', cursor }));
    expectIndexed(plans, 'registrations_client_page_idx');
    expect((await page({ search: 'client-1', cursor })).items[0]!.client_id).toBe('client-101500');
    // Shorter than a trigram: the key-name phase walks the page index.
    const none = await plansOf(() => page({ search: 'zz' }));
    expectIndexed(none, 'registrations_client_page_idx');
    expect(none.some((p) => p.includes('registrations_page_idx'))).toBe(true);
  });

  it('searches key names of three characters or more through the trigram postings, also from a deep cursor', async () => {
    // Postings are walked index-only once their pages are all-visible, as autovacuum leaves them
    // after inserts (PostgreSQL 13+). Before that, for a trigram with a few hundred postings, the
    // planner may fetch and sort those few (bounded by the window) rather than walk the index.
    await sql`vacuum analyze registration_name_trigrams`.execute(db);
    for (const search of ['key', 'laptop', 'no-such-thing', 'key-1999', 'ey-12345']) {
      for (const status of [null, 'active'] as const) {
        expectIndexed(
          await plansOf(() => page({ search, status })),
          'registration_name_trigrams_pk',
        );
        const cursor = await deep({ search, status });
        if (cursor === null) continue;
        expectIndexed(
          await plansOf(() => page({ search, status, cursor })),
          'registration_name_trigrams_pk',
        );
      }
    }
    const { items } = await page({ search: 'KEY-1234', limit: 3 });
    expect(items.map((r) => r.key_name)).toEqual(['key-1234', 'key-12340', 'key-12341']);
  });

  it('reads the audit log newest first by client and by action through indexes', async () => {
    const reads = new AdminReadRepository(db);
    const q = { beforeSeq: 150_000, limit: 51 };
    expectIndexed(
      await plansOf(() =>
        reads.auditNewestFirst({ ...q, clientId: 'client-000007', action: null }),
      ),
      'audit_log_client_seq_idx',
    );
    expectIndexed(
      await plansOf(() => reads.auditNewestFirst({ ...q, clientId: null, action: 'revoke' })),
      'audit_log_action_seq_idx',
    );
    const rows = await reads.auditNewestFirst({
      ...q,
      clientId: 'client-000100',
      action: 'revoke',
    });
    expect(rows.map((r) => r.seq)).toEqual([100_100, 50_100, 100]);
  });
});
