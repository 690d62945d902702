import { isDataFoldError, type DataFoldError } from '../errors/datafold-error.js';
import { RequestSignatureError } from '../http-signatures/index.js';

/** A refusal in the DataFold envelope (WIRE-PROTOCOL.md), ready for either framework to send. */
export interface Refusal {
  statusCode: number;
  headers: Record<string, string>;
  body: {
    success: false;
    error: { code: string; message: string; details: Record<string, unknown> };
  };
}

/** Seconds a 503 of the key source asks the caller to wait when its error does not say. */
const DEFAULT_RETRY_AFTER_SECONDS = 1;

/**
 * The answer to a request the middleware will not pass. A verification refusal answers with its
 * code, status and fields (spec/http-message-signatures-v1.md §4: `Accept-Signature` on a 401,
 * `Retry-After` when the replay store could not record the nonce); any other DataFoldError with
 * status 503 (the key source could not answer) with `Retry-After` from its
 * `retry_after_seconds`. Either way the request is never passed unchecked. Undefined for anything
 * else, which the framework's own error handling answers (a bug is not a refusal).
 *
 * @example
 * const refusal = toRefusal(error);
 * if (refusal) reply.code(refusal.statusCode).headers(refusal.headers).send(refusal.body);
 */
export function toRefusal(error: unknown): Refusal | undefined {
  if (error instanceof RequestSignatureError) return errorReply(error, error.headers);
  if (!isDataFoldError(error) || error.httpStatus !== 503) return undefined;
  const wait = error.details.retry_after_seconds;
  const seconds =
    typeof wait === 'number' && Number.isSafeInteger(wait) && wait >= 0
      ? wait
      : DEFAULT_RETRY_AFTER_SECONDS;
  return errorReply(error, { 'retry-after': String(seconds) });
}

/**
 * A DataFoldError as the envelope the middleware sends: its code, message and details, with the
 * code's status and the given header fields.
 *
 * @example
 * errorReply(new DataFoldError('PAYLOAD_TOO_LARGE', 'the body is larger than 1048576 bytes'));
 */
export function errorReply(error: DataFoldError, headers: Record<string, string> = {}): Refusal {
  return {
    statusCode: error.httpStatus,
    headers,
    body: {
      success: false,
      error: { code: error.code, message: error.message, details: { ...error.details } },
    },
  };
}
