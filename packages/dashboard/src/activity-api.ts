/** The kinds the server counts (GET /api/admin/activity). */
export type ActivityKind = 'verification' | 'registration' | 'rotation' | 'revocation';

/** `ok` and `failed` counts of one kind. */
export interface Outcomes<T> {
  ok: T;
  failed: T;
}

/** The windows the overview offers, as the server names them. */
export const ACTIVITY_WINDOWS = ['1h', '24h', '7d'] as const;
export type ActivityWindow = (typeof ACTIVITY_WINDOWS)[number];

/** `GET /api/admin/activity`: the same numbers on every instance of the server. */
export interface ActivityReport {
  window: ActivityWindow;
  bucket_seconds: number;
  /** The start of each bar, oldest first; the last holds the current minute. */
  buckets: string[];
  to: string;
  series: Record<ActivityKind, Outcomes<number[]>>;
  totals: Record<ActivityKind, Outcomes<number>>;
  top_failing_clients: Array<{ client_id: string; failures: number }>;
  keys: { active: number; superseded: number; revoked: number };
}

/** `GET /api/health`. */
export interface HealthReport {
  status: string;
  database: { status: string; dialect: string };
  change_feed: { state: string };
  verify_cache: { state: string; entries: number };
  registration: { proof_required: boolean };
  warnings: string[];
}
