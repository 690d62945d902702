import { auditText } from '../audit/audit-text.js';
import type {
  ActivityClientFailuresTable,
  ActivityCountsTable,
  ActivityKind,
  ActivityOutcome,
} from '../db/schema.js';
import { ACTIVITY_LIMITS, type ActivityLimits } from './activity-limits.js';
import { minuteOf } from './activity-windows.js';

export const ACTIVITY_KINDS: readonly ActivityKind[] = [
  'verification',
  'registration',
  'rotation',
  'revocation',
];
const OUTCOMES: readonly ActivityOutcome[] = ['ok', 'failed'];

/** What one flush adds to the database. */
export interface ActivityRows {
  counts: ActivityCountsTable[];
  clientFailures: ActivityClientFailuresTable[];
}

/** Where the counters go: an additive upsert, and the purge of old minutes. */
export interface ActivitySink {
  add(rows: ActivityRows): Promise<void>;
  prune(beforeMinute: number): Promise<void>;
}

/** One minute's counts on this instance, not yet written. */
interface MinuteCounts {
  minute: number;
  /** Indexed by `slot(kind, outcome)`. */
  counts: number[];
  failures: Map<string, number>;
}

/** Each kind's first counter; `failed` is the one after it. */
const KIND_SLOT: Record<ActivityKind, number> = {
  verification: 0,
  registration: 2,
  rotation: 4,
  revocation: 6,
};

const slot = (kind: ActivityKind, outcome: ActivityOutcome): number =>
  KIND_SLOT[kind] + (outcome === 'ok' ? 0 : 1);

/**
 * Counts verifications, registrations, rotations and revocations per minute in memory, and adds
 * them to the database every `flushMs` and at shutdown. A request pays an increment in a map;
 * the database sees one upsert per table per flush, whatever the request rate. Counts are
 * additive (`count = count + excluded.count`), so every instance adds its own and every instance
 * reads the same sums.
 *
 * A flush that fails keeps its counts for the next one, up to `pendingMinutes` of them, so a
 * database outage loses nothing it can hold and never grows memory without bound. Failures are
 * also counted per client id (cleaned and cut like audit text, since a refused request's id is
 * whatever the caller sent), at most `trackedClientsPerMinute` ids a minute in memory and the
 * `storedClientsPerMinute` most failing of them written per instance.
 *
 * @example
 * activity.record('verification', 'failed', 'acme-billing');
 * await activity.flush();
 */
export class ActivityRecorder {
  private pending = new Map<number, MinuteCounts>();
  /** The bucket the last record went to: the common case is one lookup-free increment. */
  private current: MinuteCounts | null = null;
  /** Client ids this instance has written per minute, to bound rows per minute. */
  private readonly stored = new Map<number, Set<string>>();
  private timer: NodeJS.Timeout | null = null;
  private lastPruneAt = Number.NEGATIVE_INFINITY;
  /** Minutes dropped because the database stayed away longer than `pendingMinutes`. */
  droppedMinutes = 0;

  constructor(
    private readonly sink: ActivitySink,
    private readonly limits: ActivityLimits = ACTIVITY_LIMITS,
    private readonly now: () => number = Date.now,
    /** Told how many minutes of counts a failed flush had to drop. */
    private readonly dropped: (minutes: number) => void = () => undefined,
  ) {}

  /** Counts one outcome; `clientId` (untrusted) is kept for failures only. */
  record(kind: ActivityKind, outcome: ActivityOutcome, clientId: string | null = null): void {
    const minute = minuteOf(this.now());
    let bucket = this.current;
    if (bucket === null || bucket.minute !== minute) bucket = this.bucket(minute);
    bucket.counts[slot(kind, outcome)]! += 1;
    if (outcome === 'failed' && clientId) {
      // An id already counted is found as sent (a stored id is its own cleaned form): only a new
      // or unclean one pays for the cleaning.
      let id = clientId;
      let seen = bucket.failures.get(id);
      if (seen === undefined) {
        id = auditText(clientId);
        seen = bucket.failures.get(id);
      }
      if (seen !== undefined) bucket.failures.set(id, seen + 1);
      else if (bucket.failures.size < this.limits.trackedClientsPerMinute)
        bucket.failures.set(id, 1);
    }
  }

