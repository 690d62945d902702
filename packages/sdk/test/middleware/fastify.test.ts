// What only the Fastify plugin does: its body parsers stay within Fastify's bodyLimit and keep
// Fastify's JSON protections; it can be registered in several scopes; it takes no request before
// its replay store accepts signatures; `request.datafold` is typed.
import Fastify, { type FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';

import type { ResolvedRequestKey, VerifiedRequest } from '../../src/http-signatures/index.js';
import { signedRequestsPlugin } from '../../src/middleware/fastify.js';
import { startFastifyApp, type RunningApp } from './support/apps.js';
import { send } from './support/send.js';
import { activeClient, signedParts, type TestClient } from './support/signing.js';

let alice: TestClient;
let resolveKey: (id: string) => Promise<ResolvedRequestKey>;
beforeAll(async () => {
  ({ client: alice, resolveKey } = await activeClient());
});

describe('signedRequestsPlugin (Fastify)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startFastifyApp({ resolveKey }, 64);
  });
  afterAll(() => app?.close());

  it("keeps Fastify's bodyLimit: a larger body is refused before any check", async () => {
    const url = `${app.url}/api/orders`;
    const big = await signedParts(url, alice, {
      body: JSON.stringify({ pad: 'x'.repeat(64) }),
      contentType: 'application/json',
    });
    expect((await send(url, big)).status).toBe(413);
  });

  it("keeps Fastify's JSON protections: __proto__ is refused", async () => {
    const url = `${app.url}/api/orders`;
    const parts = await signedParts(url, alice, {
      body: '{"__proto__":{"x":1}}',
      contentType: 'application/json',
    });
    expect((await send(url, parts)).status).toBe(400);
  });

  it('gives text/plain routes a string', async () => {
    const url = `${app.url}/api/orders`;
    const parts = await signedParts(url, alice, { body: 'héllo', contentType: 'text/plain' });
    expect(await send(url, parts)).toMatchObject({ status: 200, body: { body: 'héllo' } });
  });

  it('can wrap two scopes of one app', async () => {
    const two = Fastify({ logger: false });
    for (const prefix of ['/a', '/b']) {
      await two.register(
        async (scope) => {
          await scope.register(signedRequestsPlugin, { resolveKey });
          scope.get('/me', (request) => ({ clientId: request.datafold?.clientId }));
        },
        { prefix },
      );
    }
    await two.ready();
    const unsigned = await two.inject({ method: 'GET', url: '/b/me' });
    expect(unsigned.statusCode).toBe(401);
    await two.close();
  });

  it('takes requests only once its replay store accepts what is signed: none signed at boot is refused', async () => {
    // Its memory store refuses signatures created before its birth, rounded up to the second
    // (spec §3.1); the registration waits that second out, so a request signed as soon as the
    // app listens is accepted. Without the wait this fails in all but the rare boot that lands
    // on a whole second.
    const fresh = await startFastifyApp({ resolveKey });
    try {
      const url = `${fresh.url}/api/me`;
      expect(await send(url, await signedParts(url, alice))).toMatchObject({ status: 200 });
    } finally {
      await fresh.close();
    }
  });

  it('types request.datafold', () => {
    expectTypeOf<FastifyRequest['datafold']>().toEqualTypeOf<VerifiedRequest | undefined>();
  });
});
