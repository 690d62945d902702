/** The windows the overview shows, and the size of each bar: evenly spaced, aligned to UTC. */
export const ACTIVITY_WINDOWS = {
  '1h': { bucketMinutes: 1, buckets: 60 },
  '24h': { bucketMinutes: 15, buckets: 96 },
  '7d': { bucketMinutes: 120, buckets: 84 },
} as const;

export type ActivityWindowName = keyof typeof ACTIVITY_WINDOWS;

export const ACTIVITY_WINDOW_NAMES = Object.keys(ACTIVITY_WINDOWS) as ActivityWindowName[];

/** A window in whole minutes since 1970-01-01T00:00Z: `[fromMinute, toMinute)`. */
export interface ActivityRange {
  fromMinute: number;
  toMinute: number;
  bucketMinutes: number;
  buckets: number;
}

/**
 * The buckets of `window` at `nowMs`: the last one holds the current minute, every bucket starts
 * on a multiple of its size since the epoch, so two instances (and two calls a moment apart)
 * cut the same time into the same bars.
 *
 * @example
 * activityRange('24h', Date.parse('2026-12-07T19:07:30Z')); // 96 buckets of 15 min, the last from 19:00
 */
export function activityRange(window: ActivityWindowName, nowMs: number): ActivityRange {
  const { bucketMinutes, buckets } = ACTIVITY_WINDOWS[window];
  const nowMinute = Math.floor(nowMs / 60_000);
  const lastStart = nowMinute - (nowMinute % bucketMinutes);
  return {
    fromMinute: lastStart - (buckets - 1) * bucketMinutes,
    toMinute: lastStart + bucketMinutes,
    bucketMinutes,
    buckets,
  };
}

/** The minute a time falls in, as the counters store it. */
export function minuteOf(ms: number): number {
  return Math.floor(ms / 60_000);
}

/** A stored minute as RFC 3339 UTC text. */
export function minuteToIso(minute: number): string {
  return new Date(minute * 60_000).toISOString();
}
