import { concatByteList } from '../encoding/bytes.js';
import { utf8ToBytes } from '../encoding/utf8.js';
import { ValidationError } from '../errors/datafold-error.js';
import {
  assertSigningOptions,
  signatureHeaders,
  type SignatureHeaders,
} from './signature-headers.js';
import type { SigningKeyOptions } from './signing-key.js';
import { hasHeader, plainHeaderEntries, withSignatureFields } from './fetch-init-headers.js';

/**
 * Signs a Fetch `Request` (spec §2) and returns it signed, with `Signature-Input`, `Signature`
 * and, with content, `Content-Digest`:
 * - without content, the same `Request` with the fields set on its headers (a request's headers
 *   are mutable for exactly this; nothing else of it changes, and nothing is copied). Where its
 *   headers are immutable (a service worker's FetchEvent request), a new `Request` instead;
 * - with content, a new `Request`: the body is read once, to digest it, and the new request carries
 *   the same bytes, with method, URL, other fields and the request's options (signal, credentials,
 *   redirect...) kept.
 * Works wherever Fetch and WebCrypto exist: browsers, Node, Deno, Workers.
 *
 * @example
 * const signed = await signRequest(new Request('https://api.example/orders', { method: 'POST', body }), {
 *   clientId: 'alice-laptop',
 *   privateKey,
 * });
 * await fetch(signed);
 */
export async function signRequest(request: Request, options: SigningKeyOptions): Promise<Request> {
  if (request.bodyUsed) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      'the request body was already read; sign the request before reading its body',
    );
  }
  // Reading the body consumes it, so only a request with content needs a new Request (which is
  // what costs: a Fetch Request with a body builds a stream).
  const body = request.body === null ? undefined : await readStream(request.body);
  const fields = await signatureHeaders(
    { method: request.method, targetUri: request.url, headers: request.headers, body },
    options,
  );
  if (body === undefined && setFields(request.headers, fields)) return request;
  const signed = new Request(request, body === undefined ? {} : { body });
  if (!setFields(signed.headers, fields)) {
    throw new ValidationError('INVALID_ARGUMENT', 'the signed request refuses new header fields');
  }
  return signed;
}

/**
 * All the bytes of a body stream, read through its reader. Same bytes as `Request.arrayBuffer()`,
 * at a third of its cost in Node, where arrayBuffer() goes through several layers of promises
 * for what is usually one chunk.
 */
async function readStream(stream: ReadableStream<Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Fetch's own rule for a body stream's chunks (Fetch §6.4.2, "fully read").
      if (!(value instanceof Uint8Array)) throw new TypeError('a body chunk is not a Uint8Array');
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  // A stream's chunks belong to its reader: the one chunk is the body, no copy needed.
  if (chunks.length === 1 && chunks[0]!.buffer instanceof ArrayBuffer) {
    return chunks[0] as Uint8Array<ArrayBuffer>;
  }
  return concatByteList(chunks);
}

/** Sets the signature fields on `headers`; false when they are immutable. */
function setFields(headers: Headers, fields: SignatureHeaders): boolean {
  try {
    for (const name in fields) headers.set(name, fields[name as keyof SignatureHeaders]!);
    return true;
  } catch (error) {
    if (error instanceof TypeError) return false; // guard "immutable" (Fetch §5.2)
    throw error;
  }
}

/**
 * A `fetch` that signs every request with the given key before sending it (spec §2), through
 * `options.fetch` or the global `fetch`. The options are checked once, here.
 *
 * A body given in `init` as a string or bytes is signed from those bytes and handed to `fetch` as
 * is: no Request is built around it only to be read back (in Node that costs about as much as
 * the signature itself). Any other body (a stream, a Blob, FormData, a Request's own body) goes
 * through {@link signRequest}.
 *
 * @example
 * const signedFetch = createSignedFetch({ clientId: 'alice-laptop', privateKey });
 * const response = await signedFetch('https://api.example/orders', { method: 'POST', body });
 */
