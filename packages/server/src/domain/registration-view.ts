import type { RegistrationRow } from '../repositories/registration-repository.js';

/** The `data` of a 201 from POST /api/crypto/keys/register (WIRE-PROTOCOL.md), field for field. */
export interface RegistrationView {
  registration_id: string;
  client_id: string;
  public_key: string;
  key_name: string | null;
  registered_at: string;
  status: string;
}

/** The `data` of GET /api/crypto/keys/status/{client_id}: the registration plus `last_used`. */
export interface StatusView extends RegistrationView {
  last_used: string | null;
}

/**
 * The compat shape of a stored registration. Nothing else leaves through the compat routes.
 *
 * @example
 * reply.code(201).send({ success: true, data: toRegistrationView(row) });
 */
export function toRegistrationView(row: RegistrationRow): RegistrationView {
  return {
    registration_id: row.registration_id,
    client_id: row.client_id,
    public_key: row.public_key,
    key_name: row.key_name,
    registered_at: row.registered_at,
    status: row.status,
  };
}

/**
 * The status shape; `lastUsed` overrides the stored value when a newer one is still buffered.
 *
 * @example
 * toStatusView(row, buffer.get(row.registration_id));
 */
export function toStatusView(row: RegistrationRow, lastUsed?: string): StatusView {
  const stored = row.last_used;
  const newest = lastUsed && (!stored || lastUsed > stored) ? lastUsed : stored;
  // The compat view with last_used added last, rather than spread into a second object: status
  // is a hot route. One home for the fields and their order (toRegistrationView).
  const view = toRegistrationView(row) as StatusView;
  view.last_used = newest ?? null;
  return view;
}
