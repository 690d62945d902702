// What the request-signing benches sign, in Node (sdk-request-signing.mjs) and in Chromium
// (browser-request-signing.mjs): the same requests, and for each the signature base our signer
// builds for it, so a bare sign() of exactly that base is the reference.
import { signatureHeaders } from '@datafold/js-sdk';

export const SIGNED_URL = 'https://api.example.com/v1/orders?draft=1';
export const SIGNED_BODY = new TextEncoder().encode(
  JSON.stringify({ order: { item: 'book', quantity: 2, note: 'gift wrap, please' } }),
);

/** The benches' two requests, as functions that build a fresh Request each time. */
export const REQUESTS = {
  'POST with a JSON body': () =>
    new Request(SIGNED_URL, {
      method: 'POST',
      body: SIGNED_BODY,
      headers: { 'content-type': 'application/json' },
    }),
  'GET without a body': () => new Request('https://api.example.com/v1/keys?limit=5'),
};

/** The same request as HttpMessageParts, for signatureHeaders (no Fetch objects). */
export async function partsOf(makeRequest) {
  const request = makeRequest();
  const content = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
  const headers = {};
  request.headers.forEach((value, name) => (headers[name] = value));
  return { method: request.method, targetUri: request.url, headers, body: content };
}

/** The signature base signRequest signs for this request: rebuilt from its own output. */
export async function baseOf(makeRequest, options) {
  const request = makeRequest();
  const content = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
  const fields = await signatureHeaders(
    { method: request.method, targetUri: request.url, headers: request.headers, body: content },
    { ...options, now: () => Date.now() },
  );
  const params = fields['signature-input'].slice('datafold='.length);
  const ids = params.slice(1, params.indexOf(')')).split(' ');
  const value = (id) =>
    id === '"@method"'
      ? request.method
      : id === '"@target-uri"'
        ? request.url
        : id === '"content-digest"'
          ? fields['content-digest']
          : request.headers.get(id.slice(1, -1));
  return [...ids.map((id) => `${id}: ${value(id)}`), `"@signature-params": ${params}`].join('\n');
}
