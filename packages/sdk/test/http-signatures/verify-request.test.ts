import { describe, expect, it, vi } from 'vitest';
import { generateKeyPair } from '../../src/keys/index.js';
import type { HttpMessageParts } from '../../src/http-signatures/http-message.js';
import {
  createMemoryReplayStore,
  type ReplayStore,
} from '../../src/http-signatures/replay-store.js';
import { RequestSignatureError } from '../../src/http-signatures/request-signature-error.js';
import { signatureHeaders } from '../../src/http-signatures/signature-headers.js';
import {
  verifyHttpMessage,
  type ResolvedRequestKey,
  type VerifyRequestOptions,
} from '../../src/http-signatures/verify-http-message.js';
import { verifyRequest } from '../../src/http-signatures/verify-request.js';
import { signRequest } from '../../src/http-signatures/sign-request.js';

const NOW = 1_800_000_000_000;
const keyPair = await generateKeyPair();
const other = await generateKeyPair();
const body = new TextEncoder().encode('{"n":1}');

async function signedMessage(
  overrides: Partial<HttpMessageParts> = {},
  signing: { now?: () => number; privateKey?: Uint8Array; nonce?: string } = {},
): Promise<HttpMessageParts & { headers: Record<string, string> }> {
  const message = {
    method: 'POST',
    targetUri: 'https://api.example/v1/orders?x=1',
    headers: { 'content-type': 'application/json' } as Record<string, string>,
    body,
    ...overrides,
  };
  const fields = await signatureHeaders(message, {
    clientId: 'alice',
    privateKey: signing.privateKey ?? keyPair.privateKey,
    now: signing.now ?? (() => NOW),
    ...(signing.nonce === undefined ? {} : { nonce: signing.nonce }),
  });
  return { ...message, headers: { ...(message.headers as Record<string, string>), ...fields } };
}

function options(
  key: ResolvedRequestKey = { status: 'active', publicKey: keyPair.publicKey },
  store: ReplayStore = { ...createMemoryReplayStore({ now: () => NOW }), notBefore: 0 },
): VerifyRequestOptions & { lookups: () => number } {
  let lookups = 0;
  return {
    resolveKey: () => {
      lookups++;
      return Promise.resolve(key);
    },
    replayStore: store,
    now: () => NOW,
    lookups: () => lookups,
  };
}

/** The refusal `promise` ends in; fails the test if it resolves or throws something else. */
async function errorOf(promise: Promise<unknown>): Promise<RequestSignatureError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RequestSignatureError))
    throw new Error('expected a RequestSignatureError');
  return error;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof RequestSignatureError) return error.code;
    throw error;
  }
}

