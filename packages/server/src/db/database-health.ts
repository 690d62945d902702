import type { DatabaseFaultReason } from './database-fault.js';

/** What /api/health and the logs say about the database. */
export interface DatabaseHealthView {
  status: 'up' | 'down';
  /** Why it is down; absent while up. */
  reason?: DatabaseFaultReason;
  /** Since when (ISO 8601) it has been down; absent while up. */
  since?: string;
}

/** Told of every transition, once: the log line and the gauge. */
export interface DatabaseHealthReporter {
  down(reason: DatabaseFaultReason, error: unknown): void;
  up(downForMs: number): void;
  /** Every fault, for the counter by reason (a down database reports many). */
  fault(reason: DatabaseFaultReason): void;
}

/**
 * Whether the database answers, learned from the requests themselves: a request that fails with a
 * database fault marks it down (one log line, not one per request), and while down a probe pings
 * it every `probeMs` until it answers, which marks it up again. No probing while all is well.
 *
 * @example
 * health.fault('unreachable', error); // from the error handler
 * health.view(); // { status: 'down', reason: 'unreachable', since: '…' }
 */
export class DatabaseHealth {
  private down: { reason: DatabaseFaultReason; since: number } | null = null;
  private probe: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly ping: () => Promise<void>,
    private readonly reporter: DatabaseHealthReporter,
    private readonly probeMs = 1_000,
  ) {}

  /** A database operation failed for `reason`. */
  fault(reason: DatabaseFaultReason, error: unknown): void {
    this.reporter.fault(reason);
    if (this.down) return;
    this.down = { reason, since: Date.now() };
    this.reporter.down(reason, error);
    this.scheduleProbe();
  }

  /** A database operation succeeded (the health route's own ping). */
  ok(): void {
    if (!this.down) return;
    const downForMs = Date.now() - this.down.since;
    this.down = null;
    if (this.probe) clearTimeout(this.probe);
    this.probe = null;
    this.reporter.up(downForMs);
  }

  view(): DatabaseHealthView {
    return this.down
      ? { status: 'down', reason: this.down.reason, since: new Date(this.down.since).toISOString() }
      : { status: 'up' };
  }

  close(): void {
    this.closed = true;
    if (this.probe) clearTimeout(this.probe);
  }

  private scheduleProbe(): void {
    if (this.closed) return;
    this.probe = setTimeout(() => {
      this.ping().then(
        () => this.ok(),
        () => this.scheduleProbe(),
      );
    }, this.probeMs);
    this.probe.unref();
  }
}
