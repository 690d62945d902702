import { ERROR_REGISTRY, ServerIntegrationError, type ErrorCode } from '@datafold/js-sdk';

/** One page of an admin listing (`pageData` in the server's schemas). */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** A registration as the admin routes return it. */
export interface AdminRegistration {
  registration_id: string;
  client_id: string;
  public_key: string;
  key_name: string | null;
  registered_at: string;
  status: 'active' | 'revoked' | 'superseded';
  user_id: string | null;
  last_used: string | null;
  status_changed_at: string | null;
  status_reason: string | null;
  replaced_by: string | null;
  proof_verified: boolean;
  /** An active key whose client reported `rotation_interval_days`: when it is due. */
  rotation_due_at?: string | null;
  /** A superseded key last used after the rotation that superseded it. */
  used_after_superseded?: boolean;
}

/** One audit log entry. */
export interface AuditEntry {
  seq: number;
  occurred_at: string;
  actor: string;
  action: string;
  client_id: string | null;
  outcome: string;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/** `GET /api/admin/audit/chain`. */
export interface ChainState {
  intact: boolean;
  entries: number;
  head_hash: string | null;
  broken_at_seq: number | null;
  problem: string | null;
  /** When new entries were last checked, and when the whole log was. */
  checked_at: string;
  full_check_at: string;
}

type Query = Record<string, string | number | null | undefined>;

function isKnownCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_REGISTRY, code);
}

/**
 * Calls an admin route of the server this page came from with the session's bearer token and
 * unwraps the `{success, data}` envelope. Every failure is a ServerIntegrationError with the
 * server's code (or NETWORK_ERROR / INVALID_RESPONSE), ready for `describeError`.
 *
 * @example
 * const page = await adminRequest<Page<AdminRegistration>>(token, 'GET', '/api/admin/registrations', { status: 'active' });
 */
export async function adminRequest<T>(
  token: string,
  method: 'GET' | 'POST',
  path: string,
  query: Query = {},
  body?: object,
): Promise<T> {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') {
      url.searchParams.set(name, String(value));
    }
  }
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (error) {
    throw new ServerIntegrationError(
      'NETWORK_ERROR',
      `Cannot reach the server at ${window.location.origin}: is datafold-server running?`,
      { cause: error, details: { path } },
    );
  }
  let envelope: unknown = null;
  try {
    envelope = await response.json();
  } catch {
    // not JSON: handled below
  }
  const e = envelope as {
    success?: boolean;
    data?: T;
    error?: { code?: unknown; message?: unknown; details?: Record<string, unknown> };
  } | null;
  if (response.ok && e?.success === true && e.data !== undefined) return e.data;
  if (e?.success === false && e.error && isKnownCode(e.error.code)) {
    throw new ServerIntegrationError(
      e.error.code,
      typeof e.error.message === 'string' ? e.error.message : ERROR_REGISTRY[e.error.code].meaning,
      {
        httpStatus: response.status,
        details: {
          ...(e.error.details ?? {}),
          retryAfter: response.headers.get('retry-after'),
        },
      },
    );
  }
  throw new ServerIntegrationError(
    response.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'INVALID_RESPONSE',
    `The server answered HTTP ${response.status} without an explanation.`,
    { httpStatus: response.status, details: { path } },
  );
}
