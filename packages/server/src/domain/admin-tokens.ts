import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataFoldError } from '@datafold/js-sdk';
import type { TokenRepository } from '../repositories/token-repository.js';

/** What a token may do: `admin` everything, `auditor` read only. */
export type AdminRole = 'admin' | 'auditor';
export const ADMIN_ROLES: readonly AdminRole[] = ['admin', 'auditor'];

/** Every token starts with this, so a leaked one is recognisable in a scan. */
const TOKEN_PREFIX = 'dfk_';

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Issues a token (32 random bytes, base64url) and stores only its SHA-256. The token itself is
 * returned once, to be printed; it cannot be recovered later.
 *
 * @example
 * const { token, tokenId } = await createAdminToken(tokens, 'auditor', 'ops dashboard');
 */
export async function createAdminToken(
  tokens: TokenRepository,
  role: AdminRole,
  label: string | null = null,
): Promise<{ token: string; tokenId: string }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const tokenId = randomUUID();
  await tokens.insert({
    token_id: tokenId,
    token_hash: hashToken(token),
    role,
    label,
    created_at: new Date().toISOString(),
  });
  return { token, tokenId };
}

/**
 * Checks an `Authorization: Bearer <token>` header against the roles a route allows:
 * no or unknown token is 401 UNAUTHORIZED, a known token without the role is 403 FORBIDDEN.
 *
 * @example
 * const { tokenId } = await authenticateAdmin(tokens, request.headers.authorization, ['admin']);
 */
export async function authenticateAdmin(
  tokens: TokenRepository,
  header: string | undefined,
  allowed: readonly AdminRole[],
): Promise<{ tokenId: string; role: AdminRole }> {
  const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header ?? '');
  const row = match ? await tokens.findByHash(hashToken(match[1]!)) : undefined;
  if (!row) {
    throw new DataFoldError(
      'UNAUTHORIZED',
      'send a valid token as Authorization: Bearer <token> (create one with datafold-server token create)',
    );
  }
  if (!allowed.includes(row.role)) {
    throw new DataFoldError(
      'FORBIDDEN',
      `this route needs a token with role ${allowed.join(' or ')}`,
      {
        role: row.role,
      },
    );
  }
  return { tokenId: row.token_id, role: row.role };
}
