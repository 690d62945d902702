import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDataFoldError } from '@datafold/js-sdk';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate-to-latest.js';
import type { Database } from '../../src/db/schema.js';
import { AdminReadRepository } from '../../src/repositories/admin-read-repository.js';
import { AuditRepository } from '../../src/repositories/audit-repository.js';
import {
  KEY_NAME_SCAN_WINDOW,
  prefixSuccessor,
  RegistrationListing,
  type RegistrationListQuery,
} from '../../src/repositories/registration-listing.js';

const ROWS = 200_000;
const pad = (i: number, n = 6) => String(i).padStart(n, '0');
const publicKeyOf = (i: number) => createHash('sha256').update(`key-${i}`).digest('hex');

let dir: string;
let sqlite: SqliteDatabase.Database;
let db: Kysely<Database>;
let listing: RegistrationListing;
const issued: CompiledQuery[] = [];

/** Seeds the tables straight through SQL: 200k registrations and 200k audit entries. */
function seed(): void {
  const reg = sqlite.prepare(
    `insert into registrations (registration_id, client_id, public_key, key_name, status, registered_at, proof_verified)
     values (?, ?, ?, ?, ?, ?, 0)`,
  );
  const audit = sqlite.prepare(
    `insert into audit_log (seq, occurred_at, actor, action, client_id, outcome, details, prev_hash, hash)
     values (?, '2026-01-01T00:00:00.000Z', 'system', ?, ?, 'success', '{}', '', '')`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < ROWS; i++) {
      const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
      const status = i % 10 === 0 ? 'revoked' : 'active';
      reg.run(
        `00000000-0000-4000-8000-${pad(i, 12)}`,
        `client-${pad(i)}`,
        publicKeyOf(i),
        `key-${i}`,
        status,
        at,
      );
      audit.run(i + 1, i % 100 === 0 ? 'revoke' : 'register', `client-${pad(i % 50_000)}`);
    }
    const late = new Date(Date.UTC(2027, 0, 1)).toISOString();
    for (const [n, client, name] of [
      [1, 'build-1', 'laptop'],
      [2, 'acme-1', 'Build box'],
      [3, 'Build-2', null],
    ] as const) {
      reg.run(
        `10000000-0000-4000-8000-${pad(n, 12)}`,
        client,
        publicKeyOf(-n),
        name,
        'active',
        late,
      );
    }
  })();
}

async function page(query: Partial<RegistrationListQuery>) {
  return listing.page({ status: null, search: null, cursor: null, limit: 50, ...query });
}

/** Every page of a listing, following cursors; the number of requests it took. */
async function all(query: Partial<RegistrationListQuery>) {
  const clients: string[] = [];
  let cursor: string | null = null;
  let requests = 0;
  do {
    const result = await page({ ...query, cursor });
    clients.push(...result.items.map((r) => r.client_id));
    cursor = result.nextCursor;
    requests += 1;
  } while (cursor && requests < 1000);
  return { clients, requests };
}

/** The query plans of every statement issued while `run` ran. */
async function plansOf(run: () => Promise<unknown>): Promise<string[]> {
  issued.length = 0;
  await run();
  expect(issued.length).toBeGreaterThan(0);
  return issued.map((q) =>
    (sqlite.prepare(`explain query plan ${q.sql}`).all(...q.parameters) as { detail: string }[])
      .map((r) => r.detail)
      .join(' | '),
  );
}

/**
 * Each statement reads through an index: no table scan, no sort of the matches. (A walk from the
 * start of an index shows as `SCAN … USING INDEX`; from a cursor it is a `SEARCH`.)
 */
function expectIndexed(plans: string[], index: string): void {
  for (const plan of plans) {
    expect(plan).not.toMatch(/SCAN (registrations|audit_log)(?! USING (COVERING )?INDEX)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  }
  expect(plans.some((p) => p.includes(`SEARCH`) && p.includes(index))).toBe(true);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'datafold-listing-'));
  sqlite = new SqliteDatabase(join(dir, 'listing.sqlite'));
  db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === 'query') issued.push(event.query);
    },
  });
  await migrateToLatest(db);
  seed();
  listing = new RegistrationListing(db, 'sqlite');
});

