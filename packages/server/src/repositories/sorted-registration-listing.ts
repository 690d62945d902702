import { ValidationError } from '@datafold/js-sdk';
import { sql, type Kysely, type SqlBool } from 'kysely';
import { CompiledQueries, type Param } from '../db/compiled-query.js';
import type { DialectName } from '../db/open-database.js';
import type { Database } from '../db/schema.js';
import type { RegistrationRow } from './registration-repository.js';
import { SORT_VALUES, sortOrder, type SortOrder } from './registration-sort.js';
import {
  planWalk,
  type SortedListFilters,
  type SortPhase,
  type Walk,
} from './sorted-registration-walk.js';

/** How many registrations one request walks at most when a filter is not the index's range. */
export const FILTER_SCAN_WINDOW = 10_000;

/** Where a sorted page stops: the sort, its phase, and the walk's cursor columns of the last row. */
export interface SortedPosition {
  sort: string;
  phase: SortPhase;
  after: string[] | null;
}

/** A sorted listing request. */
export interface SortedListQuery extends SortedListFilters {
  /** A value of SORT_VALUES; null: the cursor's sort, else the default. */
  sort: string;
  position: SortedPosition | null;
  limit: number;
}

function badCursor(): never {
  throw new ValidationError('INVALID_REQUEST', 'cursor is not one this server issued');
}

/**
 * The cursor of a sorted page: `["s1", sort, phase, ...after]`. A cursor of two strings is one an
 * earlier server issued for its only order, oldest first (`[registered_at, registration_id]`):
 * it goes on in that order, so a client paging across an upgrade sees every row once.
 */
