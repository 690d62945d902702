import { ValidationError } from '@datafold/js-sdk';

/**
 * Throws STATEMENT_EXPIRED when a statement's time is more than `windowMs` from the server's
 * clock `nowMs` (spec/http-statements.md §4: ±5 minutes). The statement's form and fields are the
 * SDK's (`canonicalStatement`, `parseStatementTimestamp`, ...); freshness against this server's
 * clock, and the nonce store, are the server's own.
 *
 * @example
 * assertFresh(parseStatementTimestamp(ts), Date.now(), 300_000);
 */
export function assertFresh(timestampMs: number, nowMs: number, windowMs: number): void {
  if (Math.abs(nowMs - timestampMs) > windowMs) {
    throw new ValidationError(
      'STATEMENT_EXPIRED',
      `the statement's timestamp is more than ${Math.round(windowMs / 1000)} seconds from the server's clock; sign a fresh statement`,
      { window_seconds: Math.round(windowMs / 1000) },
    );
  }
}
