import type { AuditRepository } from '../repositories/audit-repository.js';
import { auditEntryHash, GENESIS_HASH } from './audit-hash.js';
import { verifyAuditChain, type AuditChainReport } from './verify-audit-chain.js';

/** A chain report with when it was made. */
export type MonitoredChainReport = AuditChainReport & {
  /** RFC 3339 time of this check. */
  checkedAt: string;
  /** RFC 3339 time of the last walk over the whole log. */
  fullCheckAt: string;
};

/**
 * Keeps the audit chain's verification state for the dashboard without re-hashing the whole log
 * on every page load (about 12 s per million entries on our 2-core machines). Each check walks
 * only the entries appended since the last verified one, with the same three checks as
 * `verifyAuditChain` (sequence, link, hash) plus the head row; a full walk runs first and again
 * whenever the last one is older than `fullCheckEveryMs`, so an entry altered after it was
 * verified is found within that period. `datafold-server audit verify` always walks everything.
 * Concurrent checks share one walk.
 *
 * @example
 * const monitor = new AuditChainMonitor(audit);
 * const report = await monitor.check();
 */
export class AuditChainMonitor {
  private verified = { seq: 0, hash: GENESIS_HASH };
  private lastFullAt = 0;
  private running: Promise<MonitoredChainReport> | null = null;

  constructor(
    private readonly audit: AuditRepository,
    private readonly fullCheckEveryMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The chain's state now: intact, or the first broken entry. */
  check(): Promise<MonitoredChainReport> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<MonitoredChainReport> {
    const started = this.now();
    let report: AuditChainReport;
    if (this.lastFullAt === 0 || started - this.lastFullAt >= this.fullCheckEveryMs) {
      report = await verifyAuditChain(this.audit);
      this.lastFullAt = started;
      this.verified = report.ok
        ? { seq: report.entries, hash: report.headHash }
        : { seq: 0, hash: GENESIS_HASH };
    } else {
      report = await this.checkNewEntries();
    }
    return {
      ...report,
      checkedAt: new Date(started).toISOString(),
      fullCheckAt: new Date(this.lastFullAt).toISOString(),
    };
  }

  private async checkNewEntries(): Promise<AuditChainReport> {
    let { seq, hash } = this.verified;
    for (;;) {
      const page = await this.audit.page(seq, 1000);
      if (page.length === 0) break;
      for (const row of page) {
        const problem =
          row.seq !== seq + 1
            ? `entry ${seq + 1} is missing`
            : row.prev_hash !== hash
              ? `entry ${row.seq} does not link to entry ${row.seq - 1}`
              : auditEntryHash(row) !== row.hash
                ? `entry ${row.seq} was altered (its hash does not match)`
                : null;
        if (problem) {
          // Entries before `seq` stay verified; the next check looks at this one again.
          this.verified = { seq, hash };
          return { ok: false, entries: seq, brokenAtSeq: seq + 1, problem };
        }
        seq = row.seq;
        hash = row.hash;
      }
    }
    this.verified = { seq, hash };
    const head = await this.audit.head();
    if (head.seq !== seq || head.hash !== hash) {
      return {
        ok: false,
        entries: seq,
        brokenAtSeq: seq + 1,
        problem: `entries after ${seq} are missing (the head says ${head.seq})`,
      };
    }
    return { ok: true, entries: seq, headHash: hash };
  }
}
