import type { AuditRepository } from '../repositories/audit-repository.js';
import { auditEntryHash, GENESIS_HASH } from './audit-hash.js';

/** The result of checking the audit chain. */
export type AuditChainReport =
  | { ok: true; entries: number; headHash: string }
  | { ok: false; entries: number; brokenAtSeq: number; problem: string };

/**
 * Walks the audit log oldest first and reports the first broken link: a sequence gap (a removed
 * row), a `prev_hash` that is not the previous entry's hash, or a hash that does not match the
 * entry's content (an altered row); then checks the head row, which catches a removed tail.
 *
 * @example
 * const report = await verifyAuditChain(auditRepository);
 * if (!report.ok) console.error(`broken at ${report.brokenAtSeq}: ${report.problem}`);
 */
export async function verifyAuditChain(audit: AuditRepository): Promise<AuditChainReport> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let entries = 0;
  for (;;) {
    const page = await audit.page(expectedSeq - 1, 1000);
    if (page.length === 0) break;
    for (const row of page) {
      if (row.seq !== expectedSeq) {
        return fail(entries, expectedSeq, `entry ${expectedSeq} is missing`);
      }
      if (row.prev_hash !== prevHash) {
        return fail(entries, row.seq, `entry ${row.seq} does not link to entry ${row.seq - 1}`);
      }
      if (auditEntryHash(row) !== row.hash) {
        return fail(entries, row.seq, `entry ${row.seq} was altered (its hash does not match)`);
      }
      prevHash = row.hash;
      expectedSeq += 1;
      entries += 1;
    }
  }
  const head = await audit.head();
  if (head.seq !== entries || head.hash !== prevHash) {
    return fail(
      entries,
      entries + 1,
      `entries after ${entries} are missing (the head says ${head.seq})`,
    );
  }
  return { ok: true, entries, headHash: prevHash };
}

function fail(entries: number, brokenAtSeq: number, problem: string): AuditChainReport {
  return { ok: false, entries, brokenAtSeq, problem };
}
