import type { Kysely, Selectable, Transaction } from 'kysely';
import { auditEntryHash } from '../audit/audit-hash.js';
import { auditText } from '../audit/audit-text.js';
import { DeferredInserts } from '../db/deferred-inserts.js';
import type { DialectName } from '../db/open-database.js';
import type { AuditLogTable, Database } from '../db/schema.js';

/** A stored audit entry. */
export type AuditRow = Selectable<AuditLogTable>;

/**
 * The largest sequence number an audit entry can have: `seq` is a 32-bit integer column. A cursor
 * past it names no entry, and PostgreSQL would refuse it as a parameter of that type.
 */
export const MAX_AUDIT_SEQ = 2 ** 31 - 1;

/** A sequence number from a cursor, brought into the column's range (a larger one finds none). */
export function clampSeq(seq: number): number {
  return Math.min(seq, MAX_AUDIT_SEQ);
}

/** What a caller says happened; the repository adds seq, time and the chain hashes. */
export interface AuditEvent {
  actor: string;
  action: string;
  clientId: string | null;
  outcome: string;
  details?: Record<string, unknown>;
}

/**
 * The append-only, hash-chained audit log. Appends run inside the caller's transaction, so an
 * entry is durable exactly when the change it records is. On PostgreSQL the head row is locked
 * (`FOR UPDATE`) so appends from several instances form one chain; SQLite has a single writer.
 *
 * @example
 * await audit.append(trx, { actor: 'client:abc', action: 'register', clientId: 'abc', outcome: 'success' });
 */
export class AuditRepository {
  /**
   * A transaction's entries, written together by `writeHead` just before it commits: the chain
   * (seq, hashes) is computed here as each entry is appended, so the order is fixed at once.
   */
  private readonly entries = new DeferredInserts<AuditRow>((trx, rows) =>
    trx.insertInto('audit_log').values(rows).execute(),
  );

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  /** The head as this transaction will leave it; written once, just before commit. */
  private readonly pendingHead = new WeakMap<object, { seq: number; hash: string }>();

  /**
   * Takes the audit head's row lock (PostgreSQL) at the start of a state change, so changes from
   * all instances run one at a time and their read-then-write checks (one active key per client,
   * unique public keys, unused nonces) see every committed change. SQLite has one writer already.
   * The head is read once per transaction.
   */
  async lock(trx: Transaction<Database>): Promise<void> {
    await this.headIn(trx);
  }

  private async headIn(trx: Transaction<Database>): Promise<{ seq: number; hash: string }> {
    const pending = this.pendingHead.get(trx);
    if (pending) return pending;
    let query = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
    if (this.dialect === 'postgres') query = query.forUpdate();
    const row = await query.executeTakeFirstOrThrow();
    const head = { seq: Number(row.seq), hash: row.hash };
    this.pendingHead.set(trx, head);
    return head;
  }

  /**
   * Writes this transaction's entries and its new head; the write batcher calls it before each
   * commit (an entry appended is written only then).
   */
  async writeHead(trx: Transaction<Database>): Promise<void> {
    const head = this.pendingHead.get(trx);
    if (!head) return;
    this.pendingHead.delete(trx);
    await this.entries.flush(trx);
    await trx
      .updateTable('audit_head')
      .set({ seq: head.seq, hash: head.hash })
      .where('id', '=', 1)
      .execute();
  }

  /**
   * Appends an entry inside `trx`, written with the head before the commit. Every text column passes through `auditText` and `details` is
   * JSON (which escapes what UTF-8 cannot hold), so the hash covers exactly the bytes the
   * database stores: no request, however malformed, can write an entry that fails its own hash.
   */
  async append(trx: Transaction<Database>, event: AuditEvent, now = new Date()): Promise<AuditRow> {
    const head = await this.headIn(trx);
    const fields = {
      seq: head.seq + 1,
      occurred_at: now.toISOString(),
      actor: auditText(event.actor),
      action: auditText(event.action),
      client_id: event.clientId === null ? null : auditText(event.clientId),
      outcome: auditText(event.outcome),
      details: JSON.stringify(event.details ?? {}),
      prev_hash: head.hash,
    };
    const row: AuditRow = { ...fields, hash: auditEntryHash(fields) };
    this.entries.add(trx, row);
    this.pendingHead.set(trx, { seq: row.seq, hash: row.hash });
    return row;
  }

  /** Entries after `afterSeq`, oldest first. */
  async page(afterSeq: number, limit: number, clientId: string | null = null): Promise<AuditRow[]> {
    let q = this.db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq);
    if (clientId) q = q.where('client_id', '=', clientId);
    const rows = await q.orderBy('seq').limit(limit).execute();
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }

  async head(): Promise<{ seq: number; hash: string }> {
    const head = await this.db
      .selectFrom('audit_head')
      .select(['seq', 'hash'])
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    return { seq: Number(head.seq), hash: head.hash };
  }
}
