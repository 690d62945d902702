/**
 * JSON schemas of every route, for request validation, fast response serialisation and the
 * OpenAPI document. Request schemas check types only: the order-sensitive checks of
 * WIRE-PROTOCOL.md (empty, hex, length, curve) belong to the domain so their codes come out in
 * the documented order. Coercion is off, so a number where a string belongs is INVALID_REQUEST.
 */

const nullableString = { type: ['string', 'null'] } as const;
const timestamp = {
  type: 'string',
  description: 'RFC 3339 UTC, e.g. 2026-11-22T09:30:27.835Z',
} as const;
const hex = (bytes: number) =>
  ({
    type: 'string',
    description: `${bytes} bytes as ${bytes * 2} lowercase hex characters`,
  }) as const;

/** The failure envelope; `details` is always present. */
export const errorEnvelope = {
  type: 'object',
  required: ['success', 'error'],
  properties: {
    success: { type: 'boolean', enum: [false] },
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: { type: 'object', additionalProperties: true },
      },
    },
  },
} as const;

/** `{"success": true, "data": <data>}` */
export function successEnvelope(data: object) {
  return {
    type: 'object',
    required: ['success', 'data'],
    properties: { success: { type: 'boolean', enum: [true] }, data },
  } as const;
}

/**
 * Response schemas: the success shape under its status, and the error envelope for the rest.
 * Every route may also answer 503: DATABASE_UNAVAILABLE while the database is away, and
 * SERVICE_UNAVAILABLE while the server shuts down.
 */
export function responses(status: number, data: object, errorStatuses: number[]) {
  const out: Record<number, object> = { [status]: successEnvelope(data) };
  for (const s of [...errorStatuses, 503]) out[s] = errorEnvelope;
  return out;
}

const registrationProperties = {
  registration_id: { type: 'string', format: 'uuid' },
  client_id: { type: 'string' },
  public_key: hex(32),
  key_name: nullableString,
  registered_at: timestamp,
  status: { type: 'string', enum: ['active', 'revoked', 'superseded'] },
} as const;

export const registrationData = {
  type: 'object',
  required: Object.keys(registrationProperties),
  properties: registrationProperties,
} as const;

export const statusData = {
  type: 'object',
  required: [...Object.keys(registrationProperties), 'last_used'],
  properties: { ...registrationProperties, last_used: { type: ['string', 'null'] } },
} as const;

export const registerBody = {
  type: 'object',
  properties: {
    client_id: nullableString,
    user_id: { type: ['string', 'null'], maxLength: 256 },
    public_key: nullableString,
    key_name: { type: ['string', 'null'], maxLength: 256 },
    metadata: { type: ['object', 'null'], additionalProperties: true },
    proof: {
      type: ['object', 'null'],
      description:
        'Proof of possession: the new key signs the registration statement (spec/http-statements.md).',
      properties: {
        signature: { type: 'string' },
        timestamp: { type: 'string' },
        nonce: { type: 'string' },
      },
    },
  },
} as const;

export const verifyBody = {
  type: 'object',
  properties: {
    client_id: nullableString,
    message: nullableString,
    signature: nullableString,
    message_encoding: nullableString,
    metadata: { type: ['object', 'null'], additionalProperties: true },
  },
} as const;

export const verifyData = {
  type: 'object',
  required: ['verified', 'client_id', 'public_key', 'verified_at', 'message_hash'],
  properties: {
    verified: { type: 'boolean', enum: [true] },
    client_id: { type: 'string' },
    public_key: hex(32),
    verified_at: timestamp,
    message_hash: hex(32),
  },
} as const;

export const clientIdParams = {
  type: 'object',
  required: ['client_id'],
  properties: { client_id: { type: 'string' } },
} as const;

const statementProperties = {
  client_id: nullableString,
  reason: nullableString,
  timestamp: nullableString,
  nonce: nullableString,
  signature: nullableString,
} as const;

export const revokeBody = { type: 'object', properties: statementProperties } as const;

export const rotateBody = {
  type: 'object',
  properties: {
    ...statementProperties,
    new_public_key: nullableString,
    new_key_signature: nullableString,
  },
} as const;

export const revocationData = {
  type: 'object',
  required: ['client_id', 'registration_id', 'public_key', 'status', 'revoked_at', 'reason'],
  properties: {
    client_id: { type: 'string' },
    registration_id: { type: 'string' },
    public_key: hex(32),
    status: { type: 'string', enum: ['revoked'] },
    revoked_at: timestamp,
    reason: nullableString,
  },
} as const;

export const rotationData = {
  type: 'object',
  required: [
    'client_id',
    'registration_id',
    'public_key',
    'status',
    'registered_at',
    'previous_registration_id',
    'previous_public_key',
  ],
  properties: {
    client_id: { type: 'string' },
    registration_id: { type: 'string' },
    public_key: hex(32),
    status: { type: 'string', enum: ['active'] },
    registered_at: timestamp,
    previous_registration_id: { type: 'string' },
    previous_public_key: hex(32),
  },
} as const;

export const adminRegistrationData = {
  type: 'object',
  properties: {
    ...registrationProperties,
    user_id: nullableString,
    metadata: { type: ['object', 'null'], additionalProperties: true },
    last_used: nullableString,
    status_changed_at: nullableString,
    status_reason: nullableString,
    replaced_by: nullableString,
    proof_verified: { type: 'boolean' },
  },
} as const;

export const auditEntryData = {
  type: 'object',
  properties: {
    seq: { type: 'integer' },
    occurred_at: timestamp,
    actor: { type: 'string' },
    action: { type: 'string' },
    client_id: nullableString,
    outcome: { type: 'string' },
    details: { type: 'object', additionalProperties: true },
    prev_hash: hex(32),
    hash: hex(32),
  },
} as const;

/** `{items: [...], next_cursor}`: one page and the cursor of the next (null on the last page). */
export function pageData(item: object) {
  return {
    type: 'object',
    required: ['items', 'next_cursor'],
    properties: { items: { type: 'array', items: item }, next_cursor: nullableString },
  } as const;
}
