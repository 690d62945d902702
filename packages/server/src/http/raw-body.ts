import type { FastifyRequest } from 'fastify';

/** The content bytes of each request a body parser read, as received. */
const received = new WeakMap<FastifyRequest, Buffer>();

/**
 * Keeps the bytes a body parser read (within Fastify's `bodyLimit`), so a signed request's
 * Content-Digest is checked against what arrived, not against a re-serialisation of the parsed
 * body (spec/http-message-signatures-v1.md §2.2).
 *
 * @example
 * keepRawBody(request, body); // in a parser with parseAs: 'buffer'
 */
export function keepRawBody(request: FastifyRequest, bytes: Buffer): void {
  received.set(request, bytes);
}

/**
 * The content bytes of the request; undefined when no parser read any (no body, or a content type
 * no parser takes).
 *
 * @example
 * const body = rawBody(request);
 */
export function rawBody(request: FastifyRequest): Buffer | undefined {
  return received.get(request);
}
