import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { Database, RegistrationStatus } from '../../src/db/schema.js';
import { rotationDueAt } from '../../src/domain/admin-views.js';
import type { RegistrationRow } from '../../src/repositories/registration-repository.js';
import { SORT_VALUES, sortOrder } from '../../src/repositories/registration-sort.js';
import type { SortedListFilters } from '../../src/repositories/sorted-registration-walk.js';
import {
  decodeSorted,
  type SortedRegistrationListing,
} from '../../src/repositories/sorted-registration-listing.js';

// Registrations with many ties (same day, same key name, same last use), null key names and
// last uses, and every status, so each sort's tie-breaking and null placement are exercised.
// Shared by the SQLite and PostgreSQL listing tests.

const DAY_MS = 86_400_000;
/** Rotation policies a client may have stored, valid (most) and not (read as no policy). */
const METADATA: Record<number, string | null> = {
  0: null,
  1: JSON.stringify({ rotation_interval_days: '90' }),
  2: JSON.stringify({ rotation_interval_days: 5000 }),
  3: JSON.stringify({ rotation_interval_days: 1.5 }),
  4: JSON.stringify({ team: 'ops' }),
};
const pad = (i: number, n = 6) => String(i).padStart(n, '0');

export function fixtureRows(count: number, now: number): RegistrationRow[] {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return Array.from({ length: count }, (_, i) => {
    const registered = today - (i % 400) * DAY_MS;
    // Pairs of rows share a client id (a tie for the client id sort); only the even row of a
    // pair may be active, so at most one key per client is. Four in ten rows are active.
    const status: RegistrationStatus =
      i % 2 === 0 ? (i % 10 === 0 ? 'revoked' : 'active') : i % 4 === 1 ? 'superseded' : 'revoked';
    return {
      registration_id: `00000000-0000-4000-8000-${pad((i * 7919) % 1_000_003, 12)}`,
      client_id: `client-${pad(i >> 1, 7)}`,
      public_key: pad(i, 64),
      user_id: null,
      key_name: i % 4 === 0 ? null : `name-${pad((i * 13) % 50, 2)}`,
      metadata: METADATA[i % 7] ?? JSON.stringify({ rotation_interval_days: (i % 300) + 1 }),
      status,
      registered_at: new Date(registered).toISOString(),
      last_used: i % 3 === 0 ? null : new Date(registered + (i % 17) * 3_600_000).toISOString(),
      status_changed_at: status === 'active' ? null : new Date(registered + DAY_MS).toISOString(),
      status_reason: null,
      replaced_by: null,
      proof_verified: 0,
    };
  });
}

export async function insertRows(db: Kysely<Database>, rows: RegistrationRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('registrations')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

function dueBy(row: RegistrationRow, instant: string): boolean {
  const due = rotationDueAt(
    row,
    row.metadata ? (JSON.parse(row.metadata) as Record<string, unknown>) : null,
  );
  return due !== null && due <= instant;
}

/** What a sorted listing must return: the filtered rows in the order registration-sort.ts states. */
export function expectedOrder(
  rows: readonly RegistrationRow[],
  sort: string,
  filters: SortedListFilters,
): string[] {
  const order = sortOrder(sort)!;
  const kept = rows.filter(
    (r) =>
      (filters.status === null || r.status === filters.status) &&
      (filters.registeredBefore === null ||
        (r.status === 'active' && r.registered_at < filters.registeredBefore)) &&
      (!filters.neverUsed || r.last_used === null) &&
      (!filters.rotationDueBy || dueBy(r, filters.rotationDueBy)),
  );
  const value = (r: RegistrationRow, column: string) =>
    (r as unknown as Record<string, string | null>)[column] ?? null;
  const direction = order.descending ? -1 : 1;
  kept.sort((a, b) => {
    const [first, ...rest] = order.columns;
    const av = value(a, first!);
    const bv = value(b, first!);
    // Null sort values come last in either direction.
    if (av === null || bv === null) {
      if (av !== bv) return av === null ? 1 : -1;
    } else if (av !== bv) {
      return (av < bv ? -1 : 1) * direction;
    }
    for (const column of rest) {
      const x = value(a, column)!;
      const y = value(b, column)!;
      if (x !== y) return (x < y ? -1 : 1) * direction;
    }
    return 0;
  });
  return kept.map((r) => r.registration_id);
}

/** Every page of a sorted listing, following cursors; fails on a page larger than asked. */
export async function pageThrough(
  listing: SortedRegistrationListing,
  sort: string,
  filters: SortedListFilters,
  limit: number,
): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  let requests = 0;
  do {
    const position = cursor ? decode(cursor) : null;
    const page = await listing.page({ sort, ...filters, position, limit });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items.map((r) => r.registration_id));
    cursor = page.nextCursor;
    requests += 1;
  } while (cursor && requests < 10_000);
  return seen;
}

const decode = (cursor: string) =>
  decodeSorted(JSON.parse(Buffer.from(cursor, 'base64url').toString()) as string[]);

/** The filter combinations each sort is checked with. */
export function filterCases(now: number): [string, SortedListFilters][] {
  const ninetyDaysAgo = new Date(now - 90 * DAY_MS).toISOString();
  const none: SortedListFilters = { status: null, registeredBefore: null, neverUsed: false };
  return [
    ['no filter', none],
    ['status=revoked', { ...none, status: 'revoked' }],
    ['status=active', { ...none, status: 'active' }],
    ['older_than_days=90', { ...none, registeredBefore: ninetyDaysAgo }],
    ['never_used', { ...none, neverUsed: true }],
    [
      'older_than_days=90 & never_used',
      { ...none, registeredBefore: ninetyDaysAgo, neverUsed: true },
    ],
    ['status=superseded & never_used', { ...none, status: 'superseded', neverUsed: true }],
    ['rotation=overdue', { ...none, rotationDueBy: new Date(now).toISOString() }],
    [
      'rotation=due & never_used',
      { ...none, neverUsed: true, rotationDueBy: new Date(now + 7 * DAY_MS).toISOString() },
    ],
  ];
}

export { SORT_VALUES };
