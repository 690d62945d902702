import { bytesToHex } from '../encoding/hex.js';
import { utf8ToBytes } from '../encoding/utf8.js';
import { ValidationError } from '../errors/datafold-error.js';
import { randomBytes } from '../platform/webcrypto.js';
import { assertRotationReason } from '../rotation/rotation-metadata.js';
import { sign } from '../signatures/sign.js';

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

const CLIENT_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Throws INVALID_CLIENT_ID unless `clientId` has the form of spec/http-statements.md §2. */
export function assertClientId(clientId: unknown): asserts clientId is string {
  if (typeof clientId !== 'string' || !CLIENT_ID.test(clientId)) {
    throw new ValidationError(
      'INVALID_CLIENT_ID',
      'clientId must be 1-128 characters from A-Z a-z 0-9 . _ - :',
    );
  }
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
    'datafold-statement-v1',
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
 * Signs a statement with `privateKey` and returns the signature as lowercase hex. The reason is
 * checked first (0-256 characters, no control characters), as the server would refuse it.
 *
 * @example
 * const signature = await signStatement(fields, keyPair.privateKey);
 */
export async function signStatement(
  fields: StatementFields,
  privateKey: Uint8Array,
): Promise<string> {
  if (fields.reason !== undefined) assertRotationReason(fields.reason);
  return bytesToHex(await sign(canonicalStatement(fields), privateKey));
}
