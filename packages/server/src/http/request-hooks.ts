import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
} from 'fastify';
import type { ServerMetrics } from '../metrics/server-metrics.js';
import type { OverheadPart } from './overhead-parts.js';
import { addRateLimitHooks, type RequestLimits } from './request-limits.js';

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
/** The same headers as pairs, so setting them builds no key list per request. */
const SECURITY_HEADER_PAIRS = Object.entries(SECURITY_HEADERS);

/** The field that ties a log line to its request (and its X-Request-Id). */
export const REQUEST_ID_LOG_LABEL = 'reqId';

/** What the per-request hooks need. */
export interface RequestHookOptions {
  limits: RequestLimits;
  metrics: ServerMetrics;
  /** Parts left out to measure their cost (overhead-parts.ts); none in service. */
  leaveOut?: ReadonlySet<OverheadPart>;
}

/**
 * The work done on every request, kept to what each request needs: security headers and the
 * request id, the rate limits (request-limits.ts, only those enabled), and at the end one
 * metrics observation and one log line. Hooks are callback style, not async: with the in-memory
 * limiter nothing here allocates a promise or waits for another turn of the event loop.
 * Fastify's own two log lines per request are turned off in favour of the single one here.
 *
 * @example
 * addRequestHooks(app, { limits, metrics });
 */
export function addRequestHooks(app: FastifyInstance, options: RequestHookOptions): void {
  const { limits, metrics, leaveOut = new Set() } = options;
  const securityHeaders = !leaveOut.has('security-headers');
  const requestIds = !leaveOut.has('request-ids');
  const observe = !leaveOut.has('metrics');
  const logging = !leaveOut.has('logging');

  if (securityHeaders || requestIds) {
    // Set before rate limiting, so 429s carry them too.
    app.addHook('onRequest', (request, reply, done) => {
      if (securityHeaders) {
        for (const [name, value] of SECURITY_HEADER_PAIRS) reply.header(name, value);
      }
      if (requestIds) reply.header('x-request-id', request.id);
      done();
    });
  }
  addRateLimitHooks(app, limits);

  if (!observe && !logging) return;
  const log = app.log;
  // pino says whether the line would be written; a logger that cannot say is simply called.
  const { isLevelEnabled } = log as { isLevelEnabled?: (level: string) => boolean };
  const logsInfo = isLevelEnabled ? () => isLevelEnabled.call(log, 'info') : () => true;
  app.addHook(
    'onResponse',
    (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      const route = request.routeOptions.url ?? 'unmatched';
      if (observe) {
        metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
      }
      if (logging && logsInfo()) {
        // Method, route pattern, status and the verified signer of a signed request only: never
        // bodies, query strings or credentials. Written by the app's logger with the request id
        // first, it is the line the request's own logger would write, without building that
        // logger for a request that logs nothing else (app/request-logger.ts).
        const line: Record<string, unknown> = {
          [REQUEST_ID_LOG_LABEL]: request.id,
          method: request.method,
          route,
          status: reply.statusCode,
          ms: reply.elapsedTime,
        };
        if (request.signedBy) line.signedBy = request.signedBy.clientId;
        log.info(line, 'request completed');
      }
      done();
    },
  );
}
