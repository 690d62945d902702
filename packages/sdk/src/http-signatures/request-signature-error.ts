import { DataFoldError } from '../errors/datafold-error.js';
import type { ErrorCode } from '../errors/registry.js';
import { ACCEPT_SIGNATURE } from './profile.js';

/** The codes a signed-request verifier answers with (spec/http-message-signatures-v1.md §4). */
export type RequestSignatureErrorCode = Extract<
  ErrorCode,
  | 'REQUEST_SIGNATURE_MISSING'
  | 'REQUEST_SIGNATURE_MALFORMED'
  | 'REQUEST_SIGNATURE_INSUFFICIENT_COVERAGE'
  | 'REQUEST_SIGNATURE_NOT_YET_VALID'
  | 'REQUEST_SIGNATURE_EXPIRED'
  | 'REQUEST_SIGNATURE_TOO_OLD'
  | 'CONTENT_DIGEST_MISMATCH'
  | 'REQUEST_SIGNATURE_UNKNOWN_KEY'
  | 'REQUEST_SIGNATURE_INACTIVE_KEY'
  | 'REQUEST_SIGNATURE_INVALID'
  | 'REQUEST_SIGNATURE_REPLAYED'
  | 'REPLAY_STORE_UNAVAILABLE'
>;

/** Seconds a client waits before retrying when the replay store was unreachable. */
export const REPLAY_STORE_RETRY_AFTER_SECONDS = 1;

/**
 * A refused signed request: `code` is one of the codes of spec §4 and `httpStatus` its status in
 * the registry. `headers` are the fields the answer carries: `Accept-Signature` on a 401 (RFC 9421
 * §5, so the client learns what to send), `Retry-After` on the 503 of an unreachable replay
 * store. The message says what is wrong with the request and never whether a client exists
 * beyond the code itself (spec §4, "Existence").
 *
 * @example
 * try { await verifyRequest(request, options); }
 * catch (e) { if (e instanceof RequestSignatureError) reply.code(e.httpStatus).headers(e.headers); }
 */
export class RequestSignatureError extends DataFoldError {
  declare readonly code: RequestSignatureErrorCode;

  constructor(
    code: RequestSignatureErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, details, options);
  }

  /** The response fields that go with this refusal. */
  get headers(): Record<string, string> {
    if (this.code === 'REPLAY_STORE_UNAVAILABLE') {
      return { 'retry-after': String(REPLAY_STORE_RETRY_AFTER_SECONDS) };
    }
    return this.httpStatus === 401 ? { 'accept-signature': ACCEPT_SIGNATURE } : {};
  }
}
