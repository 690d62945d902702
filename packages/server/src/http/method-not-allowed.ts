import { DataFoldError } from '@datafold/js-sdk';
import type { FastifyInstance } from 'fastify';

/** A route pattern as a regular expression over paths: `:param` is one segment. */
function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) =>
      segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/**
 * Learns every API route as it is registered, so that a request for a known path with the wrong
 * method can be told from one for an unknown path: `allowedMethods('/api/health')` is
 * `['GET', 'HEAD']`, and an unknown path has none (the 404). Wildcard routes (the dashboard's
 * files) are left out: they would make every path look known.
 *
 * @example
 * const allowed = trackAllowedMethods(app); // before routes are registered
 * allowed('/api/crypto/keys/register');     // ['POST']
 */
export function trackAllowedMethods(app: FastifyInstance): (path: string) => string[] {
  const routes: Array<{ pattern: RegExp; methods: string[] }> = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.includes('*')) return;
    const methods = ([] as string[]).concat(route.method);
    routes.push({ pattern: patternOf(route.url), methods });
  });
  return (path) => {
    const allowed = new Set<string>();
    for (const route of routes) {
      if (route.pattern.test(path)) for (const m of route.methods) allowed.add(m);
    }
    return [...allowed].sort();
  };
}

/**
 * The answer to a request no route takes, in the envelope: 405 METHOD_NOT_ALLOWED with `Allow`
 * when the path is an API route known for other methods, else 404 NOT_FOUND. Call before the
 * routes are registered, so it learns them.
 *
 * @example
 * answerUnroutedRequests(app, toErrorReply);
 */
export function answerUnroutedRequests(
  app: FastifyInstance,
  toReply: (error: DataFoldError) => { statusCode: number; body: unknown },
): void {
  const allowedMethods = trackAllowedMethods(app);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = allowedMethods(path);
    const error =
      allowed.length > 0
        ? new DataFoldError(
            'METHOD_NOT_ALLOWED',
            `${path} answers ${allowed.join(', ')}, not ${request.method}`,
            { allowed },
          )
        : new DataFoldError('NOT_FOUND', `no route ${request.method} ${path}`);
    if (allowed.length > 0) void reply.header('allow', allowed.join(', '));
    const answer = toReply(error);
    void reply.code(answer.statusCode).send(answer.body);
  });
}
