import { verifyAuditChain } from '../audit/verify-audit-chain.js';
import type { ServerConfig } from '../config/server-config.js';
import { openDatabase } from '../db/open-database.js';
import { AuditRepository } from '../repositories/audit-repository.js';

/**
 * `datafold-server audit verify`: checks the audit log's hash chain and lists every break, not
 * only the first. It only reads, so it runs beside a server on the same SQLite directory
 * (read-only, no lock) and never migrates. Exit code 0 intact, 8 broken (as datafold_cli's
 * 8, "does not verify", told apart from 1, "could not check").
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
    const lines = [
      `audit log BROKEN: ${report.breakCount} break(s) in ${report.entries} entries read`,
      ...report.breaks.map((b) => `  at entry ${b.seq}: ${b.problem}`),
    ];
    const unlisted = report.breakCount - report.breaks.length;
    if (unlisted > 0) lines.push(`  and ${unlisted} more not listed`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return 8;
  } finally {
    await database.close();
  }
}
