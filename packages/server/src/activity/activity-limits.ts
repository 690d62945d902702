/**
 * The budget of the activity counters, per instance (server README, "Activity"). Counting is an
 * increment in memory; these bound what a flood of requests can make the counters hold in memory
 * and write to the database.
 */
export const ACTIVITY_LIMITS = {
  /** How often an instance adds what it counted to the database, in one statement per table. */
  flushMs: 5_000,
  /** Distinct client ids whose failures are counted per minute; later ones count in the totals only. */
  trackedClientsPerMinute: 1_000,
  /** Client ids one instance writes per minute, the most failing first; the rest are in the totals. */
  storedClientsPerMinute: 25,
  /** Minutes of counts held for a retry while the database is away; older ones are dropped. */
  pendingMinutes: 24 * 60,
  /** Rows older than this are deleted (the longest window is 7 days). */
  retentionMinutes: 8 * 24 * 60,
  /** How often old rows are deleted. */
  pruneEveryMs: 10 * 60_000,
} as const;

export type ActivityLimits = { [K in keyof typeof ACTIVITY_LIMITS]: number };
