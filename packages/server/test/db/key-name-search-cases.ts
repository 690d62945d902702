import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateTo, migrateToLatest } from '../../src/db/migrate-to-latest.js';
import type { DialectName } from '../../src/db/open-database.js';
import type { Database, RegistrationStatus } from '../../src/db/schema.js';
import type { RegistrationRow } from '../../src/repositories/registration-repository.js';
import { RegistrationListing } from '../../src/repositories/registration-listing.js';

// The key-name phase of the admin search (issue 18): its answers, served by the trigram postings
// of migration 0007 for texts of three characters or more, are exactly those of the rule
// `lower(key_name) like '%text%'` applied to every row, in (registered_at, registration_id) order,
// after the client ids starting with the text. Shared by the SQLite and PostgreSQL tests.

/** A fresh, empty database of one engine; `close` ends it. */
export interface OpenedDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  close: () => Promise<void>;
}

const pad = (i: number, n = 6) => String(i).padStart(n, '0');
const at = (second: number) => new Date(Date.UTC(2026, 0, 1) + second * 1000).toISOString();

/** One registration; `n` makes its ids and key unique. */
function row(n: number, fields: Partial<RegistrationRow>): RegistrationRow {
  return {
    // Ids not in the order of n, so ties of registered_at are broken by something else.
    registration_id: `00000000-0000-4000-8000-${pad((n * 7919) % 100_003, 12)}`,
    client_id: `kn-${pad(n)}`,
    public_key: pad(n, 64),
    user_id: null,
    key_name: null,
    metadata: null,
    status: 'active',
    registered_at: at(n),
    last_used: null,
    status_changed_at: null,
    status_reason: null,
    replaced_by: null,
    proof_verified: 0,
    ...fields,
  };
}

const SPECIAL = [
  '100% sure',
  '1000 sure',
  'a_b_c',
  'axbxc',
  'back\\slash',
  'backslash',
  'café ☕ münchen',
  'CAFÉ MÜNCHEN',
  'Ünïcode Laptop',
  'aaaaaa',
  'ab',
  'Build Box',
];

/** 300 names sharing words (ties of registered_at among them), the special ones, no-name rows. */
export function searchRows(): RegistrationRow[] {
  const rows: RegistrationRow[] = [];
  for (let i = 0; i < 300; i++) {
    const name = i % 3 === 0 ? `Shared NAME ${i}` : `shared name ${i}`;
    rows.push(
      row(i, {
        key_name: name,
        registered_at: at(i % 30),
        status: i % 5 === 0 ? 'revoked' : 'active',
      }),
    );
  }
  SPECIAL.forEach((name, k) => rows.push(row(1000 + k, { key_name: name })));
  for (let i = 0; i < 20; i++) rows.push(row(2000 + i, { key_name: null }));
  // Client ids that start with a searched text and whose names contain it too: listed once.
  rows.push(row(3000, { client_id: 'shared-client', key_name: 'shared by client' }));
  rows.push(row(3001, { client_id: 'Shared-upper', key_name: 'not that name' }));
  return rows;
}

async function insert(db: Kysely<Database>, rows: RegistrationRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto('registrations')
      .values(rows.slice(i, i + 100))
      .execute();
  }
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The answer the search must give, by the rule itself over every row: client ids starting with
 * the text (by client id), then the other rows whose lowercased name contains it (by
 * registration). The engine's own `lower` and `like`, as the listing applies them.
 */
async function expected(
  db: Kysely<Database>,
  text: string,
  status: RegistrationStatus | null,
): Promise<string[]> {
  const statusFilter = status === null ? sql`` : sql`and status = ${status}`;
  const all = await sql<{ registration_id: string; client_id: string }>`
    select registration_id, client_id from registrations where 1 = 1 ${statusFilter}
    order by registered_at, registration_id`.execute(db);
  const byClient = all.rows
    .filter((r) => r.client_id.startsWith(text))
    .sort((a, b) => (a.client_id < b.client_id ? -1 : a.client_id > b.client_id ? 1 : 0));
  const named = await sql<{ registration_id: string; client_id: string }>`
    select registration_id, client_id from registrations
    where lower(key_name) like ${`%${likeEscape(text.toLowerCase())}%`} escape '\\' ${statusFilter}
    order by registered_at, registration_id`.execute(db);
  const seen = new Set(byClient.map((r) => r.registration_id));
  return [
    ...byClient.map((r) => r.registration_id),
    ...named.rows.filter((r) => !seen.has(r.registration_id)).map((r) => r.registration_id),
  ];
}

/** Every page of a search, following cursors. */
async function searchAll(
  listing: RegistrationListing,
  search: string,
  options: { status?: RegistrationStatus | null; limit?: number } = {},
): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let requests = 0;
  do {
    const page = await listing.page({
      status: options.status ?? null,
      search,
      cursor,
      limit: options.limit ?? 7,
    });
    ids.push(...page.items.map((r) => r.registration_id));
    cursor = page.nextCursor;
    requests += 1;
  } while (cursor && requests < 1000);
  return ids;
}

async function names(db: Kysely<Database>, ids: string[]): Promise<(string | null)[]> {
  const found = await db
    .selectFrom('registrations')
    .select(['registration_id', 'key_name'])
    .where('registration_id', 'in', ids.length ? ids : [''])
    .execute();
  const byId = new Map(found.map((r) => [r.registration_id, r.key_name]));
  return ids.map((id) => byId.get(id) ?? null);
}

