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

const DAY_MS = 86_400_000;
/**
 * The values of `metadata.rotation_interval_days` read as a policy (http/schemas.ts); any other
 * value gives no due date (rotation-due-filter.ts reads with the same bounds).
 */
const MAX_ROTATION_INTERVAL_DAYS = 3650;

/**
 * When an active key is due for rotation: `registered_at` plus the interval the client reported
 * in its metadata (`rotation_interval_days`, spec/key-rotation-v1.md §6; a rotation carries the
 * metadata to the new key, whose own registration starts the count again). Null without a policy
 * in bounds, or for a key no longer active.
 */
export function rotationDueAt(
  row: Pick<RegistrationRow, 'status' | 'registered_at'>,
  metadata: Record<string, unknown> | null,
): string | null {
  const days = metadata?.rotation_interval_days;
  if (row.status !== 'active' || typeof days !== 'number' || !Number.isInteger(days)) return null;
  if (days < 1 || days > MAX_ROTATION_INTERVAL_DAYS) return null;
  return new Date(Date.parse(row.registered_at) + days * DAY_MS).toISOString();
}

/**
 * A superseded key used after the rotation that superseded it: its `last_used` (exact, written
 * behind) is later than its `status_changed_at`. Worth a look: something still holds the old key.
 */
export function usedAfterSuperseded(
  row: Pick<RegistrationRow, 'status' | 'last_used' | 'status_changed_at'>,
): boolean {
  return (
    row.status === 'superseded' &&
    row.last_used !== null &&
    row.status_changed_at !== null &&
    row.last_used > row.status_changed_at
  );
}

/**
 * A registration as the admin routes show it: every column, metadata parsed, proof a boolean,
 * the key's fingerprint (spec/key-fingerprint-v1.md), and the two readings the keys list shows:
 * the rotation due date and use after supersession.
 */
export function adminRegistrationView(row: RegistrationRow) {
  const metadata = row.metadata ? (JSON.parse(row.metadata) as Record<string, unknown>) : null;
  return {
    registration_id: row.registration_id,
    client_id: row.client_id,
    public_key: row.public_key,
    fingerprint: keyFingerprint(row.public_key),
    key_name: row.key_name,
    registered_at: row.registered_at,
    status: row.status,
    user_id: row.user_id,
    metadata,
    last_used: row.last_used,
    status_changed_at: row.status_changed_at,
    status_reason: row.status_reason,
    replaced_by: row.replaced_by,
    proof_verified: row.proof_verified === 1,
    rotation_due_at: rotationDueAt(row, metadata),
    used_after_superseded: usedAfterSuperseded(row),
  };
}

/** An audit entry as the admin routes show it: `details` parsed. */
export function auditView(row: AuditRow) {
  return { ...row, details: JSON.parse(row.details) as Record<string, unknown> };
}
