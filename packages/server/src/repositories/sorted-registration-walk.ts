import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Param } from '../db/compiled-query.js';
import type { DialectName } from '../db/open-database.js';
import type { RegistrationStatus } from '../db/schema.js';
import type { SortOrder } from './registration-sort.js';
import { rotationDueBy } from './rotation-due-filter.js';

/**
 * A sorted listing runs in phases: rows whose sort column has a value (`value`), then rows where
 * it is null (`null`: never used, no key name). Null rows come last in both directions.
 */
export type SortPhase = 'value' | 'null';

/** The filters of a sorted listing. */
export interface SortedListFilters {
  status: RegistrationStatus | null;
  /** Active keys registered before this instant (`older_than_days`). */
  registeredBefore: string | null;
  /** Only keys never used (`last_used` is null). */
  neverUsed: boolean;
  /** Only active keys due for rotation at or before this instant (rotation-due-filter.ts). */
  rotationDueBy?: string | null;
}

/**
 * How one phase of one sorted listing reads: the index columns it walks in order, how many
 * leading ones are fixed by its range (`fixed`, so the cursor holds only the rest), the range
 * conditions the index answers, and the filters it cannot answer (`residual`), which make the
 * walk a bounded window.
 */
export interface Walk {
  /** For the cache of compiled queries: the walk's shape. */
  shape: string;
  index: string;
  columns: RawBuilder<unknown>[];
  /** Names of `columns`, to read a row's position. */
  names: string[];
  fixed: number;
  range: Expression<SqlBool>[];
  residual: Expression<SqlBool>[];
}

/** The status page index after its status column. */
const STATUS_SLICE = ['registered_at', 'registration_id'];

/**
 * Chooses the index walk for an order, its filters and a phase. A filter the order's index can
 * answer as a range is a range (status, and the active-and-older-than bound, on the status page
 * index; never used on the last-used index); any other filter is residual.
 *
 * @example
 * const walk = planWalk(sortOrder('-registered_at')!, filters, 'value', 'sqlite', p);
 */
export function planWalk(
  order: SortOrder,
  filters: SortedListFilters,
  phase: SortPhase,
  dialect: DialectName,
  p: Param,
  fromCursor = false,
): Walk {
  const col = (name: string) =>
    dialect === 'postgres' && (name === 'client_id' || name === 'key_name')
      ? sql`${sql.ref(name)} collate "C"`
      : sql`${sql.ref(name)}`;
  const walk = (index: string, names: string[], fixed = 0) => ({
    index,
    names,
    fixed,
    columns: names.map(col),
    range: [] as Expression<SqlBool>[],
    residual: [] as Expression<SqlBool>[],
  });
  const rotation = (filters.rotationDueBy ?? null) !== null;
  const flags = `${filters.status !== null}:${filters.registeredBefore !== null}:${filters.neverUsed}:${rotation}`;
  const byTime = order.key === 'registered_at' || order.key === 'status';

  let chosen: Omit<Walk, 'shape'>;
  let name: string;
  // Older-than and rotation due list active keys only.
  const activeOnly = filters.registeredBefore !== null || rotation;
  if (byTime && (activeOnly || filters.status !== null)) {
    // Status first: one status (active, when older-than) is a slice of the status page index
    // in registration order, the same order whichever of the two sorts asked.
    name = 'status-slice';
    // Ordered by the columns after the status only: PostgreSQL drops a column fixed by equality
    // from a subquery's order, so naming it again above a scan window would add a sort.
    chosen = walk('registrations_status_page_idx', STATUS_SLICE);
    chosen.range.push(
      activeOnly ? sql<SqlBool>`status = 'active'` : sql<SqlBool>`status = ${p('status')}`,
    );
    if (filters.registeredBefore !== null) {
      // Newest first from a cursor, the cursor is the upper bound and the cutoff (which every row
      // after the cursor meets) must not be taken for it: SQLite would walk from the cutoff to the
      // cursor. Written so that no engine reads it as an index bound, it only filters.
      const notABound =
        order.descending && fromCursor
          ? dialect === 'postgres'
            ? sql`(registered_at || '')`
            : sql`+registered_at`
          : sql`registered_at`;
      chosen.range.push(sql<SqlBool>`${notABound} < ${p('registeredBefore')}`);
    }
    if (filters.neverUsed) chosen.residual.push(sql<SqlBool>`last_used is null`);
  } else if (order.key === 'registered_at' && filters.neverUsed) {
    // Never used, by registration: the null slice of the last-used index.
    name = 'never-used-slice';
    chosen = walk(
      'registrations_last_used_page_idx',
      ['last_used', 'registered_at', 'registration_id'],
      1,
    );
    chosen.range.push(sql<SqlBool>`last_used is null`);
  } else {
    name = 'order';
    chosen = walk(order.index, [...order.columns]);
    if (order.nullable) {
      const first = chosen.columns[0]!;
      chosen.range.push(
        phase === 'value' ? sql<SqlBool>`${first} is not null` : sql<SqlBool>`${first} is null`,
      );
      if (phase === 'null') chosen.fixed = 1;
    }
    if (order.key !== 'status' && filters.status !== null) {
      chosen.residual.push(sql<SqlBool>`status = ${p('status')}`);
    }
    if (filters.registeredBefore !== null) {
      chosen.residual.push(sql<SqlBool>`status = 'active'`);
      chosen.residual.push(sql<SqlBool>`registered_at < ${p('registeredBefore')}`);
    }
    // Sorting by last use with never-used reads the null phase only (see page()), a range.
    if (filters.neverUsed && order.key !== 'last_used') {
      chosen.residual.push(sql<SqlBool>`last_used is null`);
    }
  }
  if (rotation) chosen.residual.push(rotationDueBy(dialect, p));
  return {
    ...chosen,
    shape: `${order.key}:${order.descending}:${phase}:${name}:${flags}:${fromCursor}`,
  };
}
