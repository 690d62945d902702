import { bytesToHex } from '../encoding/hex.js';
import { codePointLength, isCleanText, wellFormed } from '../encoding/text-rules.js';
import { utf8ToBytes } from '../encoding/utf8.js';
import { ValidationError } from '../errors/datafold-error.js';
import { randomBytes } from '../platform/webcrypto.js';
import { signWithEither } from './signing-key-pair.js';

// The one home of the signed-statement format (spec/http-statements.md): its canonical bytes and
// the rules of its fields. The SDKs build statements with it; the server checks them with it and
// adds only what is the server's own: freshness against its clock and the nonce store.

/** The first line of every statement: the format and its version (§2). */
export const STATEMENT_HEADER = 'datafold-statement-v1';

/** The statement fields' rules as JSON Schema patterns (the server's request schemas use them). */
export const STATEMENT_FIELD_PATTERNS = {
  /** 1-128 characters from A-Z a-z 0-9 . _ - : */
  clientId: '^[A-Za-z0-9._:-]{1,128}$',
  /** `YYYY-MM-DDTHH:MM:SS.sssZ`, as `Date.prototype.toISOString` writes it (a real date besides). */
  timestamp:
    '^\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d\\.\\d{3}Z$',
  /** 32 to 64 lowercase hex characters (16 to 32 random bytes). */
  nonce: '^[0-9a-f]{32,64}$',
} as const;

/** The longest reason of a revocation or rotation, in code points (§2). */
export const MAX_REASON_LENGTH = 256;

const CLIENT_ID = new RegExp(STATEMENT_FIELD_PATTERNS.clientId);
const TIMESTAMP = new RegExp(STATEMENT_FIELD_PATTERNS.timestamp);
const NONCE = new RegExp(STATEMENT_FIELD_PATTERNS.nonce);

/** The fields of a signed statement (spec/http-statements.md §2). */
export interface StatementFields {
  action: 'register' | 'revoke' | 'rotate';
  /** Empty for a registration whose client id the server assigns. */
  clientId: string;
  /** Lowercase hex of the signing (register: registered) key. */
  publicKey: string;
  /** rotate only. */
  newPublicKey?: string;
  /** revoke and rotate: possibly empty. */
  reason?: string;
  /** `YYYY-MM-DDTHH:MM:SS.sssZ`. */
  timestamp: string;
  /** 32-64 lowercase hex characters. */
  nonce: string;
}

/**
 * Throws INVALID_CLIENT_ID unless `clientId` has the form of spec/http-statements.md §2. `field`
 * names it in the message as the caller knows it (`client_id` on the wire).
 *
 * @example
 * assertClientId('alice-laptop');
 */
export function assertClientId(clientId: unknown, field = 'clientId'): asserts clientId is string {
  if (typeof clientId !== 'string' || clientId === '') {
    throw new ValidationError('INVALID_CLIENT_ID', `${field} is required`, { field });
  }
  if (!CLIENT_ID.test(clientId)) {
    throw new ValidationError(
      'INVALID_CLIENT_ID',
      `${field} must be 1-128 characters from A-Z a-z 0-9 . _ - :`,
      { field },
    );
  }
}

/**
 * Checks a statement's timestamp (§2): `YYYY-MM-DDTHH:MM:SS.sssZ`, a real instant, exactly as
 * `Date.prototype.toISOString` writes it; returns its time in milliseconds, else throws
 * INVALID_STATEMENT.
 *
 * @example
 * parseStatementTimestamp('2026-11-22T09:30:27.835Z'); // 1795339827835
 */
export function parseStatementTimestamp(value: unknown, field = 'timestamp'): number {
  if (typeof value !== 'string' || !TIMESTAMP.test(value)) {
    throw new ValidationError(
      'INVALID_STATEMENT',
      `${field} must be RFC 3339 UTC with milliseconds, like 2026-11-22T09:30:27.835Z`,
      { field },
    );
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || new Date(ms).toISOString() !== value) {
    throw new ValidationError('INVALID_STATEMENT', `${field} is not a real date and time`, {
      field,
    });
  }
  return ms;
}

/**
 * Throws INVALID_STATEMENT unless `value` is a statement nonce: 32 to 64 lowercase hex
 * characters, 16 to 32 random bytes (§2, §4).
 *
 * @example
 * assertStatementNonce(bytesToHex(crypto.getRandomValues(new Uint8Array(16))));
 */
export function assertStatementNonce(value: unknown, field = 'nonce'): asserts value is string {
  if (typeof value !== 'string' || !NONCE.test(value)) {
    throw new ValidationError(
      'INVALID_STATEMENT',
      `${field} must be 32 to 64 lowercase hex characters (16 to 32 random bytes)`,
      { field },
    );
  }
}

/**
 * True when `value` is a reason a statement may carry: text of at most {@link MAX_REASON_LENGTH}
 * code points without control characters (§2).
 *
 * @example
 * isStatementReason('laptop stolen'); // true
 */
export function isStatementReason(value: unknown): value is string {
  return (
    typeof value === 'string' && codePointLength(value) <= MAX_REASON_LENGTH && isCleanText(value)
  );
}

/**
 * A statement's reason (§2): absent (empty) or up to 256 characters with no control characters,
 * so it cannot add a line to the statement; lone surrogates become U+FFFD, as TextEncoder encodes
 * them, so the reason stored is the one signed. Else INVALID_STATEMENT.
 *
 * @example
 * parseStatementReason(undefined); // ''
 */
export function parseStatementReason(value: unknown, field = 'reason'): string {
  if (value === undefined || value === null) return '';
  if (!isStatementReason(value)) {
    throw new ValidationError(
      'INVALID_STATEMENT',
      `${field} must be text of at most ${MAX_REASON_LENGTH} characters without control characters`,
      { field },
    );
  }
  return wellFormed(value);
}

/**
 * The exact bytes a statement's signature covers (spec/http-statements.md §3): UTF-8 of
 * `name: value` lines, each ending in LF, in the fixed order of the action.
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
  return utf8ToBytes(`${lines.join('\n')}\n`);
}

/** A fresh timestamp and a 16-byte random nonce for a statement (§2, §4). */
export function statementFreshness(now: Date = new Date()): { timestamp: string; nonce: string } {
  return { timestamp: now.toISOString(), nonce: bytesToHex(randomBytes(16)) };
}

/**
 * Signs a statement with `privateKey` (a 32-byte seed, or an Ed25519 private CryptoKey such as a
 * non-extractable one, signed inside WebCrypto) and returns the signature as lowercase hex. The
 * reason is checked first (0-256 characters, no control characters), as the server would refuse it.
 *
 * @example
 * const signature = await signStatement(fields, keyPair.privateKey);
 */
export async function signStatement(
  fields: StatementFields,
  privateKey: Uint8Array | CryptoKey,
): Promise<string> {
  if (fields.reason !== undefined && !isStatementReason(fields.reason)) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      `reason must be a string of at most ${MAX_REASON_LENGTH} characters without control characters`,
    );
  }
  return bytesToHex(await signWithEither(canonicalStatement(fields), privateKey));
}
