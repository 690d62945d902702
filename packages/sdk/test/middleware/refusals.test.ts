// A real Fastify app and a real Express app (both body-parser orders) behind the middleware, sent
// requests over HTTP: signed ones reach the route with the verified client and the body the route
// expects; every refusal of spec/http-message-signatures-v1.md §4 reaches the caller with its status
// and the DataFold envelope. Keys come from an in-memory resolveKey here; key-source.test.ts uses a
// real datafold-server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ServerIntegrationError } from '../../src/errors/datafold-error.js';
import type { ErrorCode } from '../../src/errors/registry.js';
import {
  createMemoryReplayStore,
  createSignedFetch,
  type ResolvedRequestKey,
} from '../../src/http-signatures/index.js';
import { generateKeyPair } from '../../src/keys/generate-key-pair.js';
import type { Ed25519KeyPair } from '../../src/keys/types.js';
import type { SignedRequestsOptions } from '../../src/middleware/signed-requests-options.js';
import { APPS, type Echo, type RunningApp } from './support/apps.js';
import { codeOf, send } from './support/send.js';
import {
  expectRefusal,
  field,
  signedParts,
  withField,
  type SignedParts,
} from './support/signing.js';

let alice: { clientId: string; keyPair: Ed25519KeyPair };
let mallory: Ed25519KeyPair;
const keys = new Map<string, ResolvedRequestKey>();

beforeAll(async () => {
  alice = { clientId: 'alice', keyPair: await generateKeyPair() };
  mallory = await generateKeyPair();
  keys.set('alice', { status: 'active', publicKey: alice.keyPair.publicKey });
  keys.set('revoked-bob', { status: 'inactive' });
});

const resolveKey = (clientId: string) =>
  Promise.resolve(keys.get(clientId) ?? { status: 'unknown' as const });

const sendParts = (url: string, parts: SignedParts) => send(url, parts);

