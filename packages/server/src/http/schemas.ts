import {
  MAX_REASON_LENGTH,
  STATEMENT_FIELD_PATTERNS as STATEMENT_PATTERNS,
} from '@datafold/js-sdk';
import { INPUT_PATTERNS } from '../domain/wire-inputs.js';

/**
 * JSON schemas of every route, for request validation, fast response serialisation and the
 * OpenAPI document. Request schemas carry every input rule the server enforces (patterns,
 * lengths, enums; the patterns are the domain's own, from INPUT_PATTERNS and STATEMENT_PATTERNS),
 * so a request the document calls valid is accepted unless the state says otherwise. Properties
 * are listed in the order WIRE-PROTOCOL.md checks them, and a schema failure is answered with the
 * domain's code for that field (validation-error.ts), so existing clients see the documented
 * codes. Coercion is off, so a number where a string belongs is refused.
 */

const nullableString = { type: ['string', 'null'] } as const;
const clientId = {
  type: 'string',
  pattern: INPUT_PATTERNS.clientId,
  description: '1-128 characters from A-Z a-z 0-9 . _ - :',
} as const;
const publicKeyHex = {
  type: 'string',
  pattern: INPUT_PATTERNS.publicKey,
  description:
    'an Ed25519 public key: 32 bytes as 64 hex characters (either case); it must also be a canonical curve point of large order (RFC 8032, spec/ed25519-verification.md), which no pattern can say',
} as const;
const signatureHex = {
  type: ['string', 'null'],
  pattern: INPUT_PATTERNS.signature,
  description: 'an Ed25519 signature: 64 bytes as 128 hex characters (either case)',
} as const;
/** Free text of at most `max` code points, no control characters. */
const text = (max: number, description: string) =>
  ({
    type: ['string', 'null'],
    maxLength: max,
    pattern: INPUT_PATTERNS.text,
    description: `${description}; at most ${max} characters, no control characters`,
  }) as const;
const statementTimestamp = {
  type: ['string', 'null'],
  pattern: STATEMENT_PATTERNS.timestamp,
  description: 'RFC 3339 UTC with milliseconds, within 5 minutes of the server clock',
} as const;
const statementNonce = {
  type: ['string', 'null'],
  pattern: STATEMENT_PATTERNS.nonce,
  description: '16 to 32 random bytes as 32 to 64 lowercase hex characters, used once per client',
} as const;
/** An application's own JSON object, kept as sent (the body's depth limit applies). */
const metadata = { type: ['object', 'null'], additionalProperties: true } as const;

/**
 * A registration's metadata: any object, kept as sent. One member is read, never checked here: a
 * client reports its rotation policy as `rotation_interval_days` (the name spec/key-rotation-v1.md
 * §6 gives it), and the admin listing shows when the key is due (admin-views.ts). A value that is
 * not an integer from 1 to 3650 gives no due date; it is not refused, since existing clients send
 * metadata of their own and a register they could make before must still succeed.
 */
const registrationMetadata = {
  ...metadata,
  description:
    "the application's own object; rotation_interval_days (an integer from 1 to 3650), when present, is the client's rotation policy: rotate this many days after registering",
} as const;
const timestamp = {
  type: 'string',
  description: 'RFC 3339 UTC, e.g. 2026-11-22T09:30:27.835Z',
} as const;
/** spec/key-fingerprint-v1.md §2: always 50 characters. */
const fingerprint = {
  type: 'string',
  pattern: '^SHA256:[A-Za-z0-9+/]{43}$',
  description:
    "the key's fingerprint (spec/key-fingerprint-v1.md): SHA256: and unpadded base64 of SHA-256 over the SSH encoding of the key, as ssh-keygen -l prints it",
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
  required: ['public_key'],
  properties: {
    public_key: publicKeyHex,
    client_id: {
      type: ['string', 'null'],
      pattern: '^[A-Za-z0-9._:-]{0,128}$',
      description:
        'up to 128 characters from A-Z a-z 0-9 . _ - :; empty or absent: the server assigns client_ + a UUID',
    },
    proof: {
      type: ['object', 'null'],
      description:
        'Proof of possession: the new key signs the registration statement (spec/http-statements.md). Required unless the server allows unproven registration.',
      required: ['signature', 'timestamp', 'nonce'],
      properties: {
        signature: { ...signatureHex, type: 'string' },
        timestamp: { ...statementTimestamp, type: 'string' },
        nonce: { ...statementNonce, type: 'string' },
      },
    },
    user_id: text(256, 'the application user this key belongs to'),
    key_name: text(256, 'a name for the key'),
    metadata: registrationMetadata,
  },
} as const;

/** `message` must decode under `message_encoding` (JSON Schema 2020-12 if/then). */
const messageEncodingRule = (encoding: 'hex' | 'base64', pattern: string) => ({
  if: { required: ['message_encoding'], properties: { message_encoding: { const: encoding } } },
  then: { properties: { message: { type: 'string', pattern } } },
});

/** An empty message is verified only when message_encoding is given (WIRE-PROTOCOL.md keeps it). */
const emptyMessageRule = {
  if: {
    required: ['message_encoding'],
    properties: { message_encoding: { enum: ['utf8', 'hex', 'base64'] } },
  },
  else: { properties: { message: { type: 'string', minLength: 1 } } },
};