describe('verifyHttpMessage: the order of spec §3', () => {
  it('answers CONTENT_DIGEST_MISMATCH, not UNKNOWN_KEY, for a bad digest and an unknown key, and looks up nothing', async () => {
    const message = await signedMessage();
    const opts = options({ status: 'unknown' });
    expect(await codeOf(verifyHttpMessage({ ...message, body: new Uint8Array([1]) }, opts))).toBe(
      'CONTENT_DIGEST_MISMATCH',
    );
    expect(opts.lookups()).toBe(0);
  });

  it('answers time before content before key: an expired request with a bad digest is EXPIRED', async () => {
    const message = await signedMessage({}, { now: () => NOW - 200_000 });
    const opts = options({ status: 'unknown' });
    expect(await codeOf(verifyHttpMessage({ ...message, body: new Uint8Array([1]) }, opts))).toBe(
      'REQUEST_SIGNATURE_EXPIRED',
    );
    expect(opts.lookups()).toBe(0);
  });

  it('does not spend the nonce on an invalid signature', async () => {
    const forged = await signedMessage({}, { privateKey: other.privateKey, nonce: 'A'.repeat(22) });
    const genuine = await signedMessage({}, { nonce: 'A'.repeat(22) });
    const opts = options();
    expect(await codeOf(verifyHttpMessage(forged, opts))).toBe('REQUEST_SIGNATURE_INVALID');
    expect(await codeOf(verifyHttpMessage(genuine, opts))).toBe('ok');
    expect(await codeOf(verifyHttpMessage(genuine, opts))).toBe('REQUEST_SIGNATURE_REPLAYED');
  });

  it('does not spend the nonce of an inactive key, nor ask the store', async () => {
    const message = await signedMessage();
    const remember = vi.fn(() => Promise.resolve('new' as const));
    await expect(
      verifyHttpMessage(message, options({ status: 'inactive' }, { notBefore: 0, remember })),
    ).rejects.toMatchObject({ code: 'REQUEST_SIGNATURE_INACTIVE_KEY', httpStatus: 401 });
    expect(remember).not.toHaveBeenCalled();
  });

  it('records the nonce under clientId and nonce until created + maxAge + skew', async () => {
    const message = await signedMessage({}, { nonce: 'N'.repeat(22) });
    const remember = vi.fn(() => Promise.resolve('new' as const));
    await verifyHttpMessage(message, {
      ...options(),
      replayStore: { remember },
      maxAge: 100,
      clockSkew: 10,
    });
    expect(remember).toHaveBeenCalledWith(
      `alice\n${'N'.repeat(22)}`,
      (Math.floor(NOW / 1000) + 110) * 1000,
    );
  });

  it('fails closed with REPLAY_STORE_UNAVAILABLE and Retry-After when the store throws', async () => {
    const message = await signedMessage();
    const error = await errorOf(
      verifyHttpMessage(message, {
        ...options(),
        replayStore: { remember: () => Promise.reject(new Error('ECONNREFUSED')) },
      }),
    );
    expect(error).toBeInstanceOf(RequestSignatureError);
    expect(error).toMatchObject({
      code: 'REPLAY_STORE_UNAVAILABLE',
      httpStatus: 503,
      headers: { 'retry-after': '1' },
      details: { retry_after_seconds: 1 },
    });
  });

  it('carries Accept-Signature on 401 answers and nothing on 400 answers', async () => {
    const missing = await errorOf(
      verifyHttpMessage(
        { method: 'GET', targetUri: 'https://api.example/', headers: {} },
        options(),
      ),
    );
    expect(missing.code).toBe('REQUEST_SIGNATURE_MISSING');
    expect(missing.headers['accept-signature']).toContain('tag="datafold-request-v1"');
    const malformed = await errorOf(
      verifyHttpMessage(
        { method: 'GET', targetUri: 'https://api.example/', headers: { 'signature-input': '(' } },
        options(),
      ),
    );
    expect(malformed.code).toBe('REQUEST_SIGNATURE_MALFORMED');
    expect(malformed.headers).toEqual({});
  });

  it('says nothing in UNKNOWN_KEY or INACTIVE_KEY beyond the code', async () => {
    const message = await signedMessage();
    for (const status of ['unknown', 'inactive'] as const) {
      const error = await errorOf(verifyHttpMessage(message, options({ status })));
      expect(error.message).not.toContain('alice');
      expect(error.details).toEqual({});
    }
  });
});

