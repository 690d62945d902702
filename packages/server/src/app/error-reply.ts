import { ERROR_REGISTRY, isDataFoldError, type ErrorCode } from '@datafold/js-sdk';

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
}

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
 * registry status (spec/errors.json) and its own message and details; a schema violation or a
 * malformed body is 400 INVALID_REQUEST; anything else is a generic 500 INTERNAL_ERROR whose
 * message reveals nothing (the cause goes to the log only).
 *
 * @example
 * const { statusCode, body } = toErrorReply(new DataFoldError('CLIENT_NOT_FOUND', 'no such client'));
 */
export function toErrorReply(error: unknown): ErrorReply {
  if (isDataFoldError(error)) {
    const headers: Record<string, string> = {};
    const retryAfter = error.details.retry_after_seconds;
    if (error.code === 'RATE_LIMITED' && typeof retryAfter === 'number') {
      headers['retry-after'] = String(retryAfter);
    }
    return reply(error.code, error.message, { ...error.details }, headers);
  }
  const fastifyError = error as { code?: string; validation?: unknown; message?: string };
  if (fastifyError?.validation) {
    return reply(
      'INVALID_REQUEST',
      `invalid request: ${fastifyError.message ?? 'wrong shape'}`,
      {},
    );
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
