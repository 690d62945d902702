import type { AuditEvent } from '../repositories/audit-repository.js';
import { auditText } from './audit-text.js';

/** One refused anonymous request. */
export interface Refusal {
  /** Where it came from, as audit actors name it (`ip:203.0.113.7`). */
  source: string;
  /** What was asked: register, revoke, rotate. */
  action: string;
  /** The registry code it was refused with. */
  code: string;
  /** The client id it named, if any (untrusted: sampled, cut and cleaned). */
  clientId: string | null;
}

/** The audit log's budget for refusals, per instance (server README, "Audit log"). */
export const REFUSAL_AUDIT_LIMITS = {
  /** One row per source, action and code per window. */
  windowMs: 60_000,
  /** Sources with a row of their own per window; the rest share one row per action and code. */
  maxSourcesPerWindow: 100,
  /** Client ids kept as a sample in a row's details. */
  sampleClientIds: 3,
} as const;

interface Bucket {
  source: string;
  action: string;
  code: string;
  count: number;
  firstAt: string;
  lastAt: string;
  clientIds: Set<string>;
  /** For the shared overflow row: the sources it stands for. */
  sources: Set<string> | null;
}

/**
 * Turns refused anonymous requests into a bounded number of audit entries. A request refused
 * before anyone proved who they are (a bad proof, an unknown client, a failed signature, a
 * replay) used to write one durable row each, so anyone could grow the log at the request rate.
 * Now refusals are counted in memory and written once per window: one entry per source, action
 * and code, with the count, the first and last time and a few client ids, and past
 * `maxSourcesPerWindow` sources one shared entry per action and code. Successful changes and
 * everything done with an admin token are still audited one entry each, in their transaction.
 *
 * @example
 * const refusals = new RefusalAggregator((events) => writeAuditEntries(events));
 * refusals.record({ source: 'ip:203.0.113.7', action: 'register', code: 'INVALID_PROOF', clientId: 'x' });
 * await refusals.flush();
 */
export class RefusalAggregator {
  private buckets = new Map<string, Bucket>();
  private sources = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly write: (events: AuditEvent[]) => Promise<void>,
    private readonly limits: {
      windowMs: number;
      maxSourcesPerWindow: number;
    } = REFUSAL_AUDIT_LIMITS,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Writes a window's entries every `windowMs` until `close`. */
  start(onError: (error: unknown) => void): void {
    this.timer = setInterval(() => void this.flush().catch(onError), this.limits.windowMs);
    this.timer.unref();
  }

  record(refusal: Refusal): void {
    const at = this.now().toISOString();
    const own =
      this.sources.has(refusal.source) || this.sources.size < this.limits.maxSourcesPerWindow;
    if (own) this.sources.add(refusal.source);
    const source = own ? refusal.source : 'ip:*';
    const key = JSON.stringify([source, refusal.action, refusal.code]);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = {
        source,
        action: refusal.action,
        code: refusal.code,
        count: 0,
        firstAt: at,
        lastAt: at,
        clientIds: new Set(),
        sources: own ? null : new Set(),
      };
      this.buckets.set(key, bucket);
    }
    bucket.count += 1;
    bucket.lastAt = at;
    if (refusal.clientId !== null && bucket.clientIds.size < REFUSAL_AUDIT_LIMITS.sampleClientIds) {
      bucket.clientIds.add(auditText(refusal.clientId));
    }
    // Counting distinct overflow sources is bounded too: beyond a thousand it says "1000+".
    if (bucket.sources && bucket.sources.size < 1000) bucket.sources.add(refusal.source);
  }

  /** Writes what was counted so far; kept for the next attempt when the write fails. */
  async flush(): Promise<void> {
    if (this.buckets.size === 0) return;
    const buckets = [...this.buckets.values()];
    this.buckets = new Map();
    this.sources = new Set();
    try {
      await this.write(buckets.map(toEvent));
    } catch (error) {
      for (const bucket of buckets) this.merge(bucket);
      throw error;
    }
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  private merge(bucket: Bucket): void {
    const key = JSON.stringify([bucket.source, bucket.action, bucket.code]);
    const current = this.buckets.get(key);
    if (!current) {
      this.buckets.set(key, bucket);
      if (bucket.sources === null) this.sources.add(bucket.source);
      return;
    }
    current.count += bucket.count;
    current.firstAt = bucket.firstAt < current.firstAt ? bucket.firstAt : current.firstAt;
    for (const id of bucket.clientIds) {
      if (current.clientIds.size < REFUSAL_AUDIT_LIMITS.sampleClientIds) current.clientIds.add(id);
    }
  }
}

function toEvent(bucket: Bucket): AuditEvent {
  const clientIds = [...bucket.clientIds];
  return {
    actor: bucket.source,
    action: bucket.action,
    // One sampled id means every refusal that named a client named this one.
    clientId: clientIds.length === 1 ? clientIds[0]! : null,
    outcome: `failure:${bucket.code}`,
    details: {
      count: bucket.count,
      first_at: bucket.firstAt,
      last_at: bucket.lastAt,
      client_ids: clientIds,
      ...(bucket.sources ? { sources: bucket.sources.size } : {}),
    },
  };
}
