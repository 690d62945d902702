import { ValidationError } from '../errors/datafold-error.js';
import {
  assertSigningOptions,
  signatureHeaders,
  type SignatureHeaders,
} from './signature-headers.js';
import type { SigningKeyOptions } from './signing-key.js';

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
  const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
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
    const signed = await signRequest(new Request(input, init), signing);
    return (fetchImpl ?? globalThis.fetch)(signed);
  };
}
