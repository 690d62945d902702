import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AuditRow } from './audit-repository.js';
import type { RegistrationRow } from './registration-repository.js';

/** Filters of {@link AdminReadRepository.auditNewestFirst}. */
export interface AuditNewestQuery {
  /** Only entries with a smaller `seq` (the cursor); null starts at the newest. */
  beforeSeq: number | null;
  clientId: string | null;
  action: string | null;
  limit: number;
}

/**
 * The reads the dashboard needs beyond the admin listing: a client's whole key history and the
 * audit log newest first. Kept apart from the write-path repositories, which stay lean.
 *
 * @example
 * const reads = new AdminReadRepository(db);
 * const history = await reads.clientHistory('client_1');
 */
export class AdminReadRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Every registration the client has had, oldest first: its key history (each rotation leaves a
   * `superseded` row pointing at its successor). Served by the (client_id, registered_at) index.
   */
  async clientHistory(clientId: string): Promise<RegistrationRow[]> {
    return this.db
      .selectFrom('registrations')
      .selectAll()
      .where('client_id', '=', clientId)
      .orderBy('registered_at')
      .orderBy('registration_id')
      .execute();
  }

  /**
   * Audit entries newest first, walking an index backwards from the cursor: the primary key, or
   * with a filter (client_id, seq) or (action, seq) from migration 0002, so a page is a seek plus
   * `limit` rows, never a sort. With both filters the client's index is walked: a client has few
   * entries, an action may have millions. Writing the action test as an expression keeps the
   * planner (which has no statistics on SQLite) from picking the action index instead.
   */
  async auditNewestFirst(query: AuditNewestQuery): Promise<AuditRow[]> {
    let q = this.db.selectFrom('audit_log').selectAll();
    if (query.beforeSeq !== null) q = q.where('seq', '<', query.beforeSeq);
    if (query.clientId) q = q.where('client_id', '=', query.clientId);
    if (query.action) {
      q = query.clientId
        ? q.where(sql<SqlBool>`(action || '') = ${query.action}`)
        : q.where('action', '=', query.action);
    }
    const rows = await q.orderBy('seq', 'desc').limit(query.limit).execute();
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }
}
