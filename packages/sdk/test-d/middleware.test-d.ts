// The two middleware entry points, as an application codes against them: the Fastify plugin
// registers with its options and types `request.datafold`; the Express/Connect middleware is an
// Express handler whose `req.datafold` carries the verified signer; both take the same options.
import type { VerifiedRequest } from '@datafold/js-sdk';
import {
  keepRawBody,
  signedRequestsMiddleware,
  type SignedRequestsMiddlewareOptions,
} from '@datafold/js-sdk/express';
import {
  createDataFoldKeyResolver,
  signedRequestsPlugin,
  type RequestKeyResolver,
  type SignedRequestsOptions,
} from '@datafold/js-sdk/fastify';
import express from 'express';
import Fastify, { type FastifyRequest } from 'fastify';
import { expectTypeOf } from 'vitest';

// Fastify: the plugin registers with its options, and the route sees the verified signer.
const app = Fastify();
void app.register(signedRequestsPlugin, { serverUrl: 'https://keys.example', ttlSeconds: 5 });
expectTypeOf<FastifyRequest['datafold']>().toEqualTypeOf<VerifiedRequest | undefined>();
// @ts-expect-error the options are checked: ttlSeconds is a number of seconds
void app.register(signedRequestsPlugin, { serverUrl: 'https://keys.example', ttlSeconds: '5' });

// The key source: a DataFold server, or any resolver of the same type.
expectTypeOf(createDataFoldKeyResolver).returns.toEqualTypeOf<RequestKeyResolver>();
expectTypeOf<SignedRequestsOptions['resolveKey']>().toEqualTypeOf<RequestKeyResolver | undefined>();

// Express: the middleware is a handler, configured like the plugin plus a body limit.
const web = express();
web.use(express.json({ verify: keepRawBody }));
web.use(signedRequestsMiddleware({ serverUrl: 'https://keys.example', bodyLimit: 1 << 20 }));
expectTypeOf<SignedRequestsMiddlewareOptions>().toExtend<SignedRequestsOptions>();
expectTypeOf(keepRawBody).parameters.toEqualTypeOf<
  [req: object, _res: unknown, bytes: Uint8Array]
>();
web.post('/orders', (req, res) => {
  expectTypeOf(req.datafold).toEqualTypeOf<VerifiedRequest | undefined>();
  res.json({ from: req.datafold?.clientId });
});
