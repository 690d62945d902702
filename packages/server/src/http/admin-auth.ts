import type { FastifyInstance } from 'fastify';
import type { AdminRouteConfig } from '../app/fastify-types.js';
import type { AdminTokenService } from '../domain/admin-token-service.js';

/** Routes that read: admin and auditor tokens. */
export const READERS: AdminRouteConfig = { roles: ['admin', 'auditor'] };
/** Routes that change state: admin tokens only. */
export const ADMINS: AdminRouteConfig = { roles: ['admin'] };

/**
 * Admin authentication as one hook: a route that names its roles in its config
 * (`config: { admin: { roles: ['admin'] } }`) gets `Authorization: Bearer <token>` checked before
 * anything else runs — 401 UNAUTHORIZED without a valid token, 403 FORBIDDEN for a token of
 * another role — and `request.admin` set to the token. Routes without the rule pay nothing.
 *
 * @example
 * addAdminAuthentication(app, ctx.tokens);
 * app.get('/api/admin/audit', { config: { admin: { roles: ['admin', 'auditor'] } } }, handler);
 */
export function addAdminAuthentication(app: FastifyInstance, tokens: AdminTokenService): void {
  app.decorateRequest('admin', null);
  app.addHook('onRequest', async (request) => {
    const rule = request.routeOptions.config.admin;
    if (!rule) return;
    const header = request.headers.authorization;
    if (rule.optional && header === undefined) return;
    request.admin = await tokens.authenticate(header, rule.roles);
  });
}
