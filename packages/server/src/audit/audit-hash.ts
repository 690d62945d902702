import { createHash } from 'node:crypto';

/** The `prev_hash` of the first audit entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit entry that its hash covers (everything but the hash itself). */
export interface AuditEntryFields {
  seq: number;
  occurred_at: string;
  actor: string;
  action: string;
  client_id: string | null;
  outcome: string;
  details: string;
  prev_hash: string;
}

/**
 * SHA-256, lowercase hex, of the JSON array of an entry's fields in a fixed order. Each entry
 * carries its predecessor's hash, so altering, inserting or removing a row breaks every link
 * after it, and the head row (newest seq and hash) catches a removed tail.
 *
 * @example
 * const hash = auditEntryHash({ seq: 1, ..., prev_hash: GENESIS_HASH });
 */
export function auditEntryHash(entry: AuditEntryFields): string {
  const canonical = JSON.stringify([
    entry.seq,
    entry.occurred_at,
    entry.actor,
    entry.action,
    entry.client_id,
    entry.outcome,
    entry.details,
    entry.prev_hash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
