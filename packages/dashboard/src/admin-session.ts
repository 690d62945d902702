import { adminRequest } from './admin-api.js';

/** The signed-in admin: the token and the role the server reported for it. */
export interface AdminSession {
  token: string;
  role: 'admin' | 'auditor';
  /** The token's id (not the secret), to mark it in the tokens list. */
  tokenId: string;
}

// Held in this module only: never localStorage, sessionStorage, a cookie or the URL, so the token
// lives exactly as long as this page and no other script or tab can read it back.
let current: AdminSession | null = null;
const listeners = new Set<() => void>();

/**
 * The current admin session, or null before sign-in.
 *
 * @example
 * if (!adminSession()) showLogin();
 */
export function adminSession(): AdminSession | null {
  return current;
}

/**
 * Checks a token with the server (`GET /api/admin/session`) and keeps it for this page's life.
 * A bad token is refused with the server's UNAUTHORIZED and nothing is kept.
 *
 * @example
 * await signIn(tokenInput.value.trim());
 */
export async function signIn(token: string): Promise<AdminSession> {
  const { role, token_id: tokenId } = await adminRequest<{
    role: 'admin' | 'auditor';
    token_id: string;
  }>(token, 'GET', '/api/admin/session');
  current = { token, role, tokenId };
  for (const listener of listeners) listener();
  return current;
}

/**
 * Forgets the token.
 *
 * @example
 * signOut();
 */
export function signOut(): void {
  current = null;
  for (const listener of listeners) listener();
}

/**
 * Calls `listener` after every sign-in and sign-out.
 *
 * @example
 * onSessionChange(() => renderHeader());
 */
export function onSessionChange(listener: () => void): void {
  listeners.add(listener);
}
