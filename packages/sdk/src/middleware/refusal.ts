import { isDataFoldError, type DataFoldError } from '../errors/datafold-error.js';
import { ACCEPT_SIGNATURE, RequestSignatureError } from '../http-signatures/index.js';

/** A refusal in the DataFold envelope (WIRE-PROTOCOL.md), ready for either framework to send. */
export interface Refusal {
  statusCode: number;
  headers: Record<string, string>;
  body: {
    success: false;
    error: { code: string; message: string; details: Record<string, unknown> };
  };
}

/** Seconds a 503 asks the caller to wait when the error does not say. */
const DEFAULT_RETRY_AFTER_SECONDS = 1;

/**
 * The answer to a request the middleware will not pass: a verification refusal with its code and
 * status (spec/http-message-signatures-v1.md §4), `Accept-Signature` on a 401, `Retry-After` on a
 * 503 (the replay store or the key server could not answer: never accepted unchecked). Undefined
 * for anything else, which the framework's own error handling answers (a bug is not a refusal).
 *
 * @example
 * const refusal = toRefusal(error);
 * if (refusal) reply.code(refusal.statusCode).headers(refusal.headers).send(refusal.body);
 */
export function toRefusal(error: unknown): Refusal | undefined {
  if (!isDataFoldError(error)) return undefined;
  if (!(error instanceof RequestSignatureError) && error.httpStatus !== 503) return undefined;
  return errorReply(error);
}

/**
 * Any DataFoldError as the envelope the middleware sends: its code, message and details, with the
 * code's status and the headers above.
 *
 * @example
 * errorReply(new DataFoldError('PAYLOAD_TOO_LARGE', 'the body is larger than 1048576 bytes'));
 */
export function errorReply(error: DataFoldError): Refusal {
  const statusCode = error.httpStatus;
  const headers: Record<string, string> = {};
  if (statusCode === 401) headers['accept-signature'] = ACCEPT_SIGNATURE;
  const details: Record<string, unknown> = { ...error.details };
  if (statusCode === 503) {
    const wait = details.retry_after_seconds;
    const seconds =
      typeof wait === 'number' && Number.isSafeInteger(wait) && wait >= 0
        ? wait
        : DEFAULT_RETRY_AFTER_SECONDS;
    details.retry_after_seconds = seconds;
    headers['retry-after'] = String(seconds);
  }
  return {
    statusCode,
    headers,
    body: { success: false, error: { code: error.code, message: error.message, details } },
  };
}
