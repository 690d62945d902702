/**
 * `@datafold/js-sdk/express`: a Connect/Express middleware that verifies the DataFold request
 * signature (spec/http-message-signatures-v1.md) of every request that reaches it, and hands the
 * next handlers the verified client as `req.datafold`. Every export is named here. Express is not
 * a dependency: the middleware uses only what Node's request and response offer.
 *
 * The Content-Digest check needs the content bytes exactly as received. Either order works:
 * - `app.use(express.json({ verify: keepRawBody }))` first: the parser keeps the bytes for us;
 * - the middleware first: it reads the content itself (at most `bodyLimit` bytes) and gives
 *   JSON content to the route as `req.body` (express.json() after it finds nothing left to read),
 *   other content as the bytes.
 * A body parser that ran first without `verify: keepRawBody` leaves nothing to check: such a
 * request with content fails with an error that says so, and is never accepted.
 *
 * @example
 * import express from 'express';
 * import { keepRawBody, signedRequestsMiddleware } from '@datafold/js-sdk/express';
 *
 * const app = express();
 * app.use(express.json({ verify: keepRawBody }));
 * app.use('/api', signedRequestsMiddleware({ serverUrl: 'https://keys.example' }));
 * app.post('/api/orders', (req, res) => res.json({ from: req.datafold?.clientId }));
 */
// Verify through node:crypto (a side effect: signatures/node/register-node-ed25519.ts says why).
import '../signatures/node/register-node-ed25519.js';
// Content-Digest hashed by node:crypto (a side effect: http-signatures/node/register-node-digests.ts).
import '../http-signatures/node/register-node-digests.js';
import { DataFoldError, ValidationError } from '../errors/datafold-error.js';
import type { VerifiedRequest } from '../http-signatures/index.js';
import { hasContent } from '../http-signatures/http-message.js';
import { readContent, type ContentStream } from './read-content.js';
import { errorReply, toRefusal, type Refusal } from './refusal.js';
import { createIncomingVerifier, type SignedRequestsOptions } from './signed-requests-options.js';

export {
  createDataFoldKeyResolver,
  type DataFoldKeyResolverOptions,
  type RequestKeyResolver,
} from './key-resolver.js';
export type { SignedRequestsOptions } from './signed-requests-options.js';

declare global {
  // Express's own extension point for properties middleware adds (@types/express-serve-static-core).
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The verified signer (its `clientId` is the `keyid`), set by signedRequestsMiddleware. */
      datafold?: VerifiedRequest;
    }
  }
}

/** The parts of Node's IncomingMessage the middleware reads (Express and Connect pass one). */
export interface IncomingRequest extends ContentStream {
  method?: string | undefined;
  url?: string | undefined;
  /** Express: the URL before any mount path was stripped. */
  originalUrl?: string;
  headers: Record<string, string | string[] | undefined>;
  rawHeaders: string[];
  socket: object | null;
  readableEnded?: boolean;
  body?: unknown;
  datafold?: VerifiedRequest;
}

/** The parts of Node's ServerResponse the middleware writes. */
export interface OutgoingResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
}

/** Options of {@link signedRequestsMiddleware}. */
export interface SignedRequestsMiddlewareOptions extends SignedRequestsOptions {
  /** The most content bytes the middleware reads itself (default 1 MiB); more is 413. */
  bodyLimit?: number;
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** The content bytes of each request: kept by a body parser (keepRawBody) or read by us. */
const received = new WeakMap<object, Uint8Array>();

/**
 * For `express.json({ verify: keepRawBody })` (and `express.text`, `express.raw`, any body-parser):
 * keeps the bytes the parser read, so the middleware after it can check Content-Digest.
 *
 * @example
 * app.use(express.json({ verify: keepRawBody }));
 */
export function keepRawBody(req: object, _res: unknown, bytes: Uint8Array): void {
  received.set(req, bytes);
}

/**
 * The middleware: verifies each request, sets `req.datafold` and calls `next()`; a refusal is the
 * DataFold envelope with the code's status, `Accept-Signature` on 401 and `Retry-After` on 503.
 * Errors that are not refusals go to `next(error)`.
 *
 * @example
 * app.use(signedRequestsMiddleware({ serverUrl: 'https://keys.example', publicUrl: 'https://api.example' }));
 */
export function signedRequestsMiddleware(
  options: SignedRequestsMiddlewareOptions,
): (req: IncomingRequest, res: OutgoingResponse, next: (error?: unknown) => void) => void {
  const verifyIncoming = createIncomingVerifier(options);
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  if (!Number.isSafeInteger(bodyLimit) || bodyLimit < 0) {
    throw new ValidationError('INVALID_ARGUMENT', 'bodyLimit must be a non-negative integer');
  }

  async function handle(req: IncomingRequest, res: OutgoingResponse): Promise<boolean> {
    let body: Uint8Array | undefined;
    let readByUs = false;
    if (announcesContent(req.headers)) {
      body = received.get(req);
      if (body === undefined) {
        if (req.readableEnded === true || req.body !== undefined) {
          throw new ValidationError(
            'INVALID_ARGUMENT',
            'a body parser read this request before signedRequestsMiddleware and kept no bytes to check against Content-Digest: give it { verify: keepRawBody }, or mount the middleware before it',
          );
        }
        const length = req.headers['content-length'];
        const content = await readContent(
          req,
          typeof length === 'string' ? length : undefined,
          bodyLimit,
        );
        if (content.status === 'too-large') {
          // The rest of the content is never read: close the connection rather than drain it.
          res.setHeader('connection', 'close');
          send(res, refusal('PAYLOAD_TOO_LARGE', `the body is larger than ${bodyLimit} bytes`));
          return false;
        }
        body = content.bytes;
        received.set(req, body);
        readByUs = true;
      }
    }
    try {
      req.datafold = await verifyIncoming({
        method: req.method ?? 'GET',
        url: req.originalUrl ?? req.url ?? '/',
        rawHeaders: req.rawHeaders,
        encrypted: (req.socket as { encrypted?: boolean } | null)?.encrypted === true,
        body,
      });
    } catch (error) {
      const answer = toRefusal(error);
      if (answer === undefined) throw error;
      send(res, answer);
      return false;
    }
    if (readByUs && body !== undefined) {
      if (!isJson(req.headers['content-type'])) req.body = body;
      else {
        try {
          req.body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
        } catch {
          send(res, refusal('INVALID_REQUEST', 'the body is not valid JSON'));
          return false;
        }
      }
    }
    return true;
  }

  return (req, res, next) => {
    handle(req, res).then(
      (pass) => {
        if (pass) next();
      },
      (error: unknown) => next(error),
    );
  };
}

/** The request says content follows (spec §2.1's rule, applied to the fields alone). */
function announcesContent(headers: IncomingRequest['headers']): boolean {
  const fields = new Map<string, string>();
  for (const name of ['content-length', 'transfer-encoding']) {
    const value = headers[name];
    if (typeof value === 'string') fields.set(name, value);
  }
  return hasContent(fields, undefined);
}

function isJson(contentType: string | string[] | undefined): boolean {
  if (typeof contentType !== 'string') return false;
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

function refusal(code: 'PAYLOAD_TOO_LARGE' | 'INVALID_REQUEST', message: string): Refusal {
  return errorReply(new DataFoldError(code, message));
}

function send(res: OutgoingResponse, answer: Refusal): void {
  res.statusCode = answer.statusCode;
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(answer.body));
}