  /** Adds what was counted so far to the database; kept for the next attempt when that fails. */
  async flush(): Promise<void> {
    const nowMs = this.now();
    if (this.pending.size > 0) {
      const buckets = [...this.pending.values()];
      this.pending = new Map();
      this.current = null;
      try {
        await this.sink.add(this.rows(buckets));
      } catch (error) {
        for (const bucket of buckets) this.merge(bucket);
        this.bound();
        throw error;
      }
    }
    this.forgetStored(minuteOf(nowMs));
    if (nowMs - this.lastPruneAt >= this.limits.pruneEveryMs) {
      await this.sink.prune(minuteOf(nowMs) - this.limits.retentionMinutes);
      this.lastPruneAt = nowMs;
    }
  }

  /** Flushes every `flushMs` until `close`. */
  start(onError: (error: unknown) => void): void {
    this.timer = setInterval(() => void this.flush().catch(onError), this.limits.flushMs);
    this.timer.unref();
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  private bucket(minute: number): MinuteCounts {
    let bucket = this.pending.get(minute);
    if (!bucket) {
      bucket = {
        minute,
        counts: new Array<number>(ACTIVITY_KINDS.length * 2).fill(0),
        failures: new Map(),
      };
      this.pending.set(minute, bucket);
    }
    this.current = bucket;
    return bucket;
  }

  private rows(buckets: MinuteCounts[]): ActivityRows {
    const counts: ActivityCountsTable[] = [];
    const clientFailures: ActivityClientFailuresTable[] = [];
    for (const { minute, counts: values, failures } of buckets) {
      for (const kind of ACTIVITY_KINDS) {
        for (const outcome of OUTCOMES) {
          const count = values[slot(kind, outcome)]!;
          if (count > 0) counts.push({ bucket_minute: minute, kind, outcome, count });
        }
      }
      let stored = this.stored.get(minute);
      if (!stored) this.stored.set(minute, (stored = new Set()));
      // The most failing first, so a minute's bounded rows name the clients that matter.
      const ranked = [...failures].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      for (const [clientId, count] of ranked) {
        if (!stored.has(clientId)) {
          if (stored.size >= this.limits.storedClientsPerMinute) continue;
          stored.add(clientId);
        }
        clientFailures.push({ bucket_minute: minute, client_id: clientId, count });
      }
    }
    return { counts, clientFailures };
  }

  private merge(bucket: MinuteCounts): void {
    const into = this.pending.get(bucket.minute);
    if (!into) {
      this.pending.set(bucket.minute, bucket);
      return;
    }
    bucket.counts.forEach((n, i) => (into.counts[i]! += n));
    for (const [id, n] of bucket.failures) {
      const seen = into.failures.get(id);
      if (seen !== undefined) into.failures.set(id, seen + n);
      else if (into.failures.size < this.limits.trackedClientsPerMinute) into.failures.set(id, n);
    }
  }

  /** Drops the oldest held minutes past `pendingMinutes`. */
  private bound(): void {
    if (this.pending.size <= this.limits.pendingMinutes) return;
    const minutes = [...this.pending.keys()].sort((a, b) => a - b);
    const oldest = minutes.slice(0, minutes.length - this.limits.pendingMinutes);
    for (const minute of oldest) this.pending.delete(minute);
    this.droppedMinutes += oldest.length;
    this.dropped(oldest.length);
  }

  /** The written-ids sets of minutes that are over and have nothing left to write. */
  private forgetStored(nowMinute: number): void {
    for (const minute of this.stored.keys()) {
      if (minute < nowMinute - 1 && !this.pending.has(minute)) this.stored.delete(minute);
    }
  }
}
