// The two real apps the middleware tests send requests to, listening on 127.0.0.1: a Fastify app
// with the plugin registered in one scope (and a route outside it), and an Express app with the
// middleware mounted on /api, in either body-parser order.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import Fastify from 'fastify';

import { keepRawBody, signedRequestsMiddleware } from '../../../src/middleware/express.js';
import { signedRequestsPlugin } from '../../../src/middleware/fastify.js';
import type { SignedRequestsOptions } from '../../../src/middleware/signed-requests-options.js';

export interface RunningApp {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

/** What the protected routes answer: the verified client and the body the route received. */
export interface Echo {
  clientId: string;
  coveredComponents: string[];
  body: unknown;
}

/**
 * Fastify: `/api/*` and `/v1/*` behind the plugin (registered inside a scope), `/open` outside it. `bodyLimit`
 * is Fastify's own.
 */
export async function startFastifyApp(
  options: SignedRequestsOptions,
  bodyLimit?: number,
): Promise<RunningApp> {
  const app = Fastify({ logger: false, ...(bodyLimit === undefined ? {} : { bodyLimit }) });
  await app.register(async (api) => {
    await api.register(signedRequestsPlugin, options);
    // Another content type, passed through as bytes: the plugin checks them.
    api.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_r, body, done) =>
      done(null, body),
    );
    const echo = (request: {
      datafold?: { clientId: string; coveredComponents: string[] };
      body: unknown;
    }): Echo => ({
      clientId: request.datafold!.clientId,
      coveredComponents: request.datafold!.coveredComponents,
      body: request.body instanceof Uint8Array ? `${request.body.length} bytes` : request.body,
    });
    api.get('/api/me', (request) => echo(request));
    api.post('/api/orders', (request) => echo(request));
    // Any method and path under /v1, for the shared vectors' requests.
    api.all('/v1/*', (request) => echo(request));
  });
  app.get('/open', (request) => ({ datafold: request.datafold ?? null }));
  // No wait for the store's birth: the plugin's registration waits for it (fastify.ts).
  await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    close: () => app.close(),
  };
}

/**
 * Express: the middleware on `/api` and `/v1`, with express.json() before it (`parserFirst`, keeping the
 * bytes through keepRawBody) or after it; `/open` is not behind it.
 */
export async function startExpressApp(
  options: SignedRequestsOptions & { bodyLimit?: number },
  order: 'parser-first' | 'middleware-first',
): Promise<RunningApp> {
  const app = express();
  app.get('/open', (req, res) => {
    res.json({ datafold: req.datafold ?? null });
  });
  if (order === 'parser-first') {
    app.use(express.json({ verify: keepRawBody }));
    app.use(['/api', '/v1'], signedRequestsMiddleware(options));
  } else {
    app.use(['/api', '/v1'], signedRequestsMiddleware(options));
    app.use(express.json());
  }
  const echo = (req: express.Request): Echo => ({
    clientId: req.datafold!.clientId,
    coveredComponents: req.datafold!.coveredComponents,
    body: req.body instanceof Uint8Array ? `${req.body.length} bytes` : (req.body as unknown),
  });
  app.get('/api/me', (req, res) => {
    res.json(echo(req));
  });
  app.post('/api/orders', (req, res) => {
    res.json(echo(req));
  });
  app.all('/v1/*path', (req, res) => {
    res.json(echo(req));
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  await storeBorn(options);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * Waits out the second in which the Express middleware's default memory replay store was born: the store
 * refuses signatures created before it (spec §3.1), and `created` counts whole seconds.
 */
async function storeBorn(options: SignedRequestsOptions): Promise<void> {
  if (options.replayStore !== undefined) return;
  await new Promise((resolve) => setTimeout(resolve, 1_000 - (Date.now() % 1_000) + 10));
}

/** Both apps with the same options, for tests that run against each. */
export const APPS = [
  ['fastify', (o: SignedRequestsOptions) => startFastifyApp(o)],
  [
    'express, express.json() first',
    (o: SignedRequestsOptions) => startExpressApp(o, 'parser-first'),
  ],
  [
    'express, middleware first',
    (o: SignedRequestsOptions) => startExpressApp(o, 'middleware-first'),
  ],
] as const;
