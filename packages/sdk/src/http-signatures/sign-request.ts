import { ValidationError } from '../errors/datafold-error.js';
import { assertSigningOptions, signatureHeaders } from './signature-headers.js';
import type { SigningKeyOptions } from './signing-key.js';

/**
 * Signs a Fetch `Request` (spec §2) and returns a new `Request` with `Signature-Input`,
 * `Signature` and, with content, `Content-Digest`. The body is read once and the new request
 * carries the same bytes; method, URL, other fields and the request's options (signal, credentials,
 * redirect...) are kept. Works wherever Fetch and WebCrypto exist: browsers, Node, Deno, Workers.
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
  const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
  const fields = await signatureHeaders(
    { method: request.method, targetUri: request.url, headers: request.headers, body },
    options,
  );
  const headers = new Headers(request.headers);
  for (const [name, value] of Object.entries(fields) as Array<[string, string]>) {
    headers.set(name, value);
  }
  return new Request(request, body === undefined ? { headers } : { headers, body });
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