describe.each(APPS)('%s', (_name, start) => {
  let app: RunningApp;
  const startApp = (options: SignedRequestsOptions) => start(options);
  beforeAll(async () => {
    app = await startApp({ resolveKey });
  });
  afterAll(() => app?.close());

  const me = () => `${app.url}/api/me`;
  const orders = () => `${app.url}/api/orders`;
  const refused = async (
    parts: SignedParts | Promise<SignedParts>,
    code: ErrorCode,
    url = me(),
  ) => {
    const answer = await sendParts(url, await parts);
    expectRefusal(answer, code);
  };

  it('passes a request signed by createSignedFetch, with the verified client', async () => {
    const signedFetch = createSignedFetch({ ...alice, privateKey: alice.keyPair.privateKey });
    const res = await signedFetch(me());
    expect({ status: res.status, body: (await res.clone().json()) as unknown }).toMatchObject({
      status: 200,
    });
    expect((await res.json()) as Echo).toMatchObject({
      clientId: 'alice',
      coveredComponents: ['@method', '@target-uri'],
    });
  });

  it('passes a signed JSON body and gives the route the parsed JSON', async () => {
    const signedFetch = createSignedFetch({ ...alice, privateKey: alice.keyPair.privateKey });
    const res = await signedFetch(orders(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ item: 'tea', quantity: 2 }),
    });
    expect(res.status).toBe(200);
    const echo = (await res.json()) as Echo;
    expect(echo.body).toEqual({ item: 'tea', quantity: 2 });
    expect(echo.coveredComponents).toContain('content-digest');
  });

  it('passes signed content of another type, checking its bytes', async () => {
    const parts = await signedParts(orders(), alice, {
      body: new Uint8Array(300).fill(7),
      contentType: 'application/octet-stream',
    });
    const answer = await sendParts(orders(), parts);
    expect(answer.status).toBe(200);
    expect((answer.body as Echo).body).toBe('300 bytes');
  });

  it('leaves routes outside its scope alone', async () => {
    const answer = await send(`${app.url}/open`, {});
    expect(answer).toMatchObject({ status: 200, body: { datafold: null } });
  });

  it('refuses an unsigned request: REQUEST_SIGNATURE_MISSING', async () => {
    await refused({ method: 'GET', headers: [] }, 'REQUEST_SIGNATURE_MISSING');
  });

  it('refuses unparsable fields: REQUEST_SIGNATURE_MALFORMED', async () => {
    const parts = await signedParts(me(), alice);
    await refused(
      withField(parts, 'signature', 'datafold=:not base64!:'),
      'REQUEST_SIGNATURE_MALFORMED',
    );
  });

  it('refuses a signature that does not cover the method: REQUEST_SIGNATURE_INSUFFICIENT_COVERAGE', async () => {
    const parts = await signedParts(me(), alice);
    const input = field(parts, 'signature-input').replace(
      '("@method" "@target-uri")',
      '("@target-uri")',
    );
    await refused(
      withField(parts, 'signature-input', input),
      'REQUEST_SIGNATURE_INSUFFICIENT_COVERAGE',
    );
  });

  it('refuses signatures from the future, expired and too old', async () => {
    await refused(
      signedParts(me(), alice, { now: () => Date.now() + 600_000 }),
      'REQUEST_SIGNATURE_NOT_YET_VALID',
    );
    await refused(
      signedParts(me(), alice, { now: () => Date.now() - 600_000 }),
      'REQUEST_SIGNATURE_EXPIRED',
    );
    await refused(
      signedParts(me(), alice, { now: () => Date.now() - 600_000, expiresIn: 3_600 }),
      'REQUEST_SIGNATURE_TOO_OLD',
    );
  });

  it('refuses content that does not match Content-Digest: CONTENT_DIGEST_MISMATCH', async () => {
    const parts = await signedParts(orders(), alice, {
      body: '{"item":"tea"}',
      contentType: 'application/json',
    });
    await refused(
      { ...parts, body: new TextEncoder().encode('{"item":"gin"}') },
      'CONTENT_DIGEST_MISMATCH',
      orders(),
    );
  });

  it('refuses unknown, inactive and wrong keys', async () => {
    await refused(
      signedParts(me(), { clientId: 'nobody', keyPair: alice.keyPair }),
      'REQUEST_SIGNATURE_UNKNOWN_KEY',
    );
    await refused(
      signedParts(me(), { clientId: 'revoked-bob', keyPair: alice.keyPair }),
      'REQUEST_SIGNATURE_INACTIVE_KEY',
    );
    await refused(
      signedParts(me(), { clientId: 'alice', keyPair: mallory }),
      'REQUEST_SIGNATURE_INVALID',
    );
  });

  it('refuses a replay: REQUEST_SIGNATURE_REPLAYED', async () => {
    const parts = await signedParts(orders(), alice, {
      body: '{"n":1}',
      contentType: 'application/json',
    });
    expect((await sendParts(orders(), parts)).status).toBe(200);
    await refused(parts, 'REQUEST_SIGNATURE_REPLAYED', orders());
  });

  it('judges requests sent at once each on its own: one replay among them is refused', async () => {
    const once = () =>
      signedParts(orders(), alice, { body: '{"n":2}', contentType: 'application/json' });
    const twice = await once();
    const burst = [
      twice,
      twice,
      await once(),
      await once(),
      signedParts(me(), { clientId: 'alice', keyPair: mallory }),
    ];
    const answers = await Promise.all(
      burst.map(async (parts, i) => sendParts(i === 4 ? me() : orders(), await parts)),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.slice(2, 4)).toEqual([200, 200]);
    expect(statuses.slice(0, 2).sort()).toEqual([200, 401]);
    expectRefusal(answers[statuses[0] === 401 ? 0 : 1]!, 'REQUEST_SIGNATURE_REPLAYED');
    expectRefusal(answers[4]!, 'REQUEST_SIGNATURE_INVALID');
  });

  it('answers 503 with Retry-After when the replay store or the key source cannot answer', async () => {
    const failingStore = { remember: () => Promise.reject(new Error('store down')) };
    const noStore = await startApp({ resolveKey, replayStore: failingStore });
    const noKeys = await startApp({
      resolveKey: () =>
        Promise.reject(new ServerIntegrationError('SERVICE_UNAVAILABLE', 'key server down')),
    });
    try {
      const a = await sendParts(
        `${noStore.url}/api/me`,
        await signedParts(`${noStore.url}/api/me`, alice),
      );
      expectRefusal(a, 'REPLAY_STORE_UNAVAILABLE');
      const b = await sendParts(
        `${noKeys.url}/api/me`,
        await signedParts(`${noKeys.url}/api/me`, alice),
      );
      expectRefusal(b, 'SERVICE_UNAVAILABLE');
      // The store was never reached: a refusal by the key source spends no nonce.
    } finally {
      await Promise.all([noStore.close(), noKeys.close()]);
    }
  });

  it('checks the public origin when one is configured', async () => {
    const behindProxy = await startApp({ resolveKey, publicUrl: 'https://api.example' });
    try {
      const path = `${behindProxy.url}/api/me`;
      const asSeen = await signedParts('https://api.example/api/me', alice);
      expect((await sendParts(path, asSeen)).status).toBe(200);
      const local = await signedParts(path, alice);
      expect(codeOf(await sendParts(path, local))).toBe('REQUEST_SIGNATURE_INVALID');
    } finally {
      await behindProxy.close();
    }
  });

  it('records nonces in the replay store it is given', async () => {
    // Born a second ago, so a signature made now is not older than the store (spec §3.1).
    const store = createMemoryReplayStore({ now: () => Date.now() - 1_000 });
    const shared = await startApp({ resolveKey, replayStore: store });
    try {
      const parts = await signedParts(`${shared.url}/api/me`, alice);
      expect((await sendParts(`${shared.url}/api/me`, parts)).status).toBe(200);
      expect(
        await store.remember(
          `alice\n${/nonce="([^"]+)"/.exec(field(parts, 'signature-input'))![1]}`,
          Date.now() + 60_000,
        ),
      ).toBe('seen');
    } finally {
      await shared.close();
    }
  });
});
