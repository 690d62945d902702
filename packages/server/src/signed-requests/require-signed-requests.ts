import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SignedRequestVerifier } from './signed-request-verifier.js';
import { incomingMessage } from './incoming-message.js';

/**
 * The routes under the signed prefix that stay open (spec §5): registration carries its own
 * proof; the request-verify route's body is the signed request it asks about (an application
 * that forwards requests holds no DataFold key of its own), and it answers a refusal with the
 * same codes this hook would; the service status is the clients' connection check and names no
 * client.
 */
const OPEN_ROUTES = new Set([
  'POST /api/crypto/keys/register',
  'POST /api/crypto/requests/verify',
  'GET /api/crypto/status',
]);
const SIGNED_PREFIX = '/api/crypto/';

/**
 * Whether `--require-signed-requests` applies to this request (spec/http-message-signatures-v1.md
 * §5): a route under `/api/crypto/`, but the OPEN_ROUTES; and not a request an admin token already
 * authenticated (revoke and rotate also take `Authorization: Bearer`, checked before this hook,
 * and admin requests are authenticated by their token). Health, metrics, the OpenAPI document,
 * the dashboard and `/api/admin/` are outside the prefix. An unrouted request is answered 404 or
 * 405 as before: it reaches no route.
 *
 * @example
 * needsSignature(request); // true for GET /api/crypto/keys/status/abc
 */
export function needsSignature(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  if (route === undefined || !route.startsWith(SIGNED_PREFIX)) return false;
  if (OPEN_ROUTES.has(`${request.method} ${route}`)) return false;
  return request.admin === null;
}

/**
 * `--require-signed-requests`: a `preValidation` hook (after the body is read, before the schema
 * and the route) that verifies the signature of every request `needsSignature` names and sets
 * `request.signedBy` to the verified signer; a refusal is thrown as the RequestSignatureError of
 * its code, which the error handler answers in the envelope with `Accept-Signature` on 401 and
 * `Retry-After` on 503.
 *
 * @example
 * requireSignedRequests(app, verifier, config.publicUrl);
 */
export function requireSignedRequests(
  app: FastifyInstance,
  verifier: SignedRequestVerifier,
  publicUrl: string | null,
): void {
  app.addHook('preValidation', async (request) => {
    if (!needsSignature(request)) return;
    request.signedBy = await verifier.verify(incomingMessage(request, publicUrl));
  });
}
