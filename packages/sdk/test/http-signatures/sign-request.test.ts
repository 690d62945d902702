import { describe, expect, it, vi } from 'vitest';
import { generateKeyPair } from '../../src/keys/index.js';
import { ACCEPT_SIGNATURE } from '../../src/http-signatures/profile.js';
import { createMemoryReplayStore } from '../../src/http-signatures/replay-store.js';
import { createSignedFetch, signRequest } from '../../src/http-signatures/sign-request.js';
import { signatureHeaders } from '../../src/http-signatures/signature-headers.js';
import { verifyRequest } from '../../src/http-signatures/verify-request.js';

const keyPair = await generateKeyPair();
const resolveKey = () =>
  Promise.resolve({ status: 'active' as const, publicKey: keyPair.publicKey });
const verifier = () => ({ resolveKey, replayStore: createMemoryReplayStore({ now: () => 0 }) });

describe('signRequest (spec §2)', () => {
  it('signs a request with a body, and the new request carries the same body once', async () => {
    const controller = new AbortController();
    const request = new Request('https://api.example/orders?draft=1', {
      method: 'POST',
      body: '{"item":"book"}',
      headers: { 'content-type': 'application/json', 'x-keep': 'yes' },
      signal: controller.signal,
      redirect: 'manual',
    });
    const signed = await signRequest(request, {
      clientId: 'alice',
      privateKey: keyPair.privateKey,
    });
    expect(signed.method).toBe('POST');
    expect(signed.url).toBe(request.url);
    expect(signed.redirect).toBe('manual');
    expect(signed.headers.get('x-keep')).toBe('yes');
    expect(signed.headers.get('content-digest')).toMatch(/^sha-256=:[A-Za-z0-9+/]{43}=:$/);
    expect(signed.headers.get('signature-input')).toMatch(
      /^datafold=\("@method" "@target-uri" "content-type" "content-digest"\);created=\d+;expires=\d+;nonce="[A-Za-z0-9_-]{22}";alg="ed25519";keyid="alice";tag="datafold-request-v1"$/,
    );
    const verified = await verifyRequest(signed, verifier());
    expect(verified).toMatchObject({ clientId: 'alice', label: 'datafold' });
    expect(verified.expires! - verified.created).toBe(60);
    // verifyRequest read a clone: the handler still has the body.
    expect(await signed.text()).toBe('{"item":"book"}');
    controller.abort();
    expect(signed.signal.aborted).toBe(true);
  });

  it('signs a request without a body with ("@method" "@target-uri") and no digest', async () => {
    const signed = await signRequest(new Request('https://api.example/keys#frag'), {
      clientId: 'alice',
      privateKey: keyPair.privateKey,
      expiresIn: 10,
    });
    expect(signed.headers.get('content-digest')).toBeNull();
    expect(signed.headers.get('signature-input')).toMatch(/^datafold=\("@method" "@target-uri"\);/);
    const verified = await verifyRequest(signed, verifier());
    expect(verified.coveredComponents).toEqual(['@method', '@target-uri']);
    expect(verified.expires! - verified.created).toBe(10);
  });

  it('signs a request without a body in place: the same Request, its options kept', async () => {
    const controller = new AbortController();
    const request = new Request('https://api.example/keys', {
      headers: { 'x-keep': 'yes' },
      signal: controller.signal,
    });
    const signed = await signRequest(request, {
      clientId: 'alice',
      privateKey: keyPair.privateKey,
    });
    expect(signed).toBe(request);
    expect(signed.headers.get('x-keep')).toBe('yes');
    expect((await verifyRequest(signed, verifier())).clientId).toBe('alice');
    controller.abort();
    expect(signed.signal.aborted).toBe(true);
  });

  it('signs a new Request when the headers of the one given are immutable', async () => {
    const request = new Request('https://api.example/keys', { headers: { 'x-keep': 'yes' } });
    // As a service worker's FetchEvent request: headers with the "immutable" guard.
    Object.defineProperty(request, 'headers', { value: Response.error().headers });
    const signed = await signRequest(request, {
      clientId: 'alice',
      privateKey: keyPair.privateKey,
    });
    expect(signed).not.toBe(request);
    expect(signed.headers.get('x-keep')).toBe('yes');
    expect((await verifyRequest(signed, verifier())).clientId).toBe('alice');
  });

  it('signs a request with a body as a new Request: the one given is read, once', async () => {
    const request = new Request('https://api.example/orders', { method: 'PUT', body: 'x' });
    const signed = await signRequest(request, {
      clientId: 'alice',
      privateKey: keyPair.privateKey,
    });
    expect(signed).not.toBe(request);
    expect(request.bodyUsed).toBe(true);
    expect(request.headers.get('signature')).toBeNull();
    expect(await signed.text()).toBe('x');
  });

  it('signs a body that arrives as a stream of several chunks, and sends those bytes joined', async () => {
    const parts = ['{"order":', '{"item":"book"}', '}'].map((part) =>
      new TextEncoder().encode(part),
    );
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of parts) controller.enqueue(part);
        controller.close();
      },
    });
    const request = new Request('https://api.example/orders', {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const signed = await signRequest(request, {
      clientId: 'alice',
      privateKey: keyPair.privateKey,
    });
    expect((await verifyRequest(signed.clone(), verifier())).clientId).toBe('alice');
    expect(await signed.text()).toBe('{"order":{"item":"book"}}');
  });

  it('refuses a body stream whose chunks are not bytes, as fetch would', async () => {
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue('not bytes');
        controller.close();
      },
    });
    const request = new Request('https://api.example/orders', {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expect(
      signRequest(request, { clientId: 'alice', privateKey: keyPair.privateKey }),
    ).rejects.toThrow(TypeError);
  });

  it('gives every signature a fresh 128-bit nonce', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const fields = await signatureHeaders(
        { method: 'GET', targetUri: 'https://api.example/', headers: {} },
        { clientId: 'alice', privateKey: keyPair.privateKey },
      );
      nonces.add(/nonce="([^"]+)"/.exec(fields['signature-input'])![1]!);
    }
    expect(nonces.size).toBe(20);
  });

  it('covers extra components when asked, and refuses one the request does not have', async () => {
    const request = new Request('https://api.example/', { headers: { 'x-request-id': 'r1' } });
    const signed = await signRequest(request, {
      clientId: 'alice',
      privateKey: keyPair.privateKey,
      components: ['x-request-id'],
    });
    expect((await verifyRequest(signed, verifier())).coveredComponents).toEqual([
      '@method',
      '@target-uri',
      'x-request-id',
    ]);
    await expect(
      signRequest(new Request('https://api.example/'), {
        clientId: 'alice',
        privateKey: keyPair.privateKey,
        components: ['x-absent'],
      }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it.each([
    ['no key', { clientId: 'alice' }, 'INVALID_ARGUMENT'],
    [
      'both keys',
      { clientId: 'alice', privateKey: new Uint8Array(32), cryptoKey: {} as CryptoKey },
      'INVALID_ARGUMENT',
    ],
    ['a bad client id', { clientId: 'a b', privateKey: new Uint8Array(32) }, 'INVALID_CLIENT_ID'],
    ['a short seed', { clientId: 'alice', privateKey: new Uint8Array(31) }, 'INVALID_PRIVATE_KEY'],
    [
      'a nonce under 128 bits',
      { clientId: 'alice', privateKey: new Uint8Array(32), nonce: 'short' },
      'INVALID_ARGUMENT',
    ],
    [
      'expiresIn 0',
      { clientId: 'alice', privateKey: new Uint8Array(32), expiresIn: 0 },
      'INVALID_ARGUMENT',
    ],
    [
      'a CryptoKey that is not Ed25519 private',
      {
        clientId: 'alice',
        cryptoKey: { type: 'public', algorithm: { name: 'Ed25519' } } as CryptoKey,
      },
      'INVALID_PRIVATE_KEY',
    ],
  ])('refuses %s', async (_what, options, code) => {
    await expect(signRequest(new Request('https://api.example/'), options)).rejects.toMatchObject({
      code,
    });
  });

  it('refuses a request whose body was already read', async () => {
    const request = new Request('https://api.example/', { method: 'POST', body: 'x' });
    await request.text();
    await expect(
      signRequest(request, { clientId: 'alice', privateKey: keyPair.privateKey }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('signing with a CryptoKey (crypto.subtle.sign Ed25519)', () => {
  it('signs through a non-extractable key, and the signature verifies', async () => {
    const pair = await crypto.subtle.generateKey('Ed25519', false, ['sign', 'verify']);
    expect(pair.privateKey.extractable).toBe(false);
    const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    const signSpy = vi.spyOn(crypto.subtle, 'sign');
    const signed = await signRequest(
      new Request('https://api.example/orders', { method: 'PUT', body: new Uint8Array([1, 2, 3]) }),
      { clientId: 'browser-key', cryptoKey: pair.privateKey },
    );
    expect(signSpy).toHaveBeenCalledWith('Ed25519', pair.privateKey, expect.anything());
    signSpy.mockRestore();
    const verified = await verifyRequest(signed, {
      resolveKey: () => Promise.resolve({ status: 'active', publicKey }),
      replayStore: createMemoryReplayStore({ now: () => 0 }),
    });
    expect(verified.clientId).toBe('browser-key');
  });

  it('answers SIGNING_FAILED when WebCrypto refuses the key (an object that only looks like one)', async () => {
    const pair = await crypto.subtle.generateKey('Ed25519', false, ['verify', 'sign']);
    const noSign = {
      ...pair.privateKey,
      type: 'private',
      algorithm: { name: 'Ed25519' },
    } as CryptoKey;
    await expect(
      signRequest(new Request('https://api.example/'), { clientId: 'k', cryptoKey: noSign }),
    ).rejects.toMatchObject({ code: 'SIGNING_FAILED' });
  });
});

describe('createSignedFetch', () => {
  /** A signed fetch that keeps the Request a real fetch would build from what it is handed. */
  const capturingFetch = () => {
    const seen: Request[] = [];
    const signedFetch = createSignedFetch({
      clientId: 'alice',
      privateKey: keyPair.privateKey,
      fetch: (input, init) => {
        seen.push(new Request(input, init));
        return Promise.resolve(new Response('ok'));
      },
    });
    return { seen, signedFetch };
  };
  const verifiedSender = async (request: Request) =>
    (await verifyRequest(request, verifier())).clientId;

  it('signs every request before handing it to fetch', async () => {
    const { seen, signedFetch } = capturingFetch();
    await signedFetch('https://api.example/a', { method: 'POST', body: 'hello' });
    await signedFetch(new URL('https://api.example/b'));
    expect(seen).toHaveLength(2);
    const store = createMemoryReplayStore({ now: () => 0 });
    for (const request of seen) {
      expect((await verifyRequest(request, { resolveKey, replayStore: store })).clientId).toBe(
        'alice',
      );
    }
  });

  const bytes = new TextEncoder().encode('xx{"n":1}xx');
  const bodies: Array<[string, () => BodyInit, string]> = [
    ['a string, typed by Fetch as text/plain', () => '{"n":1}', 'text/plain;charset=utf-8'],
    ['a Uint8Array inside a larger buffer', () => bytes.subarray(2, 9), ''],
    ['an ArrayBuffer', () => bytes.slice(2, 9).buffer, ''],
    ['a DataView', () => new DataView(bytes.buffer, 2, 7), ''],
    ['a Blob (through signRequest)', () => new Blob(['{"n":1}'], { type: 'x/y' }), 'x/y'],
    [
      'URLSearchParams (through signRequest)',
      () => new URLSearchParams({ n: '1' }),
      'application/x-www-form-urlencoded;charset=utf-8',
    ],
  ];
  it.each(bodies)('signs a body given as %s, as fetch sends it', async (_kind, body, type) => {
    const { seen, signedFetch } = capturingFetch();
    await signedFetch('https://api.example/orders', { method: 'post', body: body() });
    const [sent] = seen;
    expect(sent!.method).toBe('POST');
    expect((sent!.headers.get('content-type') ?? '').toLowerCase()).toBe(type);
    expect(await verifiedSender(sent!.clone())).toBe('alice');
    expect(await sent!.text()).toBe(body() instanceof URLSearchParams ? 'n=1' : '{"n":1}');
  });

  it('sends the bytes it signed, even if the caller changes its buffer meanwhile', async () => {
    const { seen, signedFetch } = capturingFetch();
    const buffer = new TextEncoder().encode('{"n":1}');
    const sending = signedFetch('https://api.example/orders', { method: 'POST', body: buffer });
    buffer.fill(0x20);
    await sending;
    expect(await verifiedSender(seen[0]!.clone())).toBe('alice');
    expect(await seen[0]!.text()).toBe('{"n":1}');
  });

  it("keeps a Request input's own fields and options, and signs a Request's own body too", async () => {
    const { seen, signedFetch } = capturingFetch();
    const base = new Request('https://api.example/orders', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-keep': 'yes' },
      redirect: 'manual',
    });
    await signedFetch(base, { body: '{"n":1}' });
    await signedFetch(new Request(base, { body: '{"n":2}' }));
    for (const [i, sent] of seen.entries()) {
      expect(sent.method).toBe('PUT');
      expect(sent.redirect).toBe('manual');
      expect(sent.headers.get('x-keep')).toBe('yes');
      expect(sent.headers.get('content-type')).toBe('application/json');
      expect(await verifiedSender(sent.clone())).toBe('alice');
      expect(await sent.text()).toBe(`{"n":${i + 1}}`);
    }
  });

  it("keeps the caller's fields with a URL input, with the default coverage and with extra components", async () => {
    const seen: Request[] = [];
    const signer = (components?: string[]) =>
      createSignedFetch({
        clientId: 'alice',
        privateKey: keyPair.privateKey,
        ...(components ? { components } : {}),
        fetch: (input, init) => {
          seen.push(new Request(input, init));
          return Promise.resolve(new Response('ok'));
        },
      });
    const init = {
      method: 'PATCH',
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Trace', ' t-1 '],
      ] as Array<[string, string]>,
      body: '{"n":1}',
    };
    await signer()('https://api.example/orders/7', init);
    await signer(['x-trace'])('https://api.example/orders/7', init);
    for (const sent of seen) {
      expect(sent.url).toBe('https://api.example/orders/7');
      expect(sent.headers.get('content-type')).toBe('application/json');
      expect(sent.headers.get('x-trace')).toBe('t-1');
      expect(await verifiedSender(sent.clone())).toBe('alice');
    }
    expect(seen[0]!.headers.get('signature-input')).not.toContain('"x-trace"');
    expect(seen[1]!.headers.get('signature-input')).toContain('"x-trace"');
  });

  it('signs what fetch sends when the caller gives stale signature fields and untrimmed values', async () => {
    const { seen, signedFetch } = capturingFetch();
    await signedFetch('https://api.example/orders', {
      method: 'POST',
      headers: { 'Content-Type': ' application/json\t', Signature: 'stale=:AA==:' },
      body: '{"n":1}',
    });
    const [sent] = seen;
    expect(sent!.headers.get('content-type')).toBe('application/json');
    expect(sent!.headers.get('signature')).toMatch(/^datafold=:/);
    expect(await verifiedSender(sent!.clone())).toBe('alice');
  });

  it('checks its options when it is created', () => {
    expect(() => createSignedFetch({ clientId: '', privateKey: keyPair.privateKey })).toThrow(
      expect.objectContaining({ code: 'INVALID_CLIENT_ID' }),
    );
  });

  it('answers a 401 with the Accept-Signature the spec fixes', () => {
    expect(ACCEPT_SIGNATURE).toBe(
      'datafold=("@method" "@target-uri" "content-digest");tag="datafold-request-v1";alg="ed25519"',
    );
  });
});
