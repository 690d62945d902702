// The remote key resolver against a stand-in fetch: each answer of the status route maps to the
// right resolution, failures are SERVICE_UNAVAILABLE, answers are cached and lookups coalesced.
// (key-source.test.ts runs it against a real datafold-server.)
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';

import { ServerIntegrationError } from '../../src/errors/datafold-error.js';
import { createSignedFetch } from '../../src/http-signatures/index.js';
import { signedRequestsPlugin } from '../../src/middleware/fastify.js';
import { createDataFoldKeyResolver } from '../../src/middleware/key-resolver.js';
import { activeClient } from './support/signing.js';

const KEY_HEX = 'ab'.repeat(32);

function registration(status: string) {
  return {
    registration_id: '00000000-0000-4000-8000-000000000001',
    client_id: 'alice',
    public_key: KEY_HEX,
    key_name: null,
    registered_at: '2026-01-01T00:00:00.000Z',
    status,
    last_used: null,
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A fetch answering from `answer(url)`, counting its calls. */
function fakeFetch(answer: (url: string) => Response | Promise<Response>) {
  const calls: string[] = [];
  const fetch: typeof globalThis.fetch = (input) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    calls.push(url);
    return Promise.resolve(answer(url));
  };
  return { fetch, calls };
}

describe('createDataFoldKeyResolver', () => {
  it('maps active, inactive and unknown registrations', async () => {
    const { fetch, calls } = fakeFetch((url) => {
      if (url.endsWith('/alice')) return json(200, { success: true, data: registration('active') });
      if (url.endsWith('/bob')) return json(200, { success: true, data: registration('revoked') });
      return json(404, {
        success: false,
        error: { code: 'CLIENT_NOT_FOUND', message: 'no', details: {} },
      });
    });
    const resolveKey = createDataFoldKeyResolver({ serverUrl: 'http://keys.test/', fetch });
    expect(await resolveKey('alice')).toEqual({
      status: 'active',
      publicKey: new Uint8Array(32).fill(0xab),
    });
    expect(await resolveKey('bob')).toEqual({ status: 'inactive' });
    expect(await resolveKey('carol:x')).toEqual({ status: 'unknown' });
    expect(calls).toEqual([
      'http://keys.test/api/crypto/keys/status/alice',
      'http://keys.test/api/crypto/keys/status/bob',
      'http://keys.test/api/crypto/keys/status/carol%3Ax',
    ]);
  });

  it('throws SERVICE_UNAVAILABLE with a retry hint when the server cannot answer', async () => {
    const answers: Array<() => Response | Promise<Response>> = [
      () =>
        json(500, { success: false, error: { code: 'INTERNAL_ERROR', message: 'x', details: {} } }),
      () =>
        json(503, {
          success: false,
          error: { code: 'DATABASE_UNAVAILABLE', message: 'x', details: {} },
        }),
      () =>
        json(401, {
          success: false,
          error: { code: 'REQUEST_SIGNATURE_MISSING', message: 'x', details: {} },
        }),
      () => json(200, { success: true, data: { ...registration('active'), public_key: 'abcd' } }),
      () => new Response('<html>proxy</html>', { status: 200 }),
      () => Promise.reject(new TypeError('fetch failed')),
    ];
    for (const answer of answers) {
      const { fetch } = fakeFetch(answer);
      const resolveKey = createDataFoldKeyResolver({ serverUrl: 'http://keys.test', fetch });
      const error = await resolveKey('alice').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServerIntegrationError);
      expect(error).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        httpStatus: 503,
        details: { retry_after_seconds: 1 },
      });
    }
  });

  it('caches answers for ttlSeconds, positive and negative, and coalesces concurrent lookups', async () => {
    let now = 0;
    let status = 'active';
    const { fetch, calls } = fakeFetch(() =>
      json(200, { success: true, data: registration(status) }),
    );
    const resolveKey = createDataFoldKeyResolver({
      serverUrl: 'http://keys.test',
      fetch,
      ttlSeconds: 5,
      now: () => now,
    });
    await Promise.all([resolveKey('alice'), resolveKey('alice'), resolveKey('alice')]);
    expect(calls).toHaveLength(1);
    status = 'revoked';
    now += 4_999;
    expect((await resolveKey('alice')).status).toBe('active');
    now += 1;
    expect((await resolveKey('alice')).status).toBe('inactive');
    now += 4_999;
    expect((await resolveKey('alice')).status).toBe('inactive');
    expect(calls).toHaveLength(2);
  });

  it('does not cache a failure', async () => {
    let up = false;
    const { fetch, calls } = fakeFetch(() =>
      up
        ? json(200, { success: true, data: registration('active') })
        : Promise.reject(new TypeError('fetch failed')),
    );
    const resolveKey = createDataFoldKeyResolver({ serverUrl: 'http://keys.test', fetch });
    await expect(resolveKey('alice')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    up = true;
    expect((await resolveKey('alice')).status).toBe('active');
    expect(calls).toHaveLength(2);
  });

  it('refuses settings outside the stated bounds', () => {
    for (const ttlSeconds of [-1, 61, Number.NaN]) {
      expect(() =>
        createDataFoldKeyResolver({ serverUrl: 'http://keys.test', ttlSeconds }),
      ).toThrow(/ttlSeconds must be a number from 0 to 60/);
    }
    expect(() => createDataFoldKeyResolver({ serverUrl: 'ftp://keys.test' })).toThrow(/http/);
    expect(() =>
      createDataFoldKeyResolver({ serverUrl: 'http://keys.test', maxEntries: -1 }),
    ).toThrow(/maxEntries/);
  });

  it('asks through the fetch it is given: a signed fetch for a key server that requires signatures', async () => {
    // A stand-in key server whose status route itself requires signed requests (the plugin).
    const { client, resolveKey } = await activeClient('middleware-app');
    const keyServer = Fastify({ logger: false });
    await keyServer.register(async (api) => {
      await api.register(signedRequestsPlugin, {
        resolveKey,
        replayStore: { remember: () => Promise.resolve('new' as const) },
      });
      api.get('/api/crypto/keys/status/:id', () => ({
        success: true,
        data: registration('active'),
      }));
    });
    await keyServer.listen({ host: '127.0.0.1', port: 0 });
    const serverUrl = `http://127.0.0.1:${(keyServer.server.address() as AddressInfo).port}`;
    try {
      const unsigned = createDataFoldKeyResolver({ serverUrl });
      await expect(unsigned('alice')).rejects.toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        details: { reason: 'REQUEST_SIGNATURE_MISSING' },
      });
      const signed = createDataFoldKeyResolver({
        serverUrl,
        fetch: createSignedFetch({
          clientId: client.clientId,
          privateKey: client.keyPair.privateKey,
        }),
      });
      expect((await signed('alice')).status).toBe('active');
    } finally {
      await keyServer.close();
    }
  });
});