export function createSignedFetch(
  options: SigningKeyOptions & { fetch?: typeof fetch },
): typeof fetch {
  assertSigningOptions(options);
  const { fetch: fetchImpl, ...signing } = options;
  return async (input: RequestInfo | URL, init?: RequestInit) => {
    const send = fetchImpl ?? globalThis.fetch;
    const content = contentOf(input, init);
    if (content === undefined) return send(await signRequest(new Request(input, init), signing));
    const entries = plainHeaderEntries(init?.headers);
    if (!(input instanceof Request) && signing.components === undefined && entries) {
      // A URL and init with plain headers: the parts are read from them directly, since a Request
      // (or Headers) built only to be read back costs a third of the signature in Node, and fetch
      // builds its own from what it is handed. Only the default coverage takes this path: its
      // fields (content-type) are ones every runtime sends as given, while a covered extra field
      // could be one a browser's Request drops.
      if (content.contentType !== undefined && !hasHeader(entries, 'content-type')) {
        entries.push(['content-type', content.contentType]);
      }
      const fields = await signatureHeaders(
        {
          method: init?.method ?? 'GET',
          targetUri: new URL(input, apiBaseUrl()).href,
          headers: entries,
          body: content.bytes,
        },
        signing,
      );
      const headers = withSignatureFields(entries, fields);
      return send(input, { ...init, headers, body: content.sent });
    }
    // The request without its body, for what Fetch makes of method, URL and fields; its headers
    // are then the ones sent.
    const head = new Request(input, { ...init, body: null });
    const fields = await signatureHeaders(
      {
        method: head.method,
        targetUri: head.url,
        headers: withDefaultContentType(head.headers, content),
        body: content.bytes,
      },
      signing,
    );
    // A Request built here has mutable headers (guard "request"): the fields always set.
    setFields(head.headers, fields);
    return send(head, { ...init, headers: head.headers, body: content.sent });
  };
}

/** `headers` with the Content-Type Fetch would add for this body when the caller gave none. */
function withDefaultContentType(headers: Headers, content: InitContent): Headers {
  if (content.contentType !== undefined && !headers.has('content-type')) {
    headers.set('content-type', content.contentType);
  }
  return headers;
}

/**
 * The base a relative URL given to `fetch` resolves against, as Fetch's Request does: the
 * document's base URL in a page, the worker's location in a worker, none elsewhere (Node refuses
 * relative URLs, as its `fetch` does).
 */
function apiBaseUrl(): string | undefined {
  const scope = globalThis as { document?: { baseURI?: string }; location?: { href?: string } };
  return scope.document?.baseURI ?? scope.location?.href;
}

/** A body of `init` read where it lies: the bytes signed, what is sent, Fetch's default type. */
interface InitContent {
  bytes: Uint8Array;
  sent: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
}

/**
 * The content of `init.body` when it is a string or bytes (Fetch's "extract a body": a string is
 * sent UTF-8 encoded as text/plain;charset=UTF-8 unless a type is given, bytes as they are);
 * undefined for any other body, and when `input` is a Request that has a body of its own (building
 * the head would consume it).
 */
function contentOf(
  input: RequestInfo | URL,
  init: RequestInit | undefined,
): InitContent | undefined {
  const body = init?.body;
  if (body === undefined || body === null) return undefined;
  if (input instanceof Request && input.body !== null) return undefined;
  if (typeof body === 'string') {
    return { bytes: utf8ToBytes(body), sent: body, contentType: 'text/plain;charset=UTF-8' };
  }
  // A copy, signed and sent: the caller's buffer may change while the signature is made.
  if (body instanceof ArrayBuffer) {
    const bytes = new Uint8Array(body.slice(0));
    return { bytes, sent: bytes };
  }
  if (ArrayBuffer.isView(body)) {
    const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength).slice();
    return { bytes, sent: bytes };
  }
  return undefined;
}
