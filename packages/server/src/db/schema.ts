/**
 * The tables as Kysely sees them. Timestamps are stored as RFC 3339 UTC text with milliseconds
 * (`2026-11-22T09:30:27.835Z`), identical on SQLite and PostgreSQL, so they sort as strings and
 * leave the server byte for byte as they went in (WIRE-PROTOCOL.md, Conventions).
 */
export interface RegistrationsTable {
  registration_id: string;
  client_id: string;
  public_key: string;
  user_id: string | null;
  key_name: string | null;
  metadata: string | null;
  status: RegistrationStatus;
  registered_at: string;
  last_used: string | null;
  status_changed_at: string | null;
  status_reason: string | null;
  replaced_by: string | null;
  proof_verified: number;
}

export type RegistrationStatus = 'active' | 'revoked' | 'superseded';

export interface StatementNoncesTable {
  client_id: string;
  nonce: string;
  expires_at: string;
}

/** Nonces of accepted signed requests (migration 4), when the replay store is the database. */
export interface RequestNoncesTable {
  client_id: string;
  nonce: string;
  expires_at: string;
}

export interface AuditLogTable {
  seq: number;
  occurred_at: string;
  actor: string;
  action: string;
  client_id: string | null;
  outcome: string;
  details: string;
  prev_hash: string;
  hash: string;
}

/** One row, id 1: the sequence number and hash of the newest audit entry. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface AdminTokensTable {
  token_id: string;
  token_hash: string;
  role: 'admin' | 'auditor';
  label: string | null;
  created_at: string;
  /** Null: never expires (`--ttl never`, or made before expiry existed). */
  expires_at: string | null;
  revoked_at: string | null;
  /** Written behind, like a registration's; at most one flush interval old. */
  last_used: string | null;
  /** The token that made this one through the API; null when an operator made it on the host. */
  parent_token_id: string | null;
}

/** Activity of one minute, summed over every instance (migration 5). */
export interface ActivityCountsTable {
  /** Whole minutes since 1970-01-01T00:00Z. */
  bucket_minute: number;
  kind: ActivityKind;
  outcome: ActivityOutcome;
  count: number;
}

export type ActivityKind = 'verification' | 'registration' | 'rotation' | 'revocation';
export type ActivityOutcome = 'ok' | 'failed';

/** Failures attributed to one client id in one minute (migration 5). */
export interface ActivityClientFailuresTable {
  bucket_minute: number;
  client_id: string;
  count: number;
}

/**
 * One trigram of a registration's `lower(key_name)` (migration 7), kept by triggers: the index
 * behind the admin search's key-name phase (repositories/key-name-trigram-walk.ts).
 */
export interface RegistrationNameTrigramsTable {
  trigram: string;
  registered_at: string;
  registration_id: string;
}

export interface Database {
  registrations: RegistrationsTable;
  registration_name_trigrams: RegistrationNameTrigramsTable;
  statement_nonces: StatementNoncesTable;
  request_nonces: RequestNoncesTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  admin_tokens: AdminTokensTable;
  activity_counts: ActivityCountsTable;
  activity_client_failures: ActivityClientFailuresTable;
}
