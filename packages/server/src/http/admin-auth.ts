import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { AdminRouteConfig } from '../app/fastify-types.js';
import type { AdminTokenService } from '../domain/admin-token-service.js';
import { appendRouteHook } from './route-hooks.js';

/** Routes that read: admin and auditor tokens. */
export const READERS: AdminRouteConfig = { roles: ['admin', 'auditor'] };
/** Routes that change state: admin tokens only. */
export const ADMINS: AdminRouteConfig = { roles: ['admin'] };

/**
 * Admin authentication: a route that names its roles in its config
 * (`config: { admin: { roles: ['admin'] } }`) gets `Authorization: Bearer <token>` checked before
 * anything else it runs — 401 UNAUTHORIZED without a valid token, 403 FORBIDDEN for a token of
 * another role — and `request.admin` set to the token. The check is added to those routes only,
 * as each is registered (after the app's own onRequest hooks, so security headers, the request
 * id and the rate limits still come first): a route without the rule runs no hook for it, not
 * even one that returns at once, since an async hook costs a promise on every request. Call
 * before the routes are registered.
 *
 * @example
 * addAdminAuthentication(app, ctx.tokens);
 * app.get('/api/admin/audit', { config: { admin: { roles: ['admin', 'auditor'] } } }, handler);
 */
export function addAdminAuthentication(app: FastifyInstance, tokens: AdminTokenService): void {
  app.decorateRequest('admin', null);
  app.addHook('onRoute', (route) => {
    const rule = route.config?.admin;
    if (!rule) return;
    const authenticate: onRequestAsyncHookHandler = async (request: FastifyRequest) => {
      const header = request.headers.authorization;
      if (rule.optional && header === undefined) return;
      request.admin = await tokens.authenticate(header, rule.roles);
    };
    appendRouteHook(route, 'onRequest', authenticate);
  });
}
