// What only the Express middleware does: read the content itself within bodyLimit, and refuse to
// guess when a body parser ran before it without keeping the bytes.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ResolvedRequestKey } from '../../src/http-signatures/index.js';
import { signedRequestsMiddleware } from '../../src/middleware/express.js';
import { startExpressApp, type RunningApp } from './support/apps.js';
import { send } from './support/send.js';
import { activeClient, signedParts, type TestClient } from './support/signing.js';

let alice: TestClient;
let resolveKey: (id: string) => Promise<ResolvedRequestKey>;
beforeAll(async () => {
  ({ client: alice, resolveKey } = await activeClient());
});

describe('signedRequestsMiddleware (Express)', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startExpressApp({ resolveKey, bodyLimit: 64 }, 'middleware-first');
  });
  afterAll(() => app?.close());

  it('reads at most bodyLimit bytes itself: more is 413 PAYLOAD_TOO_LARGE, before any check', async () => {
    const url = `${app.url}/api/orders`;
    const big = await signedParts(url, alice, { body: 'x'.repeat(65), contentType: 'text/plain' });
    const answer = await send(url, big);
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ success: false, error: { code: 'PAYLOAD_TOO_LARGE' } });

    const fits = await signedParts(url, alice, { body: 'x'.repeat(64), contentType: 'text/plain' });
    expect(await send(url, fits)).toMatchObject({ status: 200, body: { body: '64 bytes' } });
  });

  it('refuses signed JSON that does not parse, after verifying it, as INVALID_REQUEST', async () => {
    const url = `${app.url}/api/orders`;
    const parts = await signedParts(url, alice, {
      body: '{"item":',
      contentType: 'application/json',
    });
    const answer = await send(url, parts);
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } });
  });

  it('never accepts content a body parser consumed without keepRawBody', async () => {
    const bare = express();
    bare.use(express.json());
    bare.use(signedRequestsMiddleware({ resolveKey }));
    bare.post('/x', (_req, res) => {
      res.json({ reached: true });
    });
    const errors: unknown[] = [];
    bare.use(
      (
        error: unknown,
        _req: express.Request,
        res: express.Response,
        _next: express.NextFunction,
      ) => {
        errors.push(error);
        res.status(500).json({ reached: false });
      },
    );
    const server = await new Promise<Server>((resolve) => {
      const s = bare.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
      const parts = await signedParts(url, alice, {
        body: '{"a":1}',
        contentType: 'application/json',
      });
      expect(await send(url, parts)).toMatchObject({ status: 500, body: { reached: false } });
      expect(String(errors[0])).toMatch(/keepRawBody/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