/**
 * The key-name search cases, against databases `open` makes.
 *
 * @example
 * keyNameSearchCases('SQLite', async () => ({ db, dialect: 'sqlite', close }));
 */
export function keyNameSearchCases(label: string, open: () => Promise<OpenedDatabase>): void {
  describe(`key-name search (${label})`, () => {
    const searches = [
      'shared',
      'SHARED NAME 1',
      'name 2',
      'e 29',
      '0% s',
      '_b_',
      'k\\s',
      'münchen',
      'MÜNCHEN',
      'é ☕',
      'ünïcode',
      'LAPTOP',
      'aaa',
      'aaaaa',
      'zzz',
      // Shorter than a trigram: the walk over registrations.
      's',
      'sh',
      'é',
      '%',
      '_',
      '\\',
    ];

    /**
     * Runs `test` on a fresh database migrated to the latest schema and holding searchRows(),
     * with a listing over it and `found(text)`: the key names a whole search returns.
     */
    const withSearchRows = async (
      test: (search: {
        db: Kysely<Database>;
        listing: RegistrationListing;
        found: (text: string) => Promise<(string | null)[]>;
      }) => Promise<void>,
    ) => {
      const { db, dialect, close } = await open();
      try {
        await migrateToLatest(db);
        await insert(db, searchRows());
        const listing = new RegistrationListing(db, dialect);
        await test({
          db,
          listing,
          found: async (text) => names(db, await searchAll(listing, text)),
        });
      } finally {
        await close();
      }
    };

    it('answers every search exactly as the rule over every row, page by page, once each', async () => {
      await withSearchRows(async ({ db, listing }) => {
        for (const text of searches) {
          for (const status of [null, 'active'] as const) {
            const want = await expected(db, text, status);
            const got = await searchAll(listing, text, { status });
            expect(got, `${text} (${status ?? 'any status'})`).toEqual(want);
          }
        }
        // Across many matches, pages of any size give every match once, in order.
        const shared = await expected(db, 'shared', null);
        expect(shared.length).toBeGreaterThan(300);
        for (const limit of [1, 50, 500]) {
          expect(await searchAll(listing, 'shared', { limit })).toEqual(shared);
        }
      });
    });

    it('treats LIKE metacharacters and non-ASCII text as plain text', async () => {
      await withSearchRows(async ({ found }) => {
        expect(await found('0% s')).toEqual(['100% sure']);
        expect(await found('_b_')).toEqual(['a_b_c']);
        expect(await found('k\\s')).toEqual(['back\\slash']);
        expect(await found('%')).toEqual(['100% sure']);
        // Lowercase non-ASCII letters match on every engine (SQLite's lower() folds ASCII only).
        // (PostgreSQL's may fold more, as its locale says: 'CAFÉ MÜNCHEN' too.)
        expect(await found('münchen')).toContain('café ☕ münchen');
        expect(await found('é ☕')).toEqual(['café ☕ münchen']);
        expect(await found('ïcode lap')).toEqual(['Ünïcode Laptop']);
        expect(await found('box')).toEqual(['Build Box']);
        expect(await found('ab')).toEqual(['ab']);
      });
    });

    it('follows a key name as it is set, changed, cleared, moved and deleted', async () => {
      await withSearchRows(async ({ db, listing, found }) => {
        const mine = row(5000, { key_name: 'Mutable Laptop' });
        await insert(db, [mine]);
        const id = mine.registration_id;
        const rename = (key_name: string | null) =>
          db
            .updateTable('registrations')
            .set({ key_name })
            .where('registration_id', '=', id)
            .execute();

        expect(await found('mutable')).toEqual(['Mutable Laptop']);
        await rename('mutable desktop');
        expect(await found('laptop')).toEqual(['Ünïcode Laptop']);
        expect(await found('desktop')).toEqual(['mutable desktop']);
        await rename(null);
        expect(await found('mutable')).toEqual([]);
        await rename('shared again');
        expect(await found('again')).toEqual(['shared again']);
        // Other updates (status, last use) leave the name found.
        await db
          .updateTable('registrations')
          .set({ status: 'revoked', last_used: at(9999) })
          .where('registration_id', '=', id)
          .execute();
        expect(await found('again')).toEqual(['shared again']);
        // Registered before every other row, it is the first key-name match of 'shared' (after
        // the one client id starting with it).
        await db
          .updateTable('registrations')
          .set({ registered_at: at(-1) })
          .where('registration_id', '=', id)
          .execute();
        const shared = await searchAll(listing, 'shared');
        expect(shared.indexOf(id)).toBe(1);
        expect(shared).toEqual(await expected(db, 'shared', null));
        await db.deleteFrom('registrations').where('registration_id', '=', id).execute();
        expect(await found('again')).toEqual([]);
        expect(await searchAll(listing, 'shared')).toEqual(await expected(db, 'shared', null));
      });
    });

    it('finds the names of registrations made before migration 0007', async () => {
      const { db, dialect, close } = await open();
      try {
        expect(await migrateTo(db, '0006-sort-indexes')).toContain('0006-sort-indexes');
        await insert(db, searchRows());
        expect(await migrateToLatest(db)).toEqual(['0007-key-name-trigrams']);
        const listing = new RegistrationListing(db, dialect);
        for (const text of ['shared', 'name 2', 'münchen', '0% s', 'aaa']) {
          expect(await searchAll(listing, text), text).toEqual(await expected(db, text, null));
        }
      } finally {
        await close();
      }
    });
  });
}
