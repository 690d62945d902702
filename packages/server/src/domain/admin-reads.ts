import { DataFoldError } from '@datafold/js-sdk';
import type { AuditChainMonitor } from '../audit/audit-chain-monitor.js';
import type { RegistrationStatus } from '../db/schema.js';
import type { AdminReadRepository } from '../repositories/admin-read-repository.js';
import { clampSeq, type AuditRepository } from '../repositories/audit-repository.js';
import type { RegistrationListing } from '../repositories/registration-listing.js';
import { adminRegistrationView, auditView, pageOf, type Page } from './admin-views.js';

/** Items per page when a request names no limit. */
export const DEFAULT_PAGE_LIMIT = 50;

const seqCursor = (row: { seq: number }) => String(row.seq);

/**
 * What the admin and dashboard read routes answer, free of HTTP: pages of registrations and of
 * the audit log, one client's key history, and the audit chain's state. The routes check who
 * asks (admin or auditor) and hand the query over; cursors are this service's to make and read.
 *
 * @example
 * const page = await reads.auditOldestFirst({ cursor: null, limit: 50, clientId: null });
 */
export class AdminReads {
  constructor(
    private readonly listing: RegistrationListing,
    private readonly reads: AdminReadRepository,
    private readonly audit: AuditRepository,
    private readonly chain: AuditChainMonitor,
  ) {}

  /** Registrations in the asked order, or the matches of `search` (registration-listing.ts). */
  async registrations(query: {
    status: RegistrationStatus | null;
    search: string | null;
    sort?: string | null;
    olderThanDays?: number | null;
    neverUsed?: boolean;
    rotation?: 'due' | 'overdue' | null;
    cursor: string | null;
    limit: number;
  }): Promise<Page<ReturnType<typeof adminRegistrationView>>> {
    const page = await this.listing.page(query);
    return { items: page.items.map(adminRegistrationView), next_cursor: page.nextCursor };
  }

  /** The audit log oldest first, after the cursor (a sequence number). */
  async auditOldestFirst(query: {
    cursor: string | null;
    limit: number;
    clientId: string | null;
  }): Promise<Page<ReturnType<typeof auditView>>> {
    const rows = await this.audit.page(
      clampSeq(Number(query.cursor ?? 0)),
      query.limit + 1,
      query.clientId,
    );
    return pageOf(rows, query.limit, seqCursor, auditView);
  }

  /** The audit log newest first, before the cursor, filtered by client and action. */
  async auditNewestFirst(query: {
    cursor: string | null;
    limit: number;
    clientId: string | null;
    action: string | null;
  }): Promise<Page<ReturnType<typeof auditView>>> {
    const rows = await this.reads.auditNewestFirst({
      beforeSeq: query.cursor === null ? null : clampSeq(Number(query.cursor)),
      clientId: query.clientId,
      action: query.action,
      limit: query.limit + 1,
    });
    return pageOf(rows, query.limit, seqCursor, auditView);
  }

  /** A client's registrations oldest first; CLIENT_NOT_FOUND for a client never registered. */
  async clientHistory(clientId: string) {
    const rows = await this.reads.clientHistory(clientId);
    if (rows.length === 0) {
      throw new DataFoldError('CLIENT_NOT_FOUND', 'no registration for this client id', {
        client_id: clientId,
      });
    }
    return { client_id: clientId, registrations: rows.map(adminRegistrationView) };
  }

  /** The audit chain's state as the chain route shows it. */
  async chainState() {
    const report = await this.chain.check();
    const first = report.breaks[0];
    return {
      intact: report.ok,
      entries: report.entries,
      head_hash: report.headHash,
      broken_at_seq: first?.seq ?? null,
      problem: first?.problem ?? null,
      breaks: report.breaks.map((b) => ({ seq: b.seq, last_seq: b.lastSeq, problem: b.problem })),
      break_count: report.breakCount,
      checked_at: report.checkedAt,
      full_check_at: report.fullCheckAt,
    };
  }
}
