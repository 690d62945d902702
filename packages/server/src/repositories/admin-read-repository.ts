import { sql, type Kysely, type SqlBool } from 'kysely';
import { CompiledOnce } from '../db/compiled-query.js';
import type { DialectName } from '../db/open-database.js';
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
  private readonly historyQuery;
  /** The audit query of each combination of filters, compiled on first use. */
  private readonly auditQueries = new Map<string, CompiledOnce<AuditRow>>();

  constructor(
    private readonly db: Kysely<Database>,
    dialect: DialectName = 'sqlite',
  ) {
    // The client id as registrations_client_page_idx holds it (migration 0002: "C" collation on
    // PostgreSQL), so the index also gives the order; equality is the same under either collation.
    const client =
      dialect === 'postgres' ? sql<string>`client_id collate "C"` : sql<string>`client_id`;
    this.historyQuery = new CompiledOnce<RegistrationRow>(db, (db, p) =>
      db
        .selectFrom('registrations')
        .selectAll()
        .where(client, '=', p('clientId'))
        .orderBy('registered_at')
        .orderBy('registration_id'),
    );
  }

  /**
   * Every registration the client has had, oldest first: its key history (each rotation leaves a
   * `superseded` row pointing at its successor). Served by the (client_id, registered_at,
   * registration_id) index without a sort; compiled once.
   */
  async clientHistory(clientId: string): Promise<RegistrationRow[]> {
    return (await this.historyQuery.run(this.db, { clientId })).rows;
  }

  /** The SQL of the client history, for the query-plan tests. */
  get historySql(): string {
    return this.historyQuery.sql;
  }

  /**
   * Audit entries newest first, walking an index backwards from the cursor: the primary key, or
   * with a filter (client_id, seq) or (action, seq) from migration 0002, so a page is a seek plus
   * `limit` rows, never a sort. With both filters the client's index is walked: a client has few
   * entries, an action may have millions. Writing the action test as an expression keeps the
   * planner (which has no statistics on SQLite) from picking the action index instead.
   */
  async auditNewestFirst(query: AuditNewestQuery): Promise<AuditRow[]> {
    const before = query.beforeSeq !== null;
    const client = Boolean(query.clientId);
    const action = Boolean(query.action);
    const key = `${before}:${client}:${action}`;
    let compiled = this.auditQueries.get(key);
    if (!compiled) {
      compiled = new CompiledOnce<AuditRow>(this.db, (db, p) => {
        let q = db.selectFrom('audit_log').selectAll();
        if (before) q = q.where('seq', '<', p<number>('beforeSeq'));
        if (client) q = q.where('client_id', '=', p('clientId'));
        if (action) {
          q = client
            ? q.where(sql<SqlBool>`(action || '') = ${p('action')}`)
            : q.where('action', '=', p('action'));
        }
        return q.orderBy('seq', 'desc').limit(p<number>('limit'));
      });
      this.auditQueries.set(key, compiled);
    }
    const { rows } = await compiled.run(this.db, { ...query });
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }
}
