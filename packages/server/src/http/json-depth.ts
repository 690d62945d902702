import { ValidationError } from '@datafold/js-sdk';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { keepRawBody } from './raw-body.js';

/** The deepest nesting of objects and arrays a request body may have. */
export const MAX_JSON_DEPTH = 32;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * Whether JSON text nests objects and arrays deeper than `max`, found in one pass over the text
 * before it is parsed: a body nested 10,000 deep would otherwise reach the parser, the schema
 * validator and JSON.stringify, and one of them would overflow the stack. Brackets inside strings
 * do not count. Malformed JSON is left to the parser to refuse.
 *
 * @example
 * nestsDeeperThan('{"a":[[1]]}', 2); // true
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > max) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
    }
  }
  return false;
}

/** How a content-type parser answers: an error, or the parsed body. */
type ParserDone = (error: Error | null, body?: unknown) => void;

/** How request-handling.ts sets up the JSON body parser. */
export interface JsonBodyOptions {
  /**
   * Keep each body's bytes (raw-body.ts) for a signed request's Content-Digest: only with
   * `--require-signed-requests`, the one reader of them. Off, nothing is kept per request.
   */
  keepBytes: boolean;
}

/**
 * Replaces Fastify's JSON body parser with one that refuses a body nesting deeper than
 * MAX_JSON_DEPTH with 400 INVALID_REQUEST before parsing it; the rest is Fastify's own parser
 * (prototype poisoning refused). With `keepBytes` the bytes are kept for the Content-Digest of
 * signed requests.
 *
 * @example
 * limitJsonDepth(app, { keepBytes: config.requireSignedRequests });
 */
export function limitJsonDepth(app: FastifyInstance, { keepBytes }: JsonBodyOptions): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const parseText = (request: FastifyRequest, body: string, done: ParserDone) => {
    if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
      done(
        new ValidationError(
          'INVALID_REQUEST',
          `the body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels`,
          { max_depth: MAX_JSON_DEPTH },
        ),
        undefined,
      );
      return;
    }
    void parseJson(request, body, done);
  };
  app.removeContentTypeParser('application/json');
  if (keepBytes) {
    // Read as bytes and kept (raw-body.ts): a signed request's Content-Digest covers the bytes.
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, bytes, done) => {
      keepRawBody(request, bytes as Buffer);
      parseText(request, (bytes as Buffer).toString('utf8'), done);
    });
  } else {
    // Fastify reads the same bytes and decodes them once, as the branch above does.
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      parseText(request, body as string, done);
    });
  }
}
