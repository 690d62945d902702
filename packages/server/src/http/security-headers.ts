import type { FastifyInstance } from 'fastify';

/**
 * The browser-facing security headers of a JSON API, fixed at start: a CSP that allows nothing
 * (the /docs routes send their own), no framing, no MIME sniffing, HSTS, no referrer, and
 * same-origin isolation. Set as one precomputed object per response: helmet computes its
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

/**
 * Adds SECURITY_HEADERS and the request id to every response.
 *
 * @example
 * addSecurityHeaders(app);
 */
export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    void reply.headers(SECURITY_HEADERS).header('x-request-id', request.id);
    done();
  });
}
