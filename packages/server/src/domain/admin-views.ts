import { keyFingerprint } from '@datafold/js-sdk';
import type { AuditRow } from '../repositories/audit-repository.js';
import type { RegistrationRow } from '../repositories/registration-repository.js';

/** One page of a listing and the cursor of the next (null on the last page). */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/**
 * A page from `limit + 1` rows read after the cursor: the first `limit`, and the next cursor
 * when the extra row shows there is more.
 *
 * @example
 * pageOf(rows, 50, (row) => String(row.seq));
 */
export function pageOf<R, T>(
  rows: readonly R[],
  limit: number,
  cursorOf: (row: R) => string,
  view: (row: R) => T,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(view),
    next_cursor: rows.length > limit && last !== undefined ? cursorOf(last) : null,
  };
}

/**
 * A registration as the admin routes show it: every column, metadata parsed, proof a boolean,
 * and the key's fingerprint (spec/key-fingerprint-v1.md).
 */
export function adminRegistrationView(row: RegistrationRow) {
  return {
    registration_id: row.registration_id,
    client_id: row.client_id,
    public_key: row.public_key,
    fingerprint: keyFingerprint(row.public_key),
    key_name: row.key_name,
    registered_at: row.registered_at,
    status: row.status,
    user_id: row.user_id,
    metadata: row.metadata ? (JSON.parse(row.metadata) as Record<string, unknown>) : null,
    last_used: row.last_used,
    status_changed_at: row.status_changed_at,
    status_reason: row.status_reason,
    replaced_by: row.replaced_by,
    proof_verified: row.proof_verified === 1,
  };
}

/** An audit entry as the admin routes show it: `details` parsed. */
export function auditView(row: AuditRow) {
  return { ...row, details: JSON.parse(row.details) as Record<string, unknown> };
}
