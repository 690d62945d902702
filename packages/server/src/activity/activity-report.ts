import type { ActivityKind, ActivityOutcome } from '../db/schema.js';
import type { ActivityRepository, ClientFailures } from '../repositories/activity-repository.js';
import { ACTIVITY_KINDS } from './activity-recorder.js';
import { activityRange, minuteToIso, type ActivityWindowName } from './activity-windows.js';

/** How many clients "top clients by failures" names. */
export const TOP_FAILING_CLIENTS = 10;

type Counts = Record<ActivityOutcome, number[]>;

/** The data of GET /api/admin/activity. */
export interface ActivityReport {
  window: ActivityWindowName;
  bucket_seconds: number;
  /** The start of each bar, oldest first (RFC 3339 UTC); the last holds the current minute. */
  buckets: string[];
  /** The end of the last bar. */
  to: string;
  /** Per kind, per outcome: one count per bar, in `buckets` order. */
  series: Record<ActivityKind, Counts>;
  totals: Record<ActivityKind, Record<ActivityOutcome, number>>;
  top_failing_clients: ClientFailures[];
  keys: { active: number; superseded: number; revoked: number };
}

/**
 * What every instance has added to the database for a window, as evenly spaced bars per series,
 * with totals, the clients with most failures, and the keys by status. Read from the database
 * only (not this instance's unflushed counts), so every instance answers the same.
 *
 * @example
 * const report = await activityReport(repo, () => registrations.countByStatus(), '24h', Date.now());
 */
export async function activityReport(
  repository: ActivityRepository,
  countKeys: () => Promise<Record<string, number>>,
  window: ActivityWindowName,
  nowMs: number,
): Promise<ActivityReport> {
  const range = activityRange(window, nowMs);
  const [cells, top, keys] = await Promise.all([
    repository.cells(range),
    repository.topFailingClients(range, TOP_FAILING_CLIENTS),
    countKeys(),
  ]);
  const zeros = () => new Array<number>(range.buckets).fill(0);
  const series = Object.fromEntries(
    ACTIVITY_KINDS.map((kind) => [kind, { ok: zeros(), failed: zeros() }]),
  ) as Record<ActivityKind, Counts>;
  for (const cell of cells) {
    const values = series[cell.kind]?.[cell.outcome];
    if (values && cell.bucket >= 0 && cell.bucket < range.buckets)
      values[cell.bucket]! += cell.count;
  }
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const totals = Object.fromEntries(
    ACTIVITY_KINDS.map((kind) => [
      kind,
      { ok: sum(series[kind].ok), failed: sum(series[kind].failed) },
    ]),
  ) as ActivityReport['totals'];
  return {
    window,
    bucket_seconds: range.bucketMinutes * 60,
    buckets: Array.from({ length: range.buckets }, (_, i) =>
      minuteToIso(range.fromMinute + i * range.bucketMinutes),
    ),
    to: minuteToIso(range.toMinute),
    series,
    totals,
    top_failing_clients: top,
    keys: {
      active: keys.active ?? 0,
      superseded: keys.superseded ?? 0,
      revoked: keys.revoked ?? 0,
    },
  };
}
