import type { FastifyInstance } from 'fastify';
import { addAdminAuthentication } from '../http/admin-auth.js';
import { limitJsonDepth } from '../http/json-depth.js';
import { answerUnroutedRequests } from '../http/method-not-allowed.js';
import type { OverheadPart } from '../http/overhead-parts.js';
import { addRequestHooks } from '../http/request-hooks.js';
import { requireSignedRequests } from '../signed-requests/require-signed-requests.js';
import type { AppContext } from './app-context.js';
import { toErrorReply } from './error-reply.js';

/**
 * What happens to every request around its route, in order: security headers and the request id,
 * the rate limits, admin authentication (routes that name roles), a JSON body parsed only when it
 * nests no deeper than 32 levels, with `--require-signed-requests` its bytes kept and the
 * request's RFC 9421 signature checked before its schema, one error mapping for every failure
 * (the 404 and 405 of an unrouted request included), and one metrics observation and log line at
 * the end. Call before the routes are registered: the 405 handling learns them as they are.
 *
 * @example
 * addRequestHandling(app, ctx);
 */
export function addRequestHandling(
  app: FastifyInstance,
  ctx: AppContext,
  leaveOut: ReadonlySet<OverheadPart> = new Set(),
): void {
  addRequestHooks(app, { limits: ctx.limits, metrics: ctx.metrics, leaveOut });
  addAdminAuthentication(app, ctx.tokens);
  limitJsonDepth(app, { keepBytes: ctx.config.requireSignedRequests });
  app.decorateRequest('signedBy', null);
  if (ctx.config.requireSignedRequests) {
    requireSignedRequests(app, ctx.signedRequests, ctx.config.publicUrl);
  }
  const answerUnrouted = answerUnroutedRequests(app, (error) => toErrorReply(error));
  app.setErrorHandler((error, request, reply) => {
    // Fastify can refuse an unrouted request before the not-found handler (QUERY without a
    // Content-Type): it is still a request no route takes.
    if (request.is404) {
      answerUnrouted(request, reply);
      return;
    }
    const answer = toErrorReply(error);
    if (answer.unexpected) request.log.error({ err: error }, 'unexpected error');
    if (answer.databaseFault) ctx.health.fault(answer.databaseFault, error);
    void reply.code(answer.statusCode).headers(answer.headers).send(answer.body);
  });
}
