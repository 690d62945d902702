import { ValidationError } from '@datafold/js-sdk';
import { isCleanText } from './wire-inputs.js';

/** The first line of every statement: the format and its version (spec/http-statements.md §2). */
export const STATEMENT_HEADER = 'datafold-statement-v1';

/** What a statement authorises. */
export type StatementAction = 'register' | 'revoke' | 'rotate';

/** The fields of a statement, already validated. */
export interface StatementFields {
  action: StatementAction;
  /** Empty only for a registration that lets the server assign the client id. */
  clientId: string;
  /** register: the key being registered; revoke and rotate: the client's active key. */
  publicKey: string;
  /** rotate only: the key the client moves to. */
  newPublicKey?: string;
  /** revoke and rotate: why, possibly empty. */
  reason?: string;
  timestamp: string;
  nonce: string;
}

/** The statement fields' rules as JSON Schema patterns (read by the request schemas too). */
export const STATEMENT_PATTERNS = {
  /** `YYYY-MM-DDTHH:MM:SS.sssZ`, as `Date.prototype.toISOString` writes it. */
  timestamp: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$',
  /** 32 to 64 lowercase hex characters (16 to 32 random bytes). */
  nonce: '^[0-9a-f]{32,64}$',
} as const;

/** The longest reason, in code points. */
export const MAX_REASON_LENGTH = 256;

const TIMESTAMP = new RegExp(STATEMENT_PATTERNS.timestamp);
const NONCE = new RegExp(STATEMENT_PATTERNS.nonce);

/**
 * The exact bytes a statement's signature covers (spec/http-statements.md §3): UTF-8 of
 * `name: value` lines, each ending in LF, in a fixed order per action.
 *
 * @example
 * const bytes = canonicalStatement({ action: 'revoke', clientId, publicKey, reason: '', timestamp, nonce });
 */
export function canonicalStatement(fields: StatementFields): Uint8Array {
  const lines = [
    STATEMENT_HEADER,
    `action: ${fields.action}`,
    `client_id: ${fields.clientId}`,
    `public_key: ${fields.publicKey}`,
  ];
  if (fields.action === 'rotate') lines.push(`new_public_key: ${fields.newPublicKey ?? ''}`);
  if (fields.action !== 'register') lines.push(`reason: ${fields.reason ?? ''}`);
  lines.push(`timestamp: ${fields.timestamp}`, `nonce: ${fields.nonce}`);
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

/**
 * Checks the timestamp's form: `YYYY-MM-DDTHH:MM:SS.sssZ`, a real instant, exactly as
 * `Date.prototype.toISOString` writes it. Returns its time in milliseconds.
 *
 * @example
 * parseStatementTimestamp('2026-11-22T09:30:27.835Z');
 */
export function parseStatementTimestamp(value: unknown): number {
  if (typeof value !== 'string' || !TIMESTAMP.test(value)) {
    throw new ValidationError(
      'INVALID_STATEMENT',
      'timestamp must be RFC 3339 UTC with milliseconds, like 2026-11-22T09:30:27.835Z',
      { field: 'timestamp' },
    );
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || new Date(ms).toISOString() !== value) {
    throw new ValidationError('INVALID_STATEMENT', 'timestamp is not a real date and time', {
      field: 'timestamp',
    });
  }
  return ms;
}

/**
 * A nonce: 32 to 64 lowercase hex characters (16 to 32 random bytes).
 *
 * @example
 * assertNonce(randomBytes(16).toString('hex'));
 */
export function assertNonce(value: unknown): asserts value is string {
  if (typeof value !== 'string' || !NONCE.test(value)) {
    throw new ValidationError(
      'INVALID_STATEMENT',
      'nonce must be 32 to 64 lowercase hex characters (16 to 32 random bytes)',
      { field: 'nonce' },
    );
  }
}

/**
 * A reason: absent (empty) or up to 256 characters with no control characters and no lone
 * surrogates, so its UTF-8 is unambiguous and it cannot add a line to the statement.
 *
 * @example
 * const reason = parseReason(body.reason); // '' when absent
 */
export function parseReason(value: unknown): string {
  if (value === undefined || value === null) return '';
  // Control characters would let a reason forge a line of the statement.
  if (typeof value !== 'string' || [...value].length > MAX_REASON_LENGTH || !isCleanText(value)) {
    throw new ValidationError(
      'INVALID_STATEMENT',
      'reason must be text of at most 256 characters without control characters',
      { field: 'reason' },
    );
  }
  return value;
}

/**
 * Throws STATEMENT_EXPIRED when the statement's time is more than `windowMs` from `nowMs`
 * (spec/http-statements.md §4: ±5 minutes).
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
