// The middleware with a real datafold-server as its key source (serverUrl): a registered key is
// accepted, an unregistered one refused; after a revocation the key is refused once the TTL has
// passed (spec/http-message-signatures-v1.md §3.2: the bound is the TTL, so the test waits it out
// and asserts nothing about how fast); a server that cannot be reached is 503, never acceptance.
import { freePort, startDatafoldServer, type DatafoldServer } from '@datafold/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { bytesToHex } from '../../src/encoding/hex.js';
import { createSignedFetch } from '../../src/http-signatures/index.js';
import { generateKeyPair } from '../../src/keys/generate-key-pair.js';
import { createServerIntegration } from '../../src/server-client/server-integration.js';
import { APPS, type Echo, type RunningApp } from './support/apps.js';
import { send } from './support/send.js';
import { expectRefusal, signedParts } from './support/signing.js';

const TTL_SECONDS = 1;

let server: DatafoldServer;
beforeAll(async () => {
  server = await startDatafoldServer();
});
afterAll(() => server?.stop());

const uniqueId = (prefix: string) =>
  `${prefix}-${bytesToHex(crypto.getRandomValues(new Uint8Array(6)))}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(APPS)('%s with a datafold-server as the key source', (_name, start) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await start({ serverUrl: server.url, ttlSeconds: TTL_SECONDS });
  });
  afterAll(() => app?.close());

  it('accepts a registered key, and refuses it after revocation once the TTL has passed', async () => {
    const integration = createServerIntegration({ baseUrl: server.url });
    const keyPair = await generateKeyPair();
    const clientId = uniqueId('shop');
    await integration.registerKeyPair(keyPair, { clientId });

    const signedFetch = createSignedFetch({ clientId, privateKey: keyPair.privateKey });
    const res = await signedFetch(`${app.url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ item: 'tea' }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()) as Echo).toMatchObject({ clientId, body: { item: 'tea' } });

    await integration.revokeRegistration({ clientId, keyPair, reason: 'laptop lost' });
    await sleep(TTL_SECONDS * 1000 + 100);
    const afterTtl = await send(
      `${app.url}/api/me`,
      await signedParts(`${app.url}/api/me`, { clientId, keyPair }),
    );
    expectRefusal(afterTtl, 'REQUEST_SIGNATURE_INACTIVE_KEY');
  });

  it('refuses a client the server has never registered', async () => {
    const keyPair = await generateKeyPair();
    const answer = await send(
      `${app.url}/api/me`,
      await signedParts(`${app.url}/api/me`, { clientId: uniqueId('ghost'), keyPair }),
    );
    expectRefusal(answer, 'REQUEST_SIGNATURE_UNKNOWN_KEY');
  });

  it('answers 503 with Retry-After when the key server cannot be reached', async () => {
    const down = await start({ serverUrl: `http://127.0.0.1:${await freePort()}` });
    try {
      const keyPair = await generateKeyPair();
      const answer = await send(
        `${down.url}/api/me`,
        await signedParts(`${down.url}/api/me`, { clientId: 'anyone', keyPair }),
      );
      expectRefusal(answer, 'SERVICE_UNAVAILABLE');
    } finally {
      await down.close();
    }
  });
});
