import { verifyAuditChain } from '../audit/verify-audit-chain.js';
import type { ServerConfig } from '../config/server-config.js';
import { openDatabase } from '../db/open-database.js';
import { AuditRepository } from '../repositories/audit-repository.js';

/**
 * `datafold-server audit verify`: checks the audit log's hash chain. It only reads, so it runs
 * beside a server on the same SQLite directory (read-only, no lock) and never migrates.
 * Exit code 0 intact, 2 broken.
 *
 * @example
 * process.exitCode = await auditVerify(loadConfig(['--data-dir', dir], process.env));
 */
export async function auditVerify(config: ServerConfig): Promise<number> {
  const database = openDatabase(config, { access: 'read' });
  try {
    const report = await verifyAuditChain(new AuditRepository(database.db, database.dialect));
    if (report.ok) {
      process.stdout.write(
        `audit log intact: ${report.entries} entries, head ${report.headHash}\n`,
      );
      return 0;
    }
    process.stdout.write(
      `audit log BROKEN at entry ${report.brokenAtSeq}: ${report.problem} (${report.entries} entries verified before it)\n`,
    );
    return 2;
  } finally {
    await database.close();
  }
}