export const verifyBody = {
  type: 'object',
  required: ['client_id', 'message', 'signature'],
  allOf: [
    messageEncodingRule('hex', INPUT_PATTERNS.hexMessage),
    messageEncodingRule('base64', INPUT_PATTERNS.base64Message),
    emptyMessageRule,
  ],
  properties: {
    client_id: clientId,
    message: {
      type: 'string',
      description:
        'the signed message, encoded as message_encoding says; empty only with an explicit message_encoding',
    },
    signature: { ...signatureHex, type: 'string' },
    message_encoding: {
      type: ['string', 'null'],
      enum: ['utf8', 'hex', 'base64', null],
      description: 'how message is encoded; null or absent: utf8',
    },
    metadata,
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
  properties: { client_id: clientId },
} as const;

/** Why a key is revoked or rotated. */
export const reasonText = text(MAX_REASON_LENGTH, 'why');

/** spec/http-statements.md: timestamp, nonce and signature are required without an admin token. */
const statementProperties = {
  client_id: clientId,
  reason: reasonText,
  timestamp: statementTimestamp,
  nonce: statementNonce,
  signature: signatureHex,
} as const;

export const revokeBody = {
  type: 'object',
  required: ['client_id'],
  properties: statementProperties,
} as const;

export const rotateBody = {
  type: 'object',
  required: ['client_id', 'new_public_key'],
  properties: {
    client_id: clientId,
    new_public_key: publicKeyHex,
    reason: statementProperties.reason,
    timestamp: statementTimestamp,
    nonce: statementNonce,
    signature: signatureHex,
    new_key_signature: {
      ...signatureHex,
      description:
        'the same statement signed by the new key (proof of possession); required unless the server allows unproven registration',
    },
  },
} as const;

export const revocationData = {
  type: 'object',
  required: [
    'client_id',
    'registration_id',
    'public_key',
    'fingerprint',
    'status',
    'revoked_at',
    'reason',
  ],
  properties: {
    client_id: { type: 'string' },
    registration_id: { type: 'string' },
    public_key: hex(32),
    fingerprint,
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
    'fingerprint',
    'status',
    'registered_at',
    'previous_registration_id',
    'previous_public_key',
    'previous_fingerprint',
  ],
  properties: {
    client_id: { type: 'string' },
    registration_id: { type: 'string' },
    public_key: hex(32),
    fingerprint,
    status: { type: 'string', enum: ['active'] },
    registered_at: timestamp,
    previous_registration_id: { type: 'string' },
    previous_public_key: hex(32),
    previous_fingerprint: fingerprint,
  },
} as const;

export const adminRegistrationData = {
  type: 'object',
  properties: {
    ...registrationProperties,
    fingerprint,
    user_id: nullableString,
    metadata: { type: ['object', 'null'], additionalProperties: true },
    last_used: nullableString,
    status_changed_at: nullableString,
    status_reason: nullableString,
    replaced_by: nullableString,
    proof_verified: { type: 'boolean' },
    rotation_due_at: {
      ...nullableString,
      description:
        'active key whose metadata reports rotation_interval_days: registered_at plus that many days; else null',
    },
    used_after_superseded: {
      type: 'boolean',
      description: 'a superseded key whose last use is later than the rotation that superseded it',
    },
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

/** `limit` of a listing: 1 to 500 (default 50). */
export const pageLimit = {
  type: 'string',
  pattern: '^(?:[1-9][0-9]?|[1-4][0-9]{2}|500)$',
  description: 'items per page, 1 to 500 (default 50)',
} as const;

/** A client id as a query filter. */
export const clientIdFilter = clientId;

/** Free text as a query filter (a search). */
export const searchText = {
  type: 'string',
  minLength: 1,
  maxLength: 256,
  pattern: INPUT_PATTERNS.text,
  description: 'at most 256 characters, no control characters',
} as const;

/** `{items: [...], next_cursor}`: one page and the cursor of the next (null on the last page). */
export function pageData(item: object) {
  return {
    type: 'object',
    required: ['items', 'next_cursor'],
    properties: { items: { type: 'array', items: item }, next_cursor: nullableString },
  } as const;
}

/** POST /api/crypto/requests/verify: a request forwarded for its verdict (spec §5). */
export const requestVerifyBody = {
  type: 'object',
  required: ['method', 'target_uri', 'headers'],
  properties: {
    method: {
      type: 'string',
      pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}$",
      description: 'the request method as sent (any case; checked upper-case)',
    },
    target_uri: {
      type: 'string',
      minLength: 1,
      maxLength: 8192,
      description:
        'the absolute URI the client sent the request to, e.g. https://app.example/x?y=1',
    },
    headers: {
      type: 'object',
      maxProperties: 100,
      additionalProperties: { type: 'string', maxLength: 32_768 },
      description:
        'the header fields by name (any case), values as strings: at least signature-input and signature, and every covered field',
    },
    body: {
      type: ['string', 'null'],
      pattern: INPUT_PATTERNS.base64Message,
      description: 'the content bytes, base64; required when content-digest is covered',
    },
  },
} as const;

export const requestVerifyData = {
  type: 'object',
  required: [
    'verified',
    'client_id',
    'public_key',
    'covered_components',
    'created',
    'expires',
    'nonce',
  ],
  properties: {
    verified: { type: 'boolean', enum: [true] },
    client_id: { type: 'string' },
    public_key: hex(32),
    covered_components: { type: 'array', items: { type: 'string' } },
    created: { type: 'integer', description: 'seconds since the epoch' },
    expires: {
      type: ['integer', 'null'],
      description: 'seconds since the epoch; null when absent',
    },
    nonce: { type: 'string' },
  },
} as const;