afterAll(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('query plans at 200,000 registrations (EXPLAIN QUERY PLAN, no timings)', () => {
  const deep = async (query: Partial<RegistrationListQuery>) => {
    let cursor: string | null = null;
    for (let i = 0; i < 3; i++) cursor = (await page({ ...query, limit: 500, cursor })).nextCursor;
    return cursor;
  };

  it('pages the whole table from a deep cursor through registrations_page_idx', async () => {
    const cursor = await deep({});
    expectIndexed(await plansOf(() => page({ cursor })), 'registrations_page_idx');
    // Newest first (the default): the three 2027 rows, then client-199999 downwards.
    expect((await page({ cursor })).items[0]!.client_id).toBe('client-198502');
    const oldest = await deep({ sort: 'registered_at' });
    expectIndexed(await plansOf(() => page({ cursor: oldest })), 'registrations_page_idx');
    expect((await page({ cursor: oldest })).items[0]!.client_id).toBe('client-001500');
  });

  it('pages one status from a deep cursor through registrations_status_page_idx', async () => {
    const cursor = await deep({ status: 'revoked' });
    const plans = await plansOf(() => page({ status: 'revoked', cursor }));
    expectIndexed(plans, 'registrations_status_page_idx');
    const { items } = await page({ status: 'revoked', cursor });
    expect(items.every((r) => r.status === 'revoked')).toBe(true);
  });

  it('searches a client id prefix as an index range, also from a deep cursor', async () => {
    expectIndexed(
      await plansOf(() => page({ search: 'client-1' })),
      'registrations_client_page_idx',
    );
    const cursor = await deep({ search: 'client-1' });
    const plans = await plansOf(() => page({ search: 'client-1', cursor }));
    expectIndexed(plans, 'registrations_client_page_idx');
    expect((await page({ search: 'client-1', cursor })).items[0]!.client_id).toBe('client-101500');
  });

  it('answers a search shorter than a trigram that matches nothing with index seeks and one bounded window', async () => {
    const plans = await plansOf(() => page({ search: 'zz' }));
    expectIndexed(plans, 'registrations_client_page_idx');
    expect(plans.some((p) => p.includes('registrations_page_idx'))).toBe(true);
    // The next request goes on from where the window ended: a seek, not a walk from the start.
    const { items, nextCursor } = await page({ search: 'zz' });
    expect(items).toEqual([]);
    const next = await plansOf(() => page({ search: 'zz', cursor: nextCursor }));
    expect(next.join(' ')).not.toMatch(/SCAN registrations/);
    expectIndexed(next, 'registrations_page_idx');
    const plansByStatus = await plansOf(() => page({ search: 'zz', status: 'active' }));
    expectIndexed(plansByStatus, 'registrations_status_page_idx');
  });

  it('searches key names of three characters or more through the trigram postings, also from a deep cursor', async () => {
    // Common (every name has 'key'), rare ('laptop', one name), none, with status, and texts
    // whose trigram counts choose which postings to walk.
    for (const search of ['key', 'laptop', 'no-such-thing', 'key-1999', 'ey-12345']) {
      for (const status of [null, 'active'] as const) {
        const plans = await plansOf(() => page({ search, status }));
        expectIndexed(plans, 'registration_name_trigrams');
        expect(plans.join(' ')).not.toMatch(/SCAN registrations\b/);
        const cursor = await deep({ search, status });
        if (cursor === null) continue;
        const next = await plansOf(() => page({ search, status, cursor }));
        expectIndexed(next, 'registration_name_trigrams');
      }
    }
    expect((await page({ search: 'LAPTOP' })).items.map((r) => r.client_id)).toEqual(['build-1']);
  });

  it('reads the audit log newest first by client, by action, and by both, through indexes', async () => {
    const reads = new AdminReadRepository(db);
    const q = { beforeSeq: 150_000, limit: 51 };
    const byClient = await plansOf(() =>
      reads.auditNewestFirst({ ...q, clientId: 'client-000007', action: null }),
    );
    expectIndexed(byClient, 'audit_log_client_seq_idx');
    const byAction = await plansOf(() =>
      reads.auditNewestFirst({ ...q, clientId: null, action: 'revoke' }),
    );
    expectIndexed(byAction, 'audit_log_action_seq_idx');
    const both = await plansOf(() =>
      reads.auditNewestFirst({ ...q, clientId: 'client-000100', action: 'revoke' }),
    );
    expectIndexed(both, 'audit_log_client_seq_idx');
    const rows = await reads.auditNewestFirst({
      ...q,
      clientId: 'client-000100',
      action: 'revoke',
    });
    expect(rows.map((r) => r.seq)).toEqual([100_101, 50_101, 101]);
    const oldestFirst = await plansOf(() =>
      new AuditRepository(db, 'sqlite').page(10, 50, 'client-000007'),
    );
    expectIndexed(oldestFirst, 'audit_log_client_seq_idx');
  });
});

describe('search semantics', () => {
  it('matches client ids by case-sensitive prefix, in client id order', async () => {
    const { clients } = await all({ search: 'client-00012', limit: 3 });
    expect(clients).toEqual(Array.from({ length: 10 }, (_, i) => `client-00012${i}`));
    expect((await all({ search: 'CLIENT-00012' })).clients).toEqual([]);
  });

  it('lists client id matches first, then key names containing the text (any case)', async () => {
    const { clients } = await all({ search: 'build', limit: 1 });
    expect(clients).toEqual(['build-1', 'acme-1']);
    expect((await all({ search: 'Build' })).clients).toEqual(['Build-2', 'acme-1']);
  });

  it('finds a registration by its exact public key, in either case', async () => {
    const key = publicKeyOf(4242).toUpperCase();
    expect((await page({ search: key })).items.map((r) => r.client_id)).toEqual(['client-004242']);
  });

  it('bounds a key-name search shorter than a trigram: short pages whose cursor continues the scan', async () => {
    // 'bo' is in one name only ('Build box', registered last).
    const first = await page({ search: 'bo' });
    expect(first.items.length).toBeLessThan(50);
    expect(first.nextCursor).not.toBeNull();
    const { clients, requests } = await all({ search: 'bo' });
    expect(clients).toEqual(['acme-1']);
    // One request per window of the table at most (plus the last, partial one).
    expect(requests).toBeLessThanOrEqual(Math.ceil((ROWS + 3) / KEY_NAME_SCAN_WINDOW) + 1);
  });

  it('finds rare key names among common trigrams in a few requests, each bounded', async () => {
    // Every trigram of 'key-19999' is in hundreds of names or more; together they are in 11.
    const { clients, requests } = await all({ search: 'key-19999' });
    expect(clients.sort()).toEqual(
      ['client-019999', ...Array.from({ length: 10 }, (_, i) => `client-19999${i}`)].sort(),
    );
    expect(requests).toBeLessThanOrEqual(Math.ceil((ROWS + 3) / KEY_NAME_SCAN_WINDOW) + 1);
  });

  it('goes on oldest first from a cursor an earlier server issued ([registered_at, registration_id])', async () => {
    const legacy = Buffer.from(
      JSON.stringify(['2026-01-01T00:00:09.000Z', '00000000-0000-4000-8000-000000000009']),
    ).toString('base64url');
    const { items } = await page({ cursor: legacy, limit: 2 });
    expect(items.map((r) => r.client_id)).toEqual(['client-000010', 'client-000011']);
    const mismatch = await page({ cursor: legacy, sort: '-registered_at' }).catch(
      (e: unknown) => e,
    );
    expect(isDataFoldError(mismatch) && mismatch.code).toBe('INVALID_REQUEST');
  });

  it('refuses a search combined with a sort or the age filters, and older-than with another status', async () => {
    for (const extra of [{ sort: 'client_id' }, { olderThanDays: 90 }, { neverUsed: true }]) {
      const error = await page({ search: 'client-1', ...extra }).catch((e: unknown) => e);
      expect(isDataFoldError(error) && error.code).toBe('INVALID_REQUEST');
    }
    const error = await page({ status: 'revoked', olderThanDays: 1 }).catch((e: unknown) => e);
    expect(isDataFoldError(error) && error.details).toMatchObject({ field: 'older_than_days' });
  });

  it('refuses a cursor it did not issue with INVALID_REQUEST', async () => {
    for (const cursor of ['xyz', Buffer.from('["name", 1]').toString('base64url')]) {
      const error = await page({ search: 'a', cursor }).catch((e: unknown) => e);
      expect(isDataFoldError(error) && error.code).toBe('INVALID_REQUEST');
    }
    const plain = Buffer.from('["client"]').toString('base64url');
    const error = await page({ cursor: plain }).catch((e: unknown) => e);
    expect(isDataFoldError(error) && error.code).toBe('INVALID_REQUEST');
  });

  it('computes the end of a prefix range in code point order', () => {
    expect(prefixSuccessor('abc')).toBe('abd');
    expect(prefixSuccessor('a\u{10ffff}')).toBe('b');
    expect(prefixSuccessor('\u{10ffff}')).toBeNull();
    expect(prefixSuccessor('a\ud7ff')).toBe('a\ue000');
    expect(prefixSuccessor('x😀')).toBe('x😁');
  });
});
