import type { AdminRole } from '../domain/admin-tokens.js';
import type { AuthenticatedToken } from '../domain/admin-token-service.js';
import type { VerifiedRequest } from '@datafold/js-sdk';
import type { AppContext } from './app-context.js';

/** Who may call an admin route (route config, read by the admin authentication hook). */
export interface AdminRouteConfig {
  /** The token roles allowed. */
  roles: readonly AdminRole[];
  /**
   * Without an Authorization header the request goes on unauthenticated (`request.admin` null):
   * revoke and rotate take a signed statement instead of a token.
   */
  optional?: boolean;
}

// Fastify's own typing of what this server adds: the context every route uses, the
// authenticated token of an admin request, and the per-route admin rule.
declare module 'fastify' {
  interface FastifyInstance {
    datafold: AppContext;
  }
  interface FastifyRequest {
    /** The token that authenticated this request; null on routes without an admin rule. */
    admin: AuthenticatedToken | null;
    /** The verified signer of a signed request (`--require-signed-requests`); null otherwise. */
    signedBy: VerifiedRequest | null;
  }
  interface FastifyContextConfig {
    admin?: AdminRouteConfig;
  }
}
