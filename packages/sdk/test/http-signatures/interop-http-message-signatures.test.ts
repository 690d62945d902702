// Interoperability, both directions, with an independent RFC 9421 implementation from npm:
// http-message-signatures (dhensby/node-http-message-signatures), pinned to 1.0.6. Its signer's
// requests must pass our verifier, and our signer's requests must pass its verifier, with and
// without content. It does not check Content-Digest, so the digest side is ours alone.
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { httpbis, createSigner, createVerifier } from 'http-message-signatures';
import { describe, expect, it } from 'vitest';
import { bytesToBase64Url } from '../../src/encoding/base64.js';
import { utf8ToBytes } from '../../src/encoding/utf8.js';
import { createMemoryReplayStore } from '../../src/http-signatures/replay-store.js';
import { signatureHeaders } from '../../src/http-signatures/signature-headers.js';
import { verifyHttpMessage } from '../../src/http-signatures/verify-http-message.js';
import { generateKeyPair } from '../../src/keys/index.js';

const keyPair = await generateKeyPair();
const jwk = {
  kty: 'OKP',
  crv: 'Ed25519',
  x: bytesToBase64Url(keyPair.publicKey),
  d: bytesToBase64Url(keyPair.privateKey),
};
const theirSigner = createSigner(createPrivateKey({ key: jwk, format: 'jwk' }), 'ed25519', 'alice');
const theirVerifier = createVerifier(
  createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' }),
  'ed25519',
);

const BODY = '{"order":{"item":"book","quantity":2}}';
const digestOf = (body: string) =>
  `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;

const ourVerifierOptions = () => ({
  resolveKey: (id: string) =>
    Promise.resolve(
      id === 'alice'
        ? { status: 'active' as const, publicKey: keyPair.publicKey }
        : { status: 'unknown' as const },
    ),
  replayStore: createMemoryReplayStore({ now: () => 0 }),
});

interface TheirRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

/** A request signed by http-message-signatures with this profile's parameters. */
async function signedByThem(request: TheirRequest, fields: string[]): Promise<TheirRequest> {
  const signed = await httpbis.signMessage(
    {
      key: theirSigner,
      name: 'sig1',
      fields,
      params: ['created', 'expires', 'keyid', 'alg', 'nonce', 'tag'],
      paramValues: {
        created: new Date(),
        expires: new Date(Date.now() + 60_000),
        nonce: bytesToBase64Url(crypto.getRandomValues(new Uint8Array(16))),
        tag: 'datafold-request-v1',
      },
    },
    request,
  );
  return signed;
}

describe('interop: http-message-signatures 1.0.6 signs, verifyHttpMessage verifies', () => {
  it('a POST with content (content-digest covered)', async () => {
    const request = await signedByThem(
      {
        method: 'POST',
        url: 'https://api.example.com/v1/orders?draft=1',
        headers: { 'Content-Type': 'application/json', 'Content-Digest': digestOf(BODY) },
      },
      ['@method', '@target-uri', 'content-type', 'content-digest'],
    );
    const verified = await verifyHttpMessage(
      {
        method: request.method,
        targetUri: request.url,
        headers: request.headers,
        body: utf8ToBytes(BODY),
      },
      ourVerifierOptions(),
    );
    expect(verified).toMatchObject({ clientId: 'alice', label: 'sig1' });
    // And a body changed in transit is caught by the digest.
    await expect(
      verifyHttpMessage(
        {
          method: request.method,
          targetUri: request.url,
          headers: request.headers,
          body: utf8ToBytes('{}'),
        },
        ourVerifierOptions(),
      ),
    ).rejects.toMatchObject({ code: 'CONTENT_DIGEST_MISMATCH' });
  });

  it('a GET without content, covering "@authority" "@path" "@query"', async () => {
    const request = await signedByThem(
      { method: 'GET', url: 'https://api.example.com:8443/v1/keys?limit=5', headers: {} },
      ['@method', '@authority', '@path', '@query'],
    );
    const verified = await verifyHttpMessage(
      { method: request.method, targetUri: request.url, headers: request.headers },
      ourVerifierOptions(),
    );
    expect(verified.coveredComponents).toEqual(['@method', '@authority', '@path', '@query']);
  });

  it('a signature by another key is refused as INVALID', async () => {
    const request = await signedByThem(
      { method: 'GET', url: 'https://api.example.com/v1/keys', headers: {} },
      ['@method', '@target-uri'],
    );
    const other = await generateKeyPair();
    await expect(
      verifyHttpMessage(
        { method: request.method, targetUri: request.url, headers: request.headers },
        {
          ...ourVerifierOptions(),
          resolveKey: () => Promise.resolve({ status: 'active', publicKey: other.publicKey }),
        },
      ),
    ).rejects.toMatchObject({ code: 'REQUEST_SIGNATURE_INVALID' });
  });
});

describe('interop: signatureHeaders signs, http-message-signatures 1.0.6 verifies', () => {
  const theirVerify = (request: TheirRequest) =>
    httpbis.verifyMessage(
      {
        keyLookup: (params) =>
          Promise.resolve(
            params.keyid === 'alice'
              ? { id: 'alice', algs: ['ed25519'], verify: theirVerifier }
              : null,
          ),
        requiredFields: ['@method', '@target-uri'],
        requiredParams: ['created', 'keyid', 'nonce', 'tag'],
      },
      request,
    );

  it.each([
    ['a POST with content', 'POST', 'https://api.example.com/v1/orders?draft=1', BODY],
    [
      'a GET without content',
      'GET',
      'https://api.example.com/v1/keys?limit=5&after=a%2Fb',
      undefined,
    ],
    ['a DELETE on a non-default port', 'DELETE', 'http://localhost:8080/v1/keys/k1', undefined],
  ])('%s', async (_what, method, url, body) => {
    const headers: Record<string, string> =
      body === undefined ? {} : { 'content-type': 'application/json' };
    const fields = await signatureHeaders(
      {
        method,
        targetUri: url,
        headers,
        ...(body === undefined ? {} : { body: utf8ToBytes(body) }),
      },
      { clientId: 'alice', privateKey: keyPair.privateKey },
    );
    const request: TheirRequest = { method, url, headers: { ...headers, ...fields } };
    if (body !== undefined) expect(fields['content-digest']).toBe(digestOf(body));
    expect(await theirVerify(request)).toBe(true);
    // Their verifier is not a rubber stamp: a changed covered component fails it.
    expect(await theirVerify({ ...request, url: `${url}x` }).catch(() => false)).toBe(false);
  });
});
