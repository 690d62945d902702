import type { HttpMessageParts } from '@datafold/js-sdk';
import type { FastifyRequest } from 'fastify';
import { rawBody } from '../http/raw-body.js';

/**
 * The message a signed request's signature covers, as this server received it
 * (spec/http-message-signatures-v1.md §2.3):
 *
 * - `@target-uri`: the configured public origin (`--public-url`) and the request-target as on the
 *   request line; without one, the scheme and `Host` of the connection, or of `X-Forwarded-Proto`
 *   and `X-Forwarded-Host` only when the peer is a trusted proxy (`--trust-proxy`, which is how
 *   Fastify's `request.protocol` and `request.host` read them). An absolute-form request-target
 *   is the whole URI already. The verifier lower-cases it and drops a default port.
 * - the header fields as received, repeats kept (the verifier combines them, RFC 9421 §2.1);
 *   HTTP/2 pseudo-header fields are not fields.
 * - the content bytes as received (raw-body.ts).
 *
 * @example
 * const message = incomingMessage(request, config.publicUrl); // publicUrl: an origin, or null
 */
export function incomingMessage(
  request: FastifyRequest,
  publicUrl: string | null,
): HttpMessageParts {
  const url = request.raw.url ?? request.url;
  let targetUri: string;
  if (!url.startsWith('/')) targetUri = url;
  else if (publicUrl !== null)
    targetUri = publicUrl + url; // an origin: load-config.ts made it so
  else targetUri = `${request.protocol}://${request.host}${url}`;
  const headers: Array<[string, string]> = [];
  const raw = request.raw.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (!raw[i]!.startsWith(':')) headers.push([raw[i]!, raw[i + 1]!]);
  }
  const body = rawBody(request);
  return {
    method: request.raw.method ?? request.method,
    targetUri,
    headers,
    ...(body === undefined ? {} : { body }),
  };
}
