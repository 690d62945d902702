import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate-to-latest.js';
import type { Database } from '../../src/db/schema.js';
import { AdminReadRepository } from '../../src/repositories/admin-read-repository.js';
import { RegistrationRepository } from '../../src/repositories/registration-repository.js';
import { conflictProbes, HOT_READ_ROWS, hotReadSeedSql } from './hot-read-seed.js';

// The queries of the per-request paths (status, verify, the last_used write-behind, the admin
// client history), planned by SQLite over 60,000 registrations: each is a search of one index,
// never a scan or a sort (a "TEMP B-TREE"). The PostgreSQL twin is hot-read-plans-postgres.test.ts.
let dir: string;
let sqlite: SqliteDatabase.Database;
let db: Kysely<Database>;
let repo: RegistrationRepository;
const issued: CompiledQuery[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'datafold-hot-plans-'));
  sqlite = new SqliteDatabase(join(dir, 'plans.sqlite'));
  db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === 'query') issued.push(event.query);
    },
  });
  await migrateToLatest(db);
  sqlite.exec(hotReadSeedSql('sqlite'));
  repo = new RegistrationRepository(db);
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

async function plansOf(run: () => Promise<unknown>): Promise<string[]> {
  issued.length = 0;
  await run();
  expect(issued.length).toBeGreaterThan(0);
  // Plans of the statements themselves, not of the transaction's begin and commit.
  return issued
    .filter((q) => !/^(begin|commit|rollback)/i.test(q.sql))
    .map((q) =>
      (sqlite.prepare(`explain query plan ${q.sql}`).all(...q.parameters) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | '),
    );
}

/** Each plan searches an index (one of `indexes`), and none scans a table or sorts. */
function expectIndexSearch(plans: string[], indexes: RegExp): void {
  for (const plan of plans) {
    expect(plan).toMatch(/^SEARCH registrations USING (COVERING )?INDEX /);
    expect(plan).toMatch(indexes);
    expect(plan).not.toMatch(/SCAN|TEMP B-TREE/);
  }
}

describe(`SQLite plans of the per-request queries at ${HOT_READ_ROWS.toLocaleString('en-US')} registrations`, () => {
  it('status and verify of an active client: the partial unique index of active keys', async () => {
    const plans = await plansOf(() => repo.findCurrent('client-000011'));
    expect(plans).toHaveLength(1);
    expectIndexSearch(plans, /registrations_active_client_uq/);
    expect((await repo.findCurrent('client-000011'))!.status).toBe('active');
  });

  it('status and verify of a client without an active key: newest first from (client_id, registered_at)', async () => {
    const plans = await plansOf(() => repo.findCurrent('client-000007'));
    expect(plans).toHaveLength(2);
    expectIndexSearch(plans, /registrations_(active_client_uq|client_idx|client_page_idx)/);
    const row = await repo.findCurrent('client-000007');
    expect(row).toMatchObject({ status: 'revoked', registration_id: 'r-000007-b' });
  });

  it('the last_used write-behind: one statement per flush, a primary-key search per time', async () => {
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
    // The only scan is of the times handed in (t); registrations is searched by its primary key.
    expect(plans[0]).toMatch(
      /SEARCH registrations USING INDEX sqlite_autoindex_registrations_1 \(registration_id=\?\)/,
    );
    expect(plans[0]).not.toMatch(/SCAN registrations|TEMP B-TREE/);
  });

  it('a registration batch loads its conflicts by client and by key, never walking the status index', async () => {
    const taken = sqlite
      .prepare(`select public_key from registrations where registration_id = 'r-000003-a'`)
      .pluck()
      .get() as string;
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
    // One statement for the batch; each registration's check is answered from it.
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatch(/registrations_client(_page)?_idx|registrations_active_client_uq/);
    expect(plans[0]).toMatch(/registrations_public_key_uq/);
    expect(plans[0]).not.toMatch(/registrations_status_page_idx|SCAN|TEMP B-TREE/);
    expect(answers).toEqual(expected);
  });

  it('the admin client history: (client_id, registered_at, registration_id) gives the order', async () => {
    const reads = new AdminReadRepository(db, 'sqlite');
    const plans = await plansOf(() => reads.clientHistory('client-000010'));
    expectIndexSearch(plans, /registrations_client_page_idx/);
    const rows = await reads.clientHistory('client-000010');
    expect(rows.map((r) => r.status)).toEqual(['superseded', 'active']);
  });
});
