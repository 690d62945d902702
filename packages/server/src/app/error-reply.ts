import {
  ERROR_REGISTRY,
  isDataFoldError,
  RequestSignatureError,
  type ErrorCode,
} from '@datafold/js-sdk';
import { databaseFault, type DatabaseFaultReason } from '../db/database-fault.js';
import { schemaRefusal, type SchemaValidationFailure } from '../http/schema-refusal.js';

/** The failure envelope of WIRE-PROTOCOL.md. */
export interface ErrorEnvelope {
  success: false;
  error: { code: string; message: string; details: Record<string, unknown> };
}

/** What the server answers for an error: status, envelope, and headers such as Retry-After. */
export interface ErrorReply {
  statusCode: number;
  body: ErrorEnvelope;
  headers: Record<string, string>;
  /** True for the generic 500: the original error is logged, never sent. */
  unexpected: boolean;
  /** Set when the database failed (a 503): the caller reports it to DatabaseHealth. */
  databaseFault?: DatabaseFaultReason;
}

/** How long a client should wait before retrying a request the database could not serve. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/** What the 503 says for each reason; never the driver's own message, which names hosts. */
const FAULT_MESSAGES: Record<DatabaseFaultReason, string> = {
  unreachable: 'the database is not reachable right now; retry shortly',
  busy: 'the database is busy right now; retry shortly',
  disk_full: 'the database has no space left to write; retry later',
  io_error: 'the database could not read or write its storage; retry later',
};

/** Fastify's own errors that are the client's fault, by Fastify error code. */
const FASTIFY_CODES: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_REQUEST', message: 'the body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'INVALID_REQUEST',
    message: 'the body is empty; send a JSON object',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'INVALID_REQUEST',
    message: 'send the body as JSON with Content-Type: application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'INVALID_REQUEST',
    message: 'Content-Length does not match the body',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'PAYLOAD_TOO_LARGE',
    message: 'the body is larger than this server accepts',
  },
};

/**
 * The one place that turns an error into an HTTP answer. A DataFoldError answers with its
 * registry status (spec/errors.json) and its own message and details, with `Retry-After` when
 * its details carry `retry_after_seconds` (and a refused signed request with its own fields,
 * `Accept-Signature` or `Retry-After`); a database that is unreachable, busy or full is 503
 * DATABASE_UNAVAILABLE with `Retry-After`; a schema violation or a malformed body is 400
 * INVALID_REQUEST; anything else is a generic 500 INTERNAL_ERROR whose message reveals nothing
 * (the cause goes to the log only).
 *
 * @example
 * const { statusCode, body } = toErrorReply(new DataFoldError('CLIENT_NOT_FOUND', 'no such client'));
 */
export function toErrorReply(error: unknown): ErrorReply {
  if (isDataFoldError(error)) {
    const headers: Record<string, string> = {};
    const retryAfter = error.details.retry_after_seconds;
    if (typeof retryAfter === 'number') headers['retry-after'] = String(retryAfter);
    // A refused signed request says what to send (Accept-Signature on 401) or when to retry.
    if (error instanceof RequestSignatureError) Object.assign(headers, error.headers);
    return reply(error.code, error.message, { ...error.details }, headers);
  }
  const fault = databaseFault(error);
  if (fault) {
    return {
      ...reply(
        'DATABASE_UNAVAILABLE',
        FAULT_MESSAGES[fault],
        { reason: fault, retry_after_seconds: DATABASE_RETRY_AFTER_SECONDS },
        { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) },
      ),
      databaseFault: fault,
    };
  }
  const fastifyError = error as { code?: string; validation?: unknown; message?: string };
  if (fastifyError?.validation) {
    const refusal = schemaRefusal(error as SchemaValidationFailure);
    return reply(refusal.code, refusal.message, { ...refusal.details });
  }
  const known = fastifyError?.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (known) return reply(known.code, known.message, {});
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return reply('INVALID_REQUEST', 'the request could not be processed as sent', {});
  }
  return {
    ...reply(
      'INTERNAL_ERROR',
      'internal error; the request id identifies it in the server log',
      {},
    ),
    unexpected: true,
  };
}

function reply(
  code: ErrorCode,
  message: string,
  details: Record<string, unknown>,
  headers: Record<string, string> = {},
): ErrorReply {
  return {
    statusCode: ERROR_REGISTRY[code].httpStatus,
    body: { success: false, error: { code, message, details } },
    headers,
    unexpected: false,
  };
}
