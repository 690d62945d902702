import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Param } from '../db/compiled-query.js';
import type { DialectName } from '../db/open-database.js';

/**
 * "Due for rotation by `p('rotationDueBy')`": an active key whose metadata reports
 * `rotation_interval_days` (an integer from 1 to 3650, the bounds admin-views.ts reads with;
 * any other value is no policy) and whose `registered_at` plus that many days is at or before the
 * instant. The same instant admin-views.ts answers as `rotation_due_at`, computed by the database
 * to the millisecond, so the filter and the column agree. No index holds it: it is only ever a
 * residual filter over a bounded window (sorted-registration-listing.ts).
 *
 * @example
 * residual.push(rotationDueBy('sqlite', p));
 */
export function rotationDueBy(dialect: DialectName, p: Param): RawBuilder<SqlBool> {
  if (dialect === 'postgres') {
    // CASE keeps the cast from meeting a value that is no small integer (PostgreSQL may evaluate
    // AND operands in any order).
    const days = sql`(case when jsonb_typeof(metadata::jsonb -> 'rotation_interval_days') = 'number'
      and (metadata::jsonb ->> 'rotation_interval_days') ~ '^[0-9]{1,4}$'
      then (metadata::jsonb ->> 'rotation_interval_days')::int end)`;
    return sql<SqlBool>`(status = 'active' and ${days} between 1 and 3650
      and registered_at::timestamptz + ${days} * interval '1 day' <= ${p('rotationDueBy')}::timestamptz)`;
  }
  const days = sql`json_extract(metadata, '$.rotation_interval_days')`;
  return sql<SqlBool>`(status = 'active' and typeof(${days}) = 'integer' and ${days} between 1 and 3650
    and strftime('%Y-%m-%dT%H:%M:%fZ', registered_at, '+' || ${days} || ' days') <= ${p('rotationDueBy')})`;
}