export function encodeSorted(position: SortedPosition): string {
  const parts = ['s1', position.sort, position.phase, ...(position.after ?? [])];
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeSorted(parts: string[]): SortedPosition {
  if (parts.length === 2) return { sort: 'registered_at', phase: 'value', after: parts };
  const [version, sort, phase, ...after] = parts;
  const order = sort === undefined ? undefined : sortOrder(sort);
  if (version !== 's1' || !order || (phase !== 'value' && phase !== 'null')) return badCursor();
  // How many columns `after` holds depends on the walk the filters choose; page() checks it.
  if ((phase === 'null' && !order.nullable) || after.length > 3) return badCursor();
  return { sort: sort!, phase, after: after.length ? after : null };
}

/**
 * The admin listing of registrations in any offered order (registration-sort.ts). Each page walks
 * one index from its cursor: the order's own, or a slice of one when a filter is its range
 * (sorted-registration-walk.ts), so nothing is ever sorted. Filters the walked index cannot answer
 * are applied to at most {@link FILTER_SCAN_WINDOW} rows per request; such a page may hold fewer
 * items than asked, even none, with a cursor that goes on from where the walk stopped.
 *
 * @example
 * const listing = new SortedRegistrationListing(db, 'sqlite');
 * await listing.page({ sort: '-last_used', status: null, registeredBefore: null, neverUsed: false, position: null, limit: 50 });
 */
export class SortedRegistrationListing {
  private readonly queries: CompiledQueries;

  /** `scanWindow`: FILTER_SCAN_WINDOW; tests make it small to cross windows with few rows. */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
    private readonly scanWindow = FILTER_SCAN_WINDOW,
  ) {
    this.queries = new CompiledQueries(db);
  }

  async page(
    query: SortedListQuery,
  ): Promise<{ items: RegistrationRow[]; nextCursor: string | null }> {
    if (!SORT_VALUES.includes(query.sort)) return badCursor();
    const order = sortOrder(query.sort)!;
    // Never used, by last use: only the null phase has rows.
    const phases: SortPhase[] = !order.nullable
      ? ['value']
      : order.key === 'last_used' && query.neverUsed
        ? ['null']
        : ['value', 'null'];
    const start = query.position?.phase ?? phases[0]!;
    if (!phases.includes(start)) return badCursor();

    const items: RegistrationRow[] = [];
    for (let i = phases.indexOf(start); i < phases.length; i++) {
      const phase = phases[i]!;
      const after = phase === start ? (query.position?.after ?? null) : null;
      const need = query.limit - items.length;
      const { rows, walk, windowEnd } = await this.runPhase(order, query, phase, after, need + 1);
      if (rows.length > need) {
        items.push(...rows.slice(0, need));
        const last = need > 0 ? this.positionOf(walk, items[items.length - 1]!) : after;
        return { items, nextCursor: encodeSorted({ sort: query.sort, phase, after: last }) };
      }
      items.push(...rows);
      if (windowEnd) {
        return { items, nextCursor: encodeSorted({ sort: query.sort, phase, after: windowEnd }) };
      }
    }
    return { items, nextCursor: null };
  }

  private positionOf(walk: Walk, row: Record<string, unknown>): string[] {
    return walk.names.slice(walk.fixed).map((name) => String(row[name]));
  }

  /**
   * One phase from `after`: up to `limit` rows in order. With residual filters the walk covers at
   * most `scanWindow` index rows, and `windowEnd` is where it stopped when that was used up.
   */
  private async runPhase(
    order: SortOrder,
    query: SortedListQuery,
    phase: SortPhase,
    after: string[] | null,
    limit: number,
  ): Promise<{ rows: RegistrationRow[]; walk: Walk; windowEnd: string[] | null }> {
    const values = {
      status: query.status,
      registeredBefore: query.registeredBefore,
      rotationDueBy: query.rotationDueBy ?? null,
      a0: after?.[0],
      a1: after?.[1],
      a2: after?.[2],
      limit,
    };
    const plan = (p: Param) => planWalk(order, query, phase, this.dialect, p, after !== null);
    // The shape does not depend on values, so a throwaway Param names it.
    const walk = plan((name) => name as never);
    if (after !== null && after.length !== walk.names.length - walk.fixed) return badCursor();
    const direction = order.descending ? sql`desc` : sql`asc`;
    const compare = order.descending ? sql`<` : sql`>`;
    const ordering = (w: Walk) => sql.join(w.columns.map((c) => sql`${c} ${direction}`));
    /** The walk's range from the cursor, over the registrations table. */
    const ranged = (db: Kysely<Database>, p: Param, w: Walk) => {
      let q = db.selectFrom('registrations');
      for (const condition of w.range) q = q.where(condition);
      if (after) {
        const cursorColumns = w.columns.slice(w.fixed);
        const params = cursorColumns.map((_, i) => p(`a${i}`));
        q = q.where(sql<SqlBool>`(${sql.join(cursorColumns)}) ${compare} (${sql.join(params)})`);
      }
      return q;
    };
    const shape = `${walk.shape}:${after !== null}`;

    if (walk.residual.length === 0) {
      const compiled = this.queries.get<RegistrationRow>(`${shape}:rows`, (db, p) => {
        const w = plan(p);
        return ranged(db, p, w).selectAll().orderBy(ordering(w)).limit(p<number>('limit'));
      });
      return { rows: (await compiled.run(this.db, values)).rows, walk, windowEnd: null };
    }

    const compiled = this.queries.get<RegistrationRow>(`${shape}:window`, (db, p) => {
      const w = plan(p);
      const window = ranged(db, p, w).selectAll().orderBy(ordering(w)).limit(this.scanWindow);
      return db
        .selectFrom(window.as('w'))
        .selectAll()
        .where(sql<SqlBool>`${sql.join(w.residual, sql` and `)}`)
        .orderBy(ordering(w))
        .limit(p<number>('limit'));
    });
    const { rows } = await compiled.run(this.db, values);
    if (rows.length >= limit) return { rows, walk, windowEnd: null };
    // Fewer matches than asked: was the window used up? If so, where did it end?
    const probe = this.queries.get<Record<string, unknown>>(`${shape}:end`, (db, p) => {
      const w = plan(p);
      return ranged(db, p, w)
        .select(w.names.map((n) => sql.ref(n)) as never)
        .orderBy(ordering(w))
        .limit(1)
        .offset(this.scanWindow - 1);
    });
    const end = (await probe.run(this.db, values)).rows[0];
    return { rows, walk, windowEnd: end ? this.positionOf(walk, end) : null };
  }
}