describe('verifyHttpMessage: time (spec §3 step 6)', () => {
  const at = async (createdOffsetS: number, verifyOptions: Partial<VerifyRequestOptions> = {}) =>
    codeOf(
      verifyHttpMessage(await signedMessage({}, { now: () => NOW + createdOffsetS * 1000 }), {
        ...options(),
        ...verifyOptions,
      }),
    );

  it('accepts up to the skew in the future and refuses beyond it', async () => {
    expect(await at(30)).toBe('ok');
    expect(await at(31)).toBe('REQUEST_SIGNATURE_NOT_YET_VALID');
    expect(await at(5, { clockSkew: 0 })).toBe('REQUEST_SIGNATURE_NOT_YET_VALID');
  });

  it('refuses an expired signature, within what the skew allows', async () => {
    expect(await at(-90)).toBe('ok'); // expires = created + 60, plus 30 s skew
    expect(await at(-91)).toBe('REQUEST_SIGNATURE_EXPIRED');
    expect(await at(-91, { clockSkew: 300 })).toBe('ok');
    expect(await at(-301, { clockSkew: 0, maxAge: 300 })).toBe('REQUEST_SIGNATURE_EXPIRED');
  });

  it('refuses as TOO_OLD a signature created before the memory store was born', async () => {
    const message = await signedMessage({}, { now: () => NOW - 1000 });
    const store = createMemoryReplayStore({ now: () => NOW });
    expect(store.notBefore).toBe(NOW / 1000);
    expect(await codeOf(verifyHttpMessage(message, options(undefined, store)))).toBe(
      'REQUEST_SIGNATURE_TOO_OLD',
    );
  });

  it.each([
    [{ maxAge: 0 }],
    [{ maxAge: 3601 }],
    [{ maxAge: 1.5 }],
    [{ clockSkew: -1 }],
    [{ clockSkew: 301 }],
  ])('refuses the verifier option %o', async (bad) => {
    await expect(
      verifyHttpMessage(await signedMessage(), { ...options(), ...bad }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});

describe('verifyHttpMessage: bounds and form (spec §3 steps 1-5)', () => {
  const malformedWith = async (headers: Record<string, string>) => {
    const message = await signedMessage();
    return codeOf(
      verifyHttpMessage({ ...message, headers: { ...message.headers, ...headers } }, options()),
    );
  };

  it('refuses fields over 8,192 bytes before parsing them', async () => {
    expect(await malformedWith({ signature: `x=${'a'.repeat(8191)}` })).toBe(
      'REQUEST_SIGNATURE_MALFORMED',
    );
  });

  it('refuses more than 32 covered components and identifiers over 128 characters', async () => {
    const message = await signedMessage();
    const many = Array.from({ length: 33 }, (_, i) => `"h${i}"`).join(' ');
    const input = message.headers['signature-input']!.replace(
      /^datafold=\([^)]*\)/,
      `datafold=(${many})`,
    );
    expect(await malformedWith({ 'signature-input': input })).toBe('REQUEST_SIGNATURE_MALFORMED');
    const long = message.headers['signature-input']!.replace(
      '"@method"',
      `"@method" "${'x'.repeat(129)}"`,
    );
    expect(await malformedWith({ 'signature-input': long, ['x'.repeat(129)]: 'v' })).toBe(
      'REQUEST_SIGNATURE_MALFORMED',
    );
  });

  it('refuses a component identifier that is a token, not a string', async () => {
    const message = await signedMessage();
    const input = message.headers['signature-input']!.replace('"@method"', 'method');
    expect(await malformedWith({ 'signature-input': input })).toBe('REQUEST_SIGNATURE_MALFORMED');
  });

  it('requires content-digest coverage for Content-Length or Transfer-Encoding without a body', async () => {
    const message = await signedMessage({ method: 'GET', body: undefined });
    const extras: Array<Record<string, string>> = [
      { 'content-length': '5' },
      { 'transfer-encoding': 'chunked' },
    ];
    for (const extra of extras) {
      expect(
        await codeOf(
          verifyHttpMessage({ ...message, headers: { ...message.headers, ...extra } }, options()),
        ),
      ).toBe('REQUEST_SIGNATURE_INSUFFICIENT_COVERAGE');
    }
    expect(
      await codeOf(
        verifyHttpMessage(
          { ...message, headers: { ...message.headers, 'content-length': '0' } },
          options(),
        ),
      ),
    ).toBe('ok');
  });

  it('refuses a target URI that is not absolute as a bad argument, not a bad signature', async () => {
    const message = await signedMessage();
    await expect(
      verifyHttpMessage({ ...message, targetUri: '/v1/orders' }, options()),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});

describe('verifyRequest', () => {
  it('verifies behind a proxy against publicUrl, and refuses without it', async () => {
    const signed = await signRequest(
      new Request('https://api.example/v1/x?y=1', { method: 'POST', body: 'z' }),
      { clientId: 'alice', privateKey: keyPair.privateKey },
    );
    const seenByApp = new Request('http://10.0.0.5:8080/v1/x?y=1', {
      method: 'POST',
      headers: signed.headers,
      body: await signed.arrayBuffer(),
    });
    const opts = { ...options(), now: Date.now };
    expect(await codeOf(verifyRequest(seenByApp, opts))).toBe('REQUEST_SIGNATURE_INVALID');
    expect(
      (await verifyRequest(seenByApp, { ...opts, publicUrl: 'https://api.example/ignored/path' }))
        .clientId,
    ).toBe('alice');
  });

  it('refuses a request whose body was already read', async () => {
    const request = new Request('https://api.example/', { method: 'POST', body: 'x' });
    await request.text();
    await expect(verifyRequest(request, options())).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});
