import { hash, randomBytes } from 'node:crypto';
import { ValidationError } from '@datafold/js-sdk';
import { parseDuration } from '../config/duration.js';
import { isCleanText, wellFormed } from '@datafold/js-sdk';
import type { AdminTokenService, AuthenticatedToken } from './admin-token-service.js';

/** What a token may do: `admin` everything, `auditor` read only. */
export type AdminRole = 'admin' | 'auditor';
export const ADMIN_ROLES: readonly AdminRole[] = ['admin', 'auditor'];

/**
 * A token's lifetime when none is asked for. Tokens here cannot be renewed, so the default is
 * the quarterly rotation most credential policies ask for anyway: long enough that a dashboard
 * token is not replaced every few weeks, short enough that a forgotten or leaked token dies by
 * itself. `never` is accepted, but only when asked for by name.
 */
export const DEFAULT_TOKEN_TTL = '90d';

/** A TTL: 1 to 99999 seconds, minutes, hours or days, or `never`. For schemas and messages. */
export const TOKEN_TTL_PATTERN = '^(never|[1-9][0-9]{0,4}[smhd])$';

/** The longest label, in characters (code points, as JSON Schema's maxLength counts them). */
export const TOKEN_LABEL_MAX = 200;

/** A token id: a lowercase UUID, as the server makes them. For schemas and {@link parseTokenId}. */
export const TOKEN_ID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const TOKEN_ID = new RegExp(TOKEN_ID_PATTERN);

/** Every token starts with this, so a leaked one is recognisable in a scan. */
const TOKEN_PREFIX = 'dfk_';

/**
 * A new token: the prefix and 32 random bytes, base64url.
 *
 * @example
 * const secret = newTokenSecret(); // 'dfk_Xq3…' (47 characters)
 */
export function newTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * The SHA-256 of a token, hex: all the database ever holds. A token is 256 random bits, so a
 * plain hash is enough; a slow password hash would only slow every admin request.
 *
 * @example
 * await tokens.findByHash(hashToken(presented));
 */
export function hashToken(token: string): string {
  // One call without a Hash object (Node 21.7+; the server needs 22). A string is hashed as UTF-8.
  return hash('sha256', token, 'hex');
}

function invalid(message: string): never {
  throw new ValidationError('INVALID_ARGUMENT', message);
}

/**
 * Checks a role; `name` is how the caller spells it (`--role`, `role`).
 *
 * @example
 * parseTokenRole('auditor', '--role'); // 'auditor'
 */
export function parseTokenRole(role: unknown, name: string): AdminRole {
  if (typeof role !== 'string' || !ADMIN_ROLES.includes(role as AdminRole)) {
    invalid(`${name} must be admin or auditor`);
  }
  return role as AdminRole;
}

/**
 * Checks an optional label: free text ({@link isCleanText}: no control characters) of 1 to
 * {@link TOKEN_LABEL_MAX} characters, with lone surrogates made U+FFFD ({@link wellFormed}) so it
 * stores and hashes the same on both databases. Absent or null is no label.
 *
 * @example
 * parseTokenLabel('on-call', '--label'); // 'on-call'
 */
export function parseTokenLabel(label: unknown, name: string): string | null {
  if (label === undefined || label === null) return null;
  const length = typeof label === 'string' ? [...label].length : 0;
  if (typeof label !== 'string' || length < 1 || length > TOKEN_LABEL_MAX || !isCleanText(label)) {
    invalid(`${name} must be 1 to ${TOKEN_LABEL_MAX} characters, without control characters`);
  }
  return wellFormed(label);
}

/**
 * Reads a TTL into milliseconds, null for `never`; absent means {@link DEFAULT_TOKEN_TTL}.
 *
 * @example
 * parseTokenTtl('12h', '--ttl'); // 43200000
 * parseTokenTtl('never', '--ttl'); // null
 */
export function parseTokenTtl(ttl: unknown, name: string): number | null {
  const raw = ttl === undefined || ttl === null ? DEFAULT_TOKEN_TTL : ttl;
  if (raw === 'never') return null;
  const ms = typeof raw === 'string' ? parseDuration(raw, ['s', 'm', 'h', 'd']) : null;
  if (ms === null) {
    invalid(`${name} must be a whole number of s, m, h or d (e.g. 30d, 12h), or never`);
  }
  return ms;
}

/**
 * Checks a token id (a UUID, as `token list` shows it). The value is never repeated in the
 * message: what was passed by mistake may be a token itself.
 *
 * @example
 * parseTokenId('0f8c…', 'token revoke');
 */
export function parseTokenId(tokenId: unknown, name: string): string {
  if (typeof tokenId === 'string' && TOKEN_ID.test(tokenId)) return tokenId;
  if (typeof tokenId === 'string' && tokenId.startsWith(TOKEN_PREFIX)) {
    invalid(`${name} takes a token id from token list, not the token itself`);
  }
  return invalid(`${name} takes a token id: a UUID as token list shows it`);
}

/**
 * Issues a token with the default TTL, as an operator on the host would: for embedding and
 * tests. The token itself is returned once; only its hash is stored.
 *
 * @example
 * const { token, tokenId } = await createAdminToken(appContext(app).tokens, 'auditor', 'ops');
 */
export async function createAdminToken(
  tokens: AdminTokenService,
  role: AdminRole,
  label: string | null = null,
): Promise<{ token: string; tokenId: string }> {
  const created = await tokens.create({ role, label, ttl: undefined }, { kind: 'operator' });
  return { token: created.token, tokenId: created.token_id };
}

/**
 * Checks an `Authorization: Bearer <token>` header against the roles a route allows: no, unknown,
 * revoked or expired token is 401 UNAUTHORIZED, a valid token without the role 403 FORBIDDEN.
 * Every call reads the database: there is no token cache that a revocation could miss.
 *
 * @example
 * const { tokenId } = await authenticateAdmin(ctx.tokens, request.headers.authorization, ['admin']);
 */
export function authenticateAdmin(
  tokens: AdminTokenService,
  header: string | undefined,
  allowed: readonly AdminRole[],
): Promise<AuthenticatedToken> {
  return tokens.authenticate(header, allowed);
}
