import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
} from 'fastify';
import type { ServerMetrics } from '../metrics/server-metrics.js';
import type { RateLimiter } from './rate-limiter.js';

/**
 * The browser-facing security headers of a JSON API, fixed at start: a CSP that allows nothing
 * (the /docs and dashboard routes send their own), no framing, no MIME sniffing, HSTS, no
 * referrer, and same-origin isolation. One precomputed object per response: helmet computes its
 * middleware chain per request, which measurably cut the request rate of small routes.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

/** Routes exempt from rate limits: probes and scrapes must keep working under load. */
const UNLIMITED = new Set(['/api/health', '/metrics']);

/** What the per-request hooks need. */
export interface RequestHookOptions {
  ipLimiter: RateLimiter;
  clientLimiter: RateLimiter;
  metrics: ServerMetrics;
}

/** Passes a limiter's answer (nothing, a throw, or a promise) to a callback-style hook. */
function limit(limiter: RateLimiter, key: string, done: HookHandlerDoneFunction): void {
  let pending: void | Promise<void>;
  try {
    pending = limiter.check(key);
  } catch (error) {
    done(error as Error);
    return;
  }
  if (pending) pending.then(() => done(), done);
  else done();
}

/**
 * The work done on every request, kept to what each request needs: security headers and the
 * request id, the per-IP and per-client rate limits (only when enabled), and at the end one
 * metrics observation and one log line. Hooks are callback style, not async: with the in-memory
 * limiter nothing here allocates a promise or waits for another turn of the event loop.
 * Fastify's own two log lines per request are turned off in favour of the single one here.
 *
 * @example
 * addRequestHooks(app, { ipLimiter, clientLimiter, metrics });
 */
export function addRequestHooks(app: FastifyInstance, options: RequestHookOptions): void {
  const { ipLimiter, clientLimiter, metrics } = options;

  // Set before rate limiting, so 429s carry them too.
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(SECURITY_HEADERS).header('x-request-id', request.id);
    const route = request.routeOptions.url;
    if (!ipLimiter.enabled || !route || UNLIMITED.has(route)) {
      done();
      return;
    }
    limit(ipLimiter, `ip:${request.ip}`, done);
  });

  if (clientLimiter.enabled) {
    app.addHook('preHandler', (request, _reply, done) => {
      const body = request.body as { client_id?: unknown } | undefined;
      const params = request.params as { client_id?: unknown } | undefined;
      const clientId = params?.client_id ?? body?.client_id;
      if (typeof clientId !== 'string' || clientId === '') {
        done();
        return;
      }
      limit(clientLimiter, `client:${clientId}`, done);
    });
  }

  app.addHook(
    'onResponse',
    (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const seconds = reply.elapsedTime / 1000;
      metrics.observeRequest(request.method, route, reply.statusCode, seconds);
      // Method, route pattern and status only: never bodies, query strings or credentials.
      request.log.info(
        { method: request.method, route, status: reply.statusCode, ms: reply.elapsedTime },
        'request completed',
      );
      done();
    },
  );
}
