import { startPostgresCluster, type PostgresCluster } from '@datafold/test-support';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate-to-latest.js';
import type { Database } from '../../src/db/schema.js';
import { AdminReadRepository } from '../../src/repositories/admin-read-repository.js';
import { RegistrationRepository } from '../../src/repositories/registration-repository.js';
import { conflictProbes, HOT_READ_ROWS, hotReadSeedSql } from './hot-read-seed.js';

// The same per-request queries as hot-read-plans.test.ts, planned by PostgreSQL: every one an
// index scan, never a sequential scan or a sort.
let cluster: PostgresCluster;
let pool: pg.Pool;
let db: Kysely<Database>;
let repo: RegistrationRepository;
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
  await sql.raw(hotReadSeedSql('postgres')).execute(db);
  repo = new RegistrationRepository(db);
}, 120_000);

afterAll(async () => {
  await db?.destroy();
  cluster?.stop();
});

async function plansOf(run: () => Promise<unknown>): Promise<string[]> {
  issued.length = 0;
  await run();
  const plans: string[] = [];
  for (const q of issued.filter((q) => !/^(begin|commit|rollback)/i.test(q.sql))) {
    const result = await pool.query<{ 'QUERY PLAN': string }>(`explain ${q.sql}`, [
      ...q.parameters,
    ]);
    plans.push(result.rows.map((r) => r['QUERY PLAN']).join('\n'));
  }
  expect(plans.length).toBeGreaterThan(0);
  return plans;
}

/** Each plan scans one of `indexes`, and none scans the table or sorts. */
function expectIndexScan(plans: string[], indexes: RegExp): void {
  for (const plan of plans) {
    expect(plan).not.toMatch(/Seq Scan|Sort/);
    expect(plan).toMatch(/Index (Only )?Scan (Backward )?using/);
    expect(plan).toMatch(indexes);
  }
}

describe(`PostgreSQL plans of the per-request queries at ${HOT_READ_ROWS.toLocaleString('en-US')} registrations`, () => {
  it('status and verify of an active client: the partial unique index of active keys', async () => {
    const plans = await plansOf(() => repo.findCurrent('client-000011'));
    expect(plans).toHaveLength(1);
    expectIndexScan(plans, /registrations_active_client_uq/);
  });

  it('status and verify of a client without an active key: newest first, no sort', async () => {
    const plans = await plansOf(() => repo.findCurrent('client-000007'));
    expect(plans).toHaveLength(2);
    expectIndexScan(plans, /registrations_(active_client_uq|client_idx)/);
    expect(await repo.findCurrent('client-000007')).toMatchObject({
      status: 'revoked',
      registration_id: 'r-000007-b',
    });
  });

  it('the last_used write-behind: one statement per flush, a primary-key scan per time', async () => {
    const plans = await plansOf(() =>
      db.transaction().execute((trx) =>
        repo.updateLastUsed(
          trx,
          new Map([
            ['r-000011-b', '2027-01-01T00:00:00.000Z'],
            ['r-000012-a', '2027-01-01T00:00:00.000Z'],
          ]),
        ),
      ),
    );
    expect(plans).toHaveLength(1);
    expectIndexScan(plans, /registrations_pkey/);
  });

  it('a registration batch loads its conflicts by client and by key: index scans only', async () => {
    const { rows } = await pool.query<{ public_key: string }>(
      `select public_key from registrations where registration_id = 'r-000003-a'`,
    );
    const taken = rows[0]!.public_key;
    const { probes, answers: expected } = conflictProbes(taken);
    let answers: unknown[] = [];
    const plans = await plansOf(() =>
      db.transaction().execute(async (trx) => {
        await repo.conflictsLoader.preload(trx, probes);
        answers = await Promise.all(
          probes.map((p) => repo.findConflicts(trx, p.clientId, p.publicKey)),
        );
      }),
    );
    expect(plans).toHaveLength(1);
    expect(plans[0]).not.toMatch(/Seq Scan|Sort|registrations_status_page_idx/);
    expect(plans[0]).toMatch(
      /Index Scan on registrations_client(_page)?_idx|Index Scan on registrations_active_client_uq/,
    );
    expect(plans[0]).toMatch(/Index Scan on registrations_public_key_uq/);
    expect(answers).toEqual(expected);
  });

  it('the admin client history: the "C"-collated client index gives the order', async () => {
    const reads = new AdminReadRepository(db, 'postgres');
    const plans = await plansOf(() => reads.clientHistory('client-000010'));
    expectIndexScan(plans, /registrations_client_page_idx/);
    const rows = await reads.clientHistory('client-000010');
    expect(rows.map((r) => r.status)).toEqual(['superseded', 'active']);
  });
});
