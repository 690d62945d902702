import type { AuditRepository } from '../repositories/audit-repository.js';
import { GENESIS_HASH } from './audit-hash.js';
import { ChainWalker, MAX_REPORTED_BREAKS, type AuditBreak } from './chain-walker.js';

/** The result of checking the audit chain: every break found, not only the first. */
export interface AuditChainReport {
  ok: boolean;
  /** Entries read. */
  entries: number;
  /** The newest entry's hash when the chain is intact, else null. */
  headHash: string | null;
  /** The breaks, oldest first (at most MAX_REPORTED_BREAKS of them). */
  breaks: AuditBreak[];
  /** How many breaks there are in all. */
  breakCount: number;
}

/**
 * Walks the audit log oldest first, page by page, and reports every broken link (chain-walker.ts):
 * missing entries, cut links, altered entries, and a head that does not match the newest entry.
 *
 * @example
 * const report = await verifyAuditChain(auditRepository);
 * for (const b of report.breaks) console.error(`entry ${b.seq}: ${b.problem}`);
 */
export async function verifyAuditChain(audit: AuditRepository): Promise<AuditChainReport> {
  const walker = new ChainWalker({ seq: 0, hash: GENESIS_HASH });
  let entries = 0;
  for (;;) {
    const page = await audit.page(walker.last.seq, 1000);
    if (page.length === 0) break;
    for (const row of page) walker.accept(row);
    entries += page.length;
  }
  return chainReport(walker, walker.headBreak(await audit.head()), entries);
}

/** A report from the entry breaks of a walk and its head check. */
export function chainReport(
  walked: { breaks: readonly AuditBreak[]; breakCount: number; last: { hash: string } },
  head: AuditBreak | null,
  entries: number,
): AuditChainReport {
  const breaks = head ? [...walked.breaks, head] : [...walked.breaks];
  const breakCount = walked.breakCount + (head ? 1 : 0);
  return {
    ok: breakCount === 0,
    entries,
    headHash: breakCount === 0 ? walked.last.hash : null,
    breaks: breaks.slice(0, MAX_REPORTED_BREAKS),
    breakCount,
  };
}
